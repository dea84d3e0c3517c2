"""An enterprise registers in a real browser, logs out and logs in again."""

import re


def test_register_logout_login(page):
    page.goto("/")
    page.get_by_role("link", name="注册", exact=True).click()
    page.wait_for_url(re.compile(r"/register$"))
    page.fill('input[name="username"]', "liupanshan")
    page.fill('input[name="password"]', "liupan2026")
    page.fill('input[name="password-confirm"]', "liupan2026")
    page.fill('input[name="title"]', "宁夏六盘山农业科技有限公司")
    page.fill('input[name="credit_code"]', "91640105ma77qw3r4m")  # lower case is accepted
    page.fill('input[name="legal_representative"]', "马向东")
    page.fill('input[name="contact"]', "田晓燕")
    page.fill('input[name="phone"]', "13995012345")
    page.fill('input[name="email"]', "info@liupanshan.example.cn")
    page.get_by_role("button", name="注册").click()
    page.wait_for_url(re.compile(r"/$"))
    assert "注册成功" in page.locator(".flash").inner_text()
    assert "宁夏六盘山农业科技有限公司" in page.locator(".account-tools").inner_text()

    with page.expect_navigation():  # already at "/": wait for the logout's own round trip
        page.get_by_role("button", name="退出").click()
    page.wait_for_url(re.compile(r"/$"))
    assert "您已退出登录" in page.locator(".flash").inner_text()
    assert "宁夏六盘山农业科技有限公司" not in page.locator(".account-tools").inner_text()

    page.get_by_role("link", name="登录", exact=True).click()
    page.fill('input[name="login"]', "91640105MA77QW3R4M")  # by credit code this time
    page.fill('input[name="password"]', "liupan2026")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/$"))
    assert "宁夏六盘山农业科技有限公司" in page.locator(".account-tools").inner_text()
