"""What the queue tests share: a request stand-in, cases, and catalog look-ups."""

from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.indexing.indexer import Indexer
from ningxia_portal.indexing.queue import defer
from tests.unit.filings.helpers import make_filing


class FakeRequest:
    """What ``defer`` uses of a request: registry.indexer, finished callbacks."""

    def __init__(self, indexer):
        self.registry = type("Registry", (), {"indexer": indexer, "write_lock": None})()
        self.finished = []

    def add_finished_callback(self, callback):
        self.finished.append(callback)

    def finish(self):
        for callback in self.finished:
            callback(self)


def found(root, case_no):
    docid = root.catalog["case_no"].get(case_no)
    return [] if docid is None else [root.docmap.get(docid)]


def add_case(root, name, index=False):
    filing = make_filing()
    filing.case_no = name
    root["filings"].add(name, filing, index=index)
    return filing


def queue_cases(db, names):
    """Requests that each queued a case and committed (nobody drained yet)."""
    with db.transaction() as conn:
        root = conn.root()[APP_ROOT_KEY]
        for name in names:
            defer(FakeRequest(Indexer()), add_case(root, name))


def case_no(n):
    return f"640100-20260302-{n:06d}"
