"""Every form of the portal is web.forms.Form, which answers a malformed structure with 400."""

from pathlib import Path

import colander
import deform
import pytest

from ningxia_portal.web.forms import Form, MalformedForm

PACKAGE = Path(__file__).resolve().parents[3] / "src" / "ningxia_portal"


def test_no_form_is_a_plain_deform_form():
    plain = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "deform.Form(" in path.read_text(encoding="utf-8")
    ]
    assert plain == [], "build forms with ningxia_portal.web.forms.Form"


class Schema(colander.Schema):
    name = colander.SchemaNode(colander.String())
    files = colander.SchemaNode(
        colander.Sequence(),
        colander.SchemaNode(deform.FileData(), name="upload", missing=colander.drop),
        missing=[],
        widget=deform.widget.SequenceWidget(),
    )


@pytest.mark.parametrize(
    "controls",
    [
        [("files", "x")],
        [("__start__", "name:sequence"), ("name", "x"), ("__end__", "name:sequence")],
        [("__start__", "files:sequence"), ("name", "x")],
        [("__end__", "files:sequence")],
        [("__start__", "files:unknown"), ("__end__", "files:unknown")],
    ],
)
def test_a_malformed_structure_raises_malformed_form(controls):
    with pytest.raises(MalformedForm):
        Form(Schema()).validate(controls)


def test_a_wrong_value_is_still_a_validation_failure():
    with pytest.raises(deform.ValidationFailure) as failure:
        Form(Schema()).validate([("name", "")])
    assert "name" in failure.value.error.asdict()


def test_only_the_newest_flashes_wait_each_cut_short():
    # The session is a cookie: a client posting again and again without opening a page
    # must not grow it past 4 KB (setting it would fail with a 500).
    from pyramid import testing

    from ningxia_portal.web.forms import FLASH_CHARS, FLASH_KEPT, flash

    with testing.testConfig() as config:
        request = testing.DummyRequest()
        config.begin(request)
        for n in range(10):
            flash(request, f"第{n}条：" + "长" * 500)
        waiting = request.session.pop_flash()
    assert len(waiting) == FLASH_KEPT
    assert waiting[-1].startswith("第9条") and waiting[0].startswith("第8条")
    assert all(len(text) == FLASH_CHARS and text.endswith("…") for text in waiting)
