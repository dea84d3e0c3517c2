"""ningxia-portal-gen's enterprises, reviewers and announcements: small N, a temp FileStorage."""

import random
import re
from collections import Counter

import pytest
import webtest
from pyramid.authorization import Everyone

from ningxia_portal import main
from ningxia_portal.accounts.credit_code import is_valid
from ningxia_portal.accounts.resources import KIND_ENTERPRISE, KIND_STAFF, User
from ningxia_portal.announcements.resources import Announcement
from ningxia_portal.announcements.workflow import PUBLISHED
from ningxia_portal.bench import accounts, script
from ningxia_portal.core.root import get_database
from ningxia_portal.indexing.query import CatalogSearch
from ningxia_portal.settings import load_settings
from tests.unit.bench.test_generate import read_root

COUNTS = {"items": 200, "enterprises": 60, "reviewers": 30, "announcements": 25}


def settings_for(path):
    return load_settings(
        {
            "zodbconn.uri": f"file://{path}/Data.fs",
            "portal.secret": "t",
            "portal.password_hasher": "fast",
            "portal.clock": "ningxia_portal.core.clock.FrozenClock",
            "portal.mail": "off",
        }
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen-accounts")
    report = script.generate(settings_for(path), COUNTS, batch=100)
    db, root = read_root(path)
    yield path, report, root
    db.close()


def users(root, prefix):
    principals = root["principals"]
    return [principals[n] for n in principals.keys(min=prefix, max=prefix + "\uffff")]


def test_counts_are_reported_and_stored(generated):
    _, report, root = generated
    assert report["written"] == COUNTS
    assert report["totals"] == dict(
        COUNTS, filings=0, appointments=0, consultations=0, complaints=0
    )
    assert len(users(root, accounts.ENTERPRISE_PREFIX)) == 60
    assert len(users(root, accounts.REVIEWER_PREFIX + "_")) == 30


def test_enterprises_are_unique_realistic_and_have_valid_credit_codes(generated):
    _, _, root = generated
    found = users(root, accounts.ENTERPRISE_PREFIX)
    assert all(isinstance(u, User) and u.kind == KIND_ENTERPRISE for u in found)
    codes = [u.credit_code for u in found]
    assert len(set(codes)) == 60 and all(is_valid(c) for c in codes)
    assert all(c.startswith("91") and c[8:10] == "MA" for c in codes)
    # The division code in the credit code is the enterprise's own center.
    assert all(u.credit_code[2:8] == u.region for u in found)
    assert len({u.title for u in found}) == 60
    assert all(u.title.endswith("公司") and len(u.title) >= 8 for u in found)
    assert all(u.legal_representative and u.phone[0] == "1" and len(u.phone) == 11 for u in found)
    # Findable by credit code, as the login form finds them.
    principals = root["principals"]
    assert principals.find(found[3].credit_code.lower()) is found[3]


def test_org_code_check_follows_gb_11714():
    # 11 − (Σ value·weight mod 11), with 10 → X and 11 → 0.
    assert accounts.org_code_check("00000000") == "0"
    assert accounts.org_code_check("00000006") == "X"  # 6·2 = 12 ≡ 1
    assert accounts.org_code_check("08520256") == "7"  # 169 ≡ 4
    assert accounts.org_code_check("MA000001") == str(11 - (22 * 3 + 10 * 7 + 2) % 11)
    rng = random.Random(1)
    for _ in range(200):
        assert is_valid(accounts.credit_code(rng, "640104"))


def test_reviewers_are_granted_on_departments_round_robin(generated):
    _, report, root = generated
    found = users(root, accounts.REVIEWER_PREFIX + "_")
    assert all(u.kind == KIND_STAFF and u.roles == () for u in found)
    scopes = Counter(scope for u in found for _, scope in u.grants)
    assert len(scopes) == 30 and set(scopes.values()) == {1}  # 30 departments, one each
    first = found[0]
    role, scope = first.grants[0]
    center, _, dept = scope.partition("/")
    assert role == "reviewer" and dept in root["centers"][center]
    assert f"reviewer@{scope}" in first.principals()
    assert report["samples"]["reviewer"] == "ck_640100_scjg_1"  # the sample department's


def test_announcements_are_published_and_found_by_everyone_in_the_catalog(generated):
    _, _, root = generated
    search = CatalogSearch(root, [Everyone])
    result = search.execute(search.query("Announcement", state=PUBLISHED))
    found = search.resolve(result.ids)
    assert len(found) == 25 and all(isinstance(a, Announcement) for a in found)
    a = found[0]
    assert a.state == PUBLISHED and a.published and a.publication_date
    assert a.body_html.startswith("<h3>") and a.body_text and a.changes
    assert len({x.title for x in found}) == 25
    # Text search finds them by a word of their title, through the CJK bigram index.
    word = re.search(r"[\u4e00-\u9fff]{4}", a.title).group()
    hits = search.execute(search.query("Announcement", text=word))
    assert a.__docid__ in hits.ids


def test_generated_accounts_log_in_through_the_real_form(generated):
    path, report, _ = generated
    app = main({}, **settings_for(path))
    try:
        test = webtest.TestApp(app)
        form = test.get("/login").forms["login"]
        form["login"] = report["samples"]["enterprise"]
        form["password"] = accounts.BENCH_PASSWORD
        form.submit("submit", status=302)
        assert test.get("/").html.select_one(".account-name").text.endswith("公司")
        # The enterprise's region is its center: it sees that region's announcements.
        res = test.get("/announcements/")
        assert res.html.select("a.announcement-title")
    finally:
        get_database(app.registry).close()


def test_a_rerun_tops_accounts_up(tmp_path):
    settings = settings_for(tmp_path)
    counts = {"items": 30, "enterprises": 5, "reviewers": 3, "announcements": 2}
    assert script.generate(settings, counts)["written"] == counts
    more = dict(counts, enterprises=8, announcements=4)
    report = script.generate(settings, more)
    assert report["written"] == {"items": 0, "enterprises": 3, "reviewers": 0, "announcements": 2}
    assert report["totals"] == dict(more, filings=0, appointments=0, consultations=0, complaints=0)
    db, root = read_root(tmp_path)
    try:
        codes = [u.credit_code for u in users(root, accounts.ENTERPRISE_PREFIX)]
        assert len(set(codes)) == 8
        assert len(root.catalog["content_type"].applyEq("Announcement")) == 4
    finally:
        db.close()
