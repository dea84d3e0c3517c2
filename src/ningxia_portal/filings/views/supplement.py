"""离线材料补充: the enterprise answers a one-time notice with extra or replacement files."""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.filings import services, workflow
from ningxia_portal.filings.resources import MATERIAL_STATUS_TITLES, Filing
from ningxia_portal.filings.schemas import supplement_schema
from ningxia_portal.filings.uploads import ZODBTmpStore
from ningxia_portal.filings.views.apply import int_keys
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.workflow import WorkflowError


@view_defaults(
    context=Filing,
    name="supplement",
    permission=Permissions.SUPPLEMENT,
    renderer="ningxia_portal:filings/templates/supplement.jinja2",
)
class SupplementView:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.tmpstore = ZODBTmpStore(request, services.get_filings(request))

    def check_state(self):
        if self.context.state != workflow.SUPPLEMENT_REQUIRED:
            flash(self.request, _("This case is not waiting for supplementary materials."))
            raise HTTPSeeOther(self.request.resource_url(self.context))

    def form(self):
        schema = supplement_schema(
            self.context,
            self.tmpstore,
            self.request.registry.settings,
            csrf_token=self.request.session.get_csrf_token(),
        )
        button = deform.Button("supplement", _("Submit supplementary materials"))
        return Form(schema, buttons=(button,), formid="supplement")

    def page(self, form_html, error=None):
        filing = self.context
        rows = []
        for index, m in enumerate(filing.materials):
            rows.append((m, filing.material_reviews.get(index), filing.current_files(index)))
        entry = filing.last_entry("return")
        return {
            "filing": filing,
            "rows": rows,
            "notice": entry,
            "form": form_html,
            "error": error,
            "status_titles": MATERIAL_STATUS_TITLES,
        }

    @view_config(request_method="GET")
    def get(self):
        self.check_state()
        return self.page(self.form().render())

    @view_config(request_method="POST")
    def post(self):
        self.check_state()
        form = self.form()
        try:
            appstruct = form.validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(e.render())
        appstruct["materials"] = int_keys(appstruct["materials"])
        appstruct["replace"] = int_keys(appstruct["replace"])
        try:
            services.supplement(self.request, self.context, appstruct, appstruct["revision"])
        except WorkflowError as e:
            self.request.response.status = 409
            return self.page(form.render(), error=e.message)
        flash(self.request, _("Your supplementary materials have been submitted for review."))
        return HTTPSeeOther(self.request.resource_url(self.context))
