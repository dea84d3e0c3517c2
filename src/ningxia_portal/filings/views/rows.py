"""Rendered rows of /filings/, kept per version of each case.

A list page is mostly its 20 rows, and a row changes only when its case does (the state, the
promised date and the reply are written on the Filing, whose ``_p_serial`` then changes), on
the next day or with the holiday calendar's overrides (the working days left) or in another
language. So a row rendered once is kept under (the page's key: database, calendar version,
staff or not, locale, today, address; the case's oid and serial) and reused until one of
these changes; a changed case simply gets a new key.
"""

from markupsafe import Markup
from pyramid_jinja2 import IJinja2Environment

from ningxia_portal.core.clock import get_clock
from ningxia_portal.web.pagecache import LRUCache

TEMPLATE = "ningxia_portal:filings/templates/row.jinja2"
ROWS = LRUCache(20000)


def page_key(request, staff):
    """What every row of one page shares in its key, computed once per page."""
    counters = getattr(request.root, "catalog_changes", None)
    calendar = request.work_calendar.key  # None: overrides changed in this transaction
    token = counters.token if counters is not None and calendar is not None else None
    return (
        token,
        calendar,
        staff,
        request.localizer.locale_name,
        get_clock(request.registry).today(),
        request.application_url,
    )


def row(request, page, filing, staff, summary):
    """The row of ``filing``: kept, or rendered (and kept when the case is stored as is)."""
    key = None
    if page[0] is not None and filing._p_oid is not None and not filing._p_changed:
        filing._p_activate()  # a ghost's serial is not known until it is loaded
        key = (*page, filing._p_oid, filing._p_serial)
    return ROWS.get_or_compute(key, lambda: render(request, filing, staff, summary))


def render(request, filing, staff, summary):
    env = request.registry.queryUtility(IJinja2Environment, name=".jinja2")
    return Markup(  # noqa: S704 - an autoescaping template's output
        env.get_template(TEMPLATE).render(f=filing, s=summary(filing), staff=staff, request=request)
    )
