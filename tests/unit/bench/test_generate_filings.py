"""ningxia-portal-gen's filings: small N into a temp FileStorage, read back through the catalog."""

import itertools
import random
from collections import Counter
from datetime import timedelta

import pytest

from ningxia_portal.bench import accounts, script
from ningxia_portal.bench import filings as gen_filings
from ningxia_portal.bench.indexing import DOCID_BLOCK, GENERATED_DOCIDS, DocidRange
from ningxia_portal.catalogue.resources import DEPTH_ACCEPT, DEPTH_PREREVIEW
from ningxia_portal.core.clock import FrozenClock
from ningxia_portal.filings import workflow
from ningxia_portal.filings.resources import Filing
from ningxia_portal.indexing.catalog import DocMap
from ningxia_portal.indexing.query import CatalogSearch
from tests.unit.bench.test_generate import read_root
from tests.unit.bench.test_generate_accounts import settings_for

COUNTS = {"items": 300, "enterprises": 20, "reviewers": 40, "announcements": 0, "filings": 600}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen-filings")
    report = script.generate(settings_for(path), COUNTS, batch=500)
    db, root = read_root(path)
    yield report, root
    db.close()


def all_filings(root):
    return list(root["filings"].values())


def test_counts_names_and_case_numbers(generated):
    report, root = generated
    assert report["written"]["filings"] == 600 == report["totals"]["filings"]
    found = all_filings(root)
    assert len(found) == 600 and all(isinstance(f, Filing) for f in found)
    assert all(f.__name__ == f.case_no for f in found)
    assert all(f.case_no.startswith(f"{f.center_code}-") for f in found)
    # The day counters continue past the numbers used.
    sequences = root["filings"].sequences
    for f in found[:50]:
        key, _, number = f.case_no.rpartition("-")
        assert sequences[key].value >= int(number)


def test_histories_follow_the_workflow_and_the_items_depth(generated):
    _, root = generated
    states = Counter()
    for f in all_filings(root):
        history = list(f.history)
        assert history[0]["transition"] == "submit" and history[0]["actor"] == f.owner
        assert f.revision == len(history) and f.state == history[-1]["to_state"]
        assert all(a["to_state"] == b["from_state"] for a, b in itertools.pairwise(history))
        times = [e["time"] for e in history]
        assert times == sorted(times) and f.submitted == times[0]
        if f.depth == DEPTH_PREREVIEW:
            assert f.state not in (workflow.ACCEPTED, workflow.COMPLETED)
        if f.depth == DEPTH_ACCEPT:
            assert f.state != workflow.COMPLETED
        assert (f.finished is not None) == workflow.filing_workflow.is_final(f)
        assert f.deadline is not None and f.deadline >= f.submitted.date()
        states[f.state] += 1
    assert {workflow.SUBMITTED, workflow.COMPLETED, workflow.SUPPLEMENT_REQUIRED} <= set(states)


def test_filings_are_spread_over_enterprises_and_items(generated):
    _, root = generated
    found = all_filings(root)
    owners = Counter(f.owner for f in found)
    assert len(owners) == 20 and all(o.startswith(accounts.ENTERPRISE_PREFIX) for o in owners)
    assert len({f.snapshot["code"] for f in found}) > 200
    assert len({f.department_key for f in found}) > 30


def test_filings_are_found_through_the_catalog_lists_by_owner_and_department(generated):
    _, root = generated
    found = all_filings(root)
    lists = root.catalog["lists"]
    owner = found[0].owner
    mine = set(lists.docids([f"mine:{owner}"]))
    assert mine == {f.__docid__ for f in found if f.owner == owner}
    key = found[0].department_key
    queue = set(lists.docids([f"queue:{key}"]))
    assert queue == {f.__docid__ for f in found if f.department_key == key and f.state != "draft"}
    pending = set(lists.docids([f"queue:{key}"], spans=((None, (1,)),)))
    assert pending == {f.__docid__ for f in found if f.department_key == key and f.pending}
    assert lists.counts([f"queue:{key}"], "pending").get("1", 0) == len(pending)
    # The public catalogue's indexes hold none of them.
    assert not len(
        CatalogSearch(root, ["role:admin"]).execute(
            CatalogSearch(root, ["role:admin"]).query("Filing")
        )
    )


def test_the_catalog_holds_what_the_app_would_index(generated):
    _, root = generated
    catalog = root.catalog
    for f in all_filings(root)[:40]:
        docid = f.__docid__
        assert root.docmap.get(docid) is f
        assert catalog["state"]._rev_index[docid] == f.state
        assert catalog["case_no"].get(f.case_no) == docid
        assert catalog["deadline"]._rev_index[docid] == f.deadline
        assert catalog["item_title"]._rev_index[docid] == f.item_title
        assert catalog["applicant"]._rev_index[docid] == f.applicant["title"]
        assert catalog["allowed"]._rev_index.get(docid) is None  # lists mirror the ACL
        assert catalog["case_item"]._rev_index[docid] == f.item_key
        lists = catalog["lists"]
        assert docid in lists.members([f"mine:{f.owner}"])
        if f.state != "draft":
            assert docid in lists.members([f"queue:{f.department_key}", f"queue:{f.center_code}"])


