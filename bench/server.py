"""The waitress process under test: start on a free loopback port, wait, sample memory, stop."""

import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request


def free_port():
    """A free TCP port on 127.0.0.1 (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_status(url, timeout=5.0, headers=None):
    """The HTTP status of a GET (no exception for 4xx/5xx)."""
    try:
        req = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(req, timeout=timeout) as res:
            res.read()
            return res.status
    except urllib.error.HTTPError as exc:
        return exc.code


def proc_status_kb(pid, field):
    """A ``Vm…`` field of /proc/<pid>/status in kB (0 once the process is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def cpu_seconds(pid):
    """The process's CPU time so far (user + system), in seconds (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid, busy=0.05, interval=0.5, quiet=2, limit=120.0, cpu=cpu_seconds, sleep=None):
    """Wait until the process has used less than ``busy`` of a core for ``quiet`` intervals
    in a row (its threads' deferred work after a writing page: the indexer, the mail
    sender), at most ``limit`` seconds; returns the seconds waited."""
    sleep = sleep or time.sleep
    waited, calm, last = 0.0, 0, cpu(pid)
    while calm < quiet and waited < limit:
        sleep(interval)
        waited += interval
        now = cpu(pid)
        calm = calm + 1 if now - last < busy * interval else 0
        last = now
    return waited


class RssSampler(threading.Thread):
    """Sample the server's resident memory; the peak is also the kernel's own VmHWM."""

    def __init__(self, pid, interval=0.1):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            rss = proc_status_kb(self.pid, "VmRSS")
            hwm = proc_status_kb(self.pid, "VmHWM")
            self.peak_kb = max(self.peak_kb, rss, hwm)
            self._halt.wait(self.interval)

    def stop(self):
        self.peak_kb = max(self.peak_kb, proc_status_kb(self.pid, "VmHWM"))
        self._halt.set()
        self.join()
        return self.peak_kb / 1024


class Server:
    """``pserve bench/bench.ini`` on a dataset; the start-up time is to the first 200 on ``/``."""

    def __init__(self, pserve, ini, zodb_uri, log_path, port=None):
        self.pserve = pserve
        self.ini = ini
        self.zodb_uri = zodb_uri
        self.log_path = log_path
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.sampler = None
        self.startup_s = None

    def start(self, timeout=60.0):
        # The ini chooses the mail server (a page's sink), not the caller's environment.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_MAIL_")}
        env["BENCH_ZODB_URI"] = self.zodb_uri
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        started = time.monotonic()
        self.proc = subprocess.Popen(
            [self.pserve, self.ini, f"http_port={self.port}"],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.sampler = RssSampler(self.proc.pid)
        self.sampler.start()
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"the server exited with {self.proc.returncode}; see {self.log_path}"
                )
            try:
                if get_status(self.base_url + "/", timeout=2.0) == 200:
                    self.startup_s = time.monotonic() - started
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"the server did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self):
        """Stop the server (whatever else fails); return its peak RSS in MB."""
        try:
            return self.sampler.stop() if self.sampler else 0.0
        finally:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            if getattr(self, "_log", None):
                self._log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.peak_rss_mb = self.stop()
