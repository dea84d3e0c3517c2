"""The demo enterprise's filings (development.ini's demo data)."""

import pytest

from tests.conftest import login

JSON = {"Accept": "application/json"}


@pytest.fixture
def demo_client(blob_wsgi_app):
    import webtest

    return lambda: webtest.TestApp(blob_wsgi_app)


def test_the_demo_enterprise_has_filings_in_several_states(demo_client, open_root, blob_wsgi_app):
    enterprise = demo_client()
    login(enterprise, "enterprise", "enterprise1234")
    data = enterprise.get("/filings/", headers=JSON).json
    states = sorted(f["state"] for f in data["filings"])
    assert states == ["accepted", "completed", "submitted", "supplement_required"]
    returned = next(f for f in data["filings"] if f["state"] == "supplement_required")
    assert returned["reply"] == "营业执照复印件不清晰，请补正"
    page = enterprise.get(returned["url"].replace("http://localhost", "") + "supplement")
    assert "营业执照复印件不清晰，请补正" in page.text
    with open_root(blob_wsgi_app) as root:
        for filing in root["filings"].values():
            assert filing.files and all(f.blob for f in filing.files)
    reviewer = demo_client()
    login(reviewer, "reviewer", "reviewer1234")
    queue = reviewer.get("/filings/", headers=JSON).json
    assert [f["state"] for f in queue["filings"]] == ["submitted"]  # awaiting review


def test_without_blob_storage_the_demo_filings_have_no_files(demo_app, open_root, demo_wsgi_app):
    with open_root(demo_wsgi_app) as root:
        filings = list(root["filings"].values())
        assert len(filings) == 4 and all(f.files == [] for f in filings)
