"""我要投诉 (``/complaints/new``).

The department choices follow the chosen center. Without JavaScript the form's 刷新选项
button posts it back and it comes again with every value kept (the files too: deform
keeps accepted uploads in the filings' upload stash) and the new center's departments,
without error messages; the catalogue's ``cascade.js`` instead fetches
``/centers/<code>/departments.json`` and replaces the options when the center changes.
"""

import deform
from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.catalogue.choices import cascade_values
from ningxia_portal.complaints import services
from ningxia_portal.complaints.resources import Complaints
from ningxia_portal.complaints.schemas import complaint_schema
from ningxia_portal.filings.uploads import ZODBTmpStore
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.security.permissions import ENTERPRISE, Permissions
from ningxia_portal.web.blankforms import BlankForms
from ningxia_portal.web.forms import Form, flash

FORMID = "complaint"
# The empty form, kept per language, chosen center and department and version of the
# centers and departments; the viewer's own values are put in (``web/blankforms.py``).
BLANK_FORMS = BlankForms("complaint", 500)


def clear_errors(field, keep=("attachments",)):
    """Forget the messages of a form posted only to refresh its choices (a refused file's
    message stays: its slot came back empty)."""
    field.error = None
    for child in (*field.children, *getattr(field, "sequence_fields", ())):
        if child.name not in keep:
            clear_errors(child, keep)


@view_defaults(
    context=Complaints,
    name="new",
    permission=Permissions.FILE,
    renderer="ningxia_portal:complaints/templates/new.jinja2",
)
class NewComplaintView:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        if ENTERPRISE not in request.effective_principals:
            raise HTTPForbidden()  # admins may do everything, but only enterprises complain
        self.centers = context.__parent__["centers"]
        self.tmpstore = ZODBTmpStore(request, context.__parent__["filings"])

    def form(self, center_code, defaults=None, csrf_token=None):
        center = self.centers.get(center_code) if isinstance(center_code, str) else None
        schema = complaint_schema(
            self.centers,
            center,
            self.tmpstore,
            self.request.registry.settings,
            csrf_token=csrf_token or self.request.session.get_csrf_token(),
            translate=self.request.localizer.translate,
            defaults=defaults,
        )
        buttons = (
            deform.Button(
                "refresh",
                _("Refresh the departments"),
                css_class="btn btn-outline-secondary complaint-refresh",
            ),
            deform.Button("submit", _("Submit the complaint"), css_class="btn btn-primary"),
        )
        return Form(
            schema,
            buttons=buttons,
            formid=FORMID,
            action=self.request.resource_url(self.context, "new"),
        )

    def page(self, html):
        return {"form": html, **cascade_values(self.request)}

    @view_config(request_method="GET")
    def get(self):
        """The empty form (``?center=&department=`` choose them), the complainant's details
        from the profile."""
        params = self.request.params
        center = self.centers.get(params.get("center", ""))
        department = params.get("department", "")
        if center is None or department not in center:
            department = ""
        user = self.request.identity
        values = {
            "csrf": self.request.session.get_csrf_token(),
            "name": user.contact or user.title,
            "phone": user.phone,
            "email": user.email,
        }
        return self.page(
            self.empty_form(center.code if center is not None else "", department, values)
        )

    def empty_form(self, center_code, department, values):
        """The empty form, rendered once per key and kept, ``values`` put in."""
        request = self.request
        versions = catalog_versions(request.root, ("Center", "Department"))
        key = BLANK_FORMS.key(request, versions, center_code, department)

        def render(placeholders):
            defaults = {"center": center_code, **placeholders}
            form = self.form(center_code, defaults, csrf_token=placeholders["csrf"])
            return form.render({"department": department} if department else {}), None

        return BLANK_FORMS.show(key, render, values)[0]

    @view_config(request_method="POST")
    def post(self):
        center_code = self.request.POST.get("center", "")
        form = self.form(center_code)
        try:
            appstruct = form.validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            if "refresh" in self.request.POST:
                center = self.centers.get(center_code)
                chosen = e.cstruct.get("department")
                if center is None or not isinstance(chosen, str) or chosen not in center:
                    e.cstruct["department"] = ""
                clear_errors(e.field)
            return self.page(e.render())
        if "refresh" in self.request.POST:
            return self.page(form.render(appstruct))
        complaint = services.submit(self.request, appstruct)
        flash(
            self.request,
            _(
                "Your complaint has been received. It will be handled by the complaint "
                "handlers of ${center}.",
                mapping={"center": complaint.center_title},
            ),
        )
        return HTTPSeeOther(self.request.resource_url(complaint))
