"""Deform wired to Pyramid's localizer, and the small form-view base every domain reuses."""

import functools
import threading
from importlib import resources

import colander
import deform
import peppercorn
from pyramid.csrf import get_csrf_token
from pyramid.httpexceptions import HTTPFound
from pyramid.i18n import get_localizer
from pyramid.threadlocal import get_current_request

from ningxia_portal.i18n import _
from ningxia_portal.web.multipart import UnreadableForm


def translator(term):
    """Translate a deform/colander TranslationString for the current request's locale."""
    request = get_current_request()
    if request is None:
        return term.interpolate() if hasattr(term, "interpolate") else term
    return get_localizer(request).translate(term)


def aria_attributes(field, sequence=None):
    """Keyword arguments for rendering a leaf ``field`` that tie its input to the words
    about it: ``aria-describedby`` names its error messages and help text, ``aria-invalid``
    says it was refused, and an item of a ``sequence`` (one more file for a material) is
    labelled by the sequence's label. The template's ``attributes`` win over the widget's,
    so the widget's own are kept in the result; a widget is shared, so it is never changed.
    """
    if field.children:
        return {}
    attributes = dict(getattr(field.widget, "attributes", None) or {})
    ids = []
    if field.error is not None and not field.widget.hidden:
        count = len([m for m in field.error.messages() if m])
        ids += [f"error-{field.oid}"] + [f"error-{field.oid}-{i}" for i in range(1, count)]
        attributes["aria-invalid"] = "true"
    if field.description and not field.widget.hidden:
        ids.append(f"help-{field.oid}")
    if sequence is not None:
        attributes.setdefault("aria-labelledby", f"req-{sequence.oid}")
        if sequence.error is not None:  # "at least one file", said under the sequence
            ids.append(f"error-{sequence.oid}")
    if ids:
        attributes["aria-describedby"] = " ".join(ids)
    return {"attributes": attributes} if attributes else {}


class _Renderer(deform.ZPTRendererFactory):
    """deform's renderer, with our few templates first and ``aria_attributes`` in reach of
    every template.

    Chameleon compiles a template the first time it renders, through ``ast.parse``; two
    threads compiling at once can fail in CPython 3.11 ("AST constructor recursion depth
    mismatch", a 500 on a cold process under load). So until a template has rendered once,
    its rendering holds one lock (re-entrant: a form renders its fields' templates)."""

    _compiling = threading.RLock()
    _rendered = set()

    def __call__(self, template_name, **kw):
        kw.setdefault("aria_attributes", aria_attributes)
        if template_name in self._rendered:
            return super().__call__(template_name, **kw)
        with self._compiling:
            result = super().__call__(template_name, **kw)
            self._rendered.add(template_name)
        return result


@functools.cache
def _renderer():
    ours = str(resources.files("ningxia_portal.web").joinpath("templates", "deform"))
    template_dir = str(resources.files("deform").joinpath("templates"))
    return _Renderer([ours, template_dir], translator=translator)


def configure_deform():
    """Make every deform Form render through our translator.

    The renderer is made once per process: it caches the compiled Chameleon templates,
    which a new renderer per application (every test builds one) would compile again.
    """
    deform.Form.set_default_renderer(_renderer())


class MalformedForm(UnreadableForm):
    """A form structure no page of ours renders (answered 400 like an unreadable body)."""


class Form(deform.Form):
    """deform's Form, answering 400 (MalformedForm) to a structure the form doesn't have.

    deform re-renders a form whose ``__start__``/``__end__`` markers don't parse with an
    English error at the top, and fails with a 500 when a widget refuses the shape of its
    part (``materials=x`` where a mapping of sequences belongs): the widget's error leaves
    None as the part's value, and setting the form's values from it raises. Neither comes
    from a page of ours. Every form of the portal is one of these, never a deform.Form.
    """

    def validate(self, controls, subcontrol=None):
        try:
            pstruct = peppercorn.parse(controls)
        except ValueError:  # markers unbalanced, or of an unknown type
            raise MalformedForm("the form's structure markers don't match") from None
        if subcontrol is not None:
            pstruct = pstruct.get(subcontrol, colander.null)
        return self.validate_pstruct(pstruct)

    def deserialize(self, pstruct):
        try:
            return super().deserialize(pstruct)
        except colander.Invalid as exc:
            if _refused_shape(self.schema, exc.value):
                raise MalformedForm("a part of the form has a shape it can't have") from None
            raise


