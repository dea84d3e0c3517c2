"""Every word the main pages show comes from a catalog or from the database, in both languages.

The app gets marking localizers: each translation comes out as ``⁅…⁆`` and a message the
Chinese catalogs lack as ``⁅!msgid⁆``. Each page is then read as a user reads it (text
nodes, and the attributes a browser shows or reads out): with every marked part taken out,
what is left must be punctuation, figures, or data the database holds (center and item
names, the enterprise's own words, case numbers …). Hard-coded Chinese in an English page,
hard-coded English in a Chinese one, and a Chinese page showing a message id all fail.

Text in an element whose ``lang`` is not the page's is deliberately in that language (the
language switch names each language in itself, the emblem is a character) and is left out.
"""

import gc
import re
import unicodedata
from datetime import UTC, datetime

import pytest
import webtest
from BTrees.Interfaces import IBTree
from persistent import Persistent
from pyramid.i18n import Localizer, make_localizer
from pyramid.interfaces import ILocalizer, ITranslationDirectories

from ningxia_portal import main
from ningxia_portal.i18n import is_term
from ningxia_portal.messages.resources import Message
from ningxia_portal.web.pagecache import LRUCache
from tests.conftest import (
    DEMO_CENTERS,
    PERSONAS,
    base_settings,
    committing,
    create_personas,
    login,
)

OPEN, CLOSE, MISSING = "\u2045", "\u2046", "!"
SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
BUTTON_TYPES = {"submit", "button", "reset"}
# The same in both languages: names of formats and the service hotline.
UNIVERSAL = {"PDF", "CSV", "JSON", "Atom", "QR", "Excel", "Word", "PNG", "JPG", "OFD", "ZIP"}
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


class MarkingLocalizer(Localizer):
    """A localizer whose every translation is marked, and a missing one marked as such."""

    def __init__(self, locale_name, translations, check_missing):
        super().__init__(locale_name, translations)
        self.check_missing = check_missing

    def _missing(self, msgid, domain):
        if not self.check_missing or not msgid:
            return False
        domain = domain or getattr(msgid, "domain", None) or "messages"
        return self.translations.dugettext(domain, str(msgid)) == str(msgid)

    def translate(self, tstring, domain=None, mapping=None):
        text = super().translate(tstring, domain=domain, mapping=mapping)
        flag = MISSING if self._missing(tstring, domain) else ""
        return f"{OPEN}{flag}{text}{CLOSE}"

    def pluralize(self, singular, plural, n, domain=None, mapping=None):
        text = super().pluralize(singular, plural, n, domain=domain, mapping=mapping)
        flag = MISSING if self._missing(singular, domain) else ""
        return f"{OPEN}{flag}{text}{CLOSE}"


def marked_app(locale_name):
    settings = base_settings(
        **{
            "portal.demo": "true",
            "portal.demo_centers": DEMO_CENTERS,
            "pyramid.default_locale_name": locale_name,
        }
    )
    wsgi_app = main({}, **settings)
    registry = wsgi_app.registry
    directories = registry.queryUtility(ITranslationDirectories, default=[])
    real = make_localizer(locale_name, directories)
    marking = MarkingLocalizer(locale_name, real.translations, locale_name != "en")
    registry.registerUtility(marking, ILocalizer, name=locale_name)
    create_personas(wsgi_app)
    with committing(wsgi_app) as root:  # a reply in the enterprise's message box
        message = Message(datetime.now(UTC), "您的办件已受理", "材料齐全，予以受理。", "/filings/")
        root["messages"].box_for("enterprise").add(message)
    return wsgi_app


# -- what the database holds ---------------------------------------------------------------


def database_words(wsgi_app):
    """Every string the content holds (the catalog's indexes left out), as one haystack.

    Lower-case identifiers (states, transitions, kinds) are not words a page may show as
    they are, so they are left out too; user names are put back."""
    from tests.conftest import RootAccess

    found, seen = set(), set()
    with RootAccess(wsgi_app) as root:
        stack = [v for k, v in root.items() if k != "catalog"]
        while stack:
            obj = stack.pop()
            if isinstance(obj, str):
                if not IDENTIFIER.fullmatch(obj):
                    found.add(obj)
                continue
            if isinstance(obj, bytes | int | float | bool) or obj is None or id(obj) in seen:
                continue
            seen.add(id(obj))
            if type(obj).__module__.startswith(("hypatia", "ZODB.blob")):
                continue
            if isinstance(obj, dict) or IBTree.providedBy(obj) or hasattr(obj, "items"):
                try:
                    items = list(obj.items())
                except TypeError:
                    items = []
                stack.extend(k for k, _ in items)
                stack.extend(v for _, v in items)
            elif isinstance(obj, list | tuple | set | frozenset):
                stack.extend(obj)
            if isinstance(obj, Persistent):
                obj._p_activate()
            if hasattr(obj, "__dict__"):
                state = getattr(obj, "__dict__", {})
                stack.extend(v for k, v in state.items() if not k.startswith("_v_"))
                if "username" in state:
                    found.add(state["username"])
        found.update(p["username"] for p in PERSONAS.values())
        found.update(p.get("title", "") for p in PERSONAS.values())
    return "\x00".join(sorted(found))


