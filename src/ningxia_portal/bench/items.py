"""The items domain: all 28 centers with their departments, then service items up to N.

The first items written are exactly the demo catalogue (``catalogue/demo.py``: same names,
codes and facts), spread over every center; past it, each demo template is reused across the
same centers and departments as a variant with a realistic handling-kind suffix
(食品经营许可（变更）, 企业变更登记（分支机构注销）…), its own URL name and its own code.
"""

import itertools
import re

from ningxia_portal.catalogue.demo import ensure_center, item_name, load_data, make_item

# A Folder is three persistent objects: itself, its OOBTree and its Length.
FOLDER_OBJECTS = 3

HANDLING_KINDS = ("新办", "变更", "延续", "注销", "补证", "换证", "迁移", "增项")
SCOPES = ("分支机构", "个体工商户", "外商投资企业", "农民专业合作社")
_HANDLING_SUFFIX = re.compile(r"（(?:新办|变更|延续|注销|首次申请)）$")


def base_title(name):
    """The item name without its handling-kind suffix: 食品经营许可（新办） → 食品经营许可."""
    return _HANDLING_SUFFIX.sub("", name)


def title_candidates(name):
    """Realistic variant titles of a template, most common first; endless."""
    base = base_title(name)
    for kind in HANDLING_KINDS:
        yield f"{base}（{kind}）"
    for scope in SCOPES:
        for kind in HANDLING_KINDS:
            yield f"{base}（{scope}{kind}）"
    for n in itertools.count(2):  # only for datasets far beyond any real catalogue
        for kind in HANDLING_KINDS:
            yield f"{base}（{kind}·{n}）"


def variant_name(entry, variant):
    """URL name of a template's variant; variant 0 is the demo item itself."""
    return item_name(entry) if variant == 0 else f"{item_name(entry)}-{variant}"


def variant_code(entry, variant):
    """Basic code of a variant (the center code is appended by ``make_item``)."""
    return entry["code"] if variant == 0 else f"{entry['code']}-{variant:02d}"


def item_slots(data):
    """[(center code, department id, template)] for every item the demo puts at a center."""
    slots = []
    for c in data["centers"]:
        for d in data["departments"]:
            if c["level"] not in d["levels"]:
                continue
            for entry in data["items"]:
                if entry["department"] == d["id"] and c["level"] in entry["levels"]:
                    slots.append((c["code"], d["id"], entry))
    return slots


def write_centers(root, writer):
    """Every center of the data file and its departments (existing ones are kept)."""
    data = load_data()
    for c in data["centers"]:
        _center, _departments, created = ensure_center(root["centers"], c, data)
        writer.added(FOLDER_OBJECTS * created)


def count_items(root):
    return sum(len(dept) for center in root["centers"].values() for dept in center.values())


def generate(root, count, writer):
    """Write centers and departments, then items until the portal holds ``count`` of them.

    Returns the number of items written now (items already there count toward ``count``,
    so a re-run tops an existing database up instead of duplicating it).
    """
    write_centers(root, writer)
    total = count_items(root)
    if total >= count:
        return 0
    centers = root["centers"]
    slots = item_slots(load_data())
    titles = {}  # (center, dept) -> titles in use there, so variant titles stay unique
    candidates = {}  # slot index -> its endless title candidates
    written = 0
    for variant in itertools.count():
        for index, (code, dept_id, entry) in enumerate(slots):
            dept = centers[code][dept_id]
            name = variant_name(entry, variant)
            used = titles.get((code, dept_id))
            if used is None:
                used = titles[code, dept_id] = {item.title for item in dept.values()}
            if name in dept:
                continue
            if variant == 0:
                title = entry["name"]
            else:
                cands = candidates.setdefault(index, title_candidates(entry["name"]))
                title = next(t for t in cands if t not in used)
            used.add(title)
            item = make_item(dict(entry, name=title, code=variant_code(entry, variant)), code)
            dept.add(name, item)
            writer.added(2 + len(item.materials))  # the item, its materials list, each material
            written += 1
            total += 1
            if total >= count:
                return written
    raise AssertionError("unreachable")  # pragma: no cover
