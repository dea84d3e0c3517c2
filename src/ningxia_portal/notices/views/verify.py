"""``/verify/<code>``: anybody checks that a printed notice is genuine, without logging in.

A parse, one lookup of the case, one HMAC (notices/codes.py). The answer shows only what the
notice prints — kind, case number, applicant, item, issuer, date — never materials, contacts,
comments or staff names. Every code that verifies nothing (malformed, unknown case, wrong
kind, tampered, a notice replaced or no longer offered) gets the very same page and status,
so the page tells nothing about which cases exist.
"""

from pyramid.renderers import render_to_response
from pyramid.view import view_config

from ningxia_portal.core.clock import local_date
from ningxia_portal.core.root import Portal
from ningxia_portal.filings.notices import notice_title
from ningxia_portal.notices import codes
from ningxia_portal.notices.content import issuer_of
from ningxia_portal.security.permissions import Permissions

TEMPLATE = "ningxia_portal:notices/templates/verify.jinja2"


def verified(request):
    """(filing, kind, entry) of the notice the code names, or None."""
    if len(request.subpath) != 1:
        return None
    parsed = codes.parse(request.subpath[0])
    if parsed is None:
        return None
    case_no, kind, tag = parsed
    root = request.context
    filing = root["filings"].get(case_no)
    entry = codes.check(root["notices"].secret, filing, kind, tag)
    return None if entry is None else (filing, kind, entry)


@view_config(context=Portal, name="verify", permission=Permissions.VIEW)
def verify(context, request):
    found = verified(request)
    if found is None:
        response = render_to_response(TEMPLATE, {"notice": None}, request=request)
        response.status_int = 404
    else:
        filing, kind, entry = found
        notice = {
            "title": notice_title(filing, kind),
            "case_no": filing.case_no,
            "applicant": filing.applicant_title,
            "item": filing.item_title,
            "issuer": issuer_of(filing),
            "date": local_date(entry["time"]).isoformat(),
        }
        response = render_to_response(TEMPLATE, {"notice": notice}, request=request)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
