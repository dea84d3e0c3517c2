"""One rating submitted twice at the same moment (two sessions of the enterprise, real
threads against the app served by waitress on a FileStorage): exactly one is kept, the other
is told the case is rated; the department's tallies count it once."""

import pytest
from bs4 import BeautifulSoup

from ningxia_portal import main
from ningxia_portal.core.root import get_database
from tests.browser.conftest import serve
from tests.conftest import DEMO_CENTERS, PERSONAS, base_settings, create_personas
from tests.functional.evaluations.support import GOOD, POOR, new_case, stored
from tests.functional.filings.live import LiveClient, run_together


@pytest.fixture
def served(tmp_path):
    uri = f"file://{tmp_path}/Data.fs?blobstorage_dir={tmp_path}/blobs"
    settings = base_settings(
        **{
            "zodbconn.uri": uri,
            "portal.demo": "true",
            "portal.demo_centers": DEMO_CENTERS,
            "retry.attempts": "5",
        }
    )
    app = main({}, **settings)
    create_personas(app)
    server = serve(app, threads=8)
    yield app, server.application_url.rstrip("/")
    server.shutdown()
    get_database(app.registry).close()


def rating_fields(client, path, scores):
    """The rate form's fields in document order, with a level chosen in each dimension's
    radio group (deform names a group's inputs by its oid, inside ``<name>:rename``)."""
    page = client.get(path)
    assert page.status == 200
    form = BeautifulSoup(page.text, "html.parser").find("form", id="rate")
    radios = {}
    for el in form.find_all("input", type="radio"):
        radios.setdefault(el["name"], None)
    groups, levels, fields = iter(radios), iter(scores.values()), []
    for name, value in client.form(path, "rate"):
        if name in radios:
            continue
        fields.append((name, value))
        if name == "__start__" and value.endswith(":rename"):
            fields.append((next(groups), next(levels)))
    return [*fields, ("rate", "rate")]


def test_a_double_submission_keeps_one_rating(served):
    app, base = served
    case_no = new_case(app)
    path = f"/filings/{case_no}/rate"
    username = PERSONAS["enterprise_a"]["username"]
    clients = [LiveClient(base).login(username) for _ in range(2)]
    forms = [rating_fields(c, path, s) for c, s in zip(clients, (POOR, GOOD), strict=True)]
    replies = run_together(
        [lambda c=c, f=f: c.post(path, f) for c, f in zip(clients, forms, strict=True)]
    )
    statuses = sorted(r.status for r in replies)
    assert statuses == [303, 409], [r.text[:300] for r in replies]
    refused = next(r for r in replies if r.status == 409)
    assert "您已评价过该办件" in refused.main_text()
    evaluation, counts = stored(app, case_no)
    assert evaluation["scores"] in (POOR, GOOD)
    assert counts["n"] == 2  # the demo's rating and one of these
