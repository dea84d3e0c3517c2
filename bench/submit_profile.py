"""In-process cost of one filing submission, on a copy of a generated dataset.

``python -m bench.submit_profile [--n 200] [--threads 1] [--profile] [--in-place] [dataset dir]``

Builds the app of ``bench/bench.ini`` (WebTest, no HTTP) on a copy of the dataset's Data.fs
(``--in-place``: on the dataset itself, cut back to its generated size afterwards),
logs 16 enterprises in through ``/login``, fetches each one's apply form and then POSTs the
same multipart bodies ``bench/sessions.py`` prepares for wrk. Prints the milliseconds per
submission (wall clock in one thread: server CPU, no network), and with ``--threads 8`` the
throughput of 8 writers and how many requests pyramid_retry had to replay (conflicts).
``--profile`` prints cProfile's top functions of the single-threaded run; ``--stored`` what
the measured submissions stored, per submission and class (objects and pickled bytes, the
indexer's transactions included).
"""

import argparse
import collections
import contextlib
import cProfile
import io
import json
import os
import pstats
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import webtest
from pyramid.events import NewRequest
from ZODB.serialize import ObjectWriter

from bench.prepared import filled_multipart, form_fields, hidden_inputs
from bench.run import restore_dataset, zodb_uri
from bench.sessions import APPLY_FORM, APPLY_VALUES, LOGIN_FORM, PDF
from ningxia_portal.core.root import get_database

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"


def newest_dataset():
    found = sorted(WORK.glob("*/gen.json"), key=lambda p: p.stat().st_mtime)
    if not found:
        raise SystemExit("no dataset under bench/work: run `make bench` once")
    return found[-1].parent


def copy_dataset(directory, into):
    shutil.copy(directory / "Data.fs", into / "Data.fs")
    index = directory / "Data.fs.index"
    if index.exists():
        shutil.copy(index, into / "Data.fs.index")
    (into / "blobs").mkdir()
    return f"file://{into}/Data.fs?blobstorage_dir={into}/blobs&connection_pool_size=8"


def build_app(uri):
    os.environ["BENCH_ZODB_URI"] = uri
    from ningxia_portal import main
    from ningxia_portal.scripts import ini_settings

    settings = ini_settings(str(ROOT / "bench" / "bench.ini"))
    settings["portal.evolve_on_start"] = True  # a copy: an older dataset may be evolved
    return main({}, **settings)


class Writer:
    """One logged-in enterprise with the body of its apply form."""

    def __init__(self, wsgi_app, username, password, path):
        self.app = webtest.TestApp(wsgi_app)
        self.path = path
        html = self.app.get("/login").text
        fields = hidden_inputs(html, LOGIN_FORM)
        fields.update(login=username, password=password, submit="submit")
        self.app.post("/login", fields, status=302)
        html = self.app.get(path).text
        # Like wrk, send the same session cookie every time (the flash message a success
        # adds to the session is never read: following the redirect would read it).
        self.cookie = "; ".join(f"{c.name}={c.value}" for c in self.app.cookiejar)
        self.ctype, self.body = filled_multipart(
            form_fields(html, APPLY_FORM),
            APPLY_VALUES,
            ("材料.pdf", "application/pdf", PDF),
            ("submit", "submit"),
        )

    def submit(self):
        self.app.cookiejar.clear()
        try:
            res = self.app.request(
                self.path,
                method="POST",
                body=self.body,
                headers={"Content-Type": self.ctype, "Cookie": self.cookie},
                expect_errors=True,
            )
        except Exception as exc:  # what waitress would answer with a 500
            return type(exc).__name__
        return res.status_int


