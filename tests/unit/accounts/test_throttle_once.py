"""The login throttle is made once per application, even when the first logins arrive
together: failures counted by one thread are seen by the others."""

import threading
from types import SimpleNamespace

from ningxia_portal.accounts import auth


def test_concurrent_first_logins_share_one_throttle(monkeypatch):
    made, arrived = [], []
    all_arrived = threading.Event()
    real_made_once = auth.made_once

    def counting_made_once(*args):
        arrived.append(True)
        if len(arrived) == 8:
            all_arrived.set()
        return real_made_once(*args)

    class SlowThrottle:
        def __init__(self, *args, **kwargs):
            # Made only once every thread asks for it: each could make its own meanwhile.
            assert all_arrived.wait(5)
            made.append(self)

    monkeypatch.setattr(auth, "made_once", counting_made_once)
    monkeypatch.setattr(auth, "Throttle", SlowThrottle)
    monkeypatch.setattr(auth, "get_clock", lambda registry: None)
    registry = SimpleNamespace(
        settings={"portal.login_max_failures": 5, "portal.login_window_minutes": 15}
    )
    start = threading.Barrier(8)
    got = []

    def login():
        start.wait()
        got.append(auth.get_throttle(registry))

    threads = [threading.Thread(target=login) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1 and all(t is made[0] for t in got)
