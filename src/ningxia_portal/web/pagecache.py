"""Rendered pages, kept while the catalog data they show is unchanged.

A GET of a public page (an item, the home page, a search) renders the same bytes for everyone
with the same address, locale, region choice, skin, elder mode and audience (anonymous, or
the same roles where they count), but for a few personal parts (``web/personal.py``), until
an object of a type the page reads changes. Every index/reindex/unindex bumps that type's
counter in the database (``indexing.catalog.ChangeCounters``), and the cache key holds those
counters, so an edit is visible at once, in every process that shares the database.

A request with a flash message waiting is rendered in full, neither served nor stored; a
logged-in viewer's page is kept with placeholders where their name, CSRF token, counts and
own blocks go, so nothing personal is ever kept; a response that sets a cookie itself is not
stored. Permission checks still run: the cache sits inside Pyramid's secured view.
``portal.page_cache_entries`` bounds it (0 turns it off).
"""

import threading
from collections import OrderedDict

from pyramid.interfaces import ICSRFStoragePolicy
from pyramid.response import Response

from ningxia_portal.indexing.catalog import catalog_versions
from ningxia_portal.web.personal import audience, join, shared_rendering, split, viewer_key
from ningxia_portal.web.skins import display_key

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
        # Without the lock: every page reads several kept things (the header, rows, the page)
        # from 8 threads. One dict read and one move are each atomic under CPython's GIL
        # (the keys hash in C: tuples of str, int, bytes); a key evicted between them just
        # isn't moved. A build without the GIL would need the lock here again.
        found = self._data.get(key)
        if found is not None:
            try:  # noqa: SIM105 - no context manager on the hot path
                self._data.move_to_end(key)
            except KeyError:
                pass
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


def registry_cache(registry, name, entries):
    """The ``LRUCache`` kept on the registry under ``name`` (made on first use): one per
    application, so two applications in one process (tests) never share kept renderings."""
    cache = getattr(registry, name, None)
    if cache is None:
        cache = LRUCache(entries)
        setattr(registry, name, cache)
    return cache


def get_page_cache(registry):
    entries = registry.settings.get("portal.page_cache_entries", 0)
    return registry_cache(registry, "portal_page_cache", entries)


def cache_key(request, context, versions, vary=None):
    """Everything a kept page's bytes depend on besides the data versions and the audience
    (``vary(request)``: what else the page reads, such as today's date)."""
    return (
        vary(request) if vary is not None else None,
        request.view_name,
        getattr(context, "_p_oid", None) or id(context),
        getattr(context, "_p_serial", None),
        request.application_url,
        request.path_qs,
        request.locale_name,
        request.region,
        versions,
        audience(request),
        display_key(request),  # the skin (its CSS and templates) and elder mode
    )


def _has_messages(session):
    """A flash message waiting in any queue (shown by the page, so it can't be kept)."""
    return any(key.startswith("_f_") and session[key] for key in session)


def _private(response):
    """A logged-in viewer's page holds their name and token: no shared cache keeps it."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _storable(response, request):
    if response.status_code != 200 or "Set-Cookie" in response.headers:
        return False
    if len(response.body) > MAX_BODY_BYTES:
        return False
    # A form that read the session's token itself rather than through the CSRF policy
    # would keep it for others: such a rendering is shown once and not kept.
    token = request.session.get(request.registry.getUtility(ICSRFStoragePolicy).key)
    return not token or token.encode() not in response.body


def shared_page_cache(*content_types, more=None, vary=None):
    """A view ``decorator=``: serve a kept page while the catalog's ``content_types`` (and
    the context object itself) are unchanged. ``more(registry)`` names further types,
    registered by features that add to the page (its blocks); ``vary(request)`` what
    else the page depends on (a page counting this month's cases: today's date).

    Anonymous visitors get the kept bytes as they are. A logged-in viewer gets the page
    kept for their audience (their principals but their own name, ``web/personal.py``),
    rendered once with placeholders for the personal parts (the name, the CSRF token, the
    counts, the home page's own blocks), which are put in on every showing. The view's
    content types must not name users in their ACLs: whatever is the viewer's own goes in a
    personal part."""

    def decorator(view):
        def cached_view(context, request):
            cache = get_page_cache(request.registry)
            if not cache.entries or request.method != "GET" or _has_messages(request.session):
                return view(context, request)
            types = content_types + tuple(more(request.registry)) if more else content_types
            versions = catalog_versions(request.root, types)
            if versions is None:
                return view(context, request)
            personal = request.identity is not None
            key = cache_key(request, context, versions, vary)
            found = cache.get(key)
            if found is not None:
                status, headers, body = found
                if personal:
                    body = join(request, body)  # kept cut at the placeholders
                response = Response(body=body, status=status, headerlist=list(headers))
                return _private(response) if personal else response
            if not personal:
                response = view(context, request)
            else:
                with shared_rendering(request):
                    response = view(context, request)
            body = split(response.body) if personal else response.body
            if _storable(response, request):
                headers = [(k, v) for k, v in response.headerlist if k != "Content-Length"]
                cache.put(key, (response.status, tuple(headers), body))
            if personal:
                response.body = join(request, body)
                _private(response)
            return response

        return cached_view

    return decorator


def kept_own_page(request, key, prepare):
    """A logged-in viewer's page of their own documents (my appointments, a staff queue),
    kept for them alone while ``key`` is the same. ``prepare()`` computes what the page
    shows and returns ``render()``, which makes the Response.

    ``key`` holds what the page shows besides the viewer: the documents on it with their
    stored versions (oid and serial), the counts, the filters and anything shown from the
    clock. None: not kept (a document not stored as it is). ``render`` runs with
    placeholders for the personal parts, which are put in on every showing, like the
    shared pages above; whatever depends on the viewer's own permissions is computed by
    ``prepare``, since inside ``render`` the viewer's own principal counts for nothing
    (``security/policy.py``)."""
    cache = registry_cache(
        request.registry,
        "portal_own_pages",
        request.registry.settings.get("portal.page_cache_entries", 0),
    )
    if request.identity is None:
        return prepare()()
    if key is None or not cache.entries or request.method != "GET":
        return _private(prepare()())
    if _has_messages(request.session):
        return _private(prepare()())
    key = (*viewer_key(request), display_key(request), request.path_qs, key)
    found = cache.get(key)
    if found is not None:
        status, headers, pieces = found
        response = Response(body=join(request, pieces), status=status, headerlist=list(headers))
        return _private(response)
    render = prepare()
    with shared_rendering(request):
        response = render()
    pieces = split(response.body)
    if _storable(response, request):
        headers = [(k, v) for k, v in response.headerlist if k != "Content-Length"]
        cache.put(key, (response.status, tuple(headers), pieces))
    response.body = join(request, pieces)
    return _private(response)
