"""Concurrent writers submitting filings through several processes, and what the database
must hold afterwards."""

import http.client
import json
import queue
import re
import threading
from contextlib import contextmanager
from urllib.parse import unquote
from urllib.request import Request

import transaction
from bs4 import BeautifulSoup
from hypatia.query import Eq
from ZODB import DB
from zodburi import resolve_uri

from ningxia_portal.core.root import APP_ROOT_KEY
from tests.functional.filings.live import LiveClient
from tests.unit.filings import samples

ITEM = "/centers/640100/scjg/xk-scjg-001/"  # 食品经营许可（新办）: six materials
ENTERPRISE = "enterprise"  # the demo enterprise, password enterprise1234
CASE_URL = re.compile(r"/filings/([^/]+)/$")


def pdf(tag):
    """A small valid PDF whose bytes name ``tag`` (each upload is told apart)."""
    return samples.PDF.replace(b"%%EOF", f"% {tag}\n%%EOF".encode())


def apply_fields(client, tag):
    """The apply form filled in: ([(name, value)], {filename: bytes})."""
    fields, files = [], {}
    for name, value in client.form(ITEM + "apply", "apply"):
        if value is None:
            filename = f"材料{len(files) + 1}-{tag}.pdf"
            files[filename] = pdf(f"{tag}-{len(files)}")
            value = (filename, files[filename], "application/pdf")
        elif name == "description":
            value = f"多进程申请 {tag}"
        fields.append((name, value))
    return [*fields, ("submit", "submit")], files


class Acknowledged:
    """A submission answered 303 to its new case: where, and the files it sent."""

    def __init__(self, case_no, files, via):
        self.case_no = case_no
        self.path = f"/filings/{case_no}/"
        self.files = files
        self.via = via


def case_problems(client, ack):
    """What is wrong with ``ack``'s case as ``client`` reads it (the page and every file)."""
    page = client.get(ack.path)
    if page.status != 200 or ack.case_no not in page.text:
        return [f"{ack.path} answered {page.status} on {client.base}"]
    soup = BeautifulSoup(page.text, "html.parser")
    links = {
        unquote(a["href"].rsplit("/", 1)[1]): a["href"] for a in soup.select("a[href*='/file/']")
    }
    problems = []
    if sorted(links) != sorted(ack.files):
        problems.append(f"{ack.path} lists {sorted(links)} on {client.base}")
    for name, href in links.items():
        got = client.get(href.replace(client.base, ""))
        if got.status != 200 or got.body != ack.files.get(name):
            problems.append(f"{href} answered {got.status} with other bytes on {client.base}")
    return problems


