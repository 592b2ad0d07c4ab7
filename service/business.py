"""The business calendar the service reasons with, built from the configuration.

Overdue days, reminders and slot finding all ask `calendar_for(cfg, region)`;
one calendar per (configuration, region) is built and cached, since building
a year's table is the expensive part. Company regions other than the
service's get their own country's holidays, but the company-specific
extra holidays and make-up days of the configuration apply to the service's
own region only (they are that company's days).
"""

from __future__ import annotations

from datetime import time

from parsers.business_calendar import BusinessCalendar
from service.config import Config

_CACHE: dict[tuple, BusinessCalendar] = {}


def _key(cfg: Config, region: str) -> tuple:
    cal = cfg.calendar
    own = region == cal.region.upper()
    return (
        region,
        cal.work_end,
        tuple(cal.extra_holidays) if own else (),
        tuple(cal.extra_workdays) if own else (),
    )


def calendar_for(cfg: Config, region: str | None = None) -> BusinessCalendar:
    """The working-day calendar of `region` (the service's when None or "")."""
    region = (region or cfg.calendar.region).upper()
    key = _key(cfg, region)
    found = _CACHE.get(key)
    if found is None:
        _, _, extra_holidays, extra_workdays = key
        found = BusinessCalendar(
            region=region,
            day_end=time.fromisoformat(cfg.calendar.work_end),
            extra_holidays=extra_holidays,
            extra_workdays=extra_workdays,
        )
        _CACHE[key] = found
    return found


def company_calendar(cfg: Config, company) -> BusinessCalendar:
    """The calendar of a company (store.models.Company or None): its region, else the service's."""
    return calendar_for(cfg, getattr(company, "region", "") or None)
