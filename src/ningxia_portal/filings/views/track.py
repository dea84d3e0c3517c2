"""``/track``: 办件进度查询, a case's progress by its number and contact phone, for anyone.

A plain form (POST with the session's CSRF token, as the login: the phone never goes into a
URL or an access log). A hit shows the case's item, state, promised date and the timeline of
its steps (filings/tracking.py says what is never shown); every miss — a wrong number, a
wrong phone, a draft, a number whose last-four shortcut is refused — is answered with the
same page: the blank form and one message, no value typed echoed back, so nothing in the
answer tells which part was wrong. Bad input (empty, a malformed case number) comes back as
the form with the values kept and the message at the field, and checks nothing.
``Accept: application/json`` gets the same fields and misses.
"""

import colander
import deform
from pyramid.renderers import render
from pyramid.response import Response
from pyramid.view import view_config, view_defaults

from ningxia_portal.core.clock import local_iso
from ningxia_portal.core.root import Portal
from ningxia_portal.filings import tracking
from ningxia_portal.filings.schemas import track_schema
from ningxia_portal.filings.views import state_title
from ningxia_portal.i18n import _
from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.security.permissions import Permissions
from ningxia_portal.web.blankforms import BlankForms
from ningxia_portal.web.forms import Form, MalformedForm
from ningxia_portal.web.layout import HEADER_TYPES_ATTR
from ningxia_portal.web.pagecache import registry_cache
from ningxia_portal.web.personal import audience, join, shared_rendering, split
from ningxia_portal.web.rows import RowCache
from ningxia_portal.web.skins import display_key

TEMPLATE = "ningxia_portal:filings/templates/track.jinja2"
# The blank form, rendered once per language and application URL; the CSRF token put in.
BLANK_FORMS = BlankForms("track", 16)
FORM_VERSION = 1  # the form depends on nothing stored
FIELDS = ("case_no", "phone")
FIELDS_SCHEMA = track_schema()  # what a lookup checks, made once
# A case's progress as shown, kept per version of the case, language and application URL
# (web/rows.py): it shows nothing that depends on the day or on who asks.
RESULTS = RowCache("ningxia_portal:filings/templates/track_result.jinja2", size=5000)
KEPT_PAGES = 2000  # whole answers of a hit, cut at the personal parts (kept_page)

# The one answer of every miss. It always says to type the whole phone, since a number that
# missed too often answers a last-four lookup with this same message (tracking.py): so a
# user whose shortcut is refused learns what to do, and nobody learns which numbers are.
NOT_FOUND = _(
    "No case matches this case number and contact phone. Please check both and try again; "
    "if you entered only the last four digits, enter the whole contact phone instead."
)
THROTTLED = _(
    "Too many unsuccessful lookups from your network. For your security, please try again "
    "in ${minutes} minutes."
)
MISS, THROTTLE, INVALID, HIT = "miss", "throttled", "invalid", "hit"
JSON_STATUS = {MISS: 404, THROTTLE: 429, INVALID: 400}


