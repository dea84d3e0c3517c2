"""The consultations domain: questions of the generated enterprises to every department.

Each is the app's ``Consultation``, asked by a generated enterprise of a department of any
center, moved through the app's own workflow (``record_transition``: history, revision,
answer) by the department's first generated reviewer: most answered, some of those
published as the department's FAQ. Spread over the 365 days before today, oldest first,
with docids from the generator's own range (``indexing.DocidRange``), as filings are. The
first enterprise (the bench's "my consultations") and the sample department (the bench's
staff queue) get a heavy share. A re-run tops up: ``--consultations N`` adds until N.
"""

import random
from datetime import timedelta

from pyramid.threadlocal import get_current_registry

from ningxia_portal.bench import accounts
from ningxia_portal.bench.filings import SAMPLE_DEPARTMENT, enterprises_of, submission_times
from ningxia_portal.bench.indexing import DocidRange
from ningxia_portal.consultations.resources import Consultation
from ningxia_portal.consultations.services import record_transition
from ningxia_portal.core.clock import get_clock

HEAVY_SHARE = 0.01  # of all consultations: the first enterprise's, and the sample department's
ANSWERED = 0.7  # of those asked long enough ago
PUBLISHED = 0.1  # of the answered ones
# Persistent objects of one consultation: itself and its history list.
CONSULTATION_OBJECTS = 2

QUESTIONS = (
    ("{dept}的办事时间", "请问{dept}窗口的办公时间是怎样的，周末是否可以办理？"),
    ("需要准备哪些材料", "我公司准备申请相关许可，请问需要准备哪些材料，是否需要原件？"),
    ("能否网上办理", "请问该事项能否全程网上办理，还是需要到窗口提交纸质材料？"),
    ("办理时限咨询", "请问从提交申请到办结一般需要多少个工作日？"),
    ("收费标准咨询", "请问办理该事项是否收费，收费依据是什么？"),
    ("变更登记流程", "公司法定代表人变更，请问需要办理哪些手续？"),
)
ANSWERS = (
    "可通过网上办事大厅提交申请，材料齐全的当场受理。",
    "请携带营业执照、法定代表人身份证明到窗口办理。",
    "该事项不收费。",
    "自受理之日起10个工作日内办结。",
)


def departments_of(root):
    return [dept for center in root["centers"].values() for dept in center.values()]


def generate(root, count, writer, seed=23):
    """Add consultations until ``/consultations/`` holds ``count``; returns how many now."""
    consultations = root["consultations"]
    have = len(consultations)
    if have >= count:
        return 0
    users = enterprises_of(root)
    departments = departments_of(root)
    if not users or not departments:
        raise ValueError("consultations need enterprises and departments: generate those first")
    center, dept = SAMPLE_DEPARTMENT
    sample = root["centers"][center].get(dept) if center in root["centers"] else None
    heavy = [sample] if sample is not None else departments
    now = get_clock(get_current_registry()).now()
    rng = random.Random(f"{seed}-{have}")
    reviewers = {}  # department_key -> (username, title) of its first reviewer
    docids = DocidRange(root.docmap, rng)
    written = 0
    for when in submission_times(rng, now, count - have):
        user = users[0] if rng.random() < HEAVY_SHARE else rng.choice(users)
        department = rng.choice(heavy if rng.random() < HEAVY_SHARE else departments)
        subject, question = rng.choice(QUESTIONS)
        c = Consultation(
            user,
            department,
            user.contact or user.title,
            user.phone or "13895012345",
            subject.format(dept=department.title),
            question.format(dept=department.title),
            when,
        )
        answered_at = when + timedelta(hours=rng.randrange(1, 96))
        if answered_at < now and rng.random() < ANSWERED:
            key = department.department_key
            if key not in reviewers:
                name = accounts.first_reviewer(root, key)
                staff = root["principals"][name] if name else None
                reviewers[key] = (staff.username, staff.title) if staff else ("system", "窗口人员")
            record_transition(c, "answer", reviewers[key], rng.choice(ANSWERS), answered_at)
            if rng.random() < PUBLISHED:
                record_transition(c, "publish", reviewers[key], "", answered_at)
        docids.place(c)
        consultations.add(consultations.new_name(when), c)
        writer.added(CONSULTATION_OBJECTS)
        written += 1
    return written
