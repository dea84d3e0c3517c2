"""The filings domain: up to 1,000,000 cases with their workflow histories.

Each case is the app's ``Filing`` made for a real item by a generated enterprise, moved
through the app's own workflow engine (``filing_workflow.transition``: history entries,
``revision``, ``finished``) as far as the item's handling depth allows, with the case number,
submission time and promised date (``workdays``) the app would give it. It is complete
before ``Filings.add`` places it, so the catalog indexes it once, with its final state —
the same entries the app ends up with after submit and review (which index, then reindex).
The day counters of ``Filings.sequences`` are set past the numbers used, so a case filed
later through the web gets the next number.

Spread: cases are filed over the 365 days before today, oldest first (``submission_times``),
with docids from the start of the generator's own range (``indexing.DocidRange``), so that
a batch appends to the ends of the indexes instead of rewriting their every bucket; a step of a
case's review that would fall after today is not taken yet. Cases are for items of every
department; one enterprise in ``HEAVY_SHARE`` (the first, ``qy00001``: the bench's "my
filings") and the sample department (the bench's staff queue) get a realistic heavy share.
Uploaded files are left out (a blob per material would make the dataset tens of GB without
touching the pages measured). A re-run tops up: ``--filings N`` adds cases until there are N.
"""

import random
from datetime import timedelta

from pyramid.threadlocal import get_current_registry

from ningxia_portal.bench import accounts
from ningxia_portal.bench.indexing import DocidRange
from ningxia_portal.catalogue.resources import DEPTH_ACCEPT, DEPTH_COMPLETE, DEPTH_PREREVIEW
from ningxia_portal.core.clock import CST, get_clock
from ningxia_portal.filings.demo import record_transition
from ningxia_portal.filings.resources import MATERIAL_INSUFFICIENT, MATERIAL_OK, Filing, Sequence
from ningxia_portal.filings.services import set_promised_date
from ningxia_portal.workdays.calendar import calendar_of

YEAR_DAYS = 365  # cases are spread over the year before today
HEAVY_SHARE = 0.01  # of all cases: the first enterprise's, and the sample department's
SAMPLE_DEPARTMENT = ("640100", "scjg")
# Persistent objects of one case: the Filing, its history list and its file list.
FILING_OBJECTS = 3

# Paths through the workflow after "submit", with their weights, per handling depth.
_PATHS = {
    DEPTH_PREREVIEW: (
        ((), 15),
        ((("prereview", ""),), 60),
        ((("return", "材料不齐全，请按一次性告知补正"),), 12),
        ((("return", "营业执照复印件不清晰"), ("supplement", ""), ("prereview", "")), 8),
        ((("reject", "不属于本部门受理范围"),), 5),
    ),
    DEPTH_ACCEPT: (
        ((), 12),
        ((("prereview", "材料齐全"),), 10),
        ((("prereview", ""), ("accept", "予以受理")), 55),
        ((("return", "申请表填写不完整，请补正"),), 10),
        ((("return", "缺少法定代表人身份证明"), ("supplement", ""), ("prereview", "")), 8),
        ((("reject", "申请事项依法不需要取得行政许可"),), 5),
    ),
    DEPTH_COMPLETE: (
        ((), 10),
        ((("prereview", ""),), 6),
        ((("prereview", ""), ("accept", "")), 12),
        ((("prereview", ""), ("accept", "予以受理"), ("complete", "准予许可")), 52),
        ((("prereview", ""), ("accept", ""), ("refuse", "经现场核查不符合许可条件")), 5),
        ((("return", "材料不齐全"),), 8),
        ((("return", "请补正场所平面图"), ("supplement", "已补正"), ("prereview", "")), 4),
        ((("reject", "不符合受理条件"),), 3),
    ),
}
DESCRIPTIONS = (
    "申请新办，经营场所位于{place}。",
    "原证件有效期届满，申请延续。",
    "经营场所地址变更，申请变更登记。",
    "法定代表人变更，申请变更。",
    "新建项目，申请办理。",
    "企业扩大经营范围，申请增项。",
)


def all_items(root):
    return [
        item
        for center in root["centers"].values()
        for dept in center.values()
        for item in dept.values()
    ]


def _path(rng, depth):
    paths = _PATHS.get(depth, _PATHS[DEPTH_COMPLETE])
    return rng.choices([p for p, _ in paths], weights=[w for _, w in paths])[0]


