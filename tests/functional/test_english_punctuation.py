"""English pages use English punctuation around their words: "Status: Draft", "(KB)", never
the Chinese "：", "（）" or "、" that the Chinese pages show in the same places."""

import re

from tests.functional.filings.support import login

CHINESE_PUNCTUATION = re.compile("[：（）、]")


def ui_text(res):
    """The page's text outside the data a case shows (names, titles and codes stay as
    filed: a Chinese company name may hold Chinese brackets)."""
    main = res.html.select_one("main")
    for data in main.select("td, dd, .announcement-body"):
        data.decompose()
    return main.get_text(" ")


def test_case_page_punctuation_follows_the_language(demo_app):
    enterprise = login(demo_app, "enterprise")
    case = enterprise.get("/filings/").html.select_one("table a[href*='/filings/']")["href"]
    chinese = enterprise.get(case)
    assert "状态：" in chinese.html.select_one(".case-state").get_text()
    demo_app.set_cookie("_LOCALE_", "en")
    english = enterprise.get(case)
    assert "Status: " in english.html.select_one(".case-state").get_text()
    assert not CHINESE_PUNCTUATION.search(ui_text(english))
