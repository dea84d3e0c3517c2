"""``ningxia-portal-gen <ini>``: write a large, realistic database for the benchmark.

It opens the storage of the ini's ``zodbconn.uri`` directly, like ``ningxia-portal-evolve``,
without starting the web app: creates or evolves the Portal root, then runs every domain of
``domains.DOMAINS`` in batched commits, and reports its time, objects per second and the size
of the database. ``--json`` also writes that report for ``make bench``.
"""

import argparse
import json
import sys
import time

import transaction

from ningxia_portal.appointments.resources import MINE_LIST
from ningxia_portal.bench import accounts, complaints
from ningxia_portal.bench.announcements import count_generated
from ningxia_portal.bench.domains import DOMAINS
from ningxia_portal.bench.items import count_items
from ningxia_portal.bench.writer import BatchWriter
from ningxia_portal.core import evolve
from ningxia_portal.core.root import APP_ROOT_KEY, Portal
from ningxia_portal.scripts import configured, ini_settings

# Objects per commit (~6,000 filings), and objects the connection keeps loaded between
# commits: a batch's own ~110,000 records and the ends of the indexes that every batch
# writes again (with 100,000 each batch loaded ~24,000 of those back). See writer.py.
DEFAULT_BATCH = 50_000
DEFAULT_CACHE = 250_000


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="ningxia-portal-gen",
        description="Write a benchmark dataset into the database of an ini file.",
    )
    parser.add_argument("config_uri", help="the ini file, e.g. bench/bench.ini")
    parser.add_argument(
        "--batch",
        type=int,
        default=DEFAULT_BATCH,
        help=f"persistent objects per commit (default {DEFAULT_BATCH:,})",
    )
    parser.add_argument(
        "--cache",
        type=int,
        default=DEFAULT_CACHE,
        help=f"objects kept loaded between commits (default {DEFAULT_CACHE:,})",
    )
    parser.add_argument(
        "--pack", action="store_true", help="pack the storage afterwards (old versions go)"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the report as JSON")
    for domain in DOMAINS:
        help_ = f"{domain.help} (default {domain.default})"
        if not domain.available:
            help_ = f"{domain.help}: not available yet, lands with {domain.lands_with}"
        parser.add_argument(f"--{domain.name}", type=int, default=domain.default, help=help_)
    args = parser.parse_args(argv)
    for domain in DOMAINS:
        count = getattr(args, domain.name)
        if count < 0:
            parser.error(f"--{domain.name} must not be negative")
        if count and not domain.available:
            parser.error(
                f"--{domain.name}: its resources do not exist yet (they land with "
                f"{domain.lands_with}); only 0 is accepted"
            )
    if args.batch < 1:
        parser.error("--batch must be at least 1")
    if args.cache < 1:
        parser.error("--cache must be at least 1")
    return args


def ensure_root(conn, registry):
    """The Portal root, created and evolved to the latest step (as the app would)."""
    zodb_root = conn.root()
    if APP_ROOT_KEY not in zodb_root:
        zodb_root[APP_ROOT_KEY] = Portal()
        transaction.commit()
    root = zodb_root[APP_ROOT_KEY]
    evolve.evolve(root, registry)
    return root


def sample_paths(root, center="640100", department="scjg", item="xk-scjg-001"):
    """URL paths of a center, a department and an item, for the load runner's pages.

    Yinchuan's food business permit by default: the busiest department of the hall and one
    of the longest materials lists; the first item there is, if the dataset lacks it.
    """
    centers = root["centers"]
    dept = centers[center].get(department) if center in centers else None
    if dept is None or item not in dept:
        dept = next((d for c in centers.values() for d in c.values() if len(d)), None)
        if dept is None:
            return {}
        item = next(iter(dept))
    c, d = dept.__parent__.__name__, dept.__name__
    samples = {
        "center": f"/centers/{c}/",
        "department": f"/centers/{c}/{d}/",
        "item": f"/centers/{c}/{d}/{item}/",
        "password": accounts.BENCH_PASSWORD,
        "enterprises": sample_enterprises(root),
    }
    if accounts.ADMIN_NAME in root["principals"]:
        samples["admin"] = accounts.ADMIN_NAME
    reviewer = accounts.first_reviewer(root, f"{c}/{d}")
    if reviewer:
        samples["reviewer"] = reviewer
    if samples["enterprises"]:
        samples["enterprise"] = samples["enterprises"][0]
        appointment = sample_appointment(root, samples["enterprise"])
        if appointment:
            samples["appointment"] = appointment
        consultation = sample_consultation(root, samples["enterprise"])
        if consultation:
            samples["consultation"] = consultation
    samples.update(complaints.samples(root))  # "handler", "complaint"
    return samples


def sample_appointment(root, username):
    """The path of the newest appointment of ``username`` (the bench's appointment page)."""
    index = getattr(root, "catalog", {}).get("appointment_lists")
    if index is None:
        return None
    for docid in index.docids([MINE_LIST + username]):
        found = root.docmap.get(docid)
        if found is not None:
            return f"/appointments/{found.__name__}/"
    return None


def sample_consultation(root, username):
    """The path of ``username``'s newest consultation, or None (none generated)."""
    catalog = root.catalog
    if "consultation_lists" not in catalog:
        return None
    docid = next(catalog["consultation_lists"].docids(["mine:" + username]), None)
    consultation = root.docmap.get(docid) if docid is not None else None
    return f"/consultations/{consultation.__name__}/" if consultation is not None else None


def sample_enterprises(root, limit=64):
    """Usernames of generated enterprises, for pages that log in (the first one is the
    enterprise of "my filings")."""
    prefix = accounts.ENTERPRISE_PREFIX
    names = root["principals"].keys(min=prefix, max=prefix + "\uffff")
    return [name for name, _ in zip(names, range(limit), strict=False)]


def totals_of(root):
    """What the database holds now, per domain (whatever this run or earlier ones wrote)."""
    principals = root["principals"]
    return {
        "items": count_items(root),
        "enterprises": accounts.count_prefixed(principals, accounts.ENTERPRISE_PREFIX),
        "reviewers": accounts.count_prefixed(principals, accounts.REVIEWER_PREFIX + "_"),
        "announcements": count_generated(root["announcements"]),
        "filings": len(root["filings"]),
        "appointments": len(root["appointments"]) if "appointments" in root else 0,
        "consultations": len(root["consultations"]) if "consultations" in root else 0,
        "complaints": len(root["complaints"]) if "complaints" in root else 0,
    }


def generate(settings, counts, batch=DEFAULT_BATCH, includes=None, cache=DEFAULT_CACHE, pack=False):
    """Run every domain with its count into the database of ``settings``; return a report.

    ``pack``: pack the storage afterwards, as production packs its own, so the dataset keeps
    one copy of each object instead of every version the batches wrote."""
    started = time.perf_counter()
    with configured(settings, includes or ()) as (registry, db):
        db.setCacheSize(cache)
        conn = db.open()
        try:
            root = ensure_root(conn, registry)
            written, seconds = {}, {}
            with BatchWriter(conn, batch=batch) as writer:
                for domain in DOMAINS:
                    count = counts.get(domain.name, 0)
                    if domain.available and count:
                        domain_started = time.perf_counter()
                        written[domain.name] = domain.generate(root, count, writer)
                        writer.commit()  # so that each domain's time includes its writes
                        seconds[domain.name] = round(time.perf_counter() - domain_started, 3)
                accounts.ensure_admin(root, writer)
                writer.commit()
            totals = totals_of(root)
            samples = sample_paths(root)
        finally:
            transaction.abort()
            conn.close()
        written_bytes = db.getSize()
        pack_seconds = None
        if pack:
            pack_started = time.perf_counter()
            db.pack()
            pack_seconds = round(time.perf_counter() - pack_started, 3)
        elapsed = time.perf_counter() - started
        return {
            "counts": {k: v for k, v in counts.items() if v},
            "written": written,
            "totals": totals,
            "objects": writer.objects,
            "commits": writer.commits,
            "commit_seconds": round(writer.commit_seconds, 3),
            "batch": batch,
            "seconds": round(elapsed, 3),
            "seconds_by_domain": seconds,
            "objects_per_second": round(writer.objects / elapsed, 1) if elapsed else 0.0,
            "written_bytes": written_bytes,
            "pack_seconds": pack_seconds,
            "db_bytes": db.getSize(),
            # Objects the storage holds: FileStorage keeps an index entry for each in memory.
            "db_objects": len(db.storage),
            "storage": db.storage.getName(),
            "samples": samples,
        }


def format_report(report):
    mb = report["db_bytes"] / 1e6
    rates = ", ".join(
        f"{name} {report['written'][name] / secs:,.0f}/s"
        for name, secs in report["seconds_by_domain"].items()
        if secs > 0
    )
    packed = ""
    if report["pack_seconds"] is not None:
        packed = f", packed from {report['written_bytes'] / 1e6:,.1f} MB in "
        packed += f"{report['pack_seconds']:.1f} s"
    return (
        f"wrote {report['objects']:,} persistent objects in {report['commits']} commits "
        f"({report['written']}) in {report['seconds']:.1f} s: "
        f"{report['objects_per_second']:,.0f} objects/s ({rates})\n"
        f"now {', '.join(f'{v:,} {k}' for k, v in report['totals'].items())}; "
        f"database {mb:,.1f} MB, {report['db_objects']:,} objects{packed} "
        f"({report['storage']})"
    )


def main(argv=None):
    args = parse_args(argv)
    settings = ini_settings(args.config_uri)
    counts = {d.name: getattr(args, d.name) for d in DOMAINS}
    report = generate(settings, counts, batch=args.batch, cache=args.cache, pack=args.pack)
    print(format_report(report))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
