"""One demo portal for every fuzzed form (blob storage: uploads reach the stash), its
personas logged in once, and what a form looks like before any value is made hostile."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import transaction
import webtest

from ningxia_portal import main
from ningxia_portal.core.root import APP_ROOT_KEY, get_database
from tests.conftest import DEMO_CENTERS, app_registry, base_settings, create_user
from tests.functional.fuzz.hostile import PDF, FilePart

# The demo accounts (password <name>1234) and an account the account forms act on, so a
# hostile post that happens to be valid (disable, grant) never locks a persona out.
PERSONAS = ("enterprise", "reviewer", "handler", "editor", "admin")
TARGET = "fuzz_target"
ITEM = "/centers/640100/scjg/xk-scjg-001/"  # an item in the demo centers


@dataclass
class Entry:
    """A form to fuzz: who posts it, the page that shows it (a path, or a callable that
    finds one in the database), how to find the form on that page, and valid values to
    start from (``fill``; ``UPLOAD`` puts a PDF in every file input). ``controls``
    replaces reading a form, for a POST no page renders as a form of its own. ``accepted``
    are the statuses of a post that was taken (anything else is a refusal)."""

    persona: str | None
    page: object
    form: str = ""  # the form's id, or "action:<path>" for a form without one
    fill: dict = field(default_factory=dict)
    controls: list | None = None
    post_to: str = ""
    accepted: tuple = (302, 303)
    method: str = "POST"
    # What a refused post must leave as it was: the whole database by default.
    unchanged: object = None

    def __str__(self):
        return f"{self.persona or 'anonymous'}:{self.form or self.post_to}"


UPLOAD = object()
TOKEN = object()  # the session's CSRF token, in ``controls``


class Site:
    def __init__(self, directory):
        uri = f"file://{directory}/Data.fs?blobstorage_dir={directory}/blobs"
        settings = base_settings(
            **{"zodbconn.uri": uri, "portal.demo": "true", "portal.demo_centers": DEMO_CENTERS}
        )
        self.wsgi_app = main({}, **settings)
        self.db = get_database(self.wsgi_app.registry)
        create_user(self.wsgi_app, TARGET, kind="staff", roles=("editor",), title="模糊测试")
        self.clients = {}
        # Every persona logs in before any form is fuzzed: the hostile logins fill the
        # failed-login throttle of the test's one address.
        for persona in (None, *PERSONAS):
            self.client(persona)
        self.save_draft("enterprise")

    def save_draft(self, persona):
        """A draft of ``persona``'s, whose edit form is fuzzed (the demo data has none: each
        form's test must find what it needs whether or not another test ran before it)."""
        form = self.client(persona).get(ITEM + "apply").forms["apply"]
        form["description"] = "模糊测试草稿"
        res = form.submit("save")
        assert res.status_int == 303 and "/filings/draft-" in res.location, res.status

    def close(self):
        self.db.close()

    def client(self, persona):
        if persona not in self.clients:
            testapp = webtest.TestApp(self.wsgi_app)
            if persona is not None:
                form = testapp.get("/login").forms["login"]
                form["login"], form["password"] = persona, f"{persona}1234"
                assert form.submit("submit").status_int == 302
            self.clients[persona] = testapp
        return self.clients[persona]

    def fingerprint(self):
        """The id of the database's last transaction: any write changes it."""
        return self.db.lastTransaction()

    def root(self):
        """The portal's root in a transaction of its own, for finders (aborted at once)."""
        tm = transaction.TransactionManager()
        conn = self.db.open(transaction_manager=tm)
        return conn, tm, conn.root()[APP_ROOT_KEY]

    def find(self, container, test, suffix=""):
        """The paths of the objects of ``container`` that ``test`` accepts."""
        with app_registry(self.wsgi_app):
            conn, tm, root = self.root()
            try:
                return [
                    f"/{container}/{name}/{suffix}"
                    for name, obj in root[container].items()
                    if test(obj)
                ]
            finally:
                tm.abort()
                conn.close()

    def snapshot(self, container):
        """Each object of ``container`` with its state and revision: what a post to one of
        its forms may change."""
        return self.read(container, lambda name, o: (name, o.state, getattr(o, "revision", None)))

    def serials(self, container):
        """Each object of ``container`` with its stored version, and the container's."""

        def serial(name, obj):
            obj._p_activate()  # a ghost's serial is zero until it is loaded
            return name, obj._p_serial

        found = self.read(container, serial)
        return found + (len(found),)

    def read(self, container, what):
        """``what(name, obj)`` of each object of ``container``, taken while its connection
        is open: once it is closed, an object not loaded before can't be."""
        with app_registry(self.wsgi_app):
            conn, tm, root = self.root()
            try:
                return tuple(what(name, obj) for name, obj in root[container].items())
            finally:
                tm.abort()
                conn.close()

    def token(self, persona):
        page = self.client(persona).get("/login" if persona is None else "/profile")
        return page.html.select_one("input[name=csrf_token]")["value"]

    def start(self, entry):
        """``(url, controls, multipart)``: the valid submission the fuzzing starts from."""
        testapp = self.client(entry.persona)
        if entry.controls is not None:
            token = self.token(entry.persona)
            controls = [(n, token if v is TOKEN else v) for n, v in entry.controls]
            controls = [(n, FilePart("申请书.pdf", PDF) if v is UPLOAD else v) for n, v in controls]
            return entry.post_to, controls, False
        paths = entry.page(self) if callable(entry.page) else [entry.page]
        form = None
        for path in paths:  # the first candidate that shows the form to this persona
            page = testapp.get(path, status="*")
            if page.status_int == 200:
                form = self._form(page, entry.form)
            if form is not None:
                break
        assert form is not None, f"no page shows {entry}"
        for name, value in entry.fill.items():
            if value is not UPLOAD:
                control = form.get(name, index=0)
                if hasattr(control, "force_value"):  # a select filled by script on the page
                    control.force_value(value)
                else:
                    control.value = value
        button = next((n for n, f in form.field_order if getattr(f, "tag", "") == "button"), None)
        controls = []
        for name, value in form.submit_fields(button):
            if isinstance(value, webtest.forms.File):
                file = entry.fill.get(name) is UPLOAD
                value = FilePart(
                    "申请书.pdf" if file else "", PDF if file else b"", "application/pdf"
                )
            controls.append((name, value))
        action = urlsplit(form.action or path)
        url = action.path + (f"?{action.query}" if action.query else "")
        return url, controls, form.enctype == "multipart/form-data"

    @staticmethod
    def _form(page, wanted):
        for form in page.forms.values():
            if wanted.startswith("action:"):
                if urlsplit(form.action or "").path.endswith(wanted[7:]):
                    return form
            elif form.id == wanted:
                return form
        return None
