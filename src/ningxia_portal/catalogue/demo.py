"""Load the demo catalogue (28 Ningxia centers, departments, items) from the package data.

Used on first start under ``portal.demo = true``, by the tests, and by the benchmark
generator, which calls ``item_templates`` to synthesise thousands more items.
"""

import json
from functools import lru_cache
from importlib import resources

from ningxia_portal.catalogue.resources import Center, Department, ServiceItem

DATA_FILE = "ningxia.json"


@lru_cache(maxsize=1)
def load_data():
    """The parsed demo data file (cached: it is read-only)."""
    text = (
        resources.files("ningxia_portal.catalogue")
        .joinpath("data", DATA_FILE)
        .read_text(encoding="utf-8")
    )
    return json.loads(text)


def department_title(dept, center):
    """A department's full name at a center: the region body, or e.g. 银川市市场监督管理局."""
    if center["level"] == "region":
        return dept["title"]["region"]
    return dept["title"]["local"].format(center=center["name"])


def item_templates():
    """The item entries of the data file."""
    return load_data()["items"]


def make_item(entry, center_code):
    """A ServiceItem for one data-file entry implemented at one center."""
    return ServiceItem(
        code=f"{entry['code']}-{center_code}",
        title=entry["name"],
        item_type=entry["type"],
        legal_basis=entry["legal_basis"],
        conditions=entry["conditions"],
        statutory_days=entry["statutory_days"],
        promised_days=entry["promised_days"],
        fee=entry["fee"],
        fee_basis=entry["fee_basis"],
        visits=entry["visits"],
        depth=entry["depth"],
        materials=entry["materials"],
    )


def item_name(entry):
    """The URL name of an item: its basic code in lower case (``xk-scjg-001``)."""
    return entry["code"].lower()


def ensure_center(folder, entry, data=None):
    """The Center of a data-file entry with its departments, created where missing.

    Returns ``(center, [(department, department entry)], created)`` where ``created``
    counts the folders added; existing objects are left alone.
    """
    data = data or load_data()
    created = 0
    center = folder.get(entry["code"])
    if center is None:
        center = folder.add(
            entry["code"],
            Center(
                entry["code"],
                entry["name"],
                entry["level"],
                entry["parent"],
                address=entry.get("address", ""),
                phone=entry.get("phone", ""),
                hours=entry.get("hours", ""),
            ),
        )
        created += 1
    departments = []
    for d in data["departments"]:
        if entry["level"] not in d["levels"]:
            continue
        dept = center.get(d["id"])
        if dept is None:
            dept = center.add(
                d["id"],
                Department(
                    department_title(d, entry),
                    phone=d.get("phone", ""),
                    address=d.get("address", ""),
                    hours=d.get("hours", ""),
                ),
            )
            created += 1
        departments.append((dept, d))
    return center, departments, created


def load_catalogue(root, centers=None):
    """Create centers, their departments and items under ``root['centers']``.

    ``centers`` limits the load to those division codes (tests use a few); existing
    objects are left alone, so the call is idempotent. Returns the number of items added.
    """
    data = load_data()
    folder = root["centers"]
    wanted = set(centers) if centers else None
    added = 0
    for c in data["centers"]:
        if wanted is not None and c["code"] not in wanted:
            continue
        _center, departments, _created = ensure_center(folder, c, data)
        for dept, d in departments:
            for entry in data["items"]:
                if entry["department"] != d["id"] or c["level"] not in entry["levels"]:
                    continue
                name = item_name(entry)
                if name not in dept:
                    dept.add(name, make_item(entry, c["code"]))
                    added += 1
    return added


def load_demo_catalogue(root, registry):
    """The demo loader: every center, or those ``portal.demo_centers`` names (tests)."""
    return load_catalogue(root, centers=registry.settings.get("portal.demo_centers") or None)
