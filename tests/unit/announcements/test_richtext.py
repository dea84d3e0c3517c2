"""Markdown → HTML → nh3: whatever an editor types, the stored HTML can't run or hide."""

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from ningxia_portal.announcements.richtext import (
    html_to_text,
    markdown_to_html,
    render_safe,
    sanitize,
)
from tests.functional.announcements.payloads import PAYLOADS, assert_inert


def test_there_are_at_least_twenty_payloads():
    assert len(PAYLOADS) >= 20


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert_after_markdown_and_sanitising(payload):
    html = markdown_to_html(f"正文开始\n\n{payload}\n\n正文结束")
    soup = BeautifulSoup(html, "html.parser")
    assert_inert(soup)
    assert "正文开始" in soup.text and "正文结束" in soup.text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_raw_html_is_inert_after_render_safe(payload):
    rendered = render_safe(payload)
    assert isinstance(rendered, Markup)
    assert_inert(BeautifulSoup(str(rendered), "html.parser"))


def test_markdown_formatting_survives():
    html = markdown_to_html(
        "**加粗** *斜体*\n\n- 一\n- 二\n\n| 日期 | 安排 |\n| --- | --- |\n| 2月14日 | 上班 |\n\n"
        "[政府网站](https://www.nx.gov.cn/)"
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.strong.text == "加粗" and soup.em.text == "斜体"
    assert [li.text for li in soup.find_all("li")] == ["一", "二"]
    assert soup.find("td").text == "2月14日"
    link = soup.find("a")
    assert link["href"] == "https://www.nx.gov.cn/"
    assert link["rel"] == ["noopener", "noreferrer"]


def test_sanitize_is_idempotent_so_rendering_twice_changes_nothing():
    once = markdown_to_html("段落 <b>粗</b> [链接](https://a.example/x?y=1&z=2)")
    assert sanitize(once) == once


def test_text_for_search_has_no_tags_or_script():
    html = markdown_to_html("关于**营业执照**办理 <script>var secret = 1</script>&amp; 其他")
    text = html_to_text(html)
    assert "营业执照" in text and "<" not in text and "secret" not in text
    assert "& 其他" in text
