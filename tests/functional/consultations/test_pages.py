"""Around the consultations: the department's FAQ (page cache), the header's count, the
home page's block, the demo data."""

import re

from ningxia_portal.core.clock import get_clock
from ningxia_portal.web.pagecache import get_page_cache
from tests.conftest import RootAccess
from tests.functional.consultations.support import SUBJECT, ask, main_text, move

DEPARTMENT = "/centers/640100/scjg/"


def test_publish_and_unpublish_show_at_once_on_the_cached_department_page(
    enterprise_a_app, reviewer_app, as_persona, demo_wsgi_app
):
    path = ask(enterprise_a_app)
    move(reviewer_app, path, "answer", "请携带营业执照到窗口办理。")
    anonymous = as_persona(None)
    cache = get_page_cache(demo_wsgi_app.registry)
    first = anonymous.get(DEPARTMENT)
    stored = len(cache)
    assert stored >= 1 and anonymous.get(DEPARTMENT).text == first.text
    assert len(cache) == stored  # served from the cache
    assert SUBJECT not in first.text

    move(reviewer_app, path, "publish")
    shown = anonymous.get(DEPARTMENT).html.select_one(".department-faq")
    assert SUBJECT in shown.text and "请携带营业执照到窗口办理。" in shown.text

    move(reviewer_app, path, "unpublish")
    assert SUBJECT not in anonymous.get(DEPARTMENT).text


def test_the_faq_block_lists_the_newest_and_links_to_all(
    enterprise_a_app, reviewer_app, as_persona, demo_wsgi_app
):
    clock = get_clock(demo_wsgi_app.registry)
    for n in range(6):
        clock.advance(minutes=1)
        path = ask(enterprise_a_app, subject=f"常见问题第{n}条")
        move(reviewer_app, path, "answer", f"答复{n}")
        move(reviewer_app, path, "publish")
    anonymous = as_persona(None)
    block = anonymous.get(DEPARTMENT).html.select_one(".department-faq")
    subjects = [dt.text for dt in block.select(".faq-subject")]
    assert subjects[:5] == [f"常见问题第{n}条" for n in (5, 4, 3, 2, 1)]
    link = block.find("a", string=re.compile("查看全部问答"))["href"]
    full = anonymous.get(link)
    assert all(f"常见问题第{n}条" in main_text(full) for n in range(6))
    anonymous.get("/consultations/faq?department=640100/nothing", status=404)


def test_the_header_counts_what_waits_for_the_staff_member(enterprise_a_app, as_persona):
    def badge(client):
        nav = client.get("/").html.select_one(".site-nav").get_text(" ", strip=True)
        found = re.search(r"咨询答复\s*(\d+)", nav)
        return int(found.group(1)) if found else 0

    reviewer, other, admin = (as_persona(n) for n in ("reviewer", "other_reviewer", "admin"))
    before = (badge(reviewer), badge(other), badge(admin))
    path = ask(enterprise_a_app)
    assert (badge(reviewer), badge(other), badge(admin)) == (
        before[0] + 1,
        before[1],
        before[2] + 1,
    )
    move(reviewer, path, "answer", "已答复")
    assert badge(reviewer) == before[0]
    # Enterprises see their list in the header, without a count.
    nav = enterprise_a_app.get("/").html.select_one(".site-nav").text
    assert "咨询列表" in nav and "咨询答复" not in nav


def test_the_home_page_counts_the_enterprises_consultations(enterprise_a_app, reviewer_app):
    path = ask(enterprise_a_app)
    ask(enterprise_a_app, subject="第二个问题")
    move(reviewer_app, path, "answer", "已答复")
    block = enterprise_a_app.get("/").html.select_one(".my-consultations")
    assert "共咨询 2 条，已回复 1 条，待回复 1 条" in block.text
    assert block.select_one("a")["href"].endswith("/consultations/")
    assert reviewer_app.get("/").html.select_one(".my-consultations") is None


def test_demo_data_gives_the_demo_enterprise_a_few_some_answered(demo_wsgi_app, as_persona):
    with RootAccess(demo_wsgi_app) as root:
        mine = [c for c in root["consultations"].values() if c.owner == "enterprise"]
        states = sorted(c.state for c in mine)
    assert len(mine) >= 3 and "asked" in states and "published" in states
    assert as_persona(None).get(DEPARTMENT).html.select_one(".department-faq") is not None


def test_item_and_department_pages_lead_to_the_form_with_the_department_chosen(
    enterprise_a_app, as_persona
):
    item = "/centers/640100/scjg/xk-scjg-001/"
    page = enterprise_a_app.get(item)
    link = page.html.find("a", string="我要咨询")
    assert link is not None and link["href"].endswith(item + "ask")
    form = enterprise_a_app.get(link["href"]).follow().forms["consultation"]
    assert (form["center"].value, form["department"].value) == ("640100", "scjg")
    # Visitors see it too and log in first; staff don't get it.
    anonymous = as_persona(None)
    assert anonymous.get(item).html.find("a", string="我要咨询") is not None
    assert "/login?came_from=" in anonymous.get(item + "ask", status=302).location
    assert as_persona("reviewer").get(item).html.find("a", string="我要咨询") is None
    # The department's page asks it too.
    block = anonymous.get("/centers/640104/sw/").html.select_one(".department-faq")
    ask_link = block.find("a", string="向该部门咨询")
    assert ask_link["href"].endswith("/consultations/new?department=640104%2Fsw")
