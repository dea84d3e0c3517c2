"""The storages `make bench --storage` serves a dataset from.

- ``file``: the dataset's own FileStorage, one app process (what ``make run`` does).
- ``zeo``: one ZEO server (``runzeo``) over that same Data.fs and blob directory, and N app
  processes as its clients, configured as ``deploy/zeo-client.conf`` (server-sync, the
  server's blob directory shared on one machine).
- ``relstorage``: RelStorage (history-free, as ``deploy/relstorage.conf``) on a PostgreSQL
  cluster kept beside the dataset in ``<dataset>/pg``. The first run converts the dataset into
  it with ``zodbconvert`` (once; about ten minutes for a million filings), into a database
  that stays as generated; each run serves a copy of it (``CREATE DATABASE … TEMPLATE``),
  dropped afterwards, as a FileStorage dataset is cut back to its generated size.

Each backend is a context manager: entered, it serves the dataset (``uris(n)`` gives the
``zodbconn.uri`` of n app processes); left, it stops and puts the dataset back as generated.
``open_db`` opens what a run wrote, read-only, for the pages' checks afterwards.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.functional.multiprocess.processes import PostgresCluster, ZeoServer, postgres_bin
from ZODB import DB
from ZODB.FileStorage import FileStorage

STORAGES = ("file", "zeo", "relstorage")

# 8 waitress threads per process: 8 pooled connections, each with its object cache, of
# the size deploy/ gives it (a page's working set is a few hundred objects).
POOL = 8
OBJECTS_PER_CONNECTION = 5000

ZEO_CLIENT = """\
%import ZEO
<zodb>
  pool-size {pool}
  cache-size {objects}
  <clientstorage>
    server 127.0.0.1:{port}
    server-sync true
    wait-timeout 30
    blob-dir {blob_dir}
    shared-blob-dir true
    cache-size 256MB
  </clientstorage>
</zodb>
"""

RELSTORAGE_CLIENT = """\
%import relstorage
<zodb>
  pool-size {pool}
  cache-size {objects}
  <relstorage>
    keep-history false
    read-only {read_only}
    blob-dir {blob_dir}
    shared-blob-dir false
    blob-cache-size 1GB
    cache-local-mb 256
    <postgresql>
      dsn host=127.0.0.1 port={port} dbname={dbname} user=postgres connect_timeout=5
    </postgresql>
  </relstorage>
</zodb>
"""

# zodbconvert's source and destination: the current objects only (history-free).
CONVERT = """\
%import relstorage
<filestorage source>
  path {directory}/Data.fs
  blob-dir {directory}/blobs
  read-only true
</filestorage>
<relstorage destination>
  keep-history false
  blob-dir {blob_dir}
  shared-blob-dir false
  <postgresql>
    dsn host=127.0.0.1 port={port} dbname={dbname} user=postgres
  </postgresql>
</relstorage>
"""

RUN_DB = "portal_run"  # what a run serves and writes to
GENERATED_DB = "portal_gen"  # the dataset as converted: the template of every run


def file_uri(directory):
    return (
        f"file://{directory}/Data.fs?blobstorage_dir={directory}/blobs"
        f"&connection_pool_size={POOL}&connection_cache_size={OBJECTS_PER_CONNECTION}"
    )


def open_db(where):
    """A read-only DB of what a run left: ``where`` is a dataset directory (its FileStorage,
    also what a ZEO server served) or a backend with an ``open_db`` of its own."""
    if hasattr(where, "open_db"):
        return where.open_db()
    return DB(FileStorage(str(Path(where) / "Data.fs"), read_only=True))


class FileBackend:
    name = "file"
    max_processes = 1  # a FileStorage belongs to one process

    def __init__(self, directory, restore):
        self.directory = Path(directory)
        self._restore = restore

    def __enter__(self):
        # A run stopped before its cut-back (killed, a crash) left what its pages wrote:
        # the next one would measure on top of it (slots already full refuse bookings).
        self.restore()
        return self

    def uris(self, count):
        if count != 1:
            raise ValueError("a FileStorage serves one process")
        return [file_uri(self.directory)]

    def restore(self):
        self._restore()

    def open_db(self):
        return open_db(self.directory)

    def __exit__(self, *exc):
        self.restore()

    def describe(self):
        return "FileStorage in the app process"


class ZeoBackend(FileBackend):
    """A ZEO server over the dataset's Data.fs: what it writes is cut back the same way."""

    name = "zeo"
    max_processes = None

    def __enter__(self):
        self.restore()  # as FileBackend: from the dataset as generated, whatever came before
        self.server = ZeoServer(self.directory).start()
        return self

    def uris(self, count):
        out = []
        for index in range(count):
            conf = self.directory / f"zeo-client-{index}.conf"
            conf.write_text(
                ZEO_CLIENT.format(
                    pool=POOL,
                    objects=OBJECTS_PER_CONNECTION,
                    port=self.server.port,
                    blob_dir=self.directory / "blobs",
                ),
                encoding="utf-8",
            )
            out.append(f"zconfig://{conf}")
        return out

    def open_db(self):
        """The ZEO server's FileStorage itself, once the server has stopped."""
        self.server.stop()
        return open_db(self.directory)

    def __exit__(self, *exc):
        try:
            self.server.stop()
        finally:
            self.restore()

    def describe(self):
        return "one ZEO server (runzeo, FileStorage) on the same machine, server-sync clients"


