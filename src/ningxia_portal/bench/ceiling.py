"""The ceiling of this stack, for ``make bench`` only: included by ``bench/bench.ini`` alone.

``/@@ceiling`` goes through everything a page goes through (waitress, pyramid_tm, the ZODB
connection, traversal, the security policy, a Jinja2 renderer) but reads one persistent object
and renders a tiny template: no page can be faster, so pages are reported as a ratio to it.
"""

from ningxia_portal.core.root import Portal


def ceiling(context, request):
    centers = context["centers"]  # one persistent object, loaded from the connection's cache
    return {"title": centers.title, "count": len(centers)}


def includeme(config):
    config.add_view(
        ceiling,
        context=Portal,
        name="ceiling",
        renderer="ningxia_portal.bench:templates/ceiling.jinja2",
    )
