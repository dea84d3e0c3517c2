import pytest

from ningxia_portal.web.paging import Page, parse_page


@pytest.mark.parametrize(
    "value,expected", [("2", 2), ("-1", 1), ("0", 1), ("abc", 1), (None, 1), ("1e9", 1), ("3.5", 1)]
)
def test_parse_page_tolerates_anything(value, expected):
    assert parse_page(value) == expected


def test_page_beyond_the_end_shows_the_last_page():
    page = Page(iter(range(45)), total=45, number=99, size=20)
    assert page.number == 3 and page.items == list(range(40, 45))
    assert page.has_previous and not page.has_next
