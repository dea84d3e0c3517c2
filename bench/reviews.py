"""Reviewers' moves of `make bench` (预审通过 ``prereview``), with mail off and with mail on.

Each request moves a case of its own: a case moved once is no longer ``submitted``, and a
second move would measure the refusal (409). ``filing_moves`` finds submitted cases through
the served app, as reviewers see them: the generated reviewers are one per department
(``ck_<center>_<dept>_1``), so it logs in as the sample department's reviewer (640100/scjg,
the largest queue) and then as the reviewers of the other departments (``/centers/`` JSON),
reads each one's ``/filings/?state=submitted`` JSON pages, and opens every case page to take
its ``prereview`` form (the session's CSRF token and the case's revision). The requests go
round the departments in turn, so that eight writers are not all in one queue.

``count_moves`` (the pages' ``verify``, once the server stopped) opens the dataset read-only
and counts which of the cases sent were moved, and for a mail-on page compares them with the
mails the sink received: exactly one per moved case, to its owner's address.
"""

import json
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from itertools import zip_longest

from bench.prepared import Prepared, form_body, hidden_inputs
from bench.sessions import Client
from ningxia_portal.bench.accounts import REVIEWER_PREFIX
from ningxia_portal.bench.filings import SAMPLE_DEPARTMENT

MOVE = "prereview"
FORM = f'__formid__" value="transition-{MOVE}"'
COMMENT = "材料齐全，预审通过。"
SUBMITTED = "submitted"
FETCHERS = 6  # case pages fetched at once while preparing (never while measuring)
MAX_FAILED_LOGINS = 10  # the login throttle counts failures per address: stop well before


def first_reviewer(center, dept):
    return f"{REVIEWER_PREFIX}_{center}_{dept}_1"


def departments(client):
    """[(center code, department name)] of every center, from the public JSON pages."""
    found = []
    status, _, text = client.request("/centers/", headers={"Accept": "application/json"})
    if status != 200:
        raise RuntimeError(f"/centers/ answered {status}")
    for center in json.loads(text)["centers"]:
        path = urllib.parse.urlsplit(center["url"]).path
        status, _, text = client.request(path, headers={"Accept": "application/json"})
        if status == 200:
            found.extend((center["code"], d["name"]) for d in json.loads(text)["departments"])
    return found


def submitted_cases(client, limit):
    """Paths of up to ``limit`` submitted cases in the logged-in reviewer's queue."""
    paths, page, pages = [], 1, 1
    while page <= pages and len(paths) < limit:
        query = urllib.parse.urlencode({"state": SUBMITTED, "page": page})
        status, _, text = client.request(
            f"/filings/?{query}", headers={"Accept": "application/json"}
        )
        if status != 200:
            raise RuntimeError(f"/filings/?{query} answered {status}")
        data = json.loads(text)
        pages = data["pages"]
        paths += [
            urllib.parse.urlsplit(f["url"]).path for f in data["filings"] if f["state"] == SUBMITTED
        ]
        page += 1
    return paths[:limit]


def move_request(base_url, cookie, path):
    """The POST of a case page's ``prereview`` form, as the reviewer's browser sends it."""
    req = urllib.request.Request(base_url + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(req, timeout=30) as res:
        html = res.read().decode("utf-8", "replace")
    fields = hidden_inputs(html, FORM)  # __formid__, _charset_, csrf_token, revision
    fields.update(comment=COMMENT, **{MOVE: MOVE})
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    return Prepared("POST", path, headers, form_body(fields))


def in_turn(groups):
    """The items of ``groups`` taking one of each group in turn."""
    return [x for row in zip_longest(*groups) for x in row if x is not None]


def filing_moves(base_url, dataset, count=200):
    """``prepare`` of the review pages: up to ``count`` prepared ``prereview`` moves, each of
    a different submitted case, posted with its department reviewer's session."""
    samples = dataset["samples"]
    wanted = departments(Client(base_url))
    wanted = [SAMPLE_DEPARTMENT] + [d for d in wanted if d != SAMPLE_DEPARTMENT]
    groups, found, seen, failed = [], 0, set(), 0
    for center, dept in wanted:
        if found >= count or failed >= MAX_FAILED_LOGINS:
            break
        client = Client(base_url)
        try:
            client.login(first_reviewer(center, dept), samples["password"])
        except RuntimeError:
            failed += 1  # a department without a generated reviewer
            continue
        paths = [p for p in submitted_cases(client, count - found) if p not in seen]
        if paths:
            seen.update(paths)
            groups.append([(client.cookie_header(), p) for p in paths])
            found += len(paths)
    order = in_turn(groups)
    with ThreadPoolExecutor(FETCHERS) as pool:
        out = list(pool.map(lambda c: move_request(base_url, *c), order))
    if not out:
        raise RuntimeError("the dataset has no submitted case to review")
    return out


def count_moves(directory, dataset, run):
    """(problems, a line) after a review page: which of the cases sent were moved, and, if
    the page's mail went to a sink, whether each moved case got exactly one mail, to its
    owner's address, and nothing else did."""
    from pyramid.traversal import find_resource

    from bench.storages import open_db
    from ningxia_portal.core.root import APP_ROOT_KEY

    sent = sorted({p.path for p in run.sent})
    owners = {}  # moved case path -> owner's address
    db = open_db(directory)
    try:
        with db.transaction() as conn:
            root = conn.root()[APP_ROOT_KEY]
            principals = root["principals"]
            for path in sent:
                filing = find_resource(root, path)
                if filing.state != SUBMITTED:
                    owners[path] = getattr(principals.get(filing.owner), "email", None)
    finally:
        db.close()
    line = (
        f"{len(owners):,} of {len(sent):,} cases sent were moved "
        f"(warm-up, run and a last move; wrk counted {run.successes:,} moves in the run)"
    )
    problems = max(0, run.successes - len(owners))  # an answer of success without a move
    if run.sink is None:
        return problems, line
    mails = run.sink.cases()
    per_case = Counter(path for path, _ in mails)
    unmailed = [p for p in owners if per_case[p] == 0]
    extra = sum(n for p, n in per_case.items() if p not in owners) + sum(
        n - 1 for p, n in per_case.items() if p in owners and n > 1
    )
    misaddressed = sum(
        1 for path, rcpt in mails if path in owners and tuple(rcpt) != (owners[path],)
    )
    problems += len(unmailed) + extra + misaddressed
    line += (
        f"; the sink received {len(mails):,} mails: {len(unmailed)} moved cases without one, "
        f"{extra} more than one per moved case, {misaddressed} not to the owner"
    )
    return problems, line
