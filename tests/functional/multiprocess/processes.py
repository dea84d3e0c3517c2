"""Real processes for the multi-process tests: app servers (``pserve`` on an ini written to a
temporary folder), a ZEO server (``runzeo``) and a PostgreSQL cluster (``initdb``/``pg_ctl``).

Every start waits on a readiness poll (the app's ``/readyz``, a TCP connect, ``pg_ctl -w``);
every process is stopped by the fixture that started it, also when the test fails.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
DEMO_CENTERS = "640000 640100 640104"

APP_INI = """\
[app:main]
use = egg:ningxia_portal
pyramid.default_locale_name = zh_CN
zodbconn.uri = {uri}
retry.attempts = 5
portal.secret = multiprocess-tests-only-not-a-secret-7c1d
portal.demo = true
portal.demo_centers = {centers}
portal.password_hasher = fast
# Every writer logs in as the same account from 127.0.0.1 at the same moment (LOGIN_FREE).
portal.login_free_failures = {login_free}
portal.login_address_free_failures = 1000
portal.login_account_free_failures = 1000
# The demo's staff accounts log in without a second factor, as under development.ini.
portal.require_second_factor = false
portal.mail = off
# As deploy/portal-node.ini: case numbers reserved in blocks per process.
portal.case_number_block = 20

[server:main]
use = egg:waitress#main
listen = 127.0.0.1:{port}
threads = 4
"""

ZEO_CONF = """\
<zeo>
  address 127.0.0.1:{port}
</zeo>
<filestorage>
  path {folder}/Data.fs
  blob-dir {folder}/blobs
</filestorage>
"""

# A ZEO client as deploy/zeo-client.conf has it: server-sync, so that a process reads what
# any process committed before its own transaction began.
ZEO_CLIENT_CONF = """\
%import ZEO
<zodb>
  cache-size 5000
  <clientstorage>
    server 127.0.0.1:{port}
    server-sync true
    wait-timeout 30
    blob-dir {blob_dir}
    shared-blob-dir {shared}
  </clientstorage>
</zodb>
"""

# As deploy/relstorage.conf has it: history-free, blobs in PostgreSQL, a connect timeout.
RELSTORAGE_CONF = """\
%import relstorage
<zodb>
  cache-size 5000
  <relstorage>
    keep-history false
    blob-dir {blob_dir}
    shared-blob-dir false
    <postgresql>
      dsn host=127.0.0.1 port={port} dbname={dbname} user=postgres connect_timeout=2
    </postgresql>
  </relstorage>
</zodb>
"""


# Failed logins one account may have from one address before its tries wait: room for the
# load's sixteen logins at once (each try counts until its password is checked).
LOGIN_FREE = 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, what, seconds=90, proc=None, log=None):
    """Poll ``predicate`` until it is true; fail early when ``proc`` has exited."""
    deadline = time.monotonic() + seconds
    pause = threading.Event()
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc is not None and proc.poll() is not None:
            tail = Path(log).read_text(errors="replace")[-3000:] if log else ""
            raise RuntimeError(f"{what}: the process exited with {proc.returncode}\n{tail}")
        pause.wait(0.05)
    raise RuntimeError(f"{what}: not ready within {seconds} s")


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as res:
            return res.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def stop(proc, sig=signal.SIGTERM, timeout=20):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class AppProcess:
    """One portal process: ``pserve`` on its own ini and a free port."""

    def __init__(self, folder, name, uri):
        self.folder = Path(folder)
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.ini = self.folder / f"{name}.ini"
        self.ini.write_text(
            APP_INI.format(uri=uri, port=self.port, centers=DEMO_CENTERS, login_free=LOGIN_FREE)
        )
        self.log = self.folder / f"{name}.log"
        self.proc = None

    def start(self):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(BIN / "pserve"), str(self.ini)],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.folder,
            )
        wait_until(lambda: answers(self.base + "/readyz"), self.name, proc=self.proc, log=self.log)
        return self

    def kill(self):
        """SIGKILL: no shutdown, no flush, whatever the process was doing."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        stop(self.proc)


