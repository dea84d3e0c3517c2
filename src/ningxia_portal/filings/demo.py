"""Demo filings of the demo ``enterprise`` in different states (development.ini only).

Called by ``load_demo`` after the demo accounts exist; does nothing when the enterprise or
the items are missing (e.g. ``portal.demo_centers`` without 640100).
"""

import io
from datetime import timedelta

from ningxia_portal.core.clock import CST, get_clock
from ningxia_portal.filings.resources import MATERIAL_INSUFFICIENT, MATERIAL_OK, Filing, new_blob
from ningxia_portal.filings.services import set_promised_date
from ningxia_portal.filings.workflow import filing_workflow
from ningxia_portal.workdays.calendar import calendar_of
from ningxia_portal.workflow import system_permits

PDF = b"%PDF-1.4\n% demo material\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# (item path under /centers/640100, days ago, transitions after submit, reviewer comments)
DEMO_CASES = (
    ("scjg/xk-scjg-001", 0, (), "申请新办食品经营许可证，经营场所位于兴庆区解放东街88号。"),
    (
        "scjg/xk-scjg-002",
        2,
        (("return", "营业执照复印件不清晰，请补正"),),
        "食品经营许可变更：经营场所地址变更。",
    ),
    (
        "scjg/xk-scjg-008",
        4,
        (("prereview", "材料齐全"), ("accept", "予以受理")),
        "开办药品零售门店。",
    ),
    (
        "scjg/xk-scjg-010",
        9,
        (("prereview", ""), ("accept", ""), ("complete", "准予登记，证书已寄出")),
        "新购锅炉一台，申请特种设备使用登记。",
    ),
)


def load_demo_filings(root, registry):
    """Create the demo enterprise's filings once; returns how many were added."""
    user = root["principals"].get("enterprise")
    reviewer = root["principals"].get("reviewer")
    filings = root.get("filings")
    centers = root["centers"]
    if user is None or filings is None or "640100" not in centers or len(filings):
        return 0
    clock, calendar = get_clock(registry), calendar_of(root)
    blobs = _supports_blobs(root)
    added = 0
    for path, days_ago, steps, description in DEMO_CASES:
        dept, _sep, name = path.partition("/")
        department = centers["640100"].get(dept)
        item = department.get(name) if department is not None else None
        if item is None:
            continue
        when = clock.now() - timedelta(days=days_ago)
        filing = Filing(item, user, when)
        filing.description = description
        filing.contact, filing.phone = user.contact or user.title, user.phone or "13895012345"
        for index, material in enumerate(filing.materials):
            if material["required"] and blobs:
                blob = new_blob(io.BytesIO(PDF))
                filing.add_file(
                    index, f"{material['name']}.pdf", "application/pdf", len(PDF), blob, when
                )
        day = when.astimezone(CST).date()
        filings.add_case(filing, filing.center_code, day)
        filing.submitted = when
        set_promised_date(filing, day, calendar)
        actor = (user.username, user.title)
        record_transition(filing, "submit", actor, "", when)
        for step, comment in steps:
            when += timedelta(hours=3)
            staff = (reviewer.username, reviewer.title) if reviewer else ("reviewer", "窗口人员")
            extra = {}
            if step == "return":
                marks = [{"status": MATERIAL_OK, "note": ""} for _ in filing.materials]
                marks[min(1, len(marks) - 1)] = {"status": MATERIAL_INSUFFICIENT, "note": comment}
                extra["materials"] = tuple(marks)
                filing.set_material_reviews(marks)
            record_transition(filing, step, staff, comment, when, extra)
        from ningxia_portal.indexing.catalog import reindex

        reindex(filing)
        added += 1
    return added


def _supports_blobs(root):
    """memory:// (the tests' demo storage) can't hold blobs: demo cases then have no files."""
    from ZODB.interfaces import IBlobStorage

    jar = getattr(root, "_p_jar", None)
    return jar is not None and IBlobStorage.providedBy(jar.db().storage)


def record_transition(filing, name, actor, comment, when, extra=None):
    """Apply a transition outside a request (demo data, the benchmark generator)."""
    filing_workflow.transition(
        filing,
        name,
        permits=system_permits,  # no request, no viewer; and no events: callers index
        actor=actor[0],
        actor_title=actor[1],
        now=when,
        comment=comment,
        extra=extra,
    )
