"""``/evaluations/<case_no>/``: one rating, its rectification task, the department's answer
(a form for its reviewers) and the enterprise's follow-up rating (a form for it)."""

import deform
from pyramid.view import view_defaults
from venusian import lift

from ningxia_portal.evaluations import services
from ningxia_portal.evaluations.resources import Evaluation
from ningxia_portal.evaluations.schemas import answer_schema, follow_up_schema
from ningxia_portal.evaluations.views import evaluation_json, status
from ningxia_portal.evaluations.views.case import evaluation_values
from ningxia_portal.evaluations.workflow import LEVEL_TITLES, STATE_TITLES, evaluation_workflow
from ningxia_portal.i18n import _
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.transitions import MovesView

FOLLOW_UP = "follow_up"
TEMPLATE = "ningxia_portal:evaluations/templates/evaluation.jinja2"


@lift()
@view_defaults(context=Evaluation, permission=Permissions.VIEW, renderer=TEMPLATE)
class EvaluationView(MovesView):
    workflow = evaluation_workflow
    formid = "evaluation-"

    def move_schema(self, t, revision, csrf_token):
        if t.name == FOLLOW_UP:
            translate = self.request.localizer.translate
            return follow_up_schema(revision, csrf_token=csrf_token, translate=translate)
        return answer_schema(revision, csrf_token=csrf_token)

    def button(self, t):
        if t.name == FOLLOW_UP:
            return deform.Button(t.name, _("Submit the follow-up"), css_class="btn btn-primary")
        return deform.Button(t.name, _("Submit the answer"), css_class="btn btn-primary")

    def take(self, t, appstruct):
        request, evaluation = self.request, self.context
        revision, comment = appstruct["revision"], appstruct["comment"]
        if t.name == FOLLOW_UP:
            services.follow_up(request, evaluation, appstruct["level"], comment, revision)
        else:
            services.answer(request, evaluation, comment, revision)

    def done_message(self, t):
        if t.name == FOLLOW_UP:
            return _("Thank you: your follow-up rating has been recorded.")
        return _("Done: the rectification is answered.")

    def state_title(self):
        return status(self.request, self.context)[1]

    def history_row(self, e):
        row = super().history_row(e)
        if e.get("level") is not None:
            row["level"] = e["level"]
        return row

    def details(self):
        return evaluation_json(self.request, self.context)

    def page_data(self, forms, error, allowed):
        evaluation = self.context
        filings = self.request.root["filings"]
        filing = filings.get(evaluation.case_no)
        return {
            **evaluation_values(self.request, evaluation),
            "forms": forms,
            "error": error,
            "case_url": self.request.resource_url(filing) if filing is not None else None,
            "history": list(reversed(evaluation.history)),
            "state_titles": STATE_TITLES,
            "level_titles": LEVEL_TITLES,
        }
