import logging
from datetime import UTC, date, datetime

import pytest

from parsers.business_calendar import UnknownYearError
from service import business
from service.business import calendar_for, company_calendar, working_day_now
from tests.conftest import make_config


def test_calendar_from_config_is_cached_and_uses_extra_days(tmp_path):
    cfg = make_config(
        tmp_path, calendar={"extra_holidays": ["2026-11-23"], "extra_workdays": ["2026-11-29"]}
    )
    cn = calendar_for(cfg)
    assert cn is calendar_for(cfg, "cn")
    assert not cn.is_working_day(date(2026, 11, 23))
    assert cn.is_working_day(date(2026, 11, 29))
    assert cn.is_working_day(date(2026, 10, 10))  # 国庆 make-up Saturday
    de = calendar_for(cfg, "DE")
    assert de.is_working_day(date(2026, 11, 23))  # company days stay the service's own
    assert not de.is_working_day(date(2026, 10, 3))  # Tag der Deutschen Einheit (Sat anyway)
    assert not de.is_working_day(date(2026, 12, 25))


def test_company_without_region_gets_the_services(tmp_path):
    cfg = make_config(tmp_path)
    assert company_calendar(cfg, None) is calendar_for(cfg)


def test_an_admin_confirms_a_year_by_entering_its_schedule(tmp_path):
    """Until the data packages know a year, the admin can: its holidays and make-up
    days in the config, the year in calendar.confirmed_years."""
    unknown = calendar_for(make_config(tmp_path))
    with pytest.raises(UnknownYearError, match="2027"):
        unknown.is_working_day(date(2027, 1, 4))
    cfg = make_config(
        tmp_path,
        calendar={
            "extra_holidays": ["2027-02-11"],
            "extra_workdays": ["2027-02-20"],
            "confirmed_years": [2027],
        },
    )
    cn = calendar_for(cfg)
    assert cn.is_working_day(date(2027, 1, 4))
    assert not cn.is_working_day(date(2027, 2, 11))  # entered holiday
    assert cn.is_working_day(date(2027, 2, 20))  # entered make-up Saturday
    with pytest.raises(UnknownYearError, match="2028"):
        cn.is_working_day(date(2028, 1, 4))
    assert calendar_for(cfg, "SG").is_working_day(date(2027, 1, 4))  # rule-based region


def test_reminders_wait_in_an_unknown_year_and_say_so_once(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(business, "_WARNED_YEARS", set())  # as in a new process
    cfg = make_config(tmp_path)
    morning = datetime(2027, 1, 5, 2, 0, tzinfo=UTC)  # Tue 10:00 in Shanghai
    with caplog.at_level(logging.WARNING, logger="service.business"):
        assert working_day_now(cfg, None, morning) is None
        assert working_day_now(cfg, None, morning) is None
    assert [r.getMessage() for r in caplog.records if "2027" in r.getMessage()] == [
        "business calendar CN: working days of 2027 are not known; reminders wait"
    ]
    assert working_day_now(cfg, None, datetime(2026, 12, 8, 2, 0, tzinfo=UTC)) == date(2026, 12, 8)
