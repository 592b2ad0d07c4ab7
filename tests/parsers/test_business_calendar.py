"""Working days: China's statutory holidays and make-up days, other regions, the unknown-year guard."""

from __future__ import annotations

from datetime import date, time, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.business_calendar import (
    CONFIRMED_YEARS,
    BusinessCalendar,
    UnknownYearError,
    default_calendar,
)


@pytest.fixture(scope="module")
def cn() -> BusinessCalendar:
    return BusinessCalendar()


def test_national_day_2026_ends_on_the_saturday_make_up_day(cn):
    assert cn.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert date(2026, 10, 10).weekday() == 5


def test_spring_festival_2026(cn):
    assert cn.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert cn.is_working_day(date(2026, 2, 14))  # Saturday worked
    assert not cn.is_working_day(date(2026, 2, 16))


def test_sunday_make_up_day_and_holiday_weekday(cn):
    assert cn.is_working_day(date(2026, 9, 20))  # Sunday worked before National Day
    assert not cn.is_working_day(date(2026, 10, 5))  # Monday inside the holiday
    assert not cn.is_working_day(date(2026, 7, 11))  # ordinary Saturday


def test_new_year_crossing_years(cn):
    # 2026-01-01..03 off, Sunday 2026-01-04 worked
    assert cn.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert cn.add_working_days(date(2025, 12, 31), 2) == date(2026, 1, 5)


def test_last_working_days(cn):
    assert cn.last_working_day_of_month(date(2026, 10, 9)) == date(2026, 10, 30)  # 31st is Sat
    assert cn.last_working_day_of_month(date(2026, 2, 3)) == date(2026, 2, 28)  # Sat worked
    assert cn.last_working_day_of_week(date(2026, 2, 13)) == date(2026, 2, 14)
    assert cn.last_working_day_of_week(date(2026, 9, 24)) == date(2026, 9, 24)  # Fri is 中秋


def test_working_days_between_is_the_inverse_of_adding(cn):
    assert cn.working_days_between(date(2026, 2, 13), date(2026, 2, 28)) == 6
    assert cn.working_days_between(date(2026, 2, 28), date(2026, 2, 13)) == -6
    assert cn.working_days_between(date(2026, 7, 8), date(2026, 7, 8)) == 0
    assert cn.working_days_between(date(2025, 12, 1), date(2026, 1, 31)) == (
        cn.working_days_between(date(2025, 12, 1), date(2025, 12, 31))
        + cn.working_days_between(date(2025, 12, 31), date(2026, 1, 31))
    )


def test_unknown_year_is_refused_with_its_number(cn):
    with pytest.raises(UnknownYearError, match="2027") as info:
        cn.add_working_days(date(2026, 12, 30), 3)
    assert info.value.year == 2027
    assert isinstance(info.value, ValueError)
    with pytest.raises(UnknownYearError):
        cn.is_working_day(date(2024, 5, 6))


def test_confirmed_years_can_be_extended_for_a_published_year():
    cal = BusinessCalendar(confirmed_years={2024})
    assert cal.add_working_days(date(2024, 9, 30), 1) == date(2024, 10, 8)
    assert cal.is_working_day(date(2024, 10, 12))  # Saturday make-up day


@pytest.mark.parametrize("year", sorted(CONFIRMED_YEARS["CN"]))
def test_holidays_agrees_with_chinesecalendar_on_every_confirmed_day(cn, year):
    day = date(year, 1, 1)
    while day.year == year:
        assert cn.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_other_regions_have_no_make_up_guard():
    sg = BusinessCalendar("SG")
    assert not sg.is_working_day(date(2027, 1, 1))
    assert sg.is_working_day(date(2027, 1, 4))
    bavaria = BusinessCalendar("DE-BY")
    assert not bavaria.is_working_day(date(2026, 1, 6))  # Epiphany in Bavaria
    assert BusinessCalendar("DE").is_working_day(date(2026, 1, 6))


def test_three_letter_code_keeps_the_guard():
    with pytest.raises(UnknownYearError):
        BusinessCalendar("CHN").is_working_day(date(2027, 10, 9))
    assert BusinessCalendar("CHN").is_working_day(date(2026, 10, 10))


def test_unknown_region_fails_at_construction():
    with pytest.raises(ValueError, match="XX"):
        BusinessCalendar("XX")
    with pytest.raises(ValueError, match="DE-ZZ"):
        BusinessCalendar("DE-ZZ")


def test_company_extra_days():
    cal = BusinessCalendar(extra_holidays=[date(2026, 7, 9)], extra_workdays=["2026-07-11"])
    assert not cal.is_working_day(date(2026, 7, 9))
    assert cal.is_working_day(date(2026, 7, 11))
    assert cal.add_working_days(date(2026, 7, 8), 2) == date(2026, 7, 11)


def test_day_end_is_configurable_and_default_is_shared():
    assert BusinessCalendar(day_end=time(17, 30)).day_end == time(17, 30)
    assert default_calendar() is default_calendar()
    assert default_calendar().day_end == time(18, 0)


@settings(max_examples=200, deadline=None)
@given(start=st.dates(date(2025, 1, 1), date(2026, 11, 30)), n=st.integers(1, 15))
def test_adding_working_days_lands_on_a_working_day(start, n):
    cal = default_calendar()
    end = cal.add_working_days(start, n)
    assert end > start
    assert cal.is_working_day(end)
    assert cal.working_days_between(start, end) == n
