"""After a supplement the promised date starts again, in the case *and* in the queue's index."""

from datetime import date

from tests.functional.filings.support import login, pdf, submit_filing, take

JSON = {"Accept": "application/json"}


def test_the_new_deadline_reaches_the_index_and_the_reviewers_due_filters(
    client, clock, open_root, filing_wsgi_app
):
    _owner, url = submit_filing(client)
    case_no = url.strip("/").split("/")[-1]
    take(login(client(), "rev"), url, "return", comment="请补正营业执照")
    with open_root(filing_wsgi_app) as root:
        first_deadline = root["filings"][case_no].deadline

    clock.advance(days=3)  # Thursday: the complete materials arrive
    owner = login(client(), "acme")  # a fresh session: the old one has timed out
    form = owner.get(url + "supplement").forms["supplement"]
    form.fields["upload"][0].value = [pdf("补正材料.pdf")]
    assert form.submit("supplement").status_int == 303

    with open_root(filing_wsgi_app) as root:
        filing = root["filings"][case_no]
        assert filing.deadline > first_deadline
        indexed = root.catalog["deadline"]._rev_index[filing.__docid__]
        assert indexed == filing.deadline

    # The day after the first promised date, the case is not overdue: it was resubmitted.
    clock.set(clock.now().replace(month=first_deadline.month, day=first_deadline.day))
    clock.advance(days=1)
    assert clock.today() > first_deadline and clock.today() <= filing.deadline
    rev = login(client(), "rev")
    overdue = rev.get("/filings/", {"due": "overdue"}, headers=JSON).json
    assert overdue["total"] == 0
    queue = rev.get("/filings/", headers=JSON).json
    assert [(f["case_no"], f["deadline"]) for f in queue["filings"]] == [
        (case_no, filing.deadline.isoformat())
    ]
    assert date.fromisoformat(queue["filings"][0]["deadline"]) == filing.deadline