# -- what a page shows ----------------------------------------------------------------------


def _unmark(text):
    """``text`` without its marked parts (innermost first), and the message ids seen."""
    missing = []
    pattern = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
    while True:
        for m in pattern.finditer(text):
            if m.group(1).startswith(MISSING):
                missing.append(m.group(1)[1:])
        new = pattern.sub(" ", text)
        if new == text:
            return text, missing
        text = new


def _shown_texts(soup):
    page_lang = soup.html.get("lang")
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    for el in soup.find_all(lang=True):
        if el is not soup.html and el.get("lang") != page_lang:
            el.clear()
    for el in soup.find_all(translate="no"):
        el.clear()
    for node in soup.find_all(string=True):
        if node.parent.name not in ("[document]",) and type(node).__name__ == "NavigableString":
            yield str(node)
    for el in soup.find_all(True):
        for attr in SHOWN_ATTRIBUTES:
            if el.get(attr):
                yield el[attr]
        if el.name == "input" and el.get("type") in BUTTON_TYPES and el.get("value"):
            yield el["value"]


URL = re.compile(r"https?://\S+")
CODE = re.compile(r"[0-9A-Z-]*[0-9][0-9A-Z-]*")  # case numbers, verification codes


def _in_data(fragment, haystack):
    """Han text may be any part of a stored string; a Latin word only a whole word of one."""
    if not fragment.isascii():
        return fragment in haystack
    return re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", haystack) is not None


def _is_word(fragment):
    if CODE.fullmatch(fragment):
        return False
    return any(unicodedata.category(c).startswith("L") for c in fragment)


def problems(res, haystack, english):
    """What the page shows that is neither translated nor data."""
    found = []
    for text in _shown_texts(res.html):
        rest, missing = _unmark(text)
        # Data passed through a translation is shown as it is: no message id.
        found.extend(f"message id shown: {m!r}" for m in missing if m not in haystack)
        rest = URL.sub(" ", rest)
        for fragment in re.split(
            r"[\s\u3000]+|[|·•/:;,.?!()\[\]{}<>\"'“”‘’（）：；，。、？！《》「」【】]+", rest
        ):
            fragment = fragment.strip("-–—…*#%+=~_")
            if not _is_word(fragment) or fragment in UNIVERSAL:
                continue
            if is_term(fragment):  # a stored vocabulary value shown without |term
                found.append(f"stored term shown as it is: {fragment!r} in {text.strip()[:80]!r}")
            elif not _in_data(fragment, haystack):
                found.append(f"not translated: {fragment!r} in {text.strip()[:80]!r}")
    return found


# -- the pages ------------------------------------------------------------------------------


def first(res, selector):
    link = res.html.select_one(selector)
    assert link is not None, f"no {selector} on {res.request.url}"
    return link["href"]


def main_pages(wsgi_app):
    """(who, path) of the main pages: the details are found through the lists."""
    from tests.conftest import RootAccess

    with RootAccess(wsgi_app) as root:
        center = root["centers"]["640100"]
        department = next(iter(center.values()))
        item = next(iter(department.values()))
        item_path = f"/centers/640100/{department.__name__}/{item.__name__}/"
        department_path = f"/centers/640100/{department.__name__}/"
    return [
        (None, "/"),
        (None, "/centers/"),
        (None, "/centers/640100/"),
        (None, department_path),
        (None, item_path),
        (None, "/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7"),
        (None, "/announcements/"),
        (None, "/login"),
        (None, "/register"),
        (None, "/track"),
        (None, "/stats/public"),
        ("enterprise", "/"),
        ("enterprise", item_path + "apply"),
        ("enterprise", "/filings/"),
        ("enterprise", "/filings/supplements"),
        ("enterprise", "/appointments/"),
        ("enterprise", "/appointments/new"),
        ("enterprise", "/consultations/"),
        ("enterprise", "/consultations/new"),
        ("enterprise", "/complaints/"),
        ("enterprise", "/complaints/new"),
        ("enterprise", "/notices/"),
        ("enterprise", "/messages/"),
        ("enterprise", "/evaluations/"),
        ("enterprise", "/profile"),
        ("reviewer", "/"),
        ("reviewer", "/filings/"),
        ("reviewer", "/appointments/"),
        ("reviewer", "/consultations/"),
        ("reviewer", "/evaluations/"),
        ("reviewer", "/stats/"),
        ("handler", "/complaints/"),
        ("editor", "/announcements/@@manage"),
        ("admin", "/manage/"),
        ("admin", "/manage/accounts/"),
        ("admin", "/manage/catalogue/"),
        ("admin", "/manage/calendar/"),
        ("admin", "/stats/"),
    ]