class ZeoServer:
    """``runzeo`` over a FileStorage with a blob directory, in this virtualenv (the
    portal's conflict-resolving classes are importable there)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.blob_dir = self.folder / "blobs"
        self.port = free_port()
        self.conf = self.folder / "zeo.conf"
        self.conf.write_text(ZEO_CONF.format(port=self.port, folder=self.folder))
        self.log = self.folder / "zeo.log"
        self.proc = None

    def start(self):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "ZEO.runzeo", "-C", str(self.conf)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(lambda: accepts(self.port), "ZEO", proc=self.proc, log=self.log)
        return self

    def client_uri(self, name, shared=True):
        """A zconfig:// URI of a client: sharing the server's blob directory (same machine)
        or with a blob cache of its own (what another machine has)."""
        blob_dir = self.blob_dir if shared else self.folder / f"blobcache-{name}"
        conf = self.folder / f"client-{name}.conf"
        conf.write_text(
            ZEO_CLIENT_CONF.format(
                port=self.port, blob_dir=blob_dir, shared="true" if shared else "false"
            )
        )
        return f"zconfig://{conf}"

    def stop(self):
        stop(self.proc)


# The server's programs and the clients' (Debian: postgresql-N and postgresql-client-N, both
# installed with ``postgresql``), all taken from one folder so that their versions agree.
POSTGRES_PROGRAMS = ("initdb", "pg_ctl", "createdb", "pg_dump", "pg_restore")


def postgres_bin():
    """The folder holding every one of POSTGRES_PROGRAMS: that of ``pg_ctl`` on PATH, else
    Debian's /usr/lib/postgresql/N/bin (the newest N)."""
    found = shutil.which("pg_ctl")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for candidate in candidates:
        if all((candidate / name).exists() for name in POSTGRES_PROGRAMS):
            return candidate
    return None


class PostgresCluster:
    """A throw-away cluster on a free loopback port in a temporary folder. PostgreSQL
    refuses to run as root: as root, its commands run as the ``postgres`` account."""

    def __init__(self, bindir, folder=None):
        self.bindir = bindir
        self.port = free_port()
        self.folder = Path(folder or tempfile.mkdtemp(prefix="portal-pg-"))
        self.folder.mkdir(exist_ok=True)
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.as_user = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        self.started = False

    def run(self, *args):
        """Run a command as the cluster's user in its folder; fail with what it printed."""
        done = subprocess.run(
            [*self.as_user, *args], capture_output=True, cwd=self.folder, timeout=120, text=True
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args} exited with {done.returncode}:\n{done.stderr[-3000:]}")

    def start(self):
        """``initdb``, the server, and the database ``portal``."""
        self.run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                 "-A", "trust", "-E", "UTF8", "--no-sync")  # fmt: skip
        self.start_server()
        self.createdb("portal")
        return self

    def start_server(self):
        """Start the server on this cluster's data and port (again, after ``stop_server``);
        ``pg_ctl -w`` returns once it accepts connections."""
        self.started = True
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                 "-o", self.server_options(), "-w", "-t", "60", "start")  # fmt: skip

    def server_options(self):
        return (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c max_connections=60"
        )

    def stop_server(self, mode="fast"):
        """Stop the server and keep its data: ``fast`` ends every session (clients see their
        connections closed), ``immediate`` as a crash would; returns once it is down."""
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
        self.started = False

    def tool(self, name, *args):
        """Run one of PostgreSQL's client programs (``createdb``, ``pg_dump``, …) against
        this cluster as its superuser."""
        self.run(str(self.bindir / name), "-h", "127.0.0.1", "-p", str(self.port),
                 "-U", "postgres", *args)  # fmt: skip

    def createdb(self, name):
        self.tool("createdb", name)

    def shell(self, line):
        """Run a shell command line as an operator would on the database's machine: as the
        cluster's user, in its folder, with PostgreSQL's programs of ``bindir`` first on the
        PATH and libpq's PGHOST/PGPORT/PGUSER naming this cluster."""
        env = [f"PATH={self.bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}",
               "PGHOST=127.0.0.1", f"PGPORT={self.port}", "PGUSER=postgres"]  # fmt: skip
        self.run("env", *env, "bash", "-c", line)

    def client_uri(self, folder, name, dbname="portal"):
        conf = Path(folder) / f"relstorage-{name}.conf"
        blob_dir = Path(folder) / f"blobcache-{name}"
        conf.write_text(RELSTORAGE_CONF.format(port=self.port, blob_dir=blob_dir, dbname=dbname))
        return f"zconfig://{conf}"

    def stop(self):
        """Stop the server (if it runs) and remove the cluster's folder."""
        try:
            if self.started:
                self.stop_server("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
