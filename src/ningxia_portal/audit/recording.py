"""Writing the log: from ``Audited`` (anything an auditor must find) and from every workflow
move, in the transaction of the request that did it — an aborted request leaves no entry.

Recording never fails the user's action: a failure to write is logged and the action goes
on. A conflict is the one exception, raised so the request is retried as a whole.
"""

import logging

from pyramid.traversal import resource_path
from transaction.interfaces import TransientError

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.root import APP_ROOT_KEY, get_database

log = logging.getLogger(__name__)

ANONYMOUS = ""


def log_of(root):
    """The portal's ``AuditLog`` (None before step 29 added it, or without a root)."""
    get = getattr(root, "get", None)
    manage = get("manage") if callable(get) else None
    return manage.get("audit") if manage is not None else None


def address_of(request):
    """The client's address as the rest of the portal reads it: ``remote_addr``, which
    waitress sets from X-Forwarded-For only for its ``trusted_proxy``."""
    return (getattr(request, "remote_addr", None) or "") if request is not None else ""


def username_of(request):
    identity = getattr(request, "identity", None) if request is not None else None
    return getattr(identity, "username", None) or ANONYMOUS


def _root_of(obj):
    root, node = None, obj
    while node is not None:
        root, node = node, getattr(node, "__parent__", None)
    return root


def _write(root, registry, when, actor, address, action, target, detail):
    try:
        audit_log = log_of(root)
        if audit_log is None:
            return None
        key = audit_log.append(when, actor, address, action, target, detail)
        if registry is not None:
            _flush_after_commit(audit_log, registry)
        return key
    except TransientError:
        raise  # a conflict: the request is retried whole, its entry with it
    except Exception:
        log.exception("audit entry not written: %s %s %s", action, actor, target)
        return None


# A request moves the pending entries into the trees once this many wait, or once the
# oldest has waited this long (µs, by the entries' own times). Until then they stay in the
# pending set, which every reader merges in (``AuditLog.search``, ``entry``, ``len``): a
# flush is a transaction of its own (a connection, a commit, ~6 objects), which every
# filing submission paid, while the pending set is written by the request anyway and
# costs a few more tuples in its pickle.
FLUSH_AT = 16
FLUSH_AFTER = 60 * 1_000_000


def _flush_after_commit(audit_log, registry):
    """Once per transaction, when enough entries wait (``FLUSH_AT``, ``FLUSH_AFTER``):
    after it commits, move the pending entries into the log's trees in a short
    transaction of its own (resources.py says why)."""
    jar = audit_log._p_jar
    if jar is None:  # a log not stored yet (unit tests): its writer flushes it
        return
    if not _flush_due(audit_log.pending_entries().items):
        return
    txn = jar.transaction_manager.get()
    if any(hook is flush_log for hook, _args, _kws in txn.getAfterCommitHooks()):
        return
    txn.addAfterCommitHook(
        flush_log, args=(get_database(registry), getattr(registry, "write_lock", None))
    )


def _flush_due(items):
    """Do the pending entries ``items`` (key -> values, keys ``(µs, random)``) call for a
    flush: enough of them, or the oldest waiting long enough behind the newest?"""
    if len(items) >= FLUSH_AT:
        return True
    if not items:
        return False
    keys = items.keys()
    return max(keys)[0] - min(keys)[0] >= FLUSH_AFTER


def flush_log(committed, db, write_lock=None):
    """Flush the pending entries; a conflict with another flush leaves them for the next
    one (readers see pending entries too), and nothing here can fail a request.

    A serialized writer (web/writers.py) flushes once it has let the next writer in: the
    flush is a transaction of its own, with its own round trips to a ZEO or RelStorage
    server, which the next writer needn't wait for."""
    if not committed:
        return
    if write_lock is not None:
        write_lock.after_release(lambda: _flush(db))
    else:
        _flush(db)


def _flush(db):
    try:
        with db.transaction() as conn:
            root = conn.root().get(APP_ROOT_KEY)
            audit_log = log_of(root)
            if audit_log is not None and audit_log.waiting is not None:
                audit_log.flush()
    except Exception:  # noqa: BLE001 - a conflict or anything else: the next flush moves them
        log.debug("audit flush left for later", exc_info=True)


def on_audited(event):
    """``Audited``: when (the portal's clock), the address, who (the event's actor, else
    the request's user), the action, its target and detail."""
    request = event.request
    if request is None:
        return
    registry = request.registry
    try:
        root = request.root
        when = get_clock(registry).now()
        actor = event.actor or username_of(request)
        address = address_of(request)
    except TransientError:
        raise
    except Exception:
        log.exception("audit entry not written: %s", event.action)
        return
    _write(root, registry, when, actor, address, event.action, event.target, event.detail)


def target_of(obj):
    """What a move names: the case number of a case (or of the case a rating is of),
    else the object's path."""
    case_no = getattr(obj, "case_no", None)
    if case_no:
        return case_no
    try:
        return resource_path(obj)
    except Exception:  # pragma: no cover - an object outside the tree
        return getattr(obj, "__name__", "") or ""


def describe_move(record):
    """``from → to`` and the comment."""
    detail = f"{record.from_state} → {record.to_state}"
    return f"{detail}: {record.comment}" if record.comment else detail


def on_transitioned(event):
    """Every workflow move, as ``workflow.<transition>``, when the engine says it moved."""
    record = event.record
    request = event.request
    registry = request.registry if request is not None else None
    _write(
        _root_of(event.object),
        registry,
        record.when,
        record.actor or username_of(request),
        address_of(request),
        f"workflow.{record.transition}",
        target_of(event.object),
        describe_move(record),
    )
