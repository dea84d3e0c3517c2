"""Rendered rows of /filings/, kept per version of each case.

A list page is mostly its 20 rows, and a row changes only when its case does (the state, the
promised date and the reply are written on the Filing, whose ``_p_serial`` then changes), on
the next day (the working days left) or in another language. So a row rendered once is kept
under (database, case, serial, staff or not, locale, today, address) and reused until one of
these changes; a changed case simply gets a new key. The cache is per process and bounded.
"""

from threading import Lock

from markupsafe import Markup
from pyramid_jinja2 import IJinja2Environment

from ningxia_portal.core.clock import get_clock

TEMPLATE = "ningxia_portal:filings/templates/row.jinja2"


class RowCache:
    def __init__(self, limit=20000):
        self.limit = limit
        self.rows = {}
        self.lock = Lock()

    def key(self, request, filing, staff):
        jar = filing._p_jar
        if jar is None or filing._p_oid is None or filing._p_changed:
            return None  # not stored, or changed in this transaction: don't keep it
        filing._p_activate()  # a ghost's serial is not known until it is loaded
        counters = getattr(request.root, "catalog_changes", None)
        token = counters.token if counters is not None else id(jar.db())
        today = get_clock(request.registry).today()
        return (
            token,
            filing._p_oid,
            filing._p_serial,
            staff,
            request.localizer.locale_name,
            today,
            request.application_url,
        )

    def get(self, request, filing, staff, summary):
        key = self.key(request, filing, staff)
        html = self.rows.get(key) if key is not None else None
        if html is None:
            html = self.render(request, filing, staff, summary)
            if key is not None:
                with self.lock:
                    if len(self.rows) >= self.limit:
                        self.rows.clear()
                    self.rows[key] = html
        return html

    @staticmethod
    def render(request, filing, staff, summary):
        env = request.registry.queryUtility(IJinja2Environment, name=".jinja2")
        template = env.get_template(TEMPLATE)
        return Markup(  # noqa: S704 - an autoescaping template's output
            template.render(f=filing, s=summary(filing), staff=staff, request=request)
        )


ROWS = RowCache()
