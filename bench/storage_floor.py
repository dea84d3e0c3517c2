"""What the storage itself costs a commit, without the portal: the floor under a submission.

``python -m bench.storage_floor [--n 1000] [--objects 1 20 67] [--size 600]``

Commits ``n`` transactions that each change ``objects`` stored objects of about ``size``
bytes, through the embedded FileStorage and through a ZEO server that it starts on the same
machine (its client configured as ``make bench --storage zeo`` configures the app's:
server-sync, a 256 MB client cache, the server's blob directory shared). It prints the CPU
each transaction costs this process (the ZEO client's I/O thread included) and the ZEO
server, and the straight line through them: the cost of a commit and of each object in it.

A submission stores about 41 objects in 1.25 transactions when the indexer catalogues four
cases at a time, 67 when it catalogues one (``python -m bench.submit_profile --stored``
counts them); with the line, that is what ZEO alone takes from the machine's CPU for each
submission, before the portal does any work of its own.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import transaction
from persistent import Persistent
from tests.functional.multiprocess.processes import ZeoServer
from ZODB import DB, config
from ZODB.FileStorage import FileStorage

from bench.storages import OBJECTS_PER_CONNECTION, POOL, ZEO_CLIENT

WARMUP = 50


class Thing(Persistent):
    """A stored object of a given pickled size that each transaction changes."""

    def __init__(self, size):
        self.data = b"x" * size
        self.count = 0


def process_cpu(pid):
    """Seconds of CPU process ``pid`` has used (user and system, all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def commit_cost(db, objects, size, n, server_pid=None):
    """(ms of this process's CPU, ms of the server's) per transaction changing ``objects``."""
    manager = transaction.TransactionManager()
    conn = db.open(manager)
    try:
        things = [Thing(size) for _ in range(objects)]
        conn.root()[f"things-{objects}"] = things
        manager.commit()
        for _ in range(WARMUP):
            for thing in things:
                thing.count += 1
            manager.commit()
        client = time.process_time()
        server = process_cpu(server_pid) if server_pid else 0.0
        for _ in range(n):
            manager.begin()
            for thing in things:
                thing.count += 1
            manager.commit()
        client = time.process_time() - client
        server = process_cpu(server_pid) - server if server_pid else 0.0
    finally:
        conn.close()
    return client / n * 1000, server / n * 1000


def line(points):
    """Least-squares (intercept, slope) through ``points`` of (x, y)."""
    xs, ys = zip(*points, strict=True)
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    return mean_y - slope * mean_x, slope


def measure(db, counts, size, n, server_pid=None):
    """{objects: (client ms, server ms)} for each number of objects in ``counts``."""
    return {k: commit_cost(db, k, size, n, server_pid) for k in counts}


def report(name, results):
    """Lines describing ``results`` of ``measure``, with the fitted commit and object cost."""
    out = [f"{name}:"]
    for k, (client, server) in results.items():
        out.append(
            f"  {k:4d} objects: {client:6.2f} ms here + {server:5.2f} ms server "
            f"= {client + server:6.2f} ms CPU per transaction"
        )
    if len(results) > 1:
        base, per_object = line([(k, c + s) for k, (c, s) in results.items()])
        out.append(f"  fit: {base:.2f} ms per transaction + {per_object * 1000:.0f} µs per object")
    return out


def run(counts, size, n, folder):
    """The report lines of FileStorage and ZEO in ``folder``."""
    lines = []
    db = DB(FileStorage(str(folder / "local.fs")))
    try:
        lines += report("FileStorage, in this process", measure(db, counts, size, n))
    finally:
        db.close()
    (folder / "zeo").mkdir()
    server = ZeoServer(folder / "zeo").start()
    try:
        conf = ZEO_CLIENT.format(
            pool=POOL,
            objects=OBJECTS_PER_CONNECTION,
            port=server.port,
            blob_dir=server.blob_dir,
        )
        db = config.databaseFromString(conf)
        try:
            results = measure(db, counts, size, n, server.proc.pid)
        finally:
            db.close()
    finally:
        server.stop()
    lines += report("ZEO, server on this machine", results)
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="transactions per measurement")
    parser.add_argument("--objects", type=int, nargs="+", default=[1, 20, 67])
    parser.add_argument("--size", type=int, default=600, help="bytes per object")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for text in run(args.objects, args.size, args.n, Path(tmp)):
            print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
