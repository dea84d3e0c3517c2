"""Case numbers taken in blocks, for several portal processes on one database.

By default (``portal.case_number_block = 1``) a submission takes the next number of its day
in its own transaction (``Filings.next_sequence``): an aborted submission gives the number
back, so the numbers have no gaps. The submissions of one process run one after another
(``serialized`` views), but those of two processes (ZEO, RelStorage) meet on the day's
counter: one of them conflicts and is replayed whole, and under a steady load of both a
request can lose every replay it is allowed.

With a block of N > 1, each process reserves N numbers of a day at a time in a short
transaction of its own (retried alone on a conflict, never the request), and hands them out
from memory. Numbers stay unique and readable; a submission that aborts after taking its
number, and a process that stops with part of a block left, leave gaps, and two processes'
numbers of one day interleave by block.
"""

import threading

from ZODB.POSException import ConflictError

from ningxia_portal.core.root import APP_ROOT_KEY
from ningxia_portal.filings.resources import Sequence

ATTEMPTS = 20  # reservations conflict only with another process's reservation of the day


class NumberBlocks:
    """This process's reserved numbers: ``"<center>-<yyyymmdd>"`` -> [next, last]."""

    def __init__(self, size):
        self.size = size
        self.lock = threading.Lock()
        self.blocks = {}

    def __call__(self, filings, key):
        """The next number of ``key`` for a case added to ``filings`` (stored: its
        database is where blocks are reserved)."""
        with self.lock:
            block = self.blocks.get(key)
            if block is None or block[0] > block[1]:
                first = reserve(filings._p_jar.db(), key, self.size)
                # Only today's blocks are of use: yesterday's remainders are gaps now.
                self.blocks = {k: b for k, b in self.blocks.items() if k[-8:] >= key[-8:]}
                block = self.blocks[key] = [first, first + self.size - 1]
            number = block[0]
            block[0] += 1
            return number


def reserve(db, key, size):
    """Move the day's counter ``size`` numbers on in a transaction of its own; the first of
    them. ``db.transaction()`` gives its connection back even when the commit conflicts."""
    for _attempt in range(ATTEMPTS):
        try:
            with db.transaction() as conn:
                sequences = conn.root()[APP_ROOT_KEY]["filings"].sequences
                seq = sequences.get(key)
                if seq is None:
                    seq = sequences[key] = Sequence()
                first = seq.value + 1
                seq.value += size
        except ConflictError:
            continue
        return first
    raise ConflictError(f"the case numbers of {key} could not be reserved")


def case_numbers(registry):
    """This process's number blocks, or None to number in the submission's transaction."""
    return getattr(registry, "case_number_blocks", None)


def includeme(config):
    size = config.registry.settings.get("portal.case_number_block", 1)
    if size > 1:
        config.registry.case_number_blocks = NumberBlocks(size)
