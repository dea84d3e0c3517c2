"""Serialized views: one at a time per process, each in a transaction begun under the lock."""

import threading

import transaction
from persistent.mapping import PersistentMapping
from pyramid.registry import Registry
from pyramid.testing import DummyRequest
from ZODB.MappingStorage import MappingStorage

from ningxia_portal.core.database import PortalDB
from ningxia_portal.web.writers import WriteLock, serialized_view


class Info:
    def __init__(self, **options):
        self.options = options


def make_request():
    registry = Registry("test")
    registry.write_lock = WriteLock()
    request = DummyRequest()
    request.registry = registry
    request.tm = transaction.TransactionManager(explicit=True)
    return request


def test_a_serialized_view_runs_under_the_lock_in_a_fresh_transaction():
    request = make_request()
    lock, tm = request.registry.write_lock, request.tm
    first = tm.begin()
    first.user = "user:acme"
    first.note("/centers/640100/scjg/xk-scjg-001/apply")
    seen = {}

    def view(context, request):
        seen.update(locked=lock.locked(), txn=tm.get())
        return "answer"

    assert serialized_view(view, Info(serialized=True))(None, request) == "answer"
    txn = seen["txn"]
    assert seen["locked"] and txn is not first
    assert txn.user == "user:acme"
    assert txn.description == "/centers/640100/scjg/xk-scjg-001/apply"
    assert lock.locked()  # until the request is finished (after pyramid_tm's commit)
    request._process_finished_callbacks()
    assert not lock.locked()
    tm.abort()


def test_a_view_without_the_option_is_left_alone():
    def view(context, request):
        return "answer"

    assert serialized_view(view, Info()) is view
    assert serialized_view(view, Info(serialized=False)) is view


class SignallingLock:
    """A WriteLock's inner lock that signals ``entered`` when a thread asks for it (the
    writer is then counted, and waits for the lock or takes it)."""

    def __init__(self, lock):
        self._lock = lock
        self.entered = threading.Event()

    def acquire(self):
        self.entered.set()
        self._lock.acquire()

    def release(self):
        self._lock.release()

    def locked(self):
        return self._lock.locked()


def test_the_next_writer_waits_for_the_first_to_finish():
    first, second = make_request(), make_request()
    second.registry = first.registry
    order = []

    def view(context, request):
        order.append(request)
        return "answer"

    wrapped = serialized_view(view, Info(serialized=True))
    first.tm.begin()
    second.tm.begin()
    wrapped(None, first)
    lock = first.registry.write_lock
    lock._lock = inner = SignallingLock(lock._lock)
    other = threading.Thread(target=wrapped, args=(None, second))
    other.start()
    assert inner.entered.wait(5)  # the second asks for the lock the first holds …
    assert order == [first] and lock.busy()  # … and waits while the first is unfinished
    first._process_finished_callbacks()
    other.join(5)
    assert order == [first, second]
    second._process_finished_callbacks()
    first.tm.abort()
    second.tm.abort()


def test_the_write_lock_is_busy_while_a_writer_holds_or_waits_for_it():
    lock = WriteLock()
    assert not lock.busy()
    lock.acquire()
    assert lock.busy() and lock.locked()
    idle, go = [], threading.Event()
    lock.when_idle(lambda: idle.append(True))
    lock._lock = inner = SignallingLock(lock._lock)
    waiter = threading.Thread(target=lambda: (lock.acquire(), go.wait(5), lock.release()))
    waiter.start()
    assert inner.entered.wait(5)  # the waiter is counted, and waits for the lock
    lock.release()
    assert lock.busy() and idle == []  # the holder let go, but a writer was waiting
    go.set()
    waiter.join(5)
    assert not lock.busy() and not lock.locked()
    assert idle == [True]


def test_the_write_lock_calls_back_when_its_last_writer_lets_go():
    lock, idle = WriteLock(), []
    lock.when_idle(lambda: idle.append(lock.busy()))
    lock.acquire()
    lock.release()
    assert idle == [False]


def test_work_after_release_waits_until_the_holder_lets_go_and_runs_in_its_thread():
    lock, ran = WriteLock(), []
    lock.acquire()
    lock.after_release(lambda: ran.append((lock.locked(), threading.get_ident())))
    assert ran == []
    lock.release()
    assert ran == [(False, threading.get_ident())]  # after letting go, once
    lock.acquire()
    lock.release()
    assert len(ran) == 1


def test_work_after_release_runs_at_once_for_a_thread_that_does_not_hold_the_lock():
    lock, ran = WriteLock(), []
    lock.acquire()  # held by this thread; another asks
    other = threading.Thread(target=lock.after_release, args=(lambda: ran.append("now"),))
    other.start()
    other.join(5)
    assert ran == ["now"]
    lock.release()
    assert ran == ["now"]


class PrefetchingStorage(MappingStorage):
    """A storage that answers ``prefetch`` (ZEO's and RelStorage's do), recording it."""

    def __init__(self):
        super().__init__()
        self.asked = []

    def prefetch(self, oids, tid):
        self.asked.append(set(oids))


def test_a_serialized_view_prefetches_what_its_last_commit_changed():
    db = PortalDB(PrefetchingStorage())
    with db.transaction() as conn:
        conn.root()["counter"] = PersistentMapping(n=0)
        conn.root()["other"] = PersistentMapping()
    writes = [True, False, True]  # the second run writes nothing (a form sent back)

    def view(context, request):
        if writes.pop(0):
            request.root["counter"]["n"] += 1  # what each submission changes again
        return "answer"

    wrapped = serialized_view(view, Info(serialized=True))
    for _ in range(3):
        request = make_request()
        request.tm.begin()
        conn = db.open(transaction_manager=request.tm)
        request.root = conn.root()
        counter_oid = request.root["counter"]._p_oid
        wrapped(None, request)
        request.tm.commit()
        request._process_finished_callbacks()
        conn.close()
    # The second and third runs asked, as they began, for what the first one changed.
    assert db.storage.asked == [{counter_oid}, {counter_oid}]
    db.close()


def test_a_failing_callback_after_release_is_logged_and_the_others_run(caplog):
    lock, ran = WriteLock(), []
    lock.acquire()
    lock.after_release(lambda: 1 / 0)
    lock.after_release(lambda: ran.append("second"))
    lock.release()
    assert ran == ["second"] and not lock.locked()
    assert "after the write lock was released failed" in caplog.text
