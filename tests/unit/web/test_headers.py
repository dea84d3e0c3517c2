"""No page of the portal needs an inline script: its templates and the deform widget
templates its forms render have none (web/headers.py's policy would refuse them)."""

import configparser
import inspect
import re
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

import colander
import deform
import deform.widget
from pyramid.httpexceptions import HTTPFound, HTTPNotFound, HTTPSeeOther
from pyramid.response import Response

from ningxia_portal.web.forms import Form, configure_deform
from ningxia_portal.web.headers import CONTENT_SECURITY_POLICY, brief_redirect, security_headers

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "src" / "ningxia_portal"
OURS = SRC / "web" / "templates" / "deform"
DEFORM = Path(str(resources.files("deform").joinpath("templates")))
INLINE = re.compile(r"<script\b(?![^>]*\bsrc=)|\son[a-z]+\s*=|javascript:", re.I)


def _inline(path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # comments may say what was removed
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    return INLINE.findall(text)


def test_no_template_of_the_portal_has_an_inline_script_or_handler():
    templates = [*SRC.rglob("*.jinja2"), *SRC.rglob("*.pt")]
    assert len(templates) > 50
    found = {str(p.relative_to(SRC)): _inline(p) for p in templates if _inline(p)}
    assert not found


def _widgets_of(template):
    return {
        name
        for name, cls in inspect.getmembers(deform.widget, inspect.isclass)
        if issubclass(cls, deform.widget.Widget)
        and template in (getattr(cls, "template", None), getattr(cls, "readonly_template", None))
    }


def _source():
    return "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))


# deform templates whose script only runs with an option the portal never sets.
ONLY_WITH = {"textinput": r"\bmask\s*=", "checked_input": r"\bmask\s*="}


def test_every_deform_template_with_inline_script_is_overridden_or_unused():
    """A widget whose template puts a script inline is either one of ours without it, or
    one no form of the portal uses (a new one needs an override before it can be used)."""
    source = _source()
    with_script = sorted(p for p in DEFORM.rglob("*.pt") if _inline(p))
    assert {p.stem for p in with_script} >= {"dateinput", "sequence", "sequence_item", "form"}
    for path in with_script:
        name = str(path.relative_to(DEFORM))[: -len(".pt")]
        if (OURS / path.name).exists() and "/" not in name:
            continue
        if name in ONLY_WITH:
            assert not re.search(ONLY_WITH[name], source), f"{name} with its option"
            continue
        for widget in _widgets_of(name):
            assert not re.search(rf"\b{widget}\b", source), f"{widget} renders {name}.pt"
    assert not re.search(r"use_ajax\s*=\s*True", source)


class Dates(colander.SequenceSchema):
    day = colander.SchemaNode(colander.Date(), widget=deform.widget.DateInputWidget())


class Schema(colander.Schema):
    when = colander.SchemaNode(colander.Date(), widget=deform.widget.DateInputWidget())
    more = Dates(widget=deform.widget.SequenceWidget(orderable=True, min_len=1))


def test_date_and_sequence_widgets_render_data_for_the_script_file_not_a_script():
    configure_deform()
    html = Form(Schema(), buttons=("submit",)).render({"more": [colander.null]})
    assert not INLINE.search(html), INLINE.search(html)
    assert html.count("data-deform-date=") >= 2  # the field and the sequence's item
    assert 'class="deform-seq"' in html and 'class="btn deform-seq-add"' in html
    assert 'min_len="1"' in html and 'orderable="1"' in html
    # The prototype of a new item (an attribute, URL-quoted) holds no script either.
    prototype = re.search(r'prototype="([^"]*)"', html).group(1)
    assert not INLINE.search(unquote(prototype))


def test_the_policy_runs_scripts_from_files_only():
    policy = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy["script-src"] and "unsafe-eval" not in CONTENT_SECURITY_POLICY


def test_hsts_is_sent_only_when_set():
    assert "Strict-Transport-Security" not in dict(security_headers({}))
    assert "Strict-Transport-Security" not in dict(security_headers({"portal.hsts": " "}))
    headers = dict(security_headers({"portal.hsts": "max-age=63072000"}))
    assert headers["Strict-Transport-Security"] == "max-age=63072000"


def _app_settings(name):
    parser = configparser.ConfigParser(defaults={"here": str(ROOT)}, interpolation=None)
    parser.read(ROOT / name)
    return parser["app:main"]


def test_production_ini_turns_hsts_on_and_development_ini_does_not():
    assert _app_settings("production.ini")["portal.hsts"].startswith("max-age=31536000")
    assert "portal.hsts" not in _app_settings("development.ini")


def test_a_redirect_without_a_body_gets_one_escaped_link():
    res = HTTPSeeOther(location='/filings/?a=1&b="2"<x>')
    brief_redirect(res)
    assert res.body == (
        b'<a href="/filings/?a=1&amp;b=&quot;2&quot;&lt;x&gt;">'
        b"/filings/?a=1&amp;b=&quot;2&quot;&lt;x&gt;</a>"
    )
    assert res.content_type == "text/html" and res.charset == "UTF-8"


def test_other_answers_and_a_redirect_with_a_body_are_left_alone():
    own = HTTPFound(location="/x", body=b"moved")
    not_found, page = HTTPNotFound(), Response(b"page")
    for res, body in ((own, b"moved"), (page, b"page")):
        brief_redirect(res)
        assert res.body == body
    brief_redirect(not_found)
    assert not not_found.has_body  # Pyramid's own error page, made when it is sent
