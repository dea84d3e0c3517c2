"""Rendered pages for anonymous visitors, kept while the catalog data they show is unchanged.

An anonymous GET of a public page (an item, the home page, a search) renders the same bytes
for everyone with the same address, locale and region choice, until an object of a type the
page reads changes. Every index/reindex/unindex bumps that type's counter in the database
(``indexing.catalog.ChangeCounters``), and the cache key holds those counters, so an edit
is visible at once, in every process that shares the database.

Only anonymous requests without a flash message are served or stored, so nothing personal
(name, CSRF token, messages) is ever in a cached page; a response that sets a cookie itself
is not stored. Permission checks still run: the cache sits inside Pyramid's secured view.
``portal.page_cache_entries`` bounds it (0 turns it off).
"""

import threading
from collections import OrderedDict

from pyramid.response import Response

from ningxia_portal.indexing.catalog import catalog_versions

MAX_BODY_BYTES = 256 * 1024  # larger pages are rendered every time


class LRUCache:
    """A bounded, thread-safe LRU by key: pages here (status, headers, body), and other
    answers kept per version of what they were computed from (region choices, rows and
    filter options of /filings/)."""

    def __init__(self, entries):
        self.entries = entries
        self._data = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
            return found

    def put(self, key, value):
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.entries:
                self._data.popitem(last=False)

    def get_or_compute(self, key, compute):
        """The value kept under ``key``, else ``compute()`` (kept unless ``key`` is None:
        an answer that can't be keyed, e.g. read in a transaction that has written)."""
        found = self.get(key) if key is not None else None
        if found is None:
            found = compute()
            if key is not None:
                self.put(key, found)
        return found

    def __len__(self):
        return len(self._data)


def get_page_cache(registry):
    cache = getattr(registry, "portal_page_cache", None)
    if cache is None:
        cache = registry.portal_page_cache = LRUCache(
            registry.settings.get("portal.page_cache_entries", 0)
        )
    return cache


def cache_key(request, context, versions):
    """Everything an anonymous page's bytes depend on besides the data versions."""
    return (
        request.view_name,
        getattr(context, "_p_oid", None) or id(context),
        getattr(context, "_p_serial", None),
        request.application_url,
        request.path_qs,
        request.locale_name,
        request.region,
        versions,
    )


def _anonymous_without_messages(request):
    if request.method != "GET" or request.identity is not None:
        return False
    session = request.session
    return not session.peek_flash()


def anonymous_page_cache(*content_types, more=None):
    """A view ``decorator=``: serve a stored page to anonymous visitors while the catalog's
    ``content_types`` (and the context object itself) are unchanged. ``more(registry)``
    names further types, registered by features that add to the page (its blocks)."""

    def decorator(view):
        def cached_view(context, request):
            cache = get_page_cache(request.registry)
            if not cache.entries or not _anonymous_without_messages(request):
                return view(context, request)
            types = content_types + tuple(more(request.registry)) if more else content_types
            versions = catalog_versions(request.root, types)
            if versions is None:
                return view(context, request)
            key = cache_key(request, context, versions)
            found = cache.get(key)
            if found is not None:
                status, headers, body = found
                return Response(body=body, status=status, headerlist=list(headers))
            response = view(context, request)
            if (
                response.status_code == 200
                and "Set-Cookie" not in response.headers
                and len(response.body) <= MAX_BODY_BYTES
            ):
                headers = [(k, v) for k, v in response.headerlist if k != "Content-Length"]
                cache.put(key, (response.status, tuple(headers), response.body))
            return response

        return cached_view

    return decorator
