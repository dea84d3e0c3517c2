"""A server told to stop (SIGTERM: systemd, a supervisor, a deploy) ends like one stopped
with Ctrl-C: the main thread leaves the serving loop and Python runs its exit hooks.

By default SIGTERM ends the process at once, and whatever waits in its memory is lost: the
mails of committed moves still queued for the SMTP server (``messages/mail.py``), sent by
an exit hook. Requests in flight are not waited for: none of them was answered, so nothing
a user was told happened is dropped. A handler someone else set (a supervisor, a test) is
left alone, and so is a process whose app is built off the main thread.
"""

import signal
import threading


def _stop(signum, frame):
    raise SystemExit(0)  # a stop asked for: systemd counts it a clean end


def stop_gracefully_on_sigterm():
    """Turn SIGTERM into SystemExit in the main thread; whether the handler was set."""
    if threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return False
    signal.signal(signal.SIGTERM, _stop)
    return True
