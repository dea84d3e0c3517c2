"""The region picker and the item form's materials in a real browser (JavaScript on)."""

import re


def test_the_region_picker_submits_on_change_and_scopes_the_home_page(page):
    page.goto("/centers/640100/")
    assert not page.locator(".region-submit").is_visible()  # the script hides the button
    # The page is already at this URL: wait for the submit's own round trip (set-region and
    # its redirect back), not for a URL that matches before the navigation even starts.
    with page.expect_response(lambda r: "/set-region" in r.url):
        page.select_option("#region-select", "640104")
    page.wait_for_url(re.compile(r"/centers/640100/$"))
    page.wait_for_load_state("load")
    assert page.locator("#region-select").input_value() == "640104"
    page.goto("/")
    assert "兴庆区" in page.locator(".region-note").inner_text()
    page.get_by_role("link", name="查找事项", exact=True).first.click()
    page.wait_for_url(re.compile(r"/search"))
    assert page.locator("#search-center").input_value() == "640104"


def test_an_editor_adds_an_item_with_two_materials(page):
    page.goto("/login")
    page.fill('input[name="login"]', "editor")
    page.fill('input[name="password"]', "editor1234")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/$"))

    page.goto("/centers/640104/scjg/")
    page.get_by_role("link", name="新增事项").click()
    page.fill('input[name="code"]', "GG-SCJG-950")
    page.fill('input[name="title"]', "老字号企业认定咨询")
    page.select_option('select[name="item_type"]', "公共服务")
    page.fill('input[name="statutory_days"]', "10")
    page.fill('input[name="promised_days"]', "5")
    page.select_option('select[name="depth"]', "网上受理")
    add = page.locator(".deform-seq-add")
    for name in ("老字号历史沿革说明", "商标注册证"):
        add.click()
        page.locator('.deform-seq-item input[name="name"]').last.fill(name)
    page.get_by_role("button", name="添加").click()
    page.wait_for_url(re.compile(r"/centers/640104/scjg/gg-scjg-950/$"))
    names = page.locator(".materials tbody tr td:nth-child(2)").all_inner_texts()
    assert names == ["老字号历史沿革说明", "商标注册证"]
    page.goto("/search?q=%E6%B2%BF%E9%9D%A9&center=")  # 沿革
    assert page.locator(".search-results tbody tr").count() == 1