class DatasetPostgres(PostgresCluster):
    """A cluster kept in ``folder`` (not a temporary one): initialised once, started and
    stopped around each run, its data left in place."""

    def start(self):
        if not (self.data / "PG_VERSION").exists():
            self.run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                     "-A", "trust", "-E", "UTF8", "--no-sync")  # fmt: skip
        self.start_server()
        return self

    def server_options(self):
        # TCP only: a Unix socket's path under bench/work/<dataset> is over its limit. A
        # benchmark's database, not a bank's: no fsync (the figures measure the portal).
        return (
            f"-p {self.port} -c unix_socket_directories= -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=80 -c shared_buffers=2GB -c max_wal_size=8GB"
        )

    def sql(self, statement):
        self.tool("psql", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", statement)

    def stop(self):
        """Stop the server (if it runs); the data stays."""
        if self.started:
            self.stop_server()


class RelStorageBackend(FileBackend):
    name = "relstorage"
    max_processes = None

    def __init__(self, directory, restore):
        super().__init__(directory, restore)
        self.folder = self.directory / "pg"

    def __enter__(self):
        bindir = postgres_bin()
        if bindir is None:
            raise SystemExit("--storage relstorage needs PostgreSQL (initdb, pg_ctl) installed")
        self.cluster = DatasetPostgres(bindir, self.folder).start()
        try:
            if not (self.folder / "converted").exists():
                self.convert()
            self.cluster.sql(f"DROP DATABASE IF EXISTS {RUN_DB}")
            self.cluster.sql(f"CREATE DATABASE {RUN_DB} TEMPLATE {GENERATED_DB} STRATEGY FILE_COPY")
        except BaseException:
            self.cluster.stop()
            raise
        return self

    def convert(self):
        """Copy the dataset's current objects and blobs into a new database (zodbconvert)."""
        print("converting the dataset into PostgreSQL (zodbconvert, once)")
        self.cluster.sql(f"DROP DATABASE IF EXISTS {GENERATED_DB}")
        self.cluster.sql(f"CREATE DATABASE {GENERATED_DB}")
        conf = self.folder / "convert.conf"
        conf.write_text(
            CONVERT.format(
                directory=self.directory,
                blob_dir=self.folder / "blobcache-convert",
                port=self.cluster.port,
                dbname=GENERATED_DB,
            ),
            encoding="utf-8",
        )
        zodbconvert = Path(sys.executable).parent / "zodbconvert"
        subprocess.run([str(zodbconvert), str(conf)], check=True, timeout=4 * 3600)
        shutil.rmtree(self.folder / "blobcache-convert", ignore_errors=True)
        (self.folder / "converted").write_text("zodbconvert\n", encoding="utf-8")

    def client_conf(self, name, read_only=False):
        blob_dir = self.folder / f"blobcache-{name}"
        shutil.rmtree(blob_dir, ignore_errors=True)
        conf = self.folder / f"client-{name}.conf"
        conf.write_text(
            RELSTORAGE_CLIENT.format(
                pool=POOL,
                objects=OBJECTS_PER_CONNECTION,
                read_only="true" if read_only else "false",
                blob_dir=blob_dir,
                port=self.cluster.port,
                dbname=RUN_DB,
            ),
            encoding="utf-8",
        )
        return conf

    def uris(self, count):
        return [f"zconfig://{self.client_conf(index)}" for index in range(count)]

    def open_db(self):
        import ZODB.config

        with open(self.client_conf("check", read_only=True), encoding="utf-8") as conf:
            return ZODB.config.databaseFromFile(conf)

    def __exit__(self, *exc):
        """The run's database goes; the next run copies the generated one again."""
        try:
            self.cluster.sql(f"DROP DATABASE IF EXISTS {RUN_DB}")
        finally:
            self.cluster.stop()

    def describe(self):
        return "RelStorage (history-free) on PostgreSQL 15 on the same machine"


BACKENDS = {"file": FileBackend, "zeo": ZeoBackend, "relstorage": RelStorageBackend}
