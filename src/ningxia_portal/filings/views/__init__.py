"""Pages of the filing domain: apply, the case page, lists, supplement."""

from ningxia_portal.core.clock import local_iso
from ningxia_portal.filings import workflow
from ningxia_portal.filings.blocks import case_json_fields
from ningxia_portal.filings.services import deadline_mark, remaining_working_days


def state_title(request, state):
    return request.localizer.translate(workflow.STATE_TITLES.get(state, state))


def filing_summary(request, filing, url=None):
    """What lists and JSON answers show of a case (never its files' content).

    ``url``: the case's address when the caller knows it (lists build it from the
    container's address, rather than a ``resource_url`` walk per row). ``deadline_mark``
    (overdue, due_soon or None) depends on today: kept rows are keyed by the date.
    """
    remaining = remaining_working_days(request, filing)
    data = {
        "case_no": filing.case_no,
        "url": url or request.resource_url(filing),
        "item": filing.item_title,
        "item_code": filing.item_code,
        "department": filing.snapshot["department_title"],
        "department_key": filing.department_key,
        "center": filing.center_code,
        "applicant": filing.applicant["title"],
        "state": filing.state,
        "state_title": state_title(request, filing.state),
        "created": local_iso(filing.created),
        "submitted": local_iso(filing.submitted),
        "modified": local_iso(filing.modified),
        "deadline": local_iso(filing.deadline),
        "remaining_working_days": remaining,
        "deadline_mark": deadline_mark(remaining),
        "reply": filing.reply,
    }
    data.update(case_json_fields(request, filing))  # what other features add (blocks.py)
    return data
