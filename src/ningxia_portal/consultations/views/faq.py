"""The published consultations as 常见问题 (FAQ): a block on each department's page and
``/consultations/faq?department=<center>/<dept>``, for everyone.

They come from the ``faq:<department>`` lists of the catalog (newest first), and show only
the subject, the question and the answer: never who asked, nor a phone number.
"""

from itertools import islice

from pyramid.httpexceptions import HTTPNotFound
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import view_config

from ningxia_portal.consultations.resources import FAQ_ALL, FAQ_LIST, MINE_LIST, Consultations
from ningxia_portal.consultations.views import faq_entry, is_enterprise
from ningxia_portal.web.paging import Page

BLOCK_SIZE = 5  # the newest on the department's page; the rest on the FAQ page


def faq_url(request, department_key=None):
    query = {"department": department_key} if department_key else None
    return request.resource_url(request.root["consultations"], "faq", query=query)


def department_faq_block(request, department):
    """The department's newest published questions and answers, and a link to ask it."""
    root = request.root
    index = root.catalog["consultation_lists"]
    name = FAQ_LIST + department.department_key
    total = index.size(name)
    get = root.docmap.get
    found = [c for c in map(get, islice(index.docids([name]), BLOCK_SIZE)) if c is not None]
    return {
        "entries": [faq_entry(request, c) for c in found],
        "total": total,
        "more_url": faq_url(request, department.department_key) if total > len(found) else None,
        "ask_url": request.resource_url(
            root["consultations"], "new", query={"department": department.department_key}
        ),
    }


def faq_page(request):
    """(department or None, page, entries): every published question of a department
    (``?department=<center>/<dept>``) or of all, newest first, paginated."""
    root = request.root
    key = request.GET.get("department", "")
    department = None
    if key:
        code, _sep, name = key.partition("/") if isinstance(key, str) else ("", "", "")
        center = root["centers"].get(code)
        department = center.get(name) if center is not None and name else None
        if department is None:
            raise HTTPNotFound()
    index = root.catalog["consultation_lists"]
    list_name = FAQ_LIST + department.department_key if department is not None else FAQ_ALL
    page = Page.from_request(request, index.docids([list_name]), index.size(list_name))
    get = root.docmap.get
    entries = [faq_entry(request, c) for c in map(get, page.items) if c is not None]
    return department, page, entries


# Public: an entry shows no name and no phone (the container's ACL admits only the
# logged-in, so these views ask for no permission).
@view_config(
    context=Consultations,
    name="faq",
    permission=NO_PERMISSION_REQUIRED,
    accept="text/html",
    renderer="ningxia_portal:consultations/templates/faq.jinja2",
)
def faq(context, request):
    department, page, entries = faq_page(request)
    return {"department": department, "page": page, "entries": entries}


@view_config(
    context=Consultations,
    name="faq",
    permission=NO_PERMISSION_REQUIRED,
    accept="application/json",
    renderer="json",
)
def faq_json(context, request):
    department, page, entries = faq_page(request)
    return {
        "department": department.department_key if department is not None else None,
        "total": page.total,
        "page": page.number,
        "pages": page.pages,
        "entries": entries,
    }


def my_consultations_block(request):
    """The home page's block for enterprises: how many asked, how many answered."""
    if not is_enterprise(request):
        return None
    index = request.root.catalog["consultation_lists"]
    mine = [MINE_LIST + request.identity.username]
    counts = index.counts(mine, "answered")
    return {
        "total": index.size(mine[0]),
        "answered": counts.get("1", 0),
        "waiting": counts.get("0", 0),
        "list_url": request.resource_url(request.root["consultations"]),
        "new_url": request.resource_url(request.root["consultations"], "new"),
    }
