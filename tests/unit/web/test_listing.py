from types import SimpleNamespace

from webob.multidict import MultiDict

from ningxia_portal.web.listing import OwnedList, param


def _request(**params):
    query = MultiDict(params)
    return SimpleNamespace(
        params=query,
        resource_url=lambda context, query: f"/list/?{sorted(query.items())}",
    )


def test_param_strips_cuts_and_ignores_what_is_not_text():
    assert param(_request(q="  银川 "), "q") == "银川"
    assert param(_request(q="x" * 300), "q", 100) == "x" * 100
    assert param(_request(), "q") == ""
    assert param(_request(q=object()), "q") == ""  # e.g. a file posted under that name


def test_paging_answers_a_page_within_the_list():
    view = OwnedList(SimpleNamespace(__parent__=SimpleNamespace(catalog={})), _request(page="9"))
    assert view.paging(45) == (3, 3, 40)  # beyond the last: the last
    view.request = _request(page="abc")
    assert view.paging(0) == (1, 1, 0)


def test_page_url_and_json_keep_the_filters_in_force():
    view = OwnedList(SimpleNamespace(__parent__=SimpleNamespace(catalog={})), _request())
    view.filters = {"q": "窗口", "state": ""}
    assert view.page_url(2) == "/list/?[('page', 2), ('q', '窗口')]"
    assert view.answer(True, "rows", [1], 21, 2, 2) == {
        "mode": "queue",
        "total": 21,
        "page": 2,
        "pages": 2,
        "filters": {"q": "窗口", "state": ""},
        "rows": [1],
    }
