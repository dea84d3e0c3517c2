"""Users, login and form helpers for the complaint tests."""

from webtest import Upload

from ningxia_portal.accounts.resources import KIND_STAFF
from tests.conftest import committing, create_user
from tests.conftest import login as real_login
from tests.unit.filings import samples

# username: (kind, roles, grants, title)
USERS = {
    "acme": ("enterprise", ("enterprise",), (), "宁夏阿克米食品有限公司"),
    "other": ("enterprise", ("enterprise",), (), "银川其他商贸有限公司"),
    # The complaint handler of 银川市, and one of the region's center only.
    "chuli": (KIND_STAFF, (), (("complaint_handler", "640100"),), "投诉科 孙立"),
    "quchuli": (KIND_STAFF, (), (("complaint_handler", "640000"),), "自治区投诉科 马红"),
    # The department complained about (640100/scjg), the center's reviewer, another one.
    "rev": (KIND_STAFF, (), (("reviewer", "640100/scjg"),), "市场监管窗口 王芳"),
    "centerrev": (KIND_STAFF, (), (("reviewer", "640100"),), "银川市中心窗口 李明"),
    "swrev": (KIND_STAFF, (), (("reviewer", "640100/sw"),), "税务窗口 陈静"),
    "admin1": (KIND_STAFF, ("admin",), (), "管理员"),
}
CENTER, DEPARTMENT = "640100", "scjg"  # 银川市 · 银川市市场监督管理局
SUBJECT = "窗口要求提供清单外材料"
CONTENT = "办理食品经营许可时，窗口要求提供不在清单内的房屋产权证明原件。"


def create_users(wsgi_app, names=None):
    """Put the test users into the app's database (password ``<name>1234``)."""
    for name in names or USERS:
        kind, roles, grants, title = USERS[name]
        extra = {"credit_code": "91640104MA76AB0C8B"} if kind == "enterprise" else {}
        create_user(
            wsgi_app,
            name,
            kind=kind,
            roles=roles,
            grants=grants,
            title=title,
            contact="张伟",
            phone="13995000001",
            email="zhangwei@example.cn",
            **extra,
        )


def clear_complaints(wsgi_app):
    """Remove the demo complaints, so a test starts from an empty /complaints/."""
    with committing(wsgi_app) as root:
        complaints = root["complaints"]
        for name in list(complaints):
            complaints.remove(name)


def login(testapp, username):
    real_login(testapp, username, f"{username}1234")
    return testapp


def as_user(client, username):
    return login(client(), username)


def pdf(name="证明.pdf", content=samples.PDF):
    return Upload(name, content, "application/pdf")


def fill(form, center=CENTER, department=DEPARTMENT, subject=SUBJECT, content=CONTENT):
    form["center"] = center
    if department is not None:
        form["department"].force_value(department)
    form["subject"] = subject
    form["content"] = content
    return form


def file_complaint(testapp, files=(), **fields):
    """File a complaint through the real form; returns the complaint page (followed)."""
    page = testapp.get(f"/complaints/new?center={fields.get('center', CENTER)}")
    form = fill(page.forms["complaint"], **fields)
    for slot, upload in zip(form.fields.get("upload", []), files, strict=False):
        slot.value = upload
    res = form.submit("submit")
    assert res.status_int == 303, res.html.select(".error, .invalid-feedback, .alert")
    return res.follow()


def add_complaints(wsgi_app, owner, subjects, center=CENTER, department=DEPARTMENT, moves=()):
    """Complaints of ``owner`` straight into the database (catalogued as the app would),
    one a minute apart, oldest first; ``moves``: transitions applied to each."""
    from datetime import timedelta

    from ningxia_portal.complaints.demo import record_transition
    from ningxia_portal.complaints.resources import Complaint
    from ningxia_portal.core.clock import get_clock

    now = get_clock(wsgi_app.registry).now()
    with committing(wsgi_app) as root:
        user = root["principals"][owner]
        c = root["centers"][center]
        for n, subject in enumerate(subjects):
            when = now - timedelta(minutes=len(subjects) - n)
            complaint = Complaint(user, c, c[department], when)
            complaint.subject, complaint.content = subject, CONTENT
            for name in moves:
                record_transition(complaint, name, ("chuli", "投诉科 孙立"), "答复", when)
            root["complaints"].add_complaint(complaint)
