"""XSS payloads in announcements stay inert in the page a visitor's browser receives."""

import pytest

from tests.functional.announcements.conftest import add_announcement
from tests.functional.announcements.payloads import (
    PAYLOADS,
    assert_inert,
    assert_no_active_content,
)


def scripts(html):
    return sorted((s.get("src", ""), s.text.strip()) for s in html.find_all("script"))


@pytest.fixture
def baseline_scripts(app):
    """The scripts the layout itself puts on every page (from a page without announcements)."""
    return scripts(app.get("/centers/").html)


def assert_page_runs_only_our_scripts(html, baseline):
    assert scripts(html) == baseline


@pytest.fixture
def xss_names(app, wsgi_app, arrange):
    """Each payload saved as a body (sanitised on save), in a title and a summary too."""
    names = []
    with arrange(wsgi_app) as root:
        for n, payload in enumerate(PAYLOADS):
            names.append(
                add_announcement(
                    root,
                    f"载荷{n:02d} {payload}"[:200],
                    summary=payload,
                    body=f"正文开始\n\n{payload}\n\n正文结束",
                )
            )
    return names


def test_every_payload_is_inert_on_its_page(app, xss_names, baseline_scripts):
    assert len(xss_names) >= 20
    for name in xss_names:
        res = app.get(f"/announcements/{name}/")
        body = res.html.select_one(".announcement-body")
        assert_inert(body)
        assert "正文开始" in body.text and "正文结束" in body.text
        assert_page_runs_only_our_scripts(res.html, baseline_scripts)
        for element in res.html.find_all(True):
            assert not any(attr.startswith("on") for attr in element.attrs), element


def test_payloads_are_inert_in_the_list_json_and_feed(app, xss_names, baseline_scripts):
    shown = []
    for number in (1, 2):
        res = app.get("/announcements/", params={"page": number})
        assert_page_runs_only_our_scripts(res.html, baseline_scripts)
        assert_no_active_content(res.html.select_one(".announcement-list"))
        shown.extend(a.text for a in res.html.select(".announcement-title"))
    assert "载荷00 <script>alert(1)</script>" in shown  # titles are shown as text
    page = app.get(f"/announcements/{xss_names[0]}/", headers={"Accept": "application/json"})
    assert "<script" not in page.json["body_html"]
    assert b"<script" not in app.get("/announcements/feed.atom").body


def test_rendering_never_trusts_the_stored_html(app, wsgi_app, arrange, baseline_scripts):
    """HTML that reached the database unsanitised is cleaned again when rendered."""
    with arrange(wsgi_app) as root:
        names = [
            add_announcement(root, f"未经清理{n:02d}", raw_html=f"<p>前</p>{payload}<p>后</p>")
            for n, payload in enumerate(PAYLOADS)
        ]
    for name in names:
        res = app.get(f"/announcements/{name}/")
        assert_inert(res.html.select_one(".announcement-body"))
        assert_page_runs_only_our_scripts(res.html, baseline_scripts)
        data = app.get(f"/announcements/{name}/", headers={"Accept": "application/json"}).json
        assert "<script" not in data["body_html"].lower()
