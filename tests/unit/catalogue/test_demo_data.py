"""Validate the demo catalogue data file (``catalogue/data/ningxia.json``).

Plain ``json`` + ``pathlib`` on purpose: these checks guard the data itself, so they
must keep working whatever happens to the loading code.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA_PATH = (
    Path(__file__).resolve().parents[3]
    / "src"
    / "ningxia_portal"
    / "catalogue"
    / "data"
    / "ningxia.json"
)

LEVELS = ("region", "city", "county")

# code -> (name, level, parent)
EXPECTED_CENTERS = {
    "640000": ("宁夏回族自治区", "region", None),
    "640100": ("银川市", "city", "640000"),
    "640104": ("兴庆区", "county", "640100"),
    "640105": ("西夏区", "county", "640100"),
    "640106": ("金凤区", "county", "640100"),
    "640121": ("永宁县", "county", "640100"),
    "640122": ("贺兰县", "county", "640100"),
    "640181": ("灵武市", "county", "640100"),
    "640200": ("石嘴山市", "city", "640000"),
    "640202": ("大武口区", "county", "640200"),
    "640205": ("惠农区", "county", "640200"),
    "640221": ("平罗县", "county", "640200"),
    "640300": ("吴忠市", "city", "640000"),
    "640302": ("利通区", "county", "640300"),
    "640303": ("红寺堡区", "county", "640300"),
    "640323": ("盐池县", "county", "640300"),
    "640324": ("同心县", "county", "640300"),
    "640381": ("青铜峡市", "county", "640300"),
    "640400": ("固原市", "city", "640000"),
    "640402": ("原州区", "county", "640400"),
    "640422": ("西吉县", "county", "640400"),
    "640423": ("隆德县", "county", "640400"),
    "640424": ("泾源县", "county", "640400"),
    "640425": ("彭阳县", "county", "640400"),
    "640500": ("中卫市", "city", "640000"),
    "640502": ("沙坡头区", "county", "640500"),
    "640521": ("中宁县", "county", "640500"),
    "640522": ("海原县", "county", "640500"),
}

# Code prefix per item type. 行政裁决 is an allowed type; CJ is its prefix if one is added.
TYPE_PREFIX = {
    "行政许可": "XK",
    "行政确认": "QR",
    "行政备案": "BA",
    "行政给付": "GF",
    "行政裁决": "CJ",
    "其他行政权力": "QT",
    "公共服务": "GG",
}
DEPTHS = ("网上预审", "网上受理", "网上办结")
MATERIAL_FORMS = ("纸质", "电子", "纸质或电子")
NOT_CHARGED = "不收费"

ITEM_KEYS = {
    "code",
    "name",
    "type",
    "department",
    "levels",
    "legal_basis",
    "conditions",
    "statutory_days",
    "promised_days",
    "fee",
    "fee_basis",
    "visits",
    "depth",
    "materials",
}
MATERIAL_KEYS = {"name", "required", "copies", "form", "notes"}
DEPARTMENT_KEYS = {"id", "levels", "title", "phone", "address", "hours"}

CODE_RE = re.compile(r"^[A-Z]{2}-[A-Z]{2,5}-\d{3}$")
DEPT_ID_RE = re.compile(r"^[a-z]+$")
PHONE_RE = re.compile(r"^0951-\d{7}$")
COPIES_RE = re.compile(r"^(原件|复印件)\d+份(，(原件|复印件)\d+份)?$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# Half-width punctuation that must not appear in Chinese prose (full-width is required).
ASCII_PUNCT_RE = re.compile(r"[,;:()?!\"\[\]]")
SENTENCE_END_RE = re.compile(r"[。！？]")
PLACEHOLDERS = ("xxx", "待补充", "待完善", "todo", "tbd", "fixme", "lorem", "…", "...", "？？")


def _int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _group(item_type):
    if item_type == "行政许可":
        return "行政审批"
    if item_type == "公共服务":
        return "公共服务"
    return "非行政审批"


@pytest.fixture(scope="module")
def raw():
    return DATA_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(raw):
    return json.loads(raw)


@pytest.fixture(scope="module")
def departments(data):
    return {d["id"]: d for d in data["departments"]}


@pytest.fixture(scope="module")
def items(data):
    return data["items"]


# ---------------------------------------------------------------- file


def test_file_is_canonical_json(raw, data):
    """UTF-8, indent=1, ensure_ascii=False, so diffs stay readable."""
    assert raw.rstrip("\n") == json.dumps(data, ensure_ascii=False, indent=1)


def test_top_level(data):
    assert set(data) == {"version", "centers", "departments", "items"}
    assert data["version"] == 1


def test_no_urls_or_placeholders(raw):
    lowered = raw.lower()
    for bad in ("http://", "https://", "www."):
        assert bad not in lowered, bad
    for bad in PLACEHOLDERS:
        assert bad not in lowered, bad


# ---------------------------------------------------------------- centers


def test_centers_exact(data):
    centers = data["centers"]
    assert len(centers) == 28
    seen = {}
    for c in centers:
        assert set(c) == {"code", "name", "level", "parent"}, c
        assert c["code"] not in seen, c["code"]
        seen[c["code"]] = (c["name"], c["level"], c["parent"])
    assert seen == EXPECTED_CENTERS


def test_center_hierarchy(data):
    by_code = {c["code"]: c for c in data["centers"]}
    for c in data["centers"]:
        if c["level"] == "region":
            assert c["parent"] is None
        elif c["level"] == "city":
            assert by_code[c["parent"]]["level"] == "region"
        else:
            assert c["level"] == "county"
            assert by_code[c["parent"]]["level"] == "city"


# ---------------------------------------------------------------- departments


def test_departments(data):
    depts = data["departments"]
    assert 10 <= len(depts) <= 14
    ids = [d["id"] for d in depts]
    assert len(ids) == len(set(ids))
    for d in depts:
        assert set(d) == DEPARTMENT_KEYS, d["id"]
        assert DEPT_ID_RE.match(d["id"]), d["id"]
        assert d["levels"] and set(d["levels"]) <= set(LEVELS), d["id"]
        assert len(d["levels"]) == len(set(d["levels"])), d["id"]
        assert set(d["title"]) == {"region", "local"}, d["id"]
        region_title = d["title"]["region"]
        assert isinstance(region_title, str) and "宁夏回族自治区" in region_title, d["id"]
        assert "{center}" not in region_title, d["id"]
        local = d["title"]["local"]
        assert isinstance(local, str) and local.count("{center}") == 1, d["id"]
        assert CJK_RE.search(local.replace("{center}", "")), d["id"]
        assert PHONE_RE.match(d["phone"]), d["id"]
        assert isinstance(d["address"], str) and CJK_RE.search(d["address"]), d["id"]
        assert isinstance(d["hours"], str) and "周" in d["hours"], d["id"]
        for text in (region_title, local, d["address"]):
            assert not ASCII_PUNCT_RE.search(text), (d["id"], text)


# ---------------------------------------------------------------- items


def test_item_count(items):
    assert len(items) >= 90


def test_item_keys(items):
    for it in items:
        assert set(it) == ITEM_KEYS, it.get("code")


def test_item_codes_and_names_unique(items):
    codes = Counter(it["code"] for it in items)
    names = Counter(it["name"] for it in items)
    assert [c for c, n in codes.items() if n > 1] == []
    assert [c for c, n in names.items() if n > 1] == []


def test_item_code_format(items):
    for it in items:
        code = it["code"]
        assert CODE_RE.match(code), code
        prefix, middle, _ = code.split("-")
        assert prefix == TYPE_PREFIX[it["type"]], code
        assert middle == it["department"].upper(), code


def test_item_type_department_levels(items, departments):
    for it in items:
        assert it["type"] in TYPE_PREFIX, it["code"]
        assert it["department"] in departments, it["code"]
        levels = it["levels"]
        assert isinstance(levels, list) and levels, it["code"]
        assert len(levels) == len(set(levels)), it["code"]
        assert set(levels) <= set(departments[it["department"]]["levels"]), it["code"]


def test_item_days_visits_depth(items):
    for it in items:
        sd, pd, visits = it["statutory_days"], it["promised_days"], it["visits"]
        assert _int(sd) and 0 <= sd <= 60, it["code"]
        assert _int(pd) and 0 <= pd <= sd, it["code"]
        assert _int(visits) and 0 <= visits <= 2, it["code"]
        assert it["depth"] in DEPTHS, it["code"]


def test_item_texts(items):
    for it in items:
        code = it["code"]
        for key in ("name", "legal_basis", "conditions", "fee"):
            value = it[key]
            assert isinstance(value, str) and value.strip() == value and value, (code, key)
            assert CJK_RE.search(value), (code, key)
            assert not ASCII_PUNCT_RE.search(value), (code, key, value)
        assert "《" in it["legal_basis"] and "》" in it["legal_basis"], code
        conditions = it["conditions"]
        assert conditions.endswith("。"), code
        assert 1 <= len(SENTENCE_END_RE.findall(conditions)) <= 4, code
        assert isinstance(it["fee_basis"], str), code
        if it["fee"] != NOT_CHARGED:
            assert it["fee_basis"].strip(), code
            assert "《" in it["fee_basis"], code
            assert not ASCII_PUNCT_RE.search(it["fee_basis"]), code


def test_item_materials(items):
    for it in items:
        code = it["code"]
        mats = it["materials"]
        assert isinstance(mats, list) and 1 <= len(mats) <= 10, code
        names = [m["name"] for m in mats]
        assert len(names) == len(set(names)), code
        assert any(m["required"] is True for m in mats), code
        for m in mats:
            assert set(m) == MATERIAL_KEYS, (code, m)
            assert isinstance(m["name"], str) and m["name"].strip(), code
            assert CJK_RE.search(m["name"]), (code, m["name"])
            assert isinstance(m["required"], bool), (code, m["name"])
            assert COPIES_RE.match(m["copies"]), (code, m["name"], m["copies"])
            assert m["form"] in MATERIAL_FORMS, (code, m["name"])
            assert isinstance(m["notes"], str), (code, m["name"])
            for text in (m["name"], m["notes"]):
                assert not ASCII_PUNCT_RE.search(text), (code, text)


# ---------------------------------------------------------------- coverage


def test_groups_covered(items):
    groups = Counter(_group(it["type"]) for it in items)
    for group in ("行政审批", "非行政审批", "公共服务"):
        assert groups[group] >= 20, (group, groups)


def test_depths_covered(items):
    depths = Counter(it["depth"] for it in items)
    for depth in DEPTHS:
        assert depths[depth] >= 20, (depth, depths)


def test_every_department_has_items(items, departments):
    per_dept = Counter(it["department"] for it in items)
    for dept_id in departments:
        assert per_dept[dept_id] >= 4, (dept_id, per_dept[dept_id])


def test_every_level_has_items(items):
    for level in LEVELS:
        count = sum(level in it["levels"] for it in items)
        assert count >= 25, (level, count)