def _refused_shape(node, value):
    """Whether a widget refused the shape of its part somewhere in ``value``: deform's
    widgets leave None there (what they read is a string, a list, a dict, a file's
    filedict or colander.null)."""
    if value is None:
        return True
    if isinstance(node.typ, colander.Mapping) and isinstance(value, dict):
        return any(_refused_shape(c, value.get(c.name, colander.null)) for c in node.children)
    if isinstance(node.typ, colander.Sequence) and isinstance(value, list) and node.children:
        return any(_refused_shape(node.children[0], item) for item in value)
    return False


@colander.deferred
def deferred_csrf_token(node, kw):
    return get_csrf_token(kw["request"])


class CSRFSchema(colander.Schema):
    """Base of every POST form's schema: the session's CSRF token as a hidden field.

    Pyramid checks the token on every unsafe request (``require_csrf``) before any view
    runs; a POST without a valid one gets the 400 page and changes nothing.
    """

    csrf_token = colander.SchemaNode(
        colander.String(), widget=deform.widget.HiddenWidget(), default=deferred_csrf_token
    )


# Messages waiting in one flash queue, and the characters each keeps: the session is a
# cookie (at most 4 KB), and a client that posts again and again without opening a page
# (a script) would otherwise grow it until setting it fails with a 500.
FLASH_KEPT = 2
FLASH_CHARS = 160


def flash(request, message, queue=""):
    """Show ``message`` once on the next page (``queue="error"``: as an error), translated
    now: the JSON session would keep only the English msgid of a TranslationString. Only
    the newest FLASH_KEPT messages wait, each cut to FLASH_CHARS."""
    session = request.session
    text = request.localizer.translate(message)
    if len(text) > FLASH_CHARS:
        text = text[: FLASH_CHARS - 1] + "…"
    if len(session.peek_flash(queue)) >= FLASH_KEPT:
        for older in session.pop_flash(queue)[-(FLASH_KEPT - 1) :]:
            session.flash(older, queue)
    session.flash(text, queue)


class FormError(Exception):
    """Raised by ``FormView.succeed`` to show the form again with a message.

    ``field`` names the field the message belongs to; None puts it above the form.
    """

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class FormView:
    """Kotti-style form view: GET renders, POST validates then calls ``succeed``.

    Subclasses set ``schema_class``, ``formid`` and ``buttons``, may override
    ``appstruct`` (initial values) and implement ``succeed(appstruct)``, which returns a
    response (usually ``self.redirect(url, message)``) or raises FormError. Invalid input
    comes back as the same form with every value kept except passwords.
    """

    schema_class = None
    formid = "deform"
    buttons = (deform.Button("submit", _("Submit")),)
    method = "POST"
    title = None

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def schema(self):
        return self.schema_class().bind(request=self.request, context=self.context)

    def make_form(self):
        return Form(self.schema(), buttons=self.buttons, formid=self.formid, method=self.method)

    def appstruct(self):
        """Initial values of the form (an edit form shows the object's)."""
        return {}

    def succeed(self, appstruct):  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def submitted(self):
        return self.request.method == "POST"

    def controls(self):
        return self.request.POST.items()

    def __call__(self):
        form = self.make_form()
        if self.submitted():
            try:
                appstruct = form.validate(self.controls())
                return self.succeed(appstruct)
            except deform.ValidationFailure as failure:
                return self.render(form, failure.render())
            except FormError as error:
                return self.render(form, self.fail(form, error))
        return self.render(form, form.render(self.appstruct()))

    def fail(self, form, error):
        """The validated form rendered again with ``error`` at its field or on top."""
        invalid = colander.Invalid(form.schema, None if error.field else error.message)
        if error.field:
            invalid[error.field] = error.message
        form.widget.handle_error(form, invalid)
        return deform.ValidationFailure(form, form.cstruct, invalid).render()

    def render(self, form, html):
        title = self.request.localizer.translate(self.title) if self.title else ""
        return {"form": html, "resources": form.get_widget_resources(), "title": title}

    def redirect(self, url, message=None, headers=None):
        """Go to ``url`` and show ``message`` there once (``flash``)."""
        if message is not None:
            flash(self.request, message)
        return HTTPFound(location=url, headers=headers)
