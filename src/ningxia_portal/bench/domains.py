"""The generator's domains: one function per domain, registered in ``DOMAINS``, run in order.

Each domain becomes a ``--<name> N`` option of ``ningxia-portal-gen``. How a feature adds its
domain when its resources land (announcements, enterprises, filings, appointments …):

1. Write ``ningxia_portal/bench/<domain>.py`` with ``generate(root, count, writer)``: it adds
   ``count`` objects of the domain with ``Folder.add()`` (so ``ObjectAdded`` reaches the
   catalog: the generator runs with the app's registry current), calls ``writer.added(n)``
   for every ``n`` persistent objects it creates (the writer commits in batches and empties
   the cache: memory stays flat even for 1,000,000 filings), reuses the domain's demo loader
   for realistic values, draws any randomness from ``random.Random(seed)`` so a dataset is
   reproducible, and returns how many objects it wrote. Filings also write their histories
   (a few workflow transitions each, spread over the items of every department and over the
   enterprises written before them).
2. Replace ``generate=None`` below by that function. Domains run in list order, so put a
   domain after the ones it refers to (filings after items and enterprises).
3. If the benchmark should use it, raise its default in ``bench/run.py``'s dataset and add its
   pages to ``bench/pages.py``.

A domain whose resources do not exist yet has ``generate=None``: its option is accepted only
with 0, and says which feature brings it. No stand-in resource classes are ever made up here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ningxia_portal.bench import (
    accounts,
    announcements,
    appointments,
    complaints,
    consultations,
    filings,
    items,
    messages,
)


@dataclass(frozen=True)
class Domain:
    """One kind of generated content and the function that writes it."""

    name: str
    help: str
    generate: Callable | None  # (root, count, writer) -> objects written; None: not yet
    default: int = 0
    lands_with: str = ""

    @property
    def available(self):
        return self.generate is not None


DOMAINS = [
    Domain(
        "items",
        "service items in total, after the 28 centers and their departments",
        items.generate,
        default=5000,
    ),
    Domain(
        "enterprises",
        "registered enterprise accounts (valid credit codes, real password hasher)",
        accounts.generate_enterprises,
        default=2000,
    ),
    Domain(
        "reviewers",
        "window staff, each granted reviewer on one department, round-robin",
        accounts.generate_reviewers,
        default=400,
    ),
    Domain(
        "announcements",
        "published policy announcements",
        announcements.generate,
        default=300,
    ),
    Domain(
        "filings",
        "filings with their workflow histories (the target is 1,000,000)",
        filings.generate,
        default=20_000,  # make bench stays short; BENCH_ARGS="--filings 1000000" for the target
    ),
    Domain(
        "appointments",
        "appointments with their replies, in departments' slots (the target is 200,000)",
        appointments.generate,
        default=2000,  # BENCH_ARGS="--appointments 200000" for the target
    ),
    Domain(
        "consultations",
        "consultations of the enterprises to every department, most answered, some "
        "published as FAQ (the target is 100,000)",
        consultations.generate,
        default=5_000,  # enough for its pages; BENCH_ARGS="--consultations 100000" for the target
    ),
    Domain(
        "complaints",
        "complaints with their handling and ratings (after the enterprises), one handler per "
        "center",
        complaints.generate,
        default=20_000,
    ),
    Domain(
        "messages",
        "messages in the first enterprise's message box (站内消息), for the message box "
        "page (the target is 10,000)",
        messages.generate,
        default=10_000,
    ),
]
