"""A tween that repairs query strings that aren't valid UTF-8 (``?q=%E9``).

WebOb raises UnicodeDecodeError the first time anything reads ``request.params`` — Pyramid's
locale negotiator does on every page — so such an address would answer 500. The tween
replaces the undecodable bytes with U+FFFD before anything reads them and sets
``request.environ[REPAIRED]`` so a page can tell the visitor part of the address was lost.
"""

from urllib.parse import parse_qsl, urlencode

REPAIRED = "ningxia_portal.query_repaired"


def query_repair_tween_factory(handler, registry):
    def tween(request):
        query = request.environ.get("QUERY_STRING", "")
        if query:
            try:
                parse_qsl(query, keep_blank_values=True, errors="strict")
            except UnicodeDecodeError:
                pairs = parse_qsl(query, keep_blank_values=True, errors="replace")
                request.environ["QUERY_STRING"] = urlencode(pairs)
                request.environ[REPAIRED] = True
        return handler(request)

    return tween


def query_was_repaired(request):
    return bool(request.environ.get(REPAIRED))
