"""The mark of a promised date from the working days left (filings/services.py)."""

import pytest

from ningxia_portal.filings.services import DUE_SOON, OVERDUE, deadline_mark


@pytest.mark.parametrize(
    ("remaining", "mark"),
    [(None, None), (5, None), (3, None), (2, DUE_SOON), (1, DUE_SOON), (0, DUE_SOON)]
    + [(-1, OVERDUE), (-30, OVERDUE)],
)
def test_overdue_after_the_date_and_due_soon_from_two_working_days_before(remaining, mark):
    assert deadline_mark(remaining) == mark
