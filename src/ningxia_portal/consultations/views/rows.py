"""Rendered rows of /consultations/, kept per version of each consultation.

A list page is mostly its 20 rows, and a row changes only when its consultation does (an
answer, a publication: its ``_p_serial`` then changes) or with the language. So a row
rendered once is kept under (database, staff or not, locale, address; the consultation's
oid and serial) and reused until one of these changes; a changed one simply gets a new key.
"""

from markupsafe import Markup
from pyramid_jinja2 import IJinja2Environment

from ningxia_portal.web.pagecache import LRUCache

TEMPLATE = "ningxia_portal:consultations/templates/row.jinja2"
ROWS = LRUCache(20000)


def page_key(request, staff):
    """What every row of one page shares in its key, computed once per page."""
    counters = getattr(request.root, "catalog_changes", None)
    token = counters.token if counters is not None else None
    return (token, staff, request.localizer.locale_name, request.application_url)


def row(request, page, consultation, staff, summary):
    """The row of ``consultation``: kept, or rendered (and kept when stored as it is)."""
    key = None
    if page[0] is not None and consultation._p_oid is not None and not consultation._p_changed:
        consultation._p_activate()  # a ghost's serial is not known until it is loaded
        key = (*page, consultation._p_oid, consultation._p_serial)
    return ROWS.get_or_compute(key, lambda: render(request, consultation, staff, summary))


def render(request, consultation, staff, summary):
    env = request.registry.queryUtility(IJinja2Environment, name=".jinja2")
    template = env.get_template(TEMPLATE)
    html = template.render(obj=consultation, c=summary(consultation), staff=staff, request=request)
    return Markup(html)  # noqa: S704 - an autoescaping template's output
