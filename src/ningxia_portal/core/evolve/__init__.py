"""Numbered evolve steps: every change to stored data migrates existing databases.

A step is a function ``evolve(root, registry)`` that a package registers under a number
(``config.add_evolve_steps("<package>.evolve")`` registers its ``stepNNN`` modules). Numbers
are global: the Portal records the last step applied in ``schema_version``, and the steps
of every package run in number order. A new database is an empty Portal evolved through
every step, so the bootstrap and the migrations are one code path. The core's own steps
live here: 1 (the top-level containers) and 3 (the back office and its sections).
"""

import logging

import transaction

from ningxia_portal.core.directives import evolve_steps

log = logging.getLogger(__name__)


def steps(registry):
    """[(number, evolve function)] in order, as the packages registered them."""
    return [(step.number, step.evolve) for step in evolve_steps(registry)]


def latest_version(registry):
    found = steps(registry)
    return found[-1][0] if found else 0


def pending(root, registry):
    return [(n, fn) for n, fn in steps(registry) if n > root.schema_version]


def evolve(root, registry, commit=True):
    """Apply every pending step, each in its own transaction; return the numbers applied."""
    applied = []
    for number, fn in pending(root, registry):
        log.info("evolve step %d: %s", number, (fn.__doc__ or "").strip().splitlines()[0])
        fn(root, registry)
        root.schema_version = number
        if commit:
            transaction.get().note(f"ningxia-portal evolve step {number}")
            transaction.commit()
        applied.append(number)
    return applied
