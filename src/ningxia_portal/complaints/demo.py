"""Demo complaints of the demo ``enterprise`` (development.ini only): a few in each state,
some replied and one rated, over the demo centers 640000 and 640100 where the demo
``handler`` works.

Does nothing when the enterprise or the departments are missing, or complaints exist.
"""

from datetime import timedelta

from ningxia_portal.complaints.resources import Complaint
from ningxia_portal.complaints.workflow import FAIRLY_SATISFIED, complaint_workflow
from ningxia_portal.core.clock import get_clock
from ningxia_portal.workflow import system_permits

# (center, department, days ago, subject, content, moves: (transition, comment, score))
DEMO_COMPLAINTS = (
    (
        "640100",
        "scjg",
        0,
        "窗口办理食品经营许可时要求提供非清单材料",
        "本月在银川市市场监督管理局窗口办理食品经营许可，工作人员要求额外提供房屋产权证明原件，"
        "该材料不在公布的申请材料清单内，希望核实并规范。",
        (),
    ),
    (
        "640100",
        "scjg",
        3,
        "网上预审退回理由不明确",
        "我公司网上提交的申请被退回补正，但一次性告知书中未写明需要补正的具体内容。",
        (("take", "已受理，正在核实。", None),),
    ),
    (
        "640000",
        next,  # the region's first department
        8,
        "咨询电话长期无人接听",
        "自治区政务服务中心公布的咨询电话连续三个工作日无人接听。",
        (
            ("take", "", None),
            ("reply", "经核实，该号码线路故障已于当日修复，并已安排专人值守。感谢您的监督。", None),
        ),
    ),
    (
        "640100",
        "scjg",
        15,
        "办结时间超过承诺时限",
        "我公司申请的特种设备使用登记超过承诺的办理时限五个工作日仍未办结。",
        (
            ("take", "", None),
            ("reply", "经调查，因系统升级导致延误，已督促办结并向您致歉。", None),
            ("rate", "处理及时，但希望今后提前告知延误。", FAIRLY_SATISFIED),
        ),
    ),
)


def load_demo_complaints(root, registry):
    """Create the demo enterprise's complaints once; returns how many were added."""
    user = root["principals"].get("enterprise")
    handler = root["principals"].get("handler")
    complaints = root.get("complaints")
    if user is None or complaints is None or len(complaints):
        return 0
    clock = get_clock(registry)
    staff = (handler.username, handler.title) if handler else ("handler", "投诉处理人员")
    added = 0
    for code, dept, days_ago, subject, content, moves in DEMO_COMPLAINTS:
        center = root["centers"].get(code)
        if center is None or not len(center):
            continue
        department = next(iter(center.values())) if dept is next else center.get(dept)
        if department is None:
            continue
        when = clock.now() - timedelta(days=days_ago)
        complaint = Complaint(user, center, department, when)
        complaint.complainant = {
            "name": user.contact or user.title,
            "phone": user.phone or "13895012345",
            "email": getattr(user, "email", "") or "",
        }
        complaint.subject, complaint.content = subject, content
        for name, comment, score in moves:
            when += timedelta(hours=5)
            actor = (user.username, user.title) if name == "rate" else staff
            record_transition(complaint, name, actor, comment, when, score)
            if score is not None:
                complaint.set_rating(score, comment, when)
        complaints.add_complaint(complaint)  # catalogued as it stands now
        added += 1
    return added


def record_transition(complaint, name, actor, comment, when, score=None):
    """Apply a transition outside a request (demo data, the benchmark generator)."""
    move = complaint_workflow.begin(
        complaint,
        name,
        permits=system_permits,  # no request, no viewer; and no events: callers index
        actor=actor[0],
        actor_title=actor[1],
        now=when,
        comment=comment,
        notify=None,
    )
    return move.finish(extra={"score": score} if score is not None else None)
