"""What the layers above register with the core, so that the core never imports them.

The core creates the root, runs the evolve steps, fills /manage/ and loads the demo data,
but it knows no domain: each domain tells it what it has from its own ``includeme``, as
Substance D's framework learns about content types through ``config.add_*`` directives::

    config.add_evolve_steps("ningxia_portal.filings.evolve")   # its stepNNN modules
    config.add_container("filings", Filings)                    # /filings/
    config.add_manage_section("catalogue", CatalogueSection)    # /manage/catalogue/
    config.add_demo_loader("filings", load_demo_filings, order=40)
    config.set_root_acl(ROOT_ACL)                               # the security layer's

Each registration is a configuration action with a discriminator, so two packages claiming
the same step number, container or section name stop start-up with a conflict error.
The values live on the registry; the readers below return them in a stable order.
"""

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any

EVOLVE_STEPS = "portal_evolve_steps"
CONTAINERS = "portal_containers"
MANAGE_SECTIONS = "portal_manage_sections"
DEMO_LOADERS = "portal_demo_loaders"
ROOT_ACL = "portal_root_acl"


@dataclass(frozen=True)
class EvolveStep:
    """A numbered change of stored data: ``evolve(root, registry)``, with its docstring."""

    number: int
    evolve: Any
    package: str  # the package that registered it (for messages)

    @property
    def doc(self):
        return (self.evolve.__doc__ or "").strip().splitlines()[0] if self.evolve.__doc__ else ""


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Any  # callable(root, registry)
    order: int


def _table(registry, attr):
    table = getattr(registry, attr, None)
    if table is None:
        table = {}
        setattr(registry, attr, table)
    return table


def _put(config, attr, kind, key, value):
    def register():
        _table(config.registry, attr)[key] = value

    config.action((f"ningxia_portal.{kind}", key), register)


def add_ordered(config, attr, kind, entry):
    """Register ``entry`` (with ``name`` and ``order``) in the registry's list ``attr``, kept
    sorted by (order, name): what a page shows in turn — home blocks, item actions,
    navigation links. Two features claiming one name of a kind are a config conflict."""

    def register():
        entries = getattr(config.registry, attr, None)
        if entries is None:
            entries = []
            setattr(config.registry, attr, entries)
        entries.append(entry)
        entries.sort(key=lambda e: (e.order, e.name))

    config.action((f"ningxia_portal.{kind}", entry.name), register)


# -- evolve steps --------------------------------------------------------------------------
def add_evolve_step(config, number, evolve, package=None):
    """Register ``evolve(root, registry)`` as step ``number`` (numbers are global: the root
    records the last step applied)."""
    if not isinstance(number, int) or number < 1:
        raise ValueError(f"an evolve step number must be a positive integer, not {number!r}")
    if not (evolve.__doc__ or "").strip():
        raise ValueError(f"evolve step {number} has no docstring: say what it changes")
    step = EvolveStep(number, evolve, package or evolve.__module__.rsplit(".", 1)[0])
    _put(config, EVOLVE_STEPS, "evolve_step", number, step)


def add_evolve_steps(config, package):
    """Register every ``stepNNN`` module of ``package`` (its ``evolve`` function) as step NNN."""
    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(module.__path__):
        if info.name.startswith("step") and info.name[4:].isdigit():
            step = importlib.import_module(f"{package}.{info.name}")
            add_evolve_step(config, int(info.name[4:]), step.evolve, package)


def evolve_steps(registry):
    """[EvolveStep] in number order."""
    return [step for _, step in sorted(_table(registry, EVOLVE_STEPS).items())]


# -- the tree ------------------------------------------------------------------------------
def add_container(config, name, factory):
    """``/<name>/``: a top-level container made by ``factory()`` when the database lacks it."""
    _put(config, CONTAINERS, "container", name, factory)


def containers(registry):
    """{name: factory} of the top-level containers, by name."""
    return dict(sorted(_table(registry, CONTAINERS).items()))


def add_manage_section(config, name, factory):
    """``/manage/<name>/``: a section of the back office, made by ``factory()``.

    The /manage/ page lists the sections the viewer may enter (their own ACLs decide).
    """
    _put(config, MANAGE_SECTIONS, "manage_section", name, factory)


def manage_sections(registry):
    """{name: factory} of the back office's sections, by name."""
    return dict(sorted(_table(registry, MANAGE_SECTIONS).items()))


def add_demo_loader(config, name, load, order=100):
    """Demo data for development.ini (``portal.demo``): ``load(root, registry)``, once, in
    ``order`` (the catalogue before the accounts that name its centers, and so on)."""
    _put(config, DEMO_LOADERS, "demo_loader", name, DemoLoader(name, load, order))


def demo_loaders(registry):
    """[DemoLoader] by order, then name."""
    return sorted(_table(registry, DEMO_LOADERS).values(), key=lambda d: (d.order, d.name))


# -- the root's ACL ------------------------------------------------------------------------
def set_root_acl(config, acl):
    """The ACL of the Portal root: roles held everywhere (the security layer sets it)."""
    acl = list(acl)

    def register():
        setattr(config.registry, ROOT_ACL, acl)

    config.action("ningxia_portal.root_acl", register)


def root_acl(registry):
    return getattr(registry, ROOT_ACL, ())


def includeme(config):
    config.add_directive("add_evolve_step", add_evolve_step)
    config.add_directive("add_evolve_steps", add_evolve_steps)
    config.add_directive("add_container", add_container)
    config.add_directive("add_manage_section", add_manage_section)
    config.add_directive("add_demo_loader", add_demo_loader)
    config.add_directive("set_root_acl", set_root_acl)
