"""Rendered rows of /filings/, kept per version of each case (web/rows.py).

Besides the case and the language, a row shows the working days left and the promised date's
mark (overdue, due soon): its page key names today and the holiday calendar's version (None
while overrides changed in this transaction: then nothing is kept), so a row kept yesterday
is never shown with yesterday's mark.
"""

from ningxia_portal.core.clock import get_clock
from ningxia_portal.filings.services import DEADLINE_MARKS
from ningxia_portal.web.rows import RowCache

ROWS = RowCache("ningxia_portal:filings/templates/row.jinja2")


def page_key(request, staff):
    """What every row of one page shares in its key, computed once per page."""
    calendar = request.work_calendar.key
    today = get_clock(request.registry).today()
    return ROWS.page_key(request, calendar, staff, today, cacheable=calendar is not None)


def row(request, page, filing, staff, summary):
    """The row of ``filing``: kept, or rendered (and kept when the case is stored as is)."""
    return ROWS.row(
        request,
        page,
        filing,
        lambda: {"f": filing, "s": summary(filing), "staff": staff, "marks": DEADLINE_MARKS},
    )
