"""What other features put on a department's page (``/centers/<code>/<dept>/``).

The catalogue knows no consultation: a feature adds its block from its own ``includeme``,
as the home page's blocks are added (home/blocks.py)::

    config.add_department_block(
        "faq",
        "ningxia_portal.consultations:templates/faq_block.jinja2",
        data=lambda request, department: {…} or None,   # None: no block
        order=10,
        content_types=("ConsultationFAQ",),
    )

Anonymous department pages are kept rendered per version of the catalog's content types
they read (web/pagecache.py); ``content_types`` names the change counters of what the
block shows (``indexing.catalog.ChangeCounters``), so a change there shows at once.
"""

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pyramid.renderers import render

from ningxia_portal.core.directives import add_ordered

BLOCKS_ATTR = "portal_department_blocks"


@dataclass(frozen=True)
class DepartmentBlock:
    name: str
    template: str  # an asset spec
    data: Any  # callable(request, department) -> dict or None
    order: int = 100
    content_types: tuple = ()


def add_department_block(config, name, template, data, order=100, content_types=()):
    """Config directive: render ``template`` as a block of every department's page."""
    block = DepartmentBlock(name, template, data, order, tuple(content_types))
    add_ordered(config, BLOCKS_ATTR, "department_block", block)


def block_content_types(registry):
    """The change counters the department blocks read (for the page cache's key)."""
    return tuple(t for b in getattr(registry, BLOCKS_ATTR, ()) for t in b.content_types)


def render_blocks(request, department):
    """[(name, html)] of the blocks this department's page shows, in order."""
    out = []
    for block in getattr(request.registry, BLOCKS_ATTR, ()):
        values = block.data(request, department)
        if values is None:
            continue
        # The block's own Jinja2 template escaped its values: its output is safe HTML.
        html = render(block.template, values, request=request)
        out.append((block.name, Markup(html)))  # noqa: S704
    return out


def includeme(config):
    config.add_directive("add_department_block", add_department_block)
