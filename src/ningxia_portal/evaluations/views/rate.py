"""``/filings/<case_no>/rate``: the enterprise rates its finished case, once (好差评)."""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.evaluations import services
from ningxia_portal.evaluations.schemas import rating_schema
from ningxia_portal.evaluations.workflow import DIMENSIONS, LEVEL_TITLES, POOR
from ningxia_portal.filings.resources import Filing
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.workflow import WorkflowError

FORM_ID = "rate"


@view_defaults(
    context=Filing,
    name="rate",
    permission=Permissions.EVALUATE,  # the owner alone (the case's ACL), admins denied
    renderer="ningxia_portal:evaluations/templates/rate.jinja2",
)
class RateView:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def form(self):
        schema = rating_schema(
            csrf_token=self.request.session.get_csrf_token(),
            translate=self.request.localizer.translate,
        )
        button = deform.Button("rate", _("Submit the rating"), css_class="btn btn-primary")
        return Form(schema, buttons=(button,), formid=FORM_ID)

    def page(self, form_html, error=None):
        return {
            "filing": self.context,
            "form": form_html,
            "error": error,
            "poor_title": LEVEL_TITLES[POOR],
        }

    def refused(self, message):
        """The case can't be rated (not finished, rated already): why, and no form."""
        if self.request.method == "POST":
            self.request.response.status = 409
        return self.page(None, message)

    @view_config(request_method="GET")
    def get(self):
        why = services.why_not_rate(self.request, self.context)
        if why is not None:
            return self.refused(why)
        return self.page(self.form().render())

    @view_config(request_method="POST")
    def post(self):
        why = services.why_not_rate(self.request, self.context)
        if why is not None:
            return self.refused(why)
        try:
            appstruct = self.form().validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(e.render())
        scores = {d: appstruct[d] for d in DIMENSIONS}
        try:
            services.rate(self.request, self.context, scores, appstruct["comment"])
        except WorkflowError as e:
            return self.refused(e.message)
        flash(self.request, _("Thank you: your rating has been recorded."))
        return HTTPSeeOther(self.request.resource_url(self.context))
