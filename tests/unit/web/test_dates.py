"""The templates' date filters, through the app's own Jinja2 environment."""

from datetime import UTC, date, datetime

from pyramid_jinja2 import IJinja2Environment

BEFORE_DAWN = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)


def test_the_filters_show_china_time(registry):
    env = registry.queryUtility(IJinja2Environment, name=".jinja2")
    render = lambda source, **kw: env.from_string(source).render(**kw)  # noqa: E731
    assert render("{{ t|local_datetime }}", t=BEFORE_DAWN) == "2026-03-02 04:30"
    assert render("{{ t|local_date }}", t=BEFORE_DAWN) == "2026-03-02"
    assert render("{{ t|local_iso }}", t=BEFORE_DAWN) == "2026-03-02T04:30:00+08:00"
    assert render("{{ d|local_date }}", d=date(2026, 3, 9)) == "2026-03-09"
    assert render("[{{ n|local_datetime }}{{ n|local_date }}{{ n|local_iso }}]", n=None) == "[]"
