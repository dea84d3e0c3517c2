"""A notice of a case: ``/filings/<case>/notices/<kind>`` as an A4 document to print, and
``…/notices/<kind>.pdf`` to download, for whoever may see the case (owner, its reviewers,
admins); both carry the verification code and its QR code."""

from urllib.parse import quote

from pyramid.httpexceptions import HTTPNotFound
from pyramid.renderers import render_to_response
from pyramid.response import Response
from pyramid.view import view_config

from ningxia_portal.filings.notices import issued_entry
from ningxia_portal.filings.resources import Filing
from ningxia_portal.i18n import _
from ningxia_portal.notices import content, pdf, qr
from ningxia_portal.notices.views import notice_code, verify_url
from ningxia_portal.security.permissions import Permissions

PDF_SUFFIX = ".pdf"


def wanted_notice(request):
    """(kind, as PDF?) from the subpath; 404 unless the case offers that notice now."""
    name = request.subpath[0] if len(request.subpath) == 1 else ""
    as_pdf = name.endswith(PDF_SUFFIX)
    kind = name[: -len(PDF_SUFFIX)] if as_pdf else name
    if issued_entry(request.context, kind) is None:
        raise HTTPNotFound()
    return kind, as_pdf


def notice_of(request, filing, kind):
    code = notice_code(request, filing, kind)
    return content.build(request, filing, kind, code, verify_url(request, code))


@view_config(context=Filing, name="notices", permission=Permissions.PRINT_NOTICE)
def notice(context, request):
    kind, as_pdf = wanted_notice(request)
    found = notice_of(request, context, kind)
    t = request.localizer.translate
    if as_pdf:
        labels = {
            "number": t(_("Case number")),
            "code": t(_("Verification code")),
            "verify": t(_("Scan the QR code or open this address to verify the notice:")),
        }
        return pdf_response(pdf.render(found, labels), f"{found.title}-{found.number}.pdf")
    response = render_to_response(
        "ningxia_portal:notices/templates/notice.jinja2",
        {
            "filing": context,
            "notice": found,
            "qr_svg": qr.svg(found.verify_url, t(_("QR code of the verification address"))),
            "pdf_url": request.resource_url(context, "notices", kind + PDF_SUFFIX),
        },
        request=request,
    )
    response.headers["Cache-Control"] = "private, no-store"  # as its PDF: the owner's only
    return response


def pdf_response(body, filename):
    """An attachment nobody keeps: the notice is the case's, not a public file."""
    response = Response(body=body, content_type="application/pdf")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"notice.pdf\"; filename*=UTF-8''{quote(filename)}"
    )
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