class CaseNumbers:
    """Per ``<center>-<yyyymmdd>`` the last number used, continuing the container's own."""

    def __init__(self, filings):
        self.filings = filings
        self.used = {}

    def next(self, key):
        if key not in self.used:
            seq = self.filings.sequences.get(key)
            self.used[key] = seq.value if seq is not None else 0
        self.used[key] += 1
        return f"{key}-{self.used[key]:06d}"

    def store(self):
        """Set the container's day counters past every number handed out (at each commit)."""
        sequences = self.filings.sequences
        for key, value in self.used.items():
            seq = sequences.get(key)
            if seq is None:
                seq = sequences[key] = Sequence()
            if seq.value < value:
                seq.value = value
        written = len(self.used)
        self.used = {}
        return written


def make_case(rng, item, user, reviewer, when, calendar, numbers, now=None):
    """One submitted case and its review, as the app records them; returns (filing, objects).

    A step that would fall after ``now`` is not taken: a case filed yesterday is still
    under review, never reviewed tomorrow."""
    filing = Filing(item, user, when)
    filing.description = rng.choice(DESCRIPTIONS).format(place=item.center.title)
    filing.contact, filing.phone = user.contact or user.title, user.phone
    day = when.astimezone(CST).date()
    filing.case_no = numbers.next(f"{filing.center_code}-{day:%Y%m%d}")
    filing.submitted = when
    set_promised_date(filing, day, calendar)
    applicant = (user.username, user.title)
    staff = (reviewer.username, reviewer.title) if reviewer is not None else ("system", "窗口人员")
    record_transition(filing, "submit", applicant, "", when)
    for step, comment in _path(rng, filing.depth):
        when += timedelta(hours=rng.randrange(1, 72))
        if now is not None and when > now:
            break
        extra = {}
        if step == "return":
            marks = [{"status": MATERIAL_OK, "note": ""} for _ in filing.materials]
            if marks:
                marks[rng.randrange(len(marks))] = {
                    "status": MATERIAL_INSUFFICIENT,
                    "note": comment,
                }
            extra["materials"] = tuple(marks)
            filing.set_material_reviews(marks)
        if step == "supplement":
            filing.supplement_round += 1
            extra["round"] = filing.supplement_round
            record_transition(filing, step, applicant, comment, when, extra)
            set_promised_date(filing, when.astimezone(CST).date(), calendar)
            continue
        record_transition(filing, step, staff, comment, when, extra)
    return filing, FILING_OBJECTS


def submission_times(rng, now, n, days=YEAR_DAYS):
    """``n`` submission times over the ``days`` before ``now``, oldest first: one uniformly
    drawn in each of ``n`` equal slots, as cases arrive over a year. In this order the case
    numbers, creation and modification times of a batch land at the ends of their indexes
    and of the container's tree, instead of in every bucket of them."""
    span = days * 24 * 3600
    start = now - timedelta(seconds=span)
    for i in range(n):
        yield start + timedelta(seconds=(i + rng.random()) * span / n)


def enterprises_of(root):
    principals = root["principals"]
    prefix = accounts.ENTERPRISE_PREFIX
    return [principals[n] for n in principals.keys(min=prefix, max=prefix + "\uffff")]


def generate(root, count, writer, seed=17):
    """Add cases until ``/filings/`` holds ``count``; returns how many were added now."""
    filings = root["filings"]
    have = len(filings)
    if have >= count:
        return 0
    users = enterprises_of(root)
    items = all_items(root)
    if not users or not items:
        raise ValueError("filings need enterprises and items: generate those first")
    center, dept = SAMPLE_DEPARTMENT
    sample_dept = root["centers"][center].get(dept) if center in root["centers"] else None
    # (a small dataset may have no items in the sample department: then any item)
    heavy_items = (list(sample_dept.values()) if sample_dept is not None else []) or items
    registry = get_current_registry()
    clock, calendar = get_clock(registry), calendar_of(root)
    now = clock.now()
    rng = random.Random(f"{seed}-{have}")
    reviewers = {}  # department_key -> its first reviewer (or None)
    numbers = CaseNumbers(filings)
    docids = DocidRange(root.docmap, rng)
    writer.before_commit = numbers.store
    written = 0
    try:
        for when in submission_times(rng, now, count - have):
            user = users[0] if rng.random() < HEAVY_SHARE else rng.choice(users)
            item = rng.choice(heavy_items if rng.random() < HEAVY_SHARE else items)
            key = item.department_key
            if key not in reviewers:
                name = accounts.first_reviewer(root, key)
                reviewers[key] = root["principals"][name] if name else None
            filing, objects = make_case(
                rng, item, user, reviewers[key], when, calendar, numbers, now
            )
            docids.place(filing)
            filings.add(filing.case_no, filing)
            writer.added(objects)
            written += 1
        numbers.store()
    finally:
        writer.before_commit = None
    return written
