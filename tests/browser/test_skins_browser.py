"""Skins and elder mode in a real browser: the header's forms, the colours they bring, and
elder mode's sizes (text ≥ 18 px, line height ≥ 1.5, click targets ≥ 44×44 px)."""

import pytest

HEADER_BG = "getComputedStyle(document.querySelector('.site-header')).backgroundImage"

# Every visible text's font size, and the click targets smaller than 44×44 px (inline
# links inside running text are exempt, as WCAG 2.5.5 exempts them).
SIZES = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    if (el.closest("script, style, [hidden], .visually-hidden, .skip-link")) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const text = node.textContent.trim().slice(0, 20);
    if (size < 18) small.push(`${el.tagName}.${el.className}: ${size}px "${text}"`);
  }
  const targets = [];
  for (const el of document.querySelectorAll("a, button, input:not([type=hidden]), select")) {
    const r = el.getBoundingClientRect();
    if (!r.width || el.closest("p, .announcement-body, .skip-link")) continue;
    if (el.matches(".form-check-input")) continue;  // a checkbox's target is its label too
    const name = (el.textContent || el.name).trim().slice(0, 20);
    const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
    if (r.width < 44 || r.height < 44) targets.push(`${el.tagName} "${name}" ${size}`);
  }
  const body = getComputedStyle(document.body);
  return {small, targets, lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize)};
}"""


def test_a_visitor_chooses_a_skin_from_the_header(page, live_server):
    page.goto("/centers/")
    blue = page.evaluate(HEADER_BG)
    page.select_option("#skin-select", "red")
    page.get_by_role("button", name="应用").click()
    page.wait_for_url(f"{live_server}/centers/")
    assert page.locator("html").get_attribute("data-skin") == "red"
    red = page.evaluate(HEADER_BG)
    assert red != blue and "166, 27, 30" in red  # --portal-primary of red: #a61b1e

    page.select_option("#skin-select", "contrast")
    page.get_by_role("button", name="应用").click()
    page.wait_for_url(f"{live_server}/centers/")
    assert "0, 0, 0" in page.evaluate(HEADER_BG)


@pytest.mark.parametrize("path", ["/", "/centers/", "/search", "/announcements/", "/login"])
def test_elder_mode_makes_text_and_targets_large(page, live_server, path):
    page.goto(path)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("class") == "elder"
    assert page.get_by_role("button", name="长者模式").get_attribute("aria-pressed") == "true"
    found = page.evaluate(SIZES)
    assert found["small"] == [], found["small"][:10]
    assert found["targets"] == [], found["targets"][:10]
    assert found["lineHeight"] >= 1.5


def test_elder_mode_hides_what_a_first_visit_does_not_need(page, live_server):
    page.goto("/")
    assert page.locator(".department-counts").is_visible()
    page.context.add_cookies([{"name": "portal_elder", "value": "1", "url": live_server}])
    page.goto("/")
    assert page.locator("html.elder").count() == 1
    assert not page.locator(".department-counts").is_visible()
    assert page.locator(".category-cards").is_visible()