def test_a_rerun_tops_filings_up(tmp_path):
    settings = settings_for(tmp_path)
    counts = dict(COUNTS, items=60, reviewers=5, filings=30)
    assert script.generate(settings, counts)["written"]["filings"] == 30
    report = script.generate(settings, dict(counts, filings=45))
    assert report["written"]["filings"] == 15 and report["totals"]["filings"] == 45
    db, root = read_root(tmp_path)
    try:
        names = list(root["filings"])
        assert len(names) == len(set(names)) == 45
        assert len(root.catalog["content_type"].applyEq("Filing")) == 45
    finally:
        db.close()


def test_cases_are_filed_in_time_order_with_docids_from_the_start_of_the_generators_range(
    generated,
):
    _, root = generated
    found = all_filings(root)
    low = GENERATED_DOCIDS[0]
    docids = sorted(f.__docid__ for f in found)
    # From the start of the range: the first block (shuffled) holds them all.
    assert low <= docids[0] and docids[-1] < low + DOCID_BLOCK
    # Case numbers follow submission times, as when cases arrive one after another.
    by_center = {}
    for f in found:  # the container's order: by case number
        by_center.setdefault(f.center_code, []).append(f.submitted)
    assert all(times == sorted(times) for times in by_center.values())
    # Spread over the year before the (frozen) clock, and nothing happens after it.
    now = FrozenClock().now()
    submitted = sorted(f.submitted for f in found)
    assert submitted[-1] <= now and now - submitted[0] > timedelta(days=360)
    assert all(e["time"] <= now for f in found for e in f.history)
    assert max(f.modified for f in found) <= now


def test_docid_range_continues_after_its_run_and_skips_taken_ones():
    docmap = DocMap()
    low, high = GENERATED_DOCIDS
    # Random docids of items and accounts: below the range, inside it, near its top.
    for docid in (5, low + 1, high - 3):
        docmap.add(Doc(), docid=docid)
    docids = DocidRange(docmap, block=1)
    assert [docids.place(Doc()) for _ in range(3)] == [low, low + 2, low + 3]
    docmap.add(Doc(), docid=low + 4)  # a web add meanwhile
    assert docids.place(Doc()) == low + 5
    assert DocidRange(docmap, block=1).place(Doc()) == low + 6  # a rerun continues
    assert DocidRange(DocMap(), block=1).place(Doc()) == low  # empty: from the start
    full = DocidRange(docmap, block=1, low=10, high=12)
    full.place(Doc())
    full.place(Doc())
    with pytest.raises(RuntimeError, match="exhausted"):
        full.place(Doc())


def test_docids_come_in_shuffled_blocks_so_buckets_fill_as_with_random_docids():
    docmap = DocMap()
    low = GENERATED_DOCIDS[0]
    docmap.add(Doc(), docid=low + 3)
    docids = DocidRange(docmap, random.Random(1), block=8)
    first = [docids.place(Doc()) for _ in range(8)]
    # The 8 free docids from the start, not in increasing order; the next block after them.
    assert sorted(first) == [low, low + 1, low + 2, *range(low + 4, low + 9)]
    assert first != sorted(first)
    assert min(docids.place(Doc()) for _ in range(8)) == low + 9
    # A run stopped inside a block leaves holes; a rerun fills them first.
    docmap.objects.pop(low + 1)
    rerun = DocidRange(docmap, block=4)
    assert sorted(rerun.place(Doc()) for _ in range(4))[0] == low + 1


def test_the_generated_trees_fill_like_the_apps_random_docids(generated):
    _, root = generated
    filings = root.catalog["content_type"]._fwd_index["Filing"]
    buckets = bucket_sizes(filings)
    # Buckets of a TreeSet of docids hold up to 120; appended in order they'd stay at 60.
    assert len(buckets) > 1 and sum(buckets) / len(buckets) > 70


def bucket_sizes(tree):
    sizes = []
    bucket = tree.__getstate__()[1]
    while bucket is not None:
        state = bucket.__getstate__()
        sizes.append(len(state[0]))
        bucket = state[1] if len(state) > 1 else None
    return sizes


class Doc:
    """Anything the docmap can map."""


def test_filings_need_enterprises_and_items(tmp_path):
    with pytest.raises(ValueError, match="enterprises and items"):
        script.generate(settings_for(tmp_path), {"items": 10, "filings": 5})
    assert gen_filings.HEAVY_SHARE < 0.1
