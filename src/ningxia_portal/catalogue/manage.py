"""Management of the catalogue (editors, admins): add, edit and remove centers, departments
and items, as named views on the content itself (``/centers/@@add-center``,
``…/<dept>/@@edit``, ``…/<item>/@@delete`` …).

Every change goes through ``Folder.add``/``remove`` (which (un)index the subtree) or fires
ObjectModified (which reindexes), so search shows it at once. Nothing that filings were made
for is ever removed: the catalog is asked for filings of the center, department or item
first, without the viewer's permission filter — only the count is shown, never a filing.
"""

from itertools import islice

import deform
from pyramid.csrf import get_csrf_token
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.view import view_config, view_defaults

from ningxia_portal.catalogue.resources import (
    CatalogueSection,
    Center,
    Centers,
    Department,
    ServiceItem,
)
from ningxia_portal.catalogue.schemas import (
    center_schema,
    department_schema,
    item_name,
    item_schema,
)
from ningxia_portal.core.events import ObjectModified
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import key_range
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.web.forms import FormView as BaseFormView

FORM = "templates/manage_form.jinja2"
CONFIRM = "templates/manage_delete.jinja2"
# The filing workflow's draft state, as the ``state`` index holds it (filings build on the
# catalogue, not the other way round; a test checks that the two names agree).
FILING_DRAFT = "draft"
LIST_LIMIT = 50  # a confirm page names at most this many of the items that will go


class FormView(BaseFormView):
    """The shared form view (web.forms) with the catalogue's conventions: schemas bound with
    ``adding``, one button, ``save(appstruct)`` and ``done(obj, message)``, a cancel link.

    Invalid input comes back as the same form with every value kept and a message at each
    field; nothing is written until the whole form is valid.
    """

    formid = "manage-form"
    button = _("Save")
    adding = False

    @property
    def buttons(self):
        return (deform.Button("save", self.button),)

    def schema(self):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def make_form(self):
        schema = self.schema().bind(request=self.request, context=self.context, adding=self.adding)
        return Form(schema, buttons=self.buttons, formid=self.formid)

    def succeed(self, appstruct):
        return self.save(appstruct)

    def render(self, form, html):
        data = super().render(form, html)
        data["cancel_url"] = self.request.resource_url(self.context)
        return data

    def done(self, obj, message):
        return self.redirect(self.request.resource_url(obj), message)


def _contact(obj, appstruct):
    for name in ("title", "address", "phone", "hours"):
        setattr(obj, name, appstruct[name])


@view_config(
    context=Centers, name="add-center", renderer=FORM, permission=Permissions.MANAGE_CATALOGUE
)
class AddCenter(FormView):
    title = _("Add a service center")
    button = _("Add")
    adding = True

    def schema(self):
        return center_schema(adding=True)

    def save(self, a):
        center = Center(
            a["code"],
            a["title"],
            a["level"],
            a["parent_code"] or None,
            address=a["address"],
            phone=a["phone"],
            hours=a["hours"],
        )
        self.context.add(a["code"], center)
        return self.done(center, _("The service center was added."))


@view_config(context=Center, name="edit", renderer=FORM, permission=Permissions.MANAGE_CATALOGUE)
class EditCenter(FormView):
    title = _("Edit the service center")

    def schema(self):
        return center_schema(adding=False)

    def appstruct(self):
        c = self.context
        return {"title": c.title, "address": c.address, "phone": c.phone, "hours": c.hours}

    def save(self, a):
        _contact(self.context, a)
        self.request.registry.notify(ObjectModified(self.context))
        return self.done(self.context, _("Your changes were saved."))


@view_config(
    context=Center, name="add-department", renderer=FORM, permission=Permissions.MANAGE_CATALOGUE
)
class AddDepartment(FormView):
    title = _("Add a department")
    button = _("Add")
    adding = True

    def schema(self):
        return department_schema(adding=True)

    def save(self, a):
        dept = Department(a["title"], phone=a["phone"], address=a["address"], hours=a["hours"])
        self.context.add(a["name"], dept)
        return self.done(dept, _("The department was added."))


@view_config(
    context=Department, name="edit", renderer=FORM, permission=Permissions.MANAGE_CATALOGUE
)
class EditDepartment(EditCenter):
    title = _("Edit the department")

    def schema(self):
        return department_schema(adding=False)


ITEM_FIELDS = (
    "code",
    "title",
    "item_type",
    "legal_basis",
    "conditions",
    "statutory_days",
    "promised_days",
    "fee",
    "fee_basis",
    "visits",
    "depth",
)