@contextlib.contextmanager
def counting_stores():
    """Count what ZODB pickles for storing, while inside: {class name: [objects, bytes]}."""
    stored = collections.defaultdict(lambda: [0, 0])
    serialize = ObjectWriter.serialize

    def counted(writer, obj):
        data = serialize(writer, obj)
        kind = stored[f"{type(obj).__module__}.{type(obj).__qualname__}"]
        kind[0] += 1
        kind[1] += len(data)
        return data

    ObjectWriter.serialize = counted
    try:
        yield stored
    finally:
        ObjectWriter.serialize = serialize


def stored_report(stored, n):
    """Lines of ``counting_stores``' findings per submission, the most objects first."""
    lines = [f"stored per submission ({n} submissions):"]
    for name, (objects, size) in sorted(stored.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"  {objects / n:6.2f} objects {size / n:8.0f} bytes  {name}")
    objects = sum(v[0] for v in stored.values())
    size = sum(v[1] for v in stored.values())
    lines.append(f"  {objects / n:6.2f} objects {size / n:8.0f} bytes  in all")
    return lines


def run(writers, n, threads):
    """(seconds, statuses) of ``n`` submissions spread over ``threads`` threads."""
    statuses = []
    lock = threading.Lock()

    def work(k):
        mine = []
        for i in range(k, n, threads):
            mine.append(writers[i % len(writers)].submit())
        with lock:
            statuses.extend(mine)

    started = time.perf_counter()
    if threads == 1:  # in this thread, where cProfile sees it
        work(0)
        return time.perf_counter() - started, statuses
    pool = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.perf_counter() - started, statuses


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=200, help="submissions before measuring")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--stored", action="store_true", help="count the objects stored")
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="write to the dataset itself and cut it back afterwards (as make bench does) "
        "instead of copying it: no copy's disk and page-cache churn between runs",
    )
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    directory = Path(args.dataset) if args.dataset else newest_dataset()
    dataset = json.loads((directory / "gen.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        uri = zodb_uri(directory) if args.in_place else copy_dataset(directory, Path(tmp))
        wsgi_app = None
        try:
            wsgi_app = build_app(uri)
            measure(args, wsgi_app, dataset["samples"])
        finally:
            if wsgi_app is not None:  # closed before an in-place dataset is cut back
                get_database(wsgi_app.registry).close()
            if args.in_place:
                restore_dataset(directory, dataset)
    return 0


def measure(args, wsgi_app, samples):
    replays = []
    wsgi_app.registry.registerHandler(
        lambda event: replays.append(1) if event.request.environ.get("retry.attempt") else None,
        (NewRequest,),
    )
    path = samples["item"] + "apply"
    writers = [
        Writer(wsgi_app, name, samples["password"], path)
        for name in samples["enterprises"][: args.writers]
    ]
    run(writers, args.warmup, args.threads)  # warm-up: caches, first case number of the day
    replays.clear()
    if hasattr(wsgi_app.registry, "indexer"):
        wsgi_app.registry.indexer.batches = wsgi_app.registry.indexer.documents = 0
    # CPU time, not wall time: the machine is shared, and fsync waits are not CPU.
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    if profiler:
        profiler.enable()
    with counting_stores() if args.stored else contextlib.nullcontext() as stored:
        cpu = time.process_time()
        seconds, statuses = run(writers, args.n, args.threads)
        cpu = time.process_time() - cpu
    if profiler:
        profiler.disable()
    bad = [s for s in statuses if s != 303]
    indexer = getattr(wsgi_app.registry, "indexer", None)
    if getattr(indexer, "batches", 0):
        print(f"indexer: {indexer.documents / indexer.batches:.1f} documents per batch")
    print(
        f"{args.n} submissions, {args.threads} thread(s): {seconds / args.n * 1000:.2f} ms "
        f"each ({cpu / args.n * 1000:.2f} ms CPU), {args.n / seconds:.0f}/s; "
        f"replays {len(replays)}; not 303: {len(bad)} {sorted(set(map(str, bad)))}"
    )
    if stored is not None:
        print("\n".join(stored_report(stored, args.n)))
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    sys.exit(main())
