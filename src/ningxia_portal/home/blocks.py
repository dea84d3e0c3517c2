"""What other features put on the home page: content blocks and 常用工具 (common tools).

The home page knows neither filings nor announcements. A feature adds its block or its tool
in its own ``includeme``, so the home page shows only what exists::

    # filings: the enterprise's newest five filings, above everything else
    config.add_home_block(
        "my_filings",
        "ningxia_portal.filings:templates/home_block.jinja2",
        data=lambda request: {"filings": …} if request.identity else None,
        order=10,
    )
    # a tool: a link to a page of the site
    config.add_home_tool("track", _("Case progress"), path="track", order=50)

``data(request)`` returns the template's values, or None to leave the block out for this
request (e.g. "my filings" for an anonymous visitor). A block is the viewer's own (a personal
part, ``web/personal.py``) unless it says ``personal=False``: the home page is kept for
everyone with the same roles, and only a block that shows the same to all of them (the
latest announcements) may be kept with it. Blocks are ordered by ``order``: the
announcements block should use 20; the item categories of the home page itself come last.
"""

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pyramid.renderers import render

from ningxia_portal.core.clock import get_clock
from ningxia_portal.core.directives import add_ordered
from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.web.pagecache import registry_cache
from ningxia_portal.web.personal import viewer_key

BLOCKS_ATTR = "portal_home_blocks"
TOOLS_ATTR = "portal_home_tools"


@dataclass(frozen=True)
class HomeBlock:
    name: str
    template: str  # an asset spec: "ningxia_portal.filings:templates/home_block.jinja2"
    data: Any = None  # callable(request) -> dict or None
    order: int = 100
    personal: bool = True  # the viewer's own: rendered for each request
    content_types: tuple = ()  # what a personal block reads: kept per viewer until it changes


@dataclass(frozen=True)
class HomeTool:
    name: str
    title: Any  # a TranslationString
    path: str  # below the site root: "search", "track", "stats/"
    order: int = 100
    permission: str | None = None  # shown only to viewers with it on the root


def add_home_block(config, name, template, data=None, order=100, personal=True, content_types=()):
    """Config directive: render ``template`` as a block of the home page.

    ``content_types``: the catalog types a personal block reads (its counts and lists come
    from their indexes). Its rendering is then kept per viewer and shown again until an
    object of one of them changes, the viewer's account changes, or a minute passes (a
    reminder of what comes next moves with the clock); without them it is rendered for
    every request. A kept block must not carry a form (its CSRF token is the session's)."""
    block = HomeBlock(name, template, data, order, personal, tuple(content_types))
    add_ordered(config, BLOCKS_ATTR, "home_block", block)
    if personal:
        config.add_personal_part(_part_name(block), lambda request: _slot(request, block))


def _part_name(block):
    return "home_" + block.name


_SLOT = Markup('<div class="home-block-slot home-block-{}">{}</div>\n')


KEPT_BLOCKS = 4096


def _slot(request, block):
    """The block in its slot, or nothing when it has nothing for this request; kept for
    the viewer when the block names what it reads."""
    user = request.identity
    versions = None
    if block.content_types and user is not None:
        versions = catalog_versions(request.root, block.content_types)
    if versions is None:
        return _render_slot(request, block)
    minute = int(get_clock(request.registry).now().timestamp() // 60)
    key = (block.name, *viewer_key(request), versions, minute)
    kept = registry_cache(request.registry, "portal_kept_home_blocks", KEPT_BLOCKS)
    return kept.get_or_compute(key, lambda: _render_slot(request, block))


def _render_slot(request, block):
    values = block.data(request) if block.data is not None else {}
    if values is None:
        return Markup()
    # The block's own Jinja2 template escaped its values: its output is safe HTML.
    return _SLOT.format(block.name, Markup(render(block.template, values, request=request)))  # noqa: S704


def add_home_tool(config, name, title, path, order=100, permission=None):
    """Config directive: link ``path`` from the home page's common tools."""
    add_ordered(config, TOOLS_ATTR, "home_tool", HomeTool(name, title, path, order, permission))


def render_blocks(request):
    """[html] of the blocks' slots, in order: a personal block as its personal part."""
    out = []
    for block in getattr(request.registry, BLOCKS_ATTR, ()):
        html = request.personal(_part_name(block)) if block.personal else _slot(request, block)
        if html:
            out.append(html)
    return out


def tools(request):
    """[(tool, url)] of the common tools this viewer may use."""
    root = request.root
    return [
        (tool, request.resource_url(root) + tool.path)
        for tool in getattr(request.registry, TOOLS_ATTR, ())
        if tool.permission is None or request.has_permission(tool.permission, root)
    ]


def includeme(config):
    config.add_directive("add_home_block", add_home_block)
    config.add_directive("add_home_tool", add_home_tool)
