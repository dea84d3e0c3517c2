"""A kept form shows each viewer their own values, escaped once, never another's."""

from types import SimpleNamespace

import pytest
from markupsafe import Markup

from ningxia_portal.web.blankforms import BlankForms


def request(locale="zh_CN", url="http://example.com"):
    return SimpleNamespace(localizer=SimpleNamespace(locale_name=locale), application_url=url)


def form_html(placeholders):
    return (
        f'<input name="name" value="{placeholders["name"]}">'
        f'<textarea name="note">{placeholders["note"]}</textarea>'
    )


def test_values_are_put_in_escaped_and_the_rendering_is_kept():
    forms = BlankForms("test", 10)
    builds = []

    def build(placeholders):
        builds.append(placeholders)
        return form_html(placeholders), "resources"

    key = forms.key(request(), (1, 2), "640100")
    html, extra = forms.show(key, build, {"name": '王"经理"<b>&', "note": "</textarea>x"})
    assert isinstance(html, Markup) and extra == "resources"
    assert html == (
        '<input name="name" value="王&#34;经理&#34;&lt;b&gt;&amp;">'
        '<textarea name="note">&lt;/textarea&gt;x</textarea>'
    )
    again, _ = forms.show(key, build, {"name": "赵会计", "note": None})
    assert again == '<input name="name" value="赵会计"><textarea name="note"></textarea>'
    assert len(builds) == 1  # the second viewer got the kept rendering


def test_a_value_that_looks_like_a_placeholder_stays_as_typed():
    forms = BlankForms("test", 10)
    key = forms.key(request(), (1,))
    sneaky = forms.placeholder("note")  # not guessable; even so, never read again
    html, _ = forms.show(key, lambda p: (form_html(p), None), {"name": sneaky, "note": "secret"})
    assert html.count("secret") == 1 and sneaky in html


def test_placeholders_differ_per_process_and_form():
    a, b = BlankForms("test", 1), BlankForms("test", 1)
    assert a.placeholder("name") != b.placeholder("name")
    assert BlankForms("other", 1).placeholder("name") != a.placeholder("name")


def test_the_key_holds_language_url_and_choices_and_none_keeps_nothing():
    forms = BlankForms("test", 10)
    keys = {
        forms.key(request(), (1,), "a"),
        forms.key(request(locale="en"), (1,), "a"),
        forms.key(request(url="https://other"), (1,), "a"),
        forms.key(request(), (2,), "a"),
        forms.key(request(), (1,), "b"),
    }
    assert len(keys) == 5
    assert forms.key(request(), None, "a") is None
    builds = []

    def build(placeholders):
        builds.append(1)
        return form_html(placeholders), None

    forms.show(None, build, {"name": "", "note": ""})
    forms.show(None, build, {"name": "", "note": ""})
    assert len(builds) == 2 and len(forms.kept) == 0


@pytest.mark.parametrize("name", ["Bad", "a-b", ""])
def test_names_are_plain(name):
    with pytest.raises(ValueError):
        BlankForms(name, 1)
    with pytest.raises(ValueError):
        BlankForms("ok", 1).placeholder(name)


def test_a_rendering_without_a_placeholder_is_refused_not_kept():
    """A build that renders the viewer's own value where a placeholder belongs would show
    it to everyone after: it fails instead."""
    forms = BlankForms("test", 10)
    key = forms.key(request(), (1,))

    def build(placeholders):
        return form_html({"name": "first viewer", "note": placeholders["note"]}), None

    with pytest.raises(ValueError, match="name"):
        forms.show(key, build, {"name": "first viewer", "note": ""})
    assert len(forms.kept) == 0
