"""Each year's days off: the State Council's arrangement, or the law's holidays computed.

For a year the installed ``chinese-calendar`` knows (its release follows each yearly notice
of the State Council), the arrangement is **official**: every day off, weekends inside a
holiday included, and the make-up working days (调休) on weekends. For a year it does not
know yet, the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) are computed
from the lunar calendar (``lunar-python``) and the year is **provisional**: no make-up day
is known, so its weekends are all off and no day off is moved next to a holiday. Admins
correct single days at /manage/calendar (``resources.CalendarSection``).

A year's arrangement never changes while the process runs, so each is computed once.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import chinese_calendar
from lunar_python import Lunar, Solar

from ningxia_portal.i18n import _

# Holidays by the names chinese-calendar gives them (English), and their titles.
NEW_YEAR = "New Year's Day"
SPRING_FESTIVAL = "Spring Festival"
QINGMING = "Tomb-sweeping Day"
LABOUR_DAY = "Labour Day"
DRAGON_BOAT = "Dragon Boat Festival"
MID_AUTUMN = "Mid-autumn Festival"
NATIONAL_DAY = "National Day"
HOLIDAY_TITLES = {
    NEW_YEAR: _("New Year's Day"),
    SPRING_FESTIVAL: _("Spring Festival"),
    QINGMING: _("Qingming Festival"),
    LABOUR_DAY: _("Labour Day"),
    DRAGON_BOAT: _("Dragon Boat Festival"),
    MID_AUTUMN: _("Mid-Autumn Festival"),
    NATIONAL_DAY: _("National Day"),
    "Anti-Fascist 70th Day": _("70th anniversary of the victory over fascism"),
}

# The lunar calendar is computed for these years; outside them a year has weekends only.
FIRST_YEAR, LAST_YEAR = 1950, 2099


@dataclass(frozen=True, eq=False)
class YearPlan:
    """One year's arrangement: ``days_off`` maps each day off (weekends inside a holiday
    too) to its holiday's name; ``make_up`` are the weekend days worked instead (调休)."""

    year: int
    days_off: dict = field(default_factory=dict)
    make_up: frozenset = frozenset()
    provisional: bool = True

    def holidays(self):
        """[(name, first day, last day)] of the runs of consecutive days off, in order."""
        runs = []
        for day in sorted(self.days_off):
            name = self.days_off[day]
            if runs and runs[-1][0] == name and runs[-1][2] + timedelta(days=1) == day:
                runs[-1][2] = day
            else:
                runs.append([name, day, day])
        return [tuple(run) for run in runs]


def official_plan(year):
    """The State Council's arrangement as chinese-calendar publishes it; None when the
    installed release does not know ``year``."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return None
    days_off = {d: name for d, name in chinese_calendar.holidays.items() if d.year == year}
    make_up = frozenset(d for d in chinese_calendar.workdays if d.year == year)
    return YearPlan(year, days_off, make_up, provisional=False)


def _solar(lunar):
    solar = lunar.getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def qingming(year):
    """The day of the Qingming solar term (April 4 or 5; the 3rd or 6th in rare years)."""
    for day in (4, 5, 3, 6):
        if Solar.fromYmd(year, 4, day).getLunar().getJieQi() == "清明":
            return date(year, 4, day)
    raise ValueError(f"no Qingming found in April {year}")  # pragma: no cover


def statutory_days(year):
    """{day: holiday name} of the law's 13 holidays in ``year`` (2024 revision): 元旦 1,
    春节 4 from 除夕 (the day before 正月初一: 腊月 has 29 days in some years), 清明 1,
    劳动节 2, 端午 1, 中秋 1, 国庆 3."""
    new_year = _solar(Lunar.fromYmd(year, 1, 1))
    days = {date(year, 1, 1): NEW_YEAR}
    for offset in range(-1, 3):  # 除夕 and 正月初一 to 初三
        days[new_year + timedelta(days=offset)] = SPRING_FESTIVAL
    days[qingming(year)] = QINGMING
    days[date(year, 5, 1)] = days[date(year, 5, 2)] = LABOUR_DAY
    days[_solar(Lunar.fromYmd(year, 5, 5))] = DRAGON_BOAT
    days[_solar(Lunar.fromYmd(year, 8, 15))] = MID_AUTUMN
    for day in (1, 2, 3):  # in a year where 中秋 is 1 October, that day is both
        days[date(year, 10, day)] = NATIONAL_DAY
    return days


def provisional_plan(year):
    """The statutory holidays of ``year``, without make-up days (not published yet)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return YearPlan(year)
    return YearPlan(year, statutory_days(year))


@cache
def year_plan(year):
    """The arrangement of ``year``: official when known, else provisional (once per year)."""
    return official_plan(year) or provisional_plan(year)


def holiday_title(name):
    """The translatable title of a holiday name (an unknown one as it is)."""
    return HOLIDAY_TITLES.get(name, name)
