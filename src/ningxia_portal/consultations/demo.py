"""Demo consultations of the demo ``enterprise`` (development.ini only): a few questions to
departments of 640000 and 640100, where the demo reviewer works; some answered, one of
them published as its department's FAQ.

Does nothing when the enterprise or those departments are missing, or when there are
consultations already.
"""

from datetime import timedelta

from ningxia_portal.consultations.resources import Consultation
from ningxia_portal.consultations.services import record_transition
from ningxia_portal.core.clock import get_clock
from ningxia_portal.indexing.catalog import reindex

# (department path, days ago, subject, question, answer or None, published)
DEMO_CONSULTATIONS = (
    (
        "640100/scjg",
        6,
        "食品经营许可证办理需要多长时间？",
        "我公司准备在兴庆区开设一家食品零售门店，请问食品经营许可证从提交申请到发证需要多长时间？",
        "材料齐全、符合法定形式的，自受理之日起10个工作日内作出决定；需现场核查的，核查时间不计入。",
        True,
    ),
    (
        "640100/sw",
        4,
        "新办企业如何申领发票？",
        "公司刚完成设立登记，请问首次申领增值税发票需要准备哪些材料，能否网上办理？",
        "可通过电子税务局办理新办纳税人套餐，首次申领发票无需到厅，经办人完成实名认证即可。",
        False,
    ),
    (
        "640000/scjg",
        2,
        "食品生产许可延续的办理时限",
        "我公司食品生产许可证将于明年3月到期，请问应提前多久申请延续？",
        None,
        False,
    ),
    (
        "640100/rs",
        0,
        "招用员工后如何办理社保登记？",
        "本月新招用员工5名，请问应在多长时间内办理社会保险登记，需要哪些材料？",
        None,
        False,
    ),
)


def load_demo_consultations(root, registry):
    """Create the demo enterprise's consultations once; returns how many were added."""
    user = root["principals"].get("enterprise")
    reviewer = root["principals"].get("reviewer")
    consultations = root.get("consultations")
    if user is None or consultations is None or len(consultations):
        return 0
    staff = (reviewer.username, reviewer.title) if reviewer else ("reviewer", "窗口人员")
    now = get_clock(registry).now()
    added = 0
    for path, days_ago, subject, question, answer, published in DEMO_CONSULTATIONS:
        code, _sep, name = path.partition("/")
        center = root["centers"].get(code)
        department = center.get(name) if center is not None else None
        if department is None:
            continue
        when = now - timedelta(days=days_ago, hours=2)
        consultation = Consultation(
            user, department, user.contact or user.title, user.phone, subject, question, when
        )
        consultations.add(consultations.new_name(when), consultation)
        if answer:
            when += timedelta(hours=1)
            record_transition(consultation, "answer", staff, answer, when)
            if published:
                record_transition(consultation, "publish", staff, "", when)
            reindex(consultation)
        added += 1
    return added
