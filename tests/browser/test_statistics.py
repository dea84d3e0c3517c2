"""Statistics in a real browser: the demo admin opens 汇总统计 from /stats/, narrows the
filter to one center and finds both charts (inline SVG with their text alternative) and
the table of the same figures."""

import re

from tests.browser.conftest import log_in


def test_open_a_statistic_and_change_the_filter(page):
    log_in(page, "admin")
    page.goto("/stats/")
    page.get_by_role("link", name="汇总统计").click()
    page.wait_for_url(re.compile(r"/stats/summary$"))
    form = page.locator("form#stats-filter")
    form.locator("select[name=center]").select_option("640100")
    form.get_by_role("button", name="显示").click()
    page.wait_for_url(re.compile(r"center=640100"))
    assert form.locator("select[name=center]").input_value() == "640100"
    charts = page.locator("figure.stats-chart svg[role=img]")
    assert charts.count() == 2
    assert "受理件数" in charts.first.get_attribute("aria-label")
    table = page.locator("table.stats-table")
    assert "汇总统计" in table.locator("caption").inner_text()
    assert table.locator("tbody th[scope=row]", has_text="受理件数").count() == 1
    assert page.locator("a.stats-csv").get_attribute("href").endswith("format=csv")
