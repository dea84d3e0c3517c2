"""What every page's layout needs: breadcrumbs from the resource lineage."""

from pyramid.location import lineage


def breadcrumbs(request):
    """[(title, url)] from below the root to the context; empty on the home page."""
    context = getattr(request, "context", None)
    if context is None or context.__parent__ is None:
        return []
    if getattr(request, "exception", None) is not None:
        return []  # an error page must not name what it refused to show
    translate = request.localizer.translate
    chain = list(lineage(context))[:-1]  # the root is the layout's "home" link
    return [
        (translate(getattr(obj, "title", None) or obj.__name__), request.resource_url(obj))
        for obj in reversed(chain)
    ]
