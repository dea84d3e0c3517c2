"""Printable notices (``/filings/<case>/notices/<kind>``) once the case's state makes them due."""

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from ningxia_portal.core.root import root_factory
from ningxia_portal.filings import workflow
from ningxia_portal.filings.resources import MATERIAL_OK, MATERIAL_STATUS_TITLES, Filing
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions

ACCEPTANCE = "acceptance"
REFUSAL = "refusal"
SUPPLEMENT = "supplement"
COMPLETION = "completion"
NOTICE_TITLES = {
    ACCEPTANCE: _("Notice of acceptance"),
    REFUSAL: _("Notice of refusal"),
    SUPPLEMENT: _("One-time notice of materials to supplement"),
    COMPLETION: _("Notice of completion"),
}


def available_notices(filing):
    """[(kind, title)] of the notices the case's history makes available."""
    kinds = []
    if filing.last_entry("accept") is not None:
        kinds.append(ACCEPTANCE)
    if filing.last_entry("return") is not None:
        kinds.append(SUPPLEMENT)
    if filing.state in (workflow.NOT_PERMITTED, workflow.NOT_ACCEPTED):
        kinds.append(REFUSAL)
    if filing.state == workflow.COMPLETED:
        kinds.append(COMPLETION)
    return [(k, NOTICE_TITLES[k]) for k in kinds]


def _entry_for(filing, kind):
    if kind == ACCEPTANCE:
        return filing.last_entry("accept")
    if kind == SUPPLEMENT:
        return filing.last_entry("return")
    if kind == COMPLETION:
        return filing.last_entry("complete")
    return filing.last_entry("refuse") or filing.last_entry("reject")


@view_config(
    context=Filing,
    name="notices",
    permission=Permissions.PRINT_NOTICE,
    renderer="ningxia_portal:filings/templates/notice.jinja2",
)
def notice(context, request):
    kind = request.subpath[0] if request.subpath else ""
    if kind not in dict(available_notices(context)):
        raise HTTPNotFound()
    entry = _entry_for(context, kind)
    center = root_factory(request)["centers"].get(context.center_code)
    missing = []
    if kind == SUPPLEMENT:
        for index, mark in enumerate(entry.get("materials", ())):
            if mark.get("status", MATERIAL_OK) != MATERIAL_OK:
                missing.append((context.materials[index]["name"], mark))
    return {
        "filing": context,
        "kind": kind,
        "title": NOTICE_TITLES[kind],
        "entry": entry,
        "center_title": center.title if center is not None else "",
        "missing": missing,
        "status_titles": MATERIAL_STATUS_TITLES,
        "issued": entry["time"] if entry else None,
    }
