"""The consultation journey through the real forms: ask → answer → 已回复 → published FAQ."""

import re

from tests.conftest import RootAccess
from tests.functional.consultations.support import (
    CONTENT,
    JSON,
    SUBJECT,
    ask,
    listed,
    main_text,
    move,
)


def stored(wsgi_app, path):
    with RootAccess(wsgi_app) as root:
        c = root["consultations"][path.strip("/").split("/")[1]]
        return {
            "state": c.state,
            "answer": c.answer,
            "history": [(e["transition"], e["actor"], e["comment"]) for e in c.history],
            "asker": c.asker,
            "phone": c.phone,
            "department": c.department_key,
        }


def test_ask_answer_see_reply_publish_as_faq(enterprise_a_app, reviewer_app, as_persona):
    path = ask(enterprise_a_app, name="张三", phone="13912345678")
    page = enterprise_a_app.get(path)
    assert SUBJECT in main_text(page) and "尚未回复" in main_text(page)
    stored_now = stored(enterprise_a_app.app, path)
    assert stored_now["state"] == "asked" and stored_now["asker"] == "张三"
    assert stored_now["department"] == "640100/scjg"

    # The list: 未回复 first.
    mine = enterprise_a_app.get("/consultations/")
    assert listed(mine) == [SUBJECT]
    row = mine.html.select_one(".consultation-row")
    assert row.select_one(".answered").text.strip() == "未回复"
    assert "银川市市场监督管理局" in row.text

    # The reviewer of the department sees it waiting, in the header too, and answers.
    queue = reviewer_app.get("/consultations/")
    assert SUBJECT in listed(queue)
    badge = queue.html.select_one(".site-nav").text
    assert re.search(r"咨询答复\s*1", badge), badge
    refused = move(reviewer_app, path, "answer", "")  # the answer is required
    assert "请填写答复内容" in refused.text
    move(reviewer_app, path, "answer", "自受理之日起10个工作日内作出决定。").follow()
    assert stored(enterprise_a_app.app, path)["history"] == [
        ("answer", "shen_scjg", "自受理之日起10个工作日内作出决定。")
    ]
    assert "咨询答复" in reviewer_app.get("/").html.select_one(".site-nav").text
    assert not re.search(r"咨询答复\s*1", reviewer_app.get("/").html.select_one(".site-nav").text)

    # 已回复 links to the page with the reply.
    mine = enterprise_a_app.get("/consultations/")
    link = mine.html.select_one(".consultation-row .answered a")
    assert link.text == "已回复"
    reply = enterprise_a_app.get(link["href"])
    answer = reply.html.select_one(".consultation-answer").text
    assert "自受理之日起10个工作日内作出决定。" in answer

    # Published: on the department's page for everyone, without name or phone.
    anonymous = as_persona(None)
    before = anonymous.get("/centers/640100/scjg/")  # kept in the page cache
    assert SUBJECT not in before.text
    move(reviewer_app, path, "publish").follow()
    assert stored(enterprise_a_app.app, path)["state"] == "published"
    dept = anonymous.get("/centers/640100/scjg/")
    faq = dept.html.select_one(".department-faq")
    assert SUBJECT in faq.text and CONTENT in faq.text and "10个工作日" in faq.text
    assert "张三" not in dept.text and "13912345678" not in dept.text
    full = anonymous.get("/consultations/faq?department=640100/scjg")
    assert SUBJECT in main_text(full) and "张三" not in full.text
    data = anonymous.get("/consultations/faq?department=640100/scjg", headers=JSON).json
    assert SUBJECT in [e["subject"] for e in data["entries"]]
    assert "张三" not in str(data) and "13912345678" not in str(data)

    # Withdrawn from the FAQ: gone at once, and recorded.
    move(reviewer_app, path, "unpublish", "内容已过时").follow()
    assert SUBJECT not in anonymous.get("/centers/640100/scjg/").text
    assert [h[0] for h in stored(enterprise_a_app.app, path)["history"]] == [
        "answer",
        "publish",
        "unpublish",
    ]


def test_json_of_list_and_consultation(enterprise_a_app, reviewer_app):
    path = ask(enterprise_a_app)
    data = enterprise_a_app.get("/consultations/", headers=JSON).json
    assert data["mode"] == "mine" and data["total"] == 1
    assert data["consultations"][0]["subject"] == SUBJECT
    assert data["consultations"][0]["answered"] is False
    one = enterprise_a_app.get(path, headers=JSON).json
    assert one["content"] == CONTENT and one["transitions"] == []
    assert one["created"].endswith("+08:00")
    staff = reviewer_app.get(path, headers=JSON).json
    assert staff["transitions"] == ["answer"]
    queue = reviewer_app.get("/consultations/", headers=JSON).json
    assert queue["mode"] == "queue" and SUBJECT in [c["subject"] for c in queue["consultations"]]


def test_the_owner_cannot_answer_its_own(enterprise_a_app):
    path = ask(enterprise_a_app)
    page = enterprise_a_app.get(path)
    assert "transition-answer" not in page.forms
    res = enterprise_a_app.post(
        path,
        {
            "__formid__": "transition-answer",
            "csrf_token": page.forms["header-logout"]["csrf_token"].value,
            "revision": "0",
            "comment": "自问自答",
            "answer": "answer",
        },
        status=409,
    )
    assert "当前状态下不能进行此操作" in res.text or "不能" in main_text(res)
    assert stored(enterprise_a_app.app, path)["state"] == "asked"


def test_a_stale_form_is_refused(enterprise_a_app, reviewer_app, admin_app):
    path = ask(enterprise_a_app)
    form = reviewer_app.get(path).forms["transition-answer"]
    move(admin_app, path, "answer", "管理员先答复了。")
    form["comment"] = "晚了一步的答复"
    res = form.submit("answer", status=409)
    assert "刚刚被他人修改" in res.text
    assert stored(enterprise_a_app.app, path)["answer"] == "管理员先答复了。"
