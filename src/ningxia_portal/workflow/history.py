"""How a workflow records its transitions on the object: the shape each domain keeps.

The engine hands every transition to its workflow's history as a ``Record`` (the same
fields for every domain); the history turns it into the entry the domain stores:

* ``PersistentEntries``: a ``HistoryEntry`` (a persistent object of its own) appended to a
  ``PersistentList`` (announcements: ``workflow_history``);
* ``PlainRecords``: a plain dict inside the list's own record, written once (filings:
  ``history``; a million cases would otherwise store a million more objects per step).

Entries already stored keep loading: ``HistoryEntry`` stays importable as
``ningxia_portal.workflow.HistoryEntry`` (where stored announcements pickled it), and lists
of ``PersistentMapping`` entries (cases stored before entries were plain data) read alike.
"""

from dataclasses import dataclass, field

from persistent import Persistent
from persistent.list import PersistentList

from ningxia_portal.core.clock import local_iso


@dataclass(frozen=True)
class Record:
    """One transition as the engine saw it: when (aware UTC), who, which, from, to, why."""

    when: object
    actor: str
    actor_title: str
    transition: str
    from_state: str
    to_state: str
    comment: str = ""
    extra: dict = field(default_factory=dict)


class HistoryEntry(Persistent):
    """One recorded transition: when (aware UTC), who (username or ``system``), from, to, why."""

    def __init__(self, when, actor, transition, from_state, to_state, comment=""):
        self.when = when
        self.actor = actor
        self.transition = transition
        self.from_state = from_state
        self.to_state = to_state
        self.comment = comment

    def as_dict(self):
        """For JSON: the time in China's time, as everything a person reads."""
        return {
            "when": local_iso(self.when),
            "actor": self.actor,
            "transition": self.transition,
            "from": self.from_state,
            "to": self.to_state,
            "comment": self.comment,
        }


class _ListHistory:
    """Entries appended to a ``PersistentList`` in attribute ``attr`` of the object."""

    def __init__(self, attr):
        self.attr = attr

    def ensure(self, obj):
        """The object's list, created (empty) on first use."""
        entries = getattr(obj, self.attr, None)
        if entries is None:
            entries = PersistentList()
            setattr(obj, self.attr, entries)
        return entries

    def entries(self, obj):
        return list(getattr(obj, self.attr, None) or ())

    def append(self, obj, record):
        entry = self.entry(record)
        self.ensure(obj).append(entry)
        return entry

    def entry(self, record):
        raise NotImplementedError


class PersistentEntries(_ListHistory):
    """A ``HistoryEntry`` per transition (extras are not kept): announcements' shape."""

    def __init__(self, attr="workflow_history"):
        super().__init__(attr)

    def entry(self, record):
        return HistoryEntry(
            record.when,
            record.actor,
            record.transition,
            record.from_state,
            record.to_state,
            record.comment,
        )


class PlainRecords(_ListHistory):
    """A plain dict per transition — time, actor, actor_title, transition, from_state,
    to_state, comment and the transition's extras (``materials``, ``round`` …) — stored in
    the list's own record: filings' shape. Entries are written once, never changed."""

    def __init__(self, attr="history"):
        super().__init__(attr)

    def entry(self, record):
        return dict(
            time=record.when,
            actor=record.actor,
            actor_title=record.actor_title,
            transition=record.transition,
            from_state=record.from_state,
            to_state=record.to_state,
            comment=record.comment,
            **record.extra,
        )