class Load:
    """``writers`` threads, each logged in on every process, submitting ``per_writer``
    filings in turn through each; ``stop`` (an Event) ends them early. A reader thread
    checks every acknowledged case on every process while the writers go on."""

    def __init__(self, bases, writers=8, per_writer=3, read=True):
        self.bases = bases
        self.writers = writers
        self.per_writer = per_writer
        self.acknowledged = []
        self.errors = []  # answers that are neither 303 nor (after a kill) no answer at all
        self.unanswered = 0
        self.read_problems = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._progress = threading.Condition(self._lock)
        self._to_read = queue.Queue() if read else None

    def _write(self, index):
        try:
            clients = [LiveClient(base).login(ENTERPRISE) for base in self.bases]
        except (OSError, http.client.HTTPException):  # killed before this writer began
            with self._lock:
                self.unanswered += 1
            return
        except AssertionError as exc:  # a login refused: an error of the run, not a lost writer
            with self._lock:
                self.errors.append(f"writer {index} could not log in: {exc}")
            return
        for n in range(self.per_writer):
            if self.stop.is_set():
                return
            client = clients[(index + n) % len(clients)]
            tag = f"w{index}n{n}"
            try:
                fields, files = apply_fields(client, tag)
                reply = client.post(ITEM + "apply", fields)
            except (OSError, http.client.HTTPException):  # killed under this request
                with self._lock:
                    self.unanswered += 1
                return
            except AssertionError as exc:  # the form page came without its form
                with self._lock:
                    self.errors.append(f"{tag}: {exc}")
                return
            found = CASE_URL.search(reply.location) if reply.status == 303 else None
            with self._lock:
                if found is None:
                    self.errors.append(
                        f"{tag} via {client.base}: {reply.status} {reply.text[:300]}"
                    )
                    continue
                ack = Acknowledged(found.group(1), files, client.base)
                self.acknowledged.append(ack)
                self._progress.notify_all()
            if self._to_read is not None:
                self._to_read.put(ack)

    def wait_for(self, count, seconds=120):
        """Block until ``count`` submissions are acknowledged (an event, not a sleep)."""
        with self._progress:
            if not self._progress.wait_for(lambda: len(self.acknowledged) >= count, seconds):
                raise AssertionError(f"{len(self.acknowledged)} acknowledged, {self.errors}")

    def _read(self):
        readers = [LiveClient(base).login(ENTERPRISE) for base in self.bases]
        while (ack := self._to_read.get()) is not None:
            for reader in readers:
                self.read_problems.extend(case_problems(reader, ack))

    def run(self, on_acknowledged=None):
        reader = None
        if self._to_read is not None:
            reader = threading.Thread(target=self._read)
            reader.start()
        threads = [threading.Thread(target=self._write, args=(i,)) for i in range(self.writers)]
        for thread in threads:
            thread.start()
        if on_acknowledged is not None:
            on_acknowledged(self)
        for thread in threads:
            thread.join(300)
        if reader is not None:
            self._to_read.put(None)
            reader.join(300)
        return self


def listed_case_numbers(base):
    """The case numbers of the enterprise's /filings/ list (JSON, every page): what the
    process's catalog finds."""
    client = LiveClient(base).login(ENTERPRISE)
    found, page, pages = [], 1, 1
    while page <= pages:
        request = Request(f"{base}/filings/?page={page}", headers={"Accept": "application/json"})
        reply = client._open(request)
        assert reply.status == 200, reply.text[:300]
        answer = json.loads(reply.text)
        found.extend(f["case_no"] for f in answer["filings"])
        page, pages = page + 1, answer["pages"]
    return sorted(found)


@contextmanager
def opened_root(uri):
    """The portal's root read from ``uri`` by this test process (a client of its own)."""
    factory, dbkw = resolve_uri(uri)
    db = DB(factory(), **dbkw)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        yield conn.root()[APP_ROOT_KEY]
    finally:
        tm.abort()
        conn.close()
        db.close()


def catalogued_case_numbers(root):
    found = Eq(root.catalog["content_type"], "Filing").execute(resolver=root.docmap.get)
    return sorted(f.case_no for f in found)


def database_problems(root, acknowledged):
    """Every acknowledged case stored whole (its files' bytes) and catalogued; every stored
    case (the demo's too) under its own number, its files whole, and catalogued or queued
    for the catalog."""
    filings = root["filings"]
    problems = []
    for ack in acknowledged:
        filing = filings.get(ack.case_no)
        if filing is None:
            problems.append(f"{ack.case_no} is not stored")
            continue
        stored = {}
        for f in filing.files:
            with f.open() as fp:
                stored[f.filename] = fp.read()
        if stored != ack.files:
            problems.append(f"{ack.case_no} holds {sorted(stored)}")
    catalogued = set(catalogued_case_numbers(root))
    queued = set(root.index_queue.pending)
    for case_no, filing in filings.items():
        if filing.case_no != case_no:
            problems.append(f"{case_no} is stored as {filing.case_no}")
        for f in filing.files:
            with f.open() as fp:
                if len(fp.read()) != f.size:
                    problems.append(f"{case_no}: {f.filename} is not whole")
        if case_no not in catalogued and filing._p_oid not in queued:
            problems.append(f"{case_no} is neither catalogued nor queued")
    missing = {a.case_no for a in acknowledged} - catalogued
    if missing:
        problems.append(f"acknowledged but not catalogued: {sorted(missing)}")
    return problems
