"""The layers run one way: a module never imports from a layer above its own.

``core`` (with ``settings`` and ``i18n``) is the lowest layer; then ``indexing``, ``security``
and ``workflow``; then ``web``; then the domains; the application (``main()``, the console
scripts, the benchmark generator) on top. Lower layers learn of higher ones only through the
registry (``config.add_evolve_steps``, ``add_container``, ``add_catalog_index`` …). Imports
inside functions count too: deferring an import hides a dependency, it doesn't remove it.
"""

import ast
from pathlib import Path

import ningxia_portal

PACKAGE = Path(ningxia_portal.__file__).parent

LAYERS = {
    "core": 0,
    "settings": 0,
    "i18n": 0,
    "indexing": 1,
    "security": 1,
    "workflow": 1,
    "web": 2,
    "accounts": 3,
    "catalogue": 3,
    "home": 3,
    "announcements": 3,
    "filings": 3,
    "workdays": 3,
    "consultations": 3,
    "complaints": 3,
    "appointments": 3,
    "evaluations": 3,
    "notices": 3,
    "messages": 3,
    "stats": 3,
    "audit": 3,
    "": 4,  # ningxia_portal/__init__.py: main() and configure()
    "scripts": 4,
    "bench": 4,
}


def part_of(module):
    """The top-level part of ``ningxia_portal.<part>.…`` ("" for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        yield name, path


def imports_of(name, path):
    """The ``ningxia_portal`` modules that ``name`` imports, anywhere in it."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
    return {m for m in found if m == "ningxia_portal" or m.startswith("ningxia_portal.")}


def test_every_part_of_the_package_has_a_layer():
    parts = {part_of(name) for name, _ in modules()}
    assert parts <= set(LAYERS), f"give these a layer: {sorted(parts - set(LAYERS))}"


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for name, path in modules():
        mine = LAYERS[part_of(name)]
        for target in imports_of(name, path):
            if LAYERS.get(part_of(target), 4) > mine:
                upward.append(f"{name} imports {target}")
    assert upward == []


def test_the_parts_import_each_other_without_a_cycle():
    graph = {}
    for name, path in modules():
        here = part_of(name)
        graph.setdefault(here, set()).update(
            part_of(t) for t in imports_of(name, path) if part_of(t) != here
        )

    def reachable(start):
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    both_ways = sorted(
        f"{a} ⇄ {b}" for a, targets in graph.items() for b in targets if a < b and a in reachable(b)
    )
    assert both_ways == []


def test_the_checker_sees_a_deferred_upward_import(tmp_path):
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from ningxia_portal.filings import workflow\n")
    assert imports_of("ningxia_portal.core.x", module) == {"ningxia_portal.filings"}
    relative = tmp_path / "y.py"
    relative.write_text("from ..web import forms\nfrom . import clock\n")
    assert imports_of("ningxia_portal.core.y", relative) == {
        "ningxia_portal.web",
        "ningxia_portal.core",
    }