DETAILS = [
    # (who, list page, selector of the first detail link on it)
    (None, "/announcements/", "main a[href$='/']:not([href$='/announcements/'])"),
    ("enterprise", "/filings/", "main table a[href*='/filings/']"),
    ("reviewer", "/filings/", "main table a[href*='/filings/']"),
    ("enterprise", "/appointments/", "main table a[href*='/appointments/']"),
    ("enterprise", "/consultations/", "main table a[href*='/consultations/']"),
    ("enterprise", "/complaints/", "main table a[href*='/complaints/']"),
    ("enterprise", "/notices/", "main table a[href*='/notices/']"),
]


def forget_kept_renderings():
    """Empty every kept rendering of the process: some are kept per class or module (per
    language, not per application), and the marked ones must not reach other tests."""
    for obj in gc.get_objects():
        if isinstance(obj, LRUCache):
            obj._data.clear()


@pytest.fixture(scope="module", params=["zh_CN", "en"])
def marked(request):
    forget_kept_renderings()
    request.addfinalizer(forget_kept_renderings)
    wsgi_app = marked_app(request.param)
    clients = {}
    for who in (None, "enterprise", "reviewer", "handler", "editor", "admin"):
        client = webtest.TestApp(wsgi_app)
        if who:
            login(client, who, f"{who}1234")
        clients[who] = client
    return request.param, wsgi_app, clients, database_words(wsgi_app)


def check(marked, who, path):
    locale_name, _wsgi_app, clients, haystack = marked
    res = clients[who].get(path)
    assert res.status_int == 200, path
    found = problems(res, haystack, english=locale_name == "en")
    assert found == [], f"{locale_name} {who or 'visitor'} {path}:\n" + "\n".join(found)
    return res


def test_the_main_pages_show_only_translations_and_data(marked):
    failures = []
    for who, path in main_pages(marked[1]):
        try:
            check(marked, who, path)
        except AssertionError as exc:
            failures.append(str(exc))
    assert failures == [], "\n\n".join(failures)


def test_the_detail_pages_show_only_translations_and_data(marked):
    failures = []
    for who, path, selector in DETAILS:
        try:
            listing = check(marked, who, path)
            check(marked, who, first(listing, selector))
        except AssertionError as exc:
            failures.append(str(exc))
    assert failures == [], "\n\n".join(failures)


FORMS = [
    # (who, page): its form sent empty comes back with the messages of colander and deform
    (None, "/login"),
    (None, "/register"),
    (None, "/track"),
    ("enterprise", "/consultations/new"),
    ("enterprise", "/complaints/new"),
    ("enterprise", "/appointments/new"),
    ("enterprise", "/profile"),
    ("enterprise", "/password"),
]


def _send_empty(page):
    """The page's main form (the one with most fields) sent with its text fields empty."""
    form = max(page.forms.values(), key=lambda f: len(f.fields))
    submit = None
    for fields in form.fields.values():
        for field in fields:
            kind = field.attrs.get("type", "text")
            if field.tag == "textarea" or (field.tag == "input" and kind in EMPTIED):
                field.value = ""
            elif kind == "submit" and field.name and submit != "submit":
                submit = field.name  # "submit" if there is one, else the first
    return form.submit(submit, expect_errors=True)


EMPTIED = {"text", "tel", "email", "password", "search", "number", "date"}


def test_forms_sent_empty_come_back_translated(marked):
    locale_name, _wsgi_app, clients, haystack = marked
    failures = []
    for who, path in FORMS:
        res = _send_empty(clients[who].get(path))
        found = problems(res, haystack, english=locale_name == "en")
        if (
            res.status_int != 200
            or not res.html.select(".invalid-feedback, .error, .alert")
            or found
        ):
            failures.append(
                f"{locale_name} {who or 'visitor'} {path} ({res.status_int}):\n" + "\n".join(found)
            )
    assert failures == [], "\n\n".join(failures)
