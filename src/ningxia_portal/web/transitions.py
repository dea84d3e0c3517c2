"""A workflow object's page with the forms of the moves its viewer may take.

Cases, appointments, consultations and complaints show the same thing: the object, its
history, and one form per transition the viewer may take now (``Workflow.allowed``), each
with a comment, the hidden revision and the session's token, as ``forms``: a list of
``(transition, html)``. A posted form (``__formid__`` = ``formid`` + the transition's name)
is refused with 409 and the page as it is now when the object changed since the form was
shown or the move is not possible (saying why, when a guard says so); a form with bad input
comes back as itself; a move flashes "done" and redirects to the object.

A domain subclasses ``MovesView`` and says what differs::

    @lift()
    @view_defaults(context=Appointment, permission=Permissions.VIEW, renderer=TEMPLATE)
    class AppointmentView(MovesView):
        workflow = appointment_workflow
        done = _("Done: the appointment is now “${state}”.")

        def move_schema(self, t, revision, csrf_token): ...   # the form of one move
        def page_data(self, forms, error, allowed): ...      # what the template reads
        def details(self): ...                               # the JSON, before history
        def state_title(self): ...                           # the state, as flashed

and, where it needs to, ``moves`` (which of the allowed moves have a form here),
``button_css``/``button``, ``take`` (the move itself, through the domain's services),
``done_message``, ``history_row``/``json_history``. ``@lift()`` registers the three views
below for the subclass, with its ``view_defaults``; this class registers none itself.

``form_cache``: an ``LRUCache`` to render each move's blank form once per language, with
the object's address, revision and the session's token put in on each page (for moves whose
form is a comment, the revision and the token only).
"""

import deform
from markupsafe import escape
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from venusian import onlyliftedfrom

from ningxia_portal.core.clock import local_iso
from ningxia_portal.i18n import _
from ningxia_portal.web.forms import Form, flash
from ningxia_portal.workflow import WorkflowError

PLACEHOLDER = "@@move-{}@@"


@onlyliftedfrom()
class MovesView:
    workflow = None  # the object's Workflow
    formid = "transition-"  # each move's form id: this and the transition's name
    done = None  # the flash after a move: a msgid with ${state}
    form_cache = None  # an LRUCache of blank forms per move and language, or None

    def __init__(self, context, request):
        self.context = context
        self.request = request

    # -- what a domain says ----------------------------------------------------------------
    def move_schema(self, t, revision, csrf_token):
        raise NotImplementedError

    def page_data(self, forms, error, allowed):
        raise NotImplementedError

    def details(self):
        raise NotImplementedError

    def state_title(self):
        raise NotImplementedError

    def moves(self, allowed):
        """Of the transitions the viewer may take now, those with a form on this page."""
        return allowed

    def button_css(self, t):
        return "btn btn-primary"

    def button(self, t):
        return deform.Button(t.name, t.title, css_class=self.button_css(t))

    def take(self, t, appstruct):
        """Take the move (a ``WorkflowError`` says why not)."""
        self.workflow.transition(
            self.context,
            t.name,
            self.request,
            comment=appstruct["comment"],
            revision=appstruct["revision"],
        )

    def done_message(self, t):
        return _(self.done, mapping={"state": self.state_title()})

    def history_row(self, e):
        return {
            "time": local_iso(e["time"]),
            "actor": e["actor_title"],
            "transition": e["transition"],
            "from": e["from_state"],
            "to": e["to_state"],
            "comment": e["comment"],
        }

    def json_history(self):
        return [self.history_row(e) for e in self.context.history]

    # -- the forms ---------------------------------------------------------------------------
    def allowed(self):
        return self.workflow.allowed(self.context, self.request)

    def move_form(self, t):
        schema = self.move_schema(t, self.context.revision, self.request.session.get_csrf_token())
        return Form(
            schema,
            formid=self.formid + t.name,
            action=self.request.resource_url(self.context),
            buttons=(self.button(t),),
        )

    def blank_form(self, t):
        """A move's form as first shown (rendered once per move and language when the
        class keeps a ``form_cache``)."""
        if self.form_cache is None:
            return self.move_form(t).render()
        request = self.request

        def render():
            form = Form(
                self.move_schema(t, 0, ""),
                formid=self.formid + t.name,
                action=PLACEHOLDER.format("action"),
                buttons=(self.button(t),),
            )
            form.cstruct = {
                "csrf_token": PLACEHOLDER.format("csrf_token"),
                "revision": PLACEHOLDER.format("revision"),
                "comment": "",
            }
            return form.render()

        key = (self.workflow.name, t.name, request.localizer.locale_name)
        html = self.form_cache.get_or_compute(key, render)
        for name, value in (
            ("action", request.resource_url(self.context)),
            ("csrf_token", request.session.get_csrf_token()),
            ("revision", str(self.context.revision)),
        ):
            html = html.replace(PLACEHOLDER.format(name), str(escape(value)))
        return html

    def page(self, failed=None, error=None):
        """The page's data; ``failed``: (transition, its form with the errors shown)."""
        allowed = self.allowed()
        forms = [
            (t, failed[1] if failed is not None and failed[0] is t else self.blank_form(t))
            for t in self.moves(allowed)
        ]
        return self.page_data(forms, error, allowed)

    def refused(self, message):
        """The object as it is now, with why nothing happened (409 Conflict)."""
        self.request.response.status = 409
        return self.page(error=message)

    # -- the views (registered for each subclass by ``@lift()``) ----------------------------
    @view_config(request_method="GET", accept="text/html")
    def get(self):
        return self.page()

    @view_config(request_method="GET", accept="application/json", renderer="json")
    def get_json(self):
        data = self.details()
        data["history"] = self.json_history()
        data["transitions"] = [t.name for t in self.moves(self.allowed())]
        return data

    @view_config(request_method="POST")
    def post(self):
        """A move: refused if the object changed since the form was shown, or if the move is
        not possible now (why, if a guard says; else "not available", also to a viewer
        without the permission)."""
        request, context, messages = self.request, self.context, self.workflow.messages
        posted = request.POST.get("revision")
        if posted is not None and posted != str(context.revision):
            return self.refused(messages["stale"])
        formid = request.POST.get("__formid__", "")
        name = formid[len(self.formid) :] if formid.startswith(self.formid) else ""
        t = self.workflow.get_transition(name)
        if t is None or t not in self.moves(self.allowed()):
            why = self.workflow.why_not(context, t) if t is not None else None
            return self.refused(why or messages["not_possible"])
        try:
            appstruct = self.move_form(t).validate(request.POST.items())
        except deform.ValidationFailure as e:
            return self.page(failed=(t, e.render()))
        try:
            self.take(t, appstruct)
        except WorkflowError as e:
            return self.refused(e.message)
        flash(request, self.done_message(t))
        return HTTPSeeOther(request.resource_url(context))
