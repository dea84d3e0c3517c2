"""Numbered evolve steps: every change to stored data migrates existing databases.

A step is a module ``stepNNN`` here with ``evolve(root, registry)``; the Portal records the
last step applied in ``schema_version``. A new database is an empty Portal evolved through
every step, so the bootstrap and the migrations are one code path.
"""

import importlib
import logging
import pkgutil

import transaction

log = logging.getLogger(__name__)


def steps():
    """[(number, evolve function)] in order, discovered from this package."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("step") and info.name[4:].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append((int(info.name[4:]), module.evolve))
    return sorted(found)


def latest_version():
    return steps()[-1][0]


def pending(root):
    return [(n, fn) for n, fn in steps() if n > root.schema_version]


def evolve(root, registry, commit=True):
    """Apply every pending step, each in its own transaction; return the numbers applied."""
    applied = []
    for number, fn in pending(root):
        log.info("evolve step %d: %s", number, (fn.__doc__ or "").strip().splitlines()[0])
        fn(root, registry)
        root.schema_version = number
        if commit:
            transaction.get().note(f"ningxia-portal evolve step {number}")
            transaction.commit()
        applied.append(number)
    return applied