@view_defaults(context=Portal, name="track", permission=Permissions.VIEW)
class TrackView:
    formid = "track"
    buttons = (deform.Button("submit", _("Look up")),)

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def make_form(self, csrf_token=None):
        token = csrf_token or self.request.session.get_csrf_token()
        return Form(track_schema(csrf_token=token), buttons=self.buttons, formid=self.formid)

    def blank_form(self):
        """The empty form: kept once rendered (``web/blankforms.py``), the token put in."""
        key = BLANK_FORMS.key(self.request, FORM_VERSION)

        def build(placeholders):
            return self.make_form(csrf_token=placeholders["csrf_token"]).render({}), None

        token = self.request.session.get_csrf_token()
        return BLANK_FORMS.show(key, build, {"csrf_token": token})[0]

    def invalid(self):
        """The form validated by deform, to show its errors at the fields."""
        try:
            self.make_form().validate(self.request.POST.items())
        except deform.ValidationFailure as failure:
            return failure
        raise MalformedForm("the lookup's fields passed colander but not deform")

    def outcome(self):
        """(kind, value): (INVALID, the ValidationFailure), (THROTTLE, None), (MISS, None)
        or (HIT, the case). Bad input checks nothing and counts nothing.

        The fields are checked by the shared colander schema; deform builds its form only
        to show errors (building it for every lookup took a fifth of a lookup's time)."""
        posted = {name: self.request.POST.get(name, colander.null) for name in FIELDS}
        if any(not isinstance(v, str) and v is not colander.null for v in posted.values()):
            raise MalformedForm("a lookup's field is not text")
        try:
            appstruct = FIELDS_SCHEMA.deserialize(posted)
        except colander.Invalid:
            return INVALID, self.invalid()
        filings = self.request.root["filings"]
        try:
            filing = tracking.look_up(
                self.request, filings, appstruct["case_no"], appstruct["phone"]
            )
        except tracking.TrackThrottled:
            return THROTTLE, None
        return (HIT, filing) if filing is not None else (MISS, None)

    def message(self, kind):
        if kind == THROTTLE:
            minutes = self.request.registry.settings["portal.track_window_minutes"]
            return _(THROTTLED, mapping={"minutes": minutes})
        return NOT_FOUND

    def details(self, filing):
        """What a lookup shows of a case (and nothing else: tracking.py)."""
        snapshot = filing.snapshot
        return {
            "case_no": filing.case_no,
            "item": filing.item_title,
            "department": snapshot.get("department_title", ""),
            "center": snapshot.get("center_title", ""),
            "state": filing.state,
            "state_title": state_title(self.request, filing.state),
            "submitted": filing.submitted,
            "deadline": filing.deadline,
            "finished": filing.finished,
            "timeline": [
                (when, self.request.localizer.translate(title))
                for when, title in tracking.timeline(filing)
            ],
        }

    def page(self, **values):
        self.request.response.cache_control = "no-store"
        title = self.request.localizer.translate(_("Case progress lookup"))
        return {"title": title, "form": None, "result": None, "message": None, **values}

    @view_config(request_method="GET", accept="text/html", renderer=TEMPLATE)
    def show(self):
        return self.page(form=self.blank_form())

    def result(self, filing):
        """The case's progress, kept per version of the case (``RESULTS``)."""
        page = RESULTS.page_key(self.request)
        return RESULTS.row(self.request, page, filing, lambda: {"case": self.details(filing)})

    def kept_page(self, filing):
        """The whole answer of a hit, kept as the public pages are (``web/pagecache.py``):
        rendered once per version of the case and of the header, language, region choice,
        skin, elder mode and audience, with placeholders where each viewer's own parts go
        (the header's name and token, flash messages), which are put in on every showing."""
        request = self.request
        types = tuple(getattr(request.registry, HEADER_TYPES_ATTR, ()))
        versions = catalog_versions(request.root, types)
        key = None
        if versions is not None and filing._p_oid is not None and not filing._p_changed:
            key = (
                filing._p_oid,
                filing._p_serial,
                audience(request),
                request.localizer.locale_name,
                request.application_url,
                request.path_qs,
                request.region,
                versions,
                display_key(request),
            )

        def render_shared():
            with shared_rendering(request):
                values = self.page(result=self.result(filing))
                return split(render(TEMPLATE, values, request=request).encode("utf-8"))

        kept = registry_cache(request.registry, "portal_kept_track_pages", KEPT_PAGES)
        body = join(request, kept.get_or_compute(key, render_shared))
        response = Response(body=body, content_type="text/html", charset="utf-8")
        response.cache_control = "no-store"
        return response

    @view_config(request_method="POST", accept="text/html", renderer=TEMPLATE)
    def post(self):
        kind, value = self.outcome()
        if kind == HIT:
            return self.kept_page(value)
        if kind == INVALID:
            return self.page(form=value.render())
        if kind == THROTTLE:
            self.request.response.status_int = 429
        return self.page(form=self.blank_form(), message=self.message(kind))

    @view_config(request_method="POST", accept="application/json", renderer="json")
    def json(self):
        kind, value = self.outcome()
        self.request.response.cache_control = "no-store"
        if kind == HIT:
            case = self.details(value)
            for name in ("submitted", "deadline", "finished"):
                case[name] = local_iso(case[name])
            case["timeline"] = [
                {"time": local_iso(when), "step": title} for when, title in case["timeline"]
            ]
            return {"found": True, **case}
        self.request.response.status_int = JSON_STATUS[kind]
        translate = self.request.localizer.translate
        if kind == INVALID:
            errors = value.error.asdict(translate=translate)
            errors.pop("csrf_token", None)
            message = _("Please correct the fields marked.")
            return {"found": False, "message": translate(message), "errors": errors}
        return {"found": False, "message": translate(self.message(kind))}