@view_config(
    context=Department, name="add-item", renderer=FORM, permission=Permissions.MANAGE_CATALOGUE
)
class AddItem(FormView):
    title = _("Add a service item")
    button = _("Add")
    adding = True

    def schema(self):
        return item_schema()

    def save(self, a):
        item = ServiceItem(**{name: a[name] for name in ITEM_FIELDS}, materials=a["materials"])
        self.context.add(item_name(a["code"]), item)
        return self.done(item, _("The service item was added."))


@view_config(
    context=ServiceItem, name="edit", renderer=FORM, permission=Permissions.MANAGE_CATALOGUE
)
class EditItem(FormView):
    title = _("Edit the service item")

    def schema(self):
        return item_schema()

    def appstruct(self):
        item = self.context
        data = {name: getattr(item, name) for name in ITEM_FIELDS}
        data["materials"] = [m.as_dict() for m in item.materials]
        return data

    def save(self, a):
        from ningxia_portal.catalogue.resources import Material

        item = self.context
        for name in ITEM_FIELDS:
            setattr(item, name, a[name])
        item.materials[:] = [Material(**m) for m in a["materials"]]
        self.request.registry.notify(ObjectModified(item))
        return self.done(item, _("Your changes were saved."))


def filings_of(request, key):
    """(cases, drafts): how many filings of anyone the catalog holds for an item, department
    or center (``key``: its item key, department key or center code), from ``case_item``,
    which holds the "<center>/<dept>/<item>" of filings only: a department's or center's
    cases are those of the item keys it begins. Drafts are counted apart: a draft is its
    enterprise's alone, so the staff who remove items may learn that drafts hold one, never
    how many."""
    catalog = request.root.catalog
    index = catalog["case_item"]
    found = index._fwd_index.get(key)
    low, high = key_range(key + "/")
    sets = [found] if found is not None else []
    sets += index._fwd_index.values(low, high, excludemax=True)
    total = sum(len(ids) for ids in sets)
    drafts = catalog["state"]._fwd_index.get(FILING_DRAFT)
    held = 0
    if drafts is not None and total:
        family = index.family.IF  # one union and one intersection, however many items
        held = len(family.intersection(family.multiunion(sets), drafts))
    return total - held, held


@view_defaults(name="delete", renderer=CONFIRM, permission=Permissions.MANAGE_CATALOGUE)
class DeleteViews:
    """GET: what will go, and whether filings forbid it; POST (with CSRF): remove it."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def confirm(self, what, goes, more, filings, kind):
        filings, drafts = filings
        parent = self.context.__parent__
        if self.request.method == "POST" and not filings and not drafts:
            parent.remove(self.context.__name__)
            flash(self.request, _("“${title}” was removed.", mapping={"title": self.context.title}))
            return HTTPFound(location=self.request.resource_url(parent))
        return {
            "what": what,
            "goes": goes,
            "more": more,
            "filings": filings,
            "drafts": bool(drafts),
            "kind": kind,
            "cancel_url": self.request.resource_url(self.context),
            "csrf_token": get_csrf_token(self.request),
        }

    @view_config(context=ServiceItem)
    def item(self):
        filings = filings_of(self.request, self.context.item_key)
        return self.confirm(self.context.title, [], 0, filings, "item")

    @view_config(context=Department)
    def department(self):
        dept = self.context
        items = list(islice(dept.values(), LIST_LIMIT))
        filings = filings_of(self.request, dept.department_key)
        return self.confirm(dept.title, items, max(0, len(dept) - LIST_LIMIT), filings, "dept")

    @view_config(context=Center)
    def center(self):
        # Removing a whole center is for those who may add centers, not its own editors.
        if not self.request.has_permission(Permissions.MANAGE_CATALOGUE, self.context.__parent__):
            raise HTTPForbidden()
        depts = list(islice(self.context.values(), LIST_LIMIT))
        filings = filings_of(self.request, self.context.code)
        return self.confirm(
            self.context.title, depts, max(0, len(self.context) - LIST_LIMIT), filings, "center"
        )


@view_config(
    context=CatalogueSection,
    renderer="templates/manage_section.jinja2",
    permission=Permissions.MANAGE_CATALOGUE,
)
def catalogue_section(context, request):
    """The back office's way into the catalogue: every center and what can be done to it."""
    from ningxia_portal.catalogue.views import center_tree

    centers = request.root["centers"]
    rows = []
    for region, cities in center_tree(centers):
        rows.append((0, region))
        for city, counties in cities:
            rows.append((1, city))
            rows.extend((2, county) for county in counties)
    return {"centers": centers, "rows": rows}
