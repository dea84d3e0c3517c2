"""Two files picked at once for one material: each shows its upload progress up to 100%,
the form is submitted, and both are files of that material on the case page."""

import re

import pytest

from tests.browser.conftest import demo_server_with_blobs, log_in
from tests.functional.filings.support import clear_filings
from tests.unit.filings import samples

ITEM = "/centers/640100/scjg/xk-scjg-002/"  # 食品经营许可（变更）: 2 required materials


@pytest.fixture
def live_server(tmp_path):
    with demo_server_with_blobs(tmp_path, clear_filings) as url:
        yield url


def test_two_files_for_one_material_show_their_progress_and_reach_the_case(page, tmp_path):
    names = ("申请书.pdf", "变更材料-第一部分.pdf", "变更材料-第二部分.pdf")
    for name in names:
        (tmp_path / name).write_bytes(samples.PDF + name.encode() * 2000)
    log_in(page, "enterprise")
    page.goto(ITEM + "apply")
    page.fill("textarea[name=description]", "经营场所地址变更。")
    uploads = page.locator("form#apply input[type=file]")
    uploads.nth(0).set_input_files(str(tmp_path / names[0]))
    uploads.nth(1).set_input_files([str(tmp_path / names[1]), str(tmp_path / names[2])])

    material = page.locator("form#apply .multi-upload").nth(1)
    bars = material.locator("progress")
    assert bars.count() == 2
    for n, name in enumerate(names[1:]):
        bar = bars.nth(n)
        assert bar.get_attribute("aria-label") == f"“{name}”的上传进度"
        page.wait_for_function("bar => bar.value === 100", arg=bar.element_handle())
        assert bar.evaluate("bar => bar.max") == 100
    assert material.locator(".upload-percent").all_inner_texts() == ["100%", "100%"]
    kept = material.locator("input[type=checkbox][name=uid]")
    assert kept.count() == 2 and all(kept.nth(n).is_checked() for n in range(2))
    assert uploads.nth(1).evaluate("input => input.files.length") == 0  # sent ahead
    # Each progress bar is labelled by its file's name (for=) as well.
    assert material.locator("label.upload-name").all_inner_texts() == list(names[1:])

    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r"/filings/640100-\d{8}-\d{6}/$"))
    assert page.locator(".case-files a").all_inner_texts() == list(names)
