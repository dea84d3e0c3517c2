"""``/consultations/new``: an enterprise asks a department (网上咨询).

The department's choices follow the center: without JavaScript the 刷新部门 button posts
the form back and it returns with that center's departments, every value kept and no
message; with it, the catalogue's ``cascade.js`` asks ``/centers/<code>/departments.json``.
Choices come from the tree (``root["centers"][code]``), never from a walk of the items.
"""

import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from ningxia_portal.catalogue.choices import cascade_values, department_choices
from ningxia_portal.catalogue.resources import ServiceItem
from ningxia_portal.consultations import services
from ningxia_portal.consultations.resources import Consultations
from ningxia_portal.consultations.schemas import ask_schema
from ningxia_portal.consultations.views import is_enterprise
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.blankforms import BlankForms
from ningxia_portal.web.forms import Form, FormError, FormView

FIELDS = ("center", "department", "name", "phone", "subject", "content")
# The form as first shown, kept; the viewer's CSRF token, name and phone put in.
BLANK_FORMS = BlankForms("consultation", 256)
PERSONAL = ("csrf_token", "name", "phone")


@view_config(
    context=Consultations,
    name="new",
    permission=Permissions.FILE,
    renderer="ningxia_portal:consultations/templates/ask.jinja2",
)
class AskView(FormView):
    formid = "consultation"
    title = _("Online consultation")
    buttons = (
        deform.Button("submit", _("Submit the consultation")),
        deform.Button(
            "refresh",
            _("Refresh the departments"),
            css_class="btn btn-outline-secondary consultation-refresh",
        ),
    )

    def __init__(self, context, request):
        super().__init__(context, request)
        self.centers = request.root["centers"]
        self.center = self.chosen_center()

    def chosen_center(self):
        """The center posted; else the one of ``?department=<center>/<dept>`` or
        ``?center=``; else the viewer's region; else the first."""
        params = self.request.POST if self.submitted() else self.request.GET
        wanted = params.get("center")
        if not isinstance(wanted, str) or not wanted:
            department = self.request.GET.get("department", "")
            wanted = department.partition("/")[0] if isinstance(department, str) else ""
        center = self.centers.get(wanted or self.request.region or "")
        if center is None:
            center = next(iter(self.centers.values()), None)
        if center is None:  # a portal without centers has nobody to ask
            raise HTTPNotFound()
        return center

    def make_form(self, csrf_token=None):
        schema = ask_schema(
            [(c.code, c.title) for c in self.centers.values()],
            department_choices(self.center),
            self.centers,
            csrf_token or self.request.session.get_csrf_token(),
        )
        return Form(schema, buttons=self.buttons, formid=self.formid)

    def blank_form(self):
        """The form as first shown: deform renders it once per center, department chosen,
        language and version of the centers and departments (``web/blankforms.py``); the
        viewer's CSRF token, name and phone are put in."""
        values = self.appstruct()
        values["csrf_token"] = self.request.session.get_csrf_token()
        versions = catalog_versions(self.request.root, ("Center", "Department"))
        key = BLANK_FORMS.key(self.request, versions, values["center"], values["department"])

        def build(placeholders):
            form = self.make_form(csrf_token=placeholders["csrf_token"])
            shown = {**values, **placeholders}  # none of this viewer's own values
            return form.render(shown), form.get_widget_resources()

        personal = {name: values[name] for name in PERSONAL}
        return BLANK_FORMS.show(key, build, personal)

    def appstruct(self):
        user = self.request.identity
        department = self.request.GET.get("department", "")
        name = department.rpartition("/")[2] if isinstance(department, str) else ""
        return {
            "center": self.center.code,
            "department": name if name in self.center else "",
            "name": getattr(user, "contact", "") or getattr(user, "title", ""),
            "phone": getattr(user, "phone", ""),
        }

    def __call__(self):
        if not self.submitted():
            html, resources = self.blank_form()
            return self.values(html, resources)
        if "refresh" in self.request.POST:
            return self.refresh()
        return super().__call__()

    def refresh(self):
        """The form again for the center chosen: every value kept, no message."""
        posted = self.request.POST
        values = {}
        for name in FIELDS:
            value = posted.get(name, "")
            values[name] = value if isinstance(value, str) else ""
        values["center"] = self.center.code
        if values["department"] not in self.center:
            values["department"] = ""
        form = self.make_form()
        return self.render(form, form.render(values))

    def succeed(self, appstruct):
        department = self.centers[appstruct["center"]].get(appstruct["department"])
        if department is None:  # the schema checked it; removed in between
            raise FormError(_("The department chosen is not one of this center's."), "department")
        consultation = services.ask(self.request, self.context, department, appstruct)
        return self.redirect(
            self.request.resource_url(consultation),
            _(
                "Your consultation has been sent to ${department}.",
                mapping={"department": department.title},
            ),
        )

    def render(self, form, html):
        return self.values(html, form.get_widget_resources())

    def values(self, html, resources):
        title = self.request.localizer.translate(self.title)
        values = {"form": html, "resources": resources, "title": title}
        values.update(cascade_values(self.request))
        return values


def ask_available(item, request):
    """The item page's 我要咨询: for visitors (it leads through login) and enterprises."""
    return request.identity is None or is_enterprise(request)


@view_config(context=ServiceItem, name="ask", permission=Permissions.FILE)
def ask_about_item(context, request):
    """``…/<item>/ask``: the form, the item's department chosen."""
    consultations = request.root["consultations"]
    query = {"department": context.department_key}
    return HTTPFound(request.resource_url(consultations, "new", query=query))
