"""Apply for an item (``…/<item>/apply``) and finish a draft (``/filings/<draft>/edit``).

The form as first shown is the same for every enterprise applying for items with the same
materials but for the CSRF token, contact and phone; deform renders an upload sequence per
material, so it is rendered once and kept (``web/blankforms.py``), each viewer's values
put in. A form posted back with errors, and a draft's form, are rendered per request.
"""

import deform
from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config, view_defaults

from ningxia_portal.catalogue.resources import ServiceItem
from ningxia_portal.filings import services, workflow
from ningxia_portal.filings.resources import Filing
from ningxia_portal.filings.schemas import apply_schema
from ningxia_portal.filings.uploads import ZODBTmpStore
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.security.permissions import ENTERPRISE, Permissions
from ningxia_portal.web.blankforms import BlankForms
from ningxia_portal.web.forms import Form, flash

TEMPLATE = "ningxia_portal:filings/templates/apply.jinja2"
BLANK_FORMS = BlankForms("apply", 1000)  # the new application's form (ApplyView.blank_form)


def int_keys(mapping):
    return {int(k): v for k, v in (mapping or {}).items()}


class _FormBase:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.settings = request.registry.settings
        self.tmpstore = ZODBTmpStore(request, services.get_filings(request))
        if ENTERPRISE not in request.effective_principals:
            raise HTTPForbidden()  # admins may do everything, but only enterprises file

    def form(self, materials, for_submit, existing=None, defaults=None, csrf_token=None):
        schema = apply_schema(
            materials,
            self.tmpstore,
            self.settings,
            for_submit,
            existing,
            defaults,
            csrf_token=csrf_token or self.request.session.get_csrf_token(),
        )
        buttons = (
            deform.Button("save", _("Save as draft"), css_class="btn btn-outline-secondary"),
            deform.Button("submit", _("Submit application"), css_class="btn btn-primary"),
        )
        return Form(schema, buttons=buttons, formid="apply")

    def handle(self, filing, materials, existing=None, defaults=None):
        """Validate the POST for the pressed button; save the draft or submit."""
        for_submit = "submit" in self.request.POST
        form = self.form(materials, for_submit, existing, defaults)
        try:
            appstruct = form.validate(self.request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(e.render())
        services.fill(filing, appstruct)
        for file_id in appstruct.get("remove_files", ()):
            filing.remove_draft_file(file_id)
        services.store_files(self.request, filing, int_keys(appstruct["materials"]))
        if for_submit:
            services.submit(self.request, filing)
            flash(
                self.request,
                _(
                    "Your application has been submitted. Case number ${no}, promised by ${date}.",
                    mapping={"no": filing.case_no, "date": filing.deadline.isoformat()},
                ),
            )
        else:
            services.save_draft(self.request, filing)
            flash(self.request, _("Your application has been saved as a draft."))
        return HTTPSeeOther(self.request.resource_url(filing))

    def page(self, form_html):
        ctx = self.context
        if isinstance(ctx, Filing):
            facts = dict(ctx.snapshot)
        else:
            facts = {
                "title": ctx.title,
                "department_title": ctx.department.title,
                "depth": ctx.depth,
                "promised_days": ctx.promised_days,
            }
        return {"form": form_html, "facts": facts, "filing": ctx if ctx is not None else None}


@view_defaults(context=ServiceItem, name="apply", permission=Permissions.FILE, renderer=TEMPLATE)
class ApplyView(_FormBase):
    """A new application: the form generated from the item's materials list."""

    def materials(self):
        return [m.as_dict() for m in self.context.materials]

    @view_config(request_method="GET")
    def get(self):
        user = self.request.identity
        values = {
            "csrf_token": self.request.session.get_csrf_token(),
            "contact": user.contact or user.title,
            "phone": user.phone,
        }
        return self.page(self.blank_form(values))

    def blank_form(self, values):
        """The empty form, rendered once per materials list (what the upload sequences
        show), upload limits, language and version of the items, ``values`` put in."""
        materials = self.materials()
        versions = catalog_versions(self.request.root, ("ServiceItem",))
        shown = tuple(tuple(m.items()) for m in materials)  # exact, even for unindexed edits
        settings = self.settings
        limits = (settings["portal.upload_max_files"], settings["portal.upload_max_bytes"])
        key = BLANK_FORMS.key(self.request, versions, limits, shown)

        def render(placeholders):
            defaults = {"contact": placeholders["contact"], "phone": placeholders["phone"]}
            form = self.form(materials, True, None, defaults, placeholders["csrf_token"])
            return form.render(), None

        return BLANK_FORMS.show(key, render, values)[0]

    @view_config(request_method="POST", serialized=True)
    def post(self):
        filing = services.new_filing(self.request, self.context)
        return self.handle(filing, self.materials())


@view_defaults(context=Filing, name="edit", permission=Permissions.EDIT_FILING, renderer=TEMPLATE)
class DraftView(_FormBase):
    """A draft, editable by its owner until it is submitted."""

    def existing(self):
        found = {}
        for f in self.context.current_files():
            found.setdefault(f.material, []).append(f)
        return found

    def check_draft(self):
        if self.context.state != workflow.DRAFT:
            flash(self.request, _("This application was submitted and can no longer be edited."))
            raise HTTPSeeOther(self.request.resource_url(self.context))

    @view_config(request_method="GET")
    def get(self):
        self.check_draft()
        f = self.context
        defaults = {"description": f.description, "contact": f.contact, "phone": f.phone}
        form = self.form(f.materials, True, self.existing(), defaults)
        return self.page(form.render())

    @view_config(request_method="POST", serialized=True)
    def post(self):
        self.check_draft()
        return self.handle(self.context, self.context.materials, self.existing())
