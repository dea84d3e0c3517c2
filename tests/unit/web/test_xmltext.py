"""Characters XML 1.0 forbids are found, refused by forms and stripped by writers."""

import colander
import pytest

from ningxia_portal.web.xmltext import no_control_characters, strip_xml_forbidden


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\ufffe"])
def test_forbidden_characters_are_refused_and_stripped(char):
    node = colander.SchemaNode(colander.String(), name="title")
    with pytest.raises(colander.Invalid):
        no_control_characters(node, f"标题{char}")
    assert strip_xml_forbidden(f"标{char}题") == "标题"


def test_tabs_newlines_and_chinese_text_pass():
    node = colander.SchemaNode(colander.String(), name="summary")
    text = "第一行\t说明\r\n第二行：《通知》——附件①"
    no_control_characters(node, text)
    assert strip_xml_forbidden(text) == text
    assert strip_xml_forbidden(colander.null) is colander.null
