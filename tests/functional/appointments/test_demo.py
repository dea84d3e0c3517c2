"""Demo data (development.ini): a few appointments of the demo enterprise, some answered,
over the demo centers where the demo reviewer works."""

from tests.conftest import RootAccess, login


def test_demo_enterprise_has_appointments_some_answered(demo_app, demo_wsgi_app):
    with RootAccess(demo_wsgi_app) as root:
        found = list(root["appointments"].values())
        states = sorted(a.state for a in found)
        centers = {a.center_code for a in found}
        for a in found:  # each holds a place exactly while it should
            held = root["appointments"].bookings(a.department_key, a.day, a.slot).ids
            assert (a.__name__ in held) == a.holds_place
    assert states == ["approved", "booked", "booked", "cancelled", "declined"]
    assert centers == {"640000", "640100"}
    login(demo_app, "enterprise", "enterprise1234")
    home = demo_app.get("/").html.select_one(".my-appointments").get_text(" ", strip=True)
    assert "已预约：5件" in home and "已回复：2件" in home
    reviewer = demo_app.__class__(demo_wsgi_app)
    login(reviewer, "reviewer", "reviewer1234")
    data = reviewer.get("/appointments/", {"day": "all"}, headers={"Accept": "application/json"})
    assert data.json["total"] == 2  # awaiting a reply: one of 640000, one of 640100
