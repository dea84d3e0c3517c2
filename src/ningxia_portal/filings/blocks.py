"""What other features put on a case's page (``/filings/<case_no>/``) and into its JSON.

The filings know no feature built on a case: a feature adds its block from its own
``includeme``, as department pages and the home page get theirs::

    config.add_case_block(
        "evaluation",
        "ningxia_portal:evaluations/templates/case_block.jinja2",
        data=lambda request, filing: {…} or None,   # None: no block on this page
        json=lambda request, filing: {…} or None,   # the case's and the lists' JSON
        order=10,
    )

``data`` and ``json`` run for a viewer who may view the case; they decide what of theirs the
viewer may see. ``json`` runs for every row of a list's JSON answer: it must be a lookup, never
a walk. The value goes under the block's name (None when there is nothing to show).
"""

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pyramid.renderers import render

from ningxia_portal.core.directives import add_ordered

BLOCKS_ATTR = "portal_case_blocks"


@dataclass(frozen=True)
class CaseBlock:
    name: str
    template: str | None  # an asset spec, or None for a block with JSON only
    data: Any = None  # callable(request, filing) -> dict or None
    json: Any = None  # callable(request, filing) -> JSON value or None
    order: int = 100


def add_case_block(config, name, template=None, data=None, json=None, order=100):
    """Config directive: a block of every case's page and/or a field of its JSON."""
    add_ordered(config, BLOCKS_ATTR, "case_block", CaseBlock(name, template, data, json, order))


def render_case_blocks(request, filing):
    """[(name, html)] of the blocks this case's page shows, in order."""
    out = []
    for block in getattr(request.registry, BLOCKS_ATTR, ()):
        if block.template is None or block.data is None:
            continue
        values = block.data(request, filing)
        if values is None:
            continue
        # The block's own Jinja2 template escaped its values: its output is safe HTML.
        html = render(block.template, values, request=request)
        out.append((block.name, Markup(html)))  # noqa: S704
    return out


def case_json_fields(request, filing):
    """{name: value} the blocks add to a case's JSON (its page's and each list row's)."""
    return {
        block.name: block.json(request, filing)
        for block in getattr(request.registry, BLOCKS_ATTR, ())
        if block.json is not None
    }


def includeme(config):
    config.add_directive("add_case_block", add_case_block)
