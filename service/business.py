"""The business calendar the service reasons with, built from the configuration.

Overdue days, reminders and slot finding all ask `calendar_for(cfg, region)`;
one calendar per (configuration, region) is built and cached, since building
a year's table is the expensive part. Company regions other than the
service's get their own country's holidays, but the company-specific
extra holidays and make-up days of the configuration apply to the service's
own region only (they are that company's days).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from parsers.business_calendar import BusinessCalendar
from service.config import Config

log = logging.getLogger(__name__)

# How far a scheduled mail may be moved to find its reader's working day: longer
# than any holiday stretch with its weekends.
SEARCH_DAYS = 21

_CACHE: dict[tuple, BusinessCalendar] = {}
_WARNED_YEARS: set[tuple[str, int]] = set()


def _key(cfg: Config, region: str) -> tuple:
    cal = cfg.calendar
    own = region == cal.region.upper()
    return (
        region,
        cal.work_end,
        tuple(cal.extra_holidays) if own else (),
        tuple(cal.extra_workdays) if own else (),
        tuple(cal.confirmed_years) if own else (),
    )


def calendar_for(cfg: Config, region: str | None = None) -> BusinessCalendar:
    """The working-day calendar of `region` (the service's when None or "")."""
    region = (region or cfg.calendar.region).upper()
    key = _key(cfg, region)
    found = _CACHE.get(key)
    if found is None:
        _, _, extra_holidays, extra_workdays, confirmed_years = key
        found = BusinessCalendar(
            region=region,
            day_end=time.fromisoformat(cfg.calendar.work_end),
            extra_holidays=extra_holidays,
            extra_workdays=extra_workdays,
            also_confirmed=confirmed_years,
        )
        _CACHE[key] = found
    return found


def company_calendar(cfg: Config, company) -> BusinessCalendar:
    """The calendar of a company (store.models.Company or None): its region, else the service's."""
    return calendar_for(cfg, getattr(company, "region", "") or None)


def person_zone(cfg: Config, person: Any) -> ZoneInfo:
    """The person's own time zone (the service's when they have none)."""
    return ZoneInfo((getattr(person, "timezone", "") or "") or cfg.calendar.timezone)


def person_calendar(cfg: Config, person: Any) -> BusinessCalendar:
    """The working days of the person's company (the service's when unknown or
    when the holidays package lacks that company's region)."""
    try:
        return company_calendar(cfg, getattr(person, "company", None))
    except (NotImplementedError, KeyError, ValueError) as e:
        log.warning("calendar of %s: %s; using the service's", getattr(person, "email", "?"), e)
        return calendar_for(cfg)


def working_day_now(cfg: Config, person: Any, now: datetime) -> date | None:
    """The rule every reminder obeys: the recipient's local date when `now` is in
    the configured work hours on a working day of their company's calendar, in
    their own time zone; None otherwise (the reminder waits for the next tick
    that is). None too when the calendar does not know the year: never guessed.
    `person` is a store.models.Person, or None for the service's own calendar."""

    local = now.astimezone(person_zone(cfg, person))
    start, end = cfg.work_hours()
    if not start <= local.time() < end:
        return None
    working = is_working_day_of(cfg, person, local.date())
    return local.date() if working else None


def is_working_day_of(cfg: Config, person: Any, day: date) -> bool | None:
    """None when the calendar does not know the year (logged once per region and year)."""
    from parsers.business_calendar import UnknownYearError

    try:
        return person_calendar(cfg, person).is_working_day(day)
    except UnknownYearError as e:
        if (e.region, e.year) not in _WARNED_YEARS:  # once per process, not per reminder
            _WARNED_YEARS.add((e.region, e.year))
            log.warning("business calendar %s: %s; reminders wait", e.region, e)
        return None


def next_working_moment(cfg: Config, person: Any, at: datetime) -> datetime | None:
    """The first instant at or after `at` in the person's work hours on a working
    day of their calendar: where a scheduled mail due at `at` lands for them.
    None when the calendar does not know a year on the way, or no working day
    comes within SEARCH_DAYS."""
    zone = person_zone(cfg, person)
    start, end = cfg.work_hours()
    local = at.astimezone(zone)
    for offset in range(SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        working = is_working_day_of(cfg, person, day)
        if working is None:
            return None
        if not working:
            continue
        opens = datetime.combine(day, start, tzinfo=zone)
        if offset == 0:
            if local >= datetime.combine(day, end, tzinfo=zone):
                continue
            return max(local, opens)
        return opens
    return None


def scheduled_now(
    cfg: Config, person: Any, moment: datetime, now: datetime, until: datetime | timedelta
) -> bool:
    """The rule every scheduled mail obeys (weekly table, owners' lists, Friday
    sync, retrospective, finalisation notice): it reaches `person` at their first
    working moment at or after `moment`, in their working hours, and is dropped
    once its time has passed: `until` is an instant, or the grace after that
    first working moment (a service back from an outage sends nothing stale)."""
    if working_day_now(cfg, person, now) is None:
        return False
    first = next_working_moment(cfg, person, moment)
    if first is None or now < first:
        return False
    end = first + until if isinstance(until, timedelta) else until
    return now < end
