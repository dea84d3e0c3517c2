"""A visitor's first minute in a real browser: the home page, then a center, in Chinese."""

import re

HAN = re.compile(r"[\u4e00-\u9fff]")
CJK_FONTS = ("WenQuanYi", "Noto Sans CJK", "Noto Serif CJK", "Droid Sans Fallback", "AR PL")


def platform_fonts(page, selector):
    """The fonts Chromium really used to draw the element's text (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    doc = cdp.send("DOM.getDocument")
    node = cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": selector})
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]


def test_home_then_center_in_chinese(page):
    page.goto("/")
    assert page.title() == "宁夏政务服务中心网上办事大厅"
    assert "事项分类" in page.locator("main").inner_text()

    page.get_by_role("link", name="银川市", exact=True).first.click()
    page.wait_for_url(re.compile(r"/centers/640100/$"))
    heading = page.locator("h1")
    text = heading.inner_text()
    assert text.startswith("银川市")

    fonts = platform_fonts(page, "h1")
    cjk = [f for f in fonts if any(name in f["familyName"] for name in CJK_FONTS)]
    assert cjk, f"Chinese drawn with {fonts}: no CJK font, the text would show as boxes"
    assert sum(f["glyphCount"] for f in cjk) >= len(HAN.findall(text))
    assert page.locator(".department-list a").count() >= 6
