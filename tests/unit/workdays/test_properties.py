"""Properties of the working-day arithmetic, over official and provisional years and any
overrides (hypothesis)."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ningxia_portal.workdays.calendar import (
    PLAIN,
    WorkCalendar,
    add_working_days,
    working_days_between,
)

# 2024–2026 are published, 2027 on computed: the properties hold across the seam.
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))
counts = st.integers(min_value=0, max_value=300)
overrides = st.dictionaries(days, st.booleans(), max_size=12)
calendars = st.one_of(st.just(PLAIN), overrides.map(WorkCalendar))
# No deadline: a loaded machine must not fail a property. No example database in the tree.
quick = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@quick
@given(calendars, days, st.integers(min_value=1, max_value=300))
def test_adding_lands_on_a_working_day_and_counts_back(cal, start, n):
    end = add_working_days(start, n, cal)
    assert end > start
    assert cal.is_working_day(end)
    assert working_days_between(start, end, cal) == n


@quick
@given(calendars, days, counts, counts)
def test_adding_in_two_steps_equals_adding_at_once(cal, start, m, n):
    assert add_working_days(add_working_days(start, m, cal), n, cal) == add_working_days(
        start, m + n, cal
    )


@quick
@given(calendars, days, days)
def test_counting_is_antisymmetric(cal, a, b):
    assert working_days_between(a, b, cal) == -working_days_between(b, a, cal)


@quick
@given(calendars, days, days, days)
def test_counting_adds_up_over_a_middle_day(cal, a, b, c):
    between = working_days_between
    assert between(a, b, cal) + between(b, c, cal) == between(a, c, cal)


@quick
@given(overrides, days)
def test_overrides_change_exactly_the_days_they_name(changes, day):
    cal = WorkCalendar(changes)
    if day in changes:
        assert cal.is_working_day(day) is changes[day]
    else:
        assert cal.is_working_day(day) == PLAIN.is_working_day(day)


@quick
@given(overrides, days, st.integers(min_value=0, max_value=120))
def test_the_count_moves_by_the_overrides_in_the_range(changes, a, span):
    b = a + timedelta(days=span)
    cal = WorkCalendar(changes)
    moved = sum(cal.is_working_day(d) - PLAIN.is_working_day(d) for d in changes if a < d <= b)
    assert working_days_between(a, b, cal) == working_days_between(a, b, PLAIN) + moved
