"""Working days for deadlines, slot finding and overdue counting.

Built on the `holidays` package. For mainland China it also knows the
make-up working days (调休) — but `holidays` silently invents a year whose
official schedule is not published yet (rule-based holidays, no 调休), so a
year outside the region's confirmed set raises `UnknownYearError` instead of
giving a silently wrong day. For China each year is also cross-checked
against `chinesecalendar` (an independent data set) when that package knows
the year.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, time, timedelta
from functools import lru_cache

import holidays

log = logging.getLogger(__name__)

DEFAULT_REGION = "CN"
DEFAULT_DAY_END = time(18, 0)

# Years whose official holiday + make-up working day schedule is published and
# present in the installed data, per region that has make-up days. China
# publishes next year's schedule around November: add the year here once the
# State Council notice is out and `holidays` has a release with it.
# Regions not listed have rule-based holidays only and need no guard.
CONFIRMED_YEARS: dict[str, frozenset[int]] = {
    "CN": frozenset({2025, 2026}),
}


class UnknownYearError(ValueError):
    """The official working-day schedule of `year` is not known for the region."""

    def __init__(self, year: int, region: str = DEFAULT_REGION, detail: str = "") -> None:
        self.year = year
        self.region = region
        super().__init__(
            f"working days of {year} are not known" + (f" ({detail})" if detail else "")
        )


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class BusinessCalendar:
    """Working days of one region plus company extra holidays and extra working days.

    `region` is an ISO country code, optionally with a subdivision ("DE-BY").
    Each year's working days are computed once and cached as a frozenset.
    """

    def __init__(
        self,
        region: str = DEFAULT_REGION,
        day_end: time = DEFAULT_DAY_END,
        extra_holidays: Iterable[date | str] = (),
        extra_workdays: Iterable[date | str] = (),
        confirmed_years: Iterable[int] | None = None,
        also_confirmed: Iterable[int] = (),
    ) -> None:
        country, _, subdiv = region.upper().partition("-")
        self.region = region.upper()
        self.subdiv = subdiv or None
        # fail at construction on an unknown region, not at first use
        try:
            probe = holidays.country_holidays(country, subdiv=self.subdiv, years=())
        except NotImplementedError as exc:
            raise ValueError(f"unknown business calendar region {region!r}: {exc}") from None
        # the two-letter code, also for "CHN", so that the 调休 guard below always applies
        self.country = getattr(probe, "country", country) or country
        self.day_end = day_end
        self.extra_holidays = frozenset(_as_date(d) for d in extra_holidays)
        self.extra_workdays = frozenset(_as_date(d) for d in extra_workdays)
        # `also_confirmed`: years whose official schedule the caller supplies in the
        # extra days (an admin, before the data packages have it)
        if confirmed_years is None:
            found = CONFIRMED_YEARS.get(self.country)
            self.confirmed_years = None if found is None else frozenset(found) | set(also_confirmed)
        else:
            self.confirmed_years = frozenset(confirmed_years) | set(also_confirmed)
        self._years: dict[int, frozenset[date]] = {}

    def __repr__(self) -> str:
        return f"BusinessCalendar(region={self.region!r}, day_end={self.day_end!r})"

    # -- per-year table -------------------------------------------------
    def _working(self, year: int) -> frozenset[date]:
        days = self._years.get(year)
        if days is None:
            if self.confirmed_years is not None and year not in self.confirmed_years:
                raise UnknownYearError(year, self.region)
            days = self._build_year(year)
            self._years[year] = days
        return days

    def _build_year(self, year: int) -> frozenset[date]:
        hol = holidays.country_holidays(self.country, subdiv=self.subdiv, years=year)
        day = date(year, 1, 1)
        out = set()
        while day.year == year:
            if hol.is_working_day(day):
                out.add(day)
            day += timedelta(days=1)
        if self.country == "CN":
            _cross_check_cn(year, out)
        out -= self.extra_holidays
        out |= {d for d in self.extra_workdays if d.year == year}
        return frozenset(out)

    # -- queries ----------------------------------------------------------
    def is_working_day(self, d: date) -> bool:
        return d in self._working(d.year)

    def add_working_days(self, d: date, n: int) -> date:
        """The Nth working day strictly after `d` (n >= 1); n == 0 returns `d`."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = d
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def next_working_day(self, d: date) -> date:
        """`d` itself when it is a working day, else the first one after it."""
        return d if self.is_working_day(d) else self.add_working_days(d, 1)

    def last_working_day_of_month(self, d: date) -> date | None:
        first = d.replace(day=1)
        day = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        while day >= first:
            if self.is_working_day(day):
                return day
            day -= timedelta(days=1)
        return None

    def last_working_day_of_week(self, d: date) -> date | None:
        """Last working day of d's Monday–Sunday week; None when the week has none."""
        monday = d - timedelta(days=d.weekday())
        for back in range(6, -1, -1):
            day = monday + timedelta(days=back)
            if self.is_working_day(day):
                return day
        return None

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]: so add_working_days(a, n) == b gives n; negative when b < a."""
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        for year in range(a.year, b.year + 1):
            days = self._working(year)
            if a.year < year < b.year:
                count += len(days)
            else:
                count += sum(1 for x in days if a < x <= b)
        return count


def _cross_check_cn(year: int, working: set[date]) -> None:
    """Refuse a year on which holidays and chinesecalendar disagree (one of them is stale)."""
    try:
        import chinese_calendar
    except ImportError:  # optional second opinion
        return
    day = date(year, 1, 1)
    wrong = []
    try:
        while day.year == year:
            if chinese_calendar.is_workday(day) != (day in working):
                wrong.append(day)
            day += timedelta(days=1)
    except NotImplementedError:
        log.info("chinesecalendar has no data for %s; using holidays alone", year)
        return
    if wrong:
        log.error("holidays and chinesecalendar disagree on %s", ", ".join(map(str, wrong[:10])))
        raise UnknownYearError(year, "CN", f"calendar data disagree on {len(wrong)} days")


@lru_cache(maxsize=1)
def default_calendar() -> BusinessCalendar:
    """The shared default (mainland China, day ends 18:00); its year tables are built once."""
    return BusinessCalendar()
