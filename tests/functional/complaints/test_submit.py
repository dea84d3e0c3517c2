"""我要投诉: only logged-in enterprises file; the form keeps every value on bad input."""

import pytest
from webtest import Upload

from ningxia_portal.complaints.workflow import RECEIVED
from tests.functional.complaints.support import CONTENT, SUBJECT, as_user, file_complaint, fill, pdf
from tests.unit.filings import samples


def messages(res):
    return [p.get_text(strip=True) for p in res.html.select("form#complaint .invalid-feedback")]


def stored(wsgi_app, open_root):
    with open_root(wsgi_app) as root:
        return list(root["complaints"].keys())


def test_visitors_are_led_through_the_login(client):
    res = client().get("/complaints/new")
    assert res.status_int in (302, 303) and "/login" in res.location
    assert "came_from" in res.location


def test_staff_may_not_complain(client):
    for user in ("chuli", "rev", "admin1"):
        res = as_user(client, user).get("/complaints/new", status=403)
        assert "complaint" not in res.forms


def test_an_enterprise_files_a_complaint_with_attachments(client, complaint_wsgi_app, open_root):
    acme = as_user(client, "acme")
    form = acme.get("/complaints/new?center=640100").forms["complaint"]
    # The complainant's details come from the profile; the departments are 640100's.
    assert form["name"].value == "张伟" and form["phone"].value == "13995000001"
    assert form["email"].value == "zhangwei@example.cn"
    departments = {v: t for v, _s, t in form["department"].options}
    assert departments["scjg"] == "银川市市场监督管理局"
    assert len(form.fields["upload"]) == 5  # five slots, no script needed
    page = file_complaint(acme, files=[pdf("现场照片.pdf"), pdf("收据.pdf")])
    assert "您的投诉已提交，将由银川市的投诉处理人员处理" in page.text
    assert SUBJECT in page.text and CONTENT in page.text
    assert page.html.select_one(".complaint-state .state").text == "已受理"
    assert "银川市市场监督管理局" in page.html.select_one(".complaint-facts").text
    links = page.html.select(".complaint-files a")
    assert [a.text for a in links] == ["现场照片.pdf", "收据.pdf"]
    with open_root(complaint_wsgi_app) as root:
        (complaint,) = root["complaints"].values()
        assert complaint.state == RECEIVED and complaint.owner == "acme"
        assert complaint.department_key == "640100/scjg" and complaint.center_code == "640100"
        assert complaint.complainant == {
            "name": "张伟",
            "phone": "13995000001",
            "email": "zhangwei@example.cn",
        }
        assert [f.filename for f in complaint.files] == ["现场照片.pdf", "收据.pdf"]
    res = acme.get(links[0]["href"])
    assert res.body == samples.PDF and res.content_type == "application/pdf"
    assert res.headers["Content-Disposition"].startswith("attachment;")


def test_bad_input_comes_back_with_messages_and_every_value(client, complaint_wsgi_app, open_root):
    acme = as_user(client, "acme")
    form = acme.get("/complaints/new?center=640100").forms["complaint"]
    fill(form, department="nosuch", subject="主" * 101, content="   ")
    form["name"] = "名" * 51
    form["phone"] = "12345"
    form["email"] = "not-an-email"
    res = form.submit("submit")
    assert res.status_int == 200
    assert messages(res) == [
        "请选择所选市县的部门。",
        "最多 50 个字符。",
        "请输入11位手机号码或固定电话（如 0951-1234567）。",
        "请填写有效的电子邮箱地址。",
        "最多 100 个字符。",
        "请填写投诉内容。",
    ]
    kept = res.forms["complaint"]
    assert kept["center"].value == "640100"
    assert kept["name"].value == "名" * 51 and kept["phone"].value == "12345"
    assert kept["subject"].value == "主" * 101 and kept["email"].value == "not-an-email"
    assert stored(complaint_wsgi_app, open_root) == []


def test_a_subject_of_two_lines_is_refused_and_kept(client, complaint_wsgi_app, open_root):
    acme = as_user(client, "acme")
    form = fill(acme.get("/complaints/new?center=640100").forms["complaint"])
    form["subject"] = "窗口态度差\r\nBcc: someone@evil.example"
    res = form.submit("submit")
    assert messages(res) == ["请删除其中的不可见字符或控制字符。"]
    assert res.forms["complaint"]["subject"].value.startswith("窗口态度差")
    assert res.forms["complaint"]["content"].value == CONTENT
    assert stored(complaint_wsgi_app, open_root) == []


@pytest.mark.parametrize(
    "phone", ["13995000001", "0951-1234567", "09511234567", "0951-1234567-8001", "139 9500 0001"]
)
def test_mobile_and_landline_numbers_are_accepted(client, phone):
    acme = as_user(client, "acme")
    form = fill(acme.get("/complaints/new?center=640100").forms["complaint"])
    form["phone"] = phone
    assert form.submit("submit").status_int == 303


@pytest.mark.parametrize("phone", ["12995000001", "1399500000", "951-1234567", "电话", "+86"])
def test_other_phone_numbers_are_refused(client, phone):
    acme = as_user(client, "acme")
    form = fill(acme.get("/complaints/new?center=640100").forms["complaint"])
    form["phone"] = phone
    res = form.submit("submit")
    assert messages(res) == ["请输入11位手机号码或固定电话（如 0951-1234567）。"]


def test_empty_form_names_every_required_field(client, complaint_wsgi_app, open_root):
    acme = as_user(client, "acme")
    form = acme.get("/complaints/new").forms["complaint"]
    form["name"] = form["phone"] = ""
    res = form.submit("submit")
    assert messages(res) == [
        "请选择市县。",
        "请选择所属部门。",
        "请填写姓名。",
        "请填写联系电话。",
        "请填写投诉主题。",
        "请填写投诉内容。",
    ]
    assert stored(complaint_wsgi_app, open_root) == []


def test_content_over_its_limit_is_refused(client):
    acme = as_user(client, "acme")
    form = fill(acme.get("/complaints/new?center=640100").forms["complaint"], content="长" * 2001)
    res = form.submit("submit")
    assert messages(res) == ["最多 2000 个字符。"]
    assert res.forms["complaint"]["content"].value == "长" * 2001


def test_a_bad_file_is_refused_and_the_good_ones_kept(client, complaint_wsgi_app, open_root):
    acme = as_user(client, "acme")
    form = fill(acme.get("/complaints/new?center=640100").forms["complaint"], content="")
    uploads = form.fields["upload"]
    uploads[0].value = pdf("好的.pdf")
    uploads[1].value = pdf("病毒.pdf", samples.EXE)
    res = form.submit("submit")
    assert messages(res) == [
        "请填写投诉内容。",
        "文件“病毒.pdf”的类型不被接受：只能上传 PDF、JPEG、PNG、Word 和 Excel 文件。",
    ]
    # The good file waits in the stash: the next submission carries it without a new upload.
    form = res.forms["complaint"]
    form["content"] = CONTENT
    page = form.submit("submit").follow()
    assert [a.text for a in page.html.select(".complaint-files a")] == ["好的.pdf"]


def test_more_than_five_files_are_refused(client, complaint_wsgi_app, open_root):
    """Only a forged form sends a sixth slot: refused with a message, nothing stored."""
    acme = as_user(client, "acme")
    form = fill(acme.get("/complaints/new?center=640100").forms["complaint"])
    body = []
    for key, value in form.submit_fields():
        if key == "__start__" and value == "attachments:sequence":
            body.append((key, value))
            for n in range(6):
                body += [
                    ("__start__", "upload:mapping"),
                    ("upload", Upload(f"{n}.pdf", samples.PDF, "application/pdf")),
                    ("uid", ""),
                    ("__end__", "upload:mapping"),
                ]
        elif key in ("upload", "uid") or value == "upload:mapping":
            continue  # the form's own five slots
        else:
            body.append((key, value))
    res = acme.post("/complaints/new", params=[*body, ("submit", "submit")])
    assert res.status_int == 200
    assert "最多只能上传 5 个附件。" in res.text
    assert stored(complaint_wsgi_app, open_root) == []


def test_each_enterprise_gets_its_own_details_and_token(client, complaint_wsgi_app):
    """The empty form is rendered once and kept: the values of the viewer are put in."""
    from tests.conftest import committing

    with committing(complaint_wsgi_app) as root:
        other = root["principals"]["other"]
        other.contact, other.phone, other.email = "<b>王五</b>", "0951-7654321", ""
    acme = as_user(client, "acme").get("/complaints/new?center=640100").forms["complaint"]
    page = as_user(client, "other").get("/complaints/new?center=640100")
    form = page.forms["complaint"]
    assert form["name"].value == "<b>王五</b>" and "<b>王五</b>" not in page.text  # escaped
    assert form["phone"].value == "0951-7654321" and form["email"].value == ""
    assert form["csrf_token"].value != acme["csrf_token"].value
    assert "placeholder" not in " ".join(f.value or "" for f in form.fields.get("csrf_token"))
    fill(form)
    assert form.submit("submit").status_int == 303
