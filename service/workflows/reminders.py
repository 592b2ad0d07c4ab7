"""Reminders and escalation, on working days only.

Before the due date (policy: working days before), on the day, and every
working day while overdue, in the guide's words; after N working days
overdue the owner's manager and the host are told. At most one reminder per
task per day (the Outbox key carries the local date), none for submitted,
accepted or cancelled tasks, none outside working hours.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from peewee import JOIN

from service.config import Config
from service.workflows.registry import tick_rule
from service.workflows.tracking import (
    CHASED_STATES,
    notify,
    overdue_days,
    owner_calendar,
    owner_zone,
)
from store.db import write_txn
from store.models import Company, Item, Outbox, Person
from store.queries import audit

log = logging.getLogger(__name__)

# When a calendar cannot give the before-reminder window: due dates further
# ahead than its working days plus this many calendar days (the longest
# holiday stretch with its weekends) cannot get a reminder today.
LOOKAHEAD_DAYS = 14
RECENT_DAYS = 2  # owners' "today" may differ from the service's by a day
BEFORE, DUE, OVERDUE = "item_before", "item_due", "item_overdue"  # the templates
REMINDER_TEMPLATES = (BEFORE, DUE, OVERDUE)


def reminder_kind(
    item: Item, now: datetime, cfg: Config, windows: dict | None = None
) -> str | None:
    """Which reminder `item` gets today (the owner's day): before, due, overdue, or none."""
    from parsers.business_calendar import UnknownYearError

    zone = owner_zone(item, cfg)
    today, due_day = now.astimezone(zone).date(), item.due_at.astimezone(zone).date()
    if today < due_day:
        before = cfg.policy.reminder_working_days_before
        if not before:
            return None
        calendar = owner_calendar(item, cfg)
        try:
            first, after = before_window(calendar, today, before, windows)
        except UnknownYearError as e:
            log.warning("no before-reminder for %s: %s", item.ref, e)
            return None
        # exactly `before` working days left: due on the Nth working day from
        # today, or on a day off before the next one
        return BEFORE if first <= due_day < after else None
    if now <= item.due_at:
        return DUE
    return OVERDUE


def before_window(calendar, today, before: int, cache: dict | None) -> tuple:
    """The due days that are `before` working days away: [Nth, N+1th working day)."""
    key = (id(calendar), today, before)
    if cache is not None and key in cache:
        return cache[key]
    window = (
        calendar.add_working_days(today, before),
        calendar.add_working_days(today, before + 1),
    )
    if cache is not None:
        cache[key] = window
    return window


def owners_working_time(item: Item, now: datetime, cfg: Config) -> str | None:
    """The owner's local date (ISO) when it is their working hours on a working day."""
    from service.business import working_day_now

    day = working_day_now(cfg, item.owner, now)
    return day.isoformat() if day else None


def horizon(now: datetime, cfg: Config) -> datetime:
    """No item due after this can get a reminder today: the latest end of a
    before-reminder window over every company's calendar, plus a day for time
    zones. Everything due later is skipped in SQL (the rule runs every minute)."""
    from parsers.business_calendar import UnknownYearError
    from service.business import calendar_for

    before = cfg.policy.reminder_working_days_before
    today = now.astimezone(cfg.tz).date()
    fallback = now + timedelta(days=before + LOOKAHEAD_DAYS)
    latest = today
    regions = {c.region or "" for c in Company.select(Company.region).distinct()} | {""}
    for region in regions:
        try:
            latest = max(
                latest, calendar_for(cfg, region or None).add_working_days(today, before + 1)
            )
        except (UnknownYearError, NotImplementedError, KeyError, ValueError):
            return fallback  # a calendar that cannot say: the generous bound
    return min(fallback, datetime.combine(latest + timedelta(days=2), time(), tzinfo=cfg.tz))


def due_items(now: datetime, cfg: Config) -> list[Item]:
    """Items that may get a reminder now: chased, with an owner, due before the
    horizon, owner and company loaded with them."""
    return list(
        Item.select(Item, Person, Company)
        .join(Person, on=(Item.owner == Person.id))
        .join(Company, JOIN.LEFT_OUTER, on=(Person.company == Company.id))
        .where(Item.status.in_(CHASED_STATES), Item.due_at <= horizon(now, cfg))
        .order_by(Item.due_at, Item.id)
    )


def reminder_key(item: Item, day: str) -> str:
    """At most one reminder per task per (owner's) day."""
    return f"item-reminder:{item.id}:{day}"


def recent_keys(now: datetime) -> set[str]:
    """Reminder keys of the last days, in one query: the rule runs every minute."""
    since = now - timedelta(days=RECENT_DAYS)
    return {
        row.key
        for row in Outbox.select(Outbox.key).where(
            Outbox.kind.in_(REMINDER_TEMPLATES), Outbox.created_at >= since
        )
    }


@tick_rule("item_reminders")
def item_reminders(now: datetime, cfg: Config) -> int:
    sent = 0
    done = recent_keys(now)
    windows: dict = {}  # before-reminder windows per (calendar, day): computed once
    for item in due_items(now, cfg):
        today = owners_working_time(item, now, cfg)
        if today is None:
            continue  # reminders arrive in the owner's working hours, on working days
        if f"{reminder_key(item, today)}:{item.owner_id}" in done:
            continue
        kind = reminder_kind(item, now, cfg, windows)
        if kind is None:
            continue
        days = overdue_days(item, now, cfg) if kind == OVERDUE else 0
        if days is None:
            continue  # the calendar does not know the year: never a wrong count
        with write_txn():
            count = notify(
                cfg,
                key=reminder_key(item, today),
                people=[item.owner],
                template=kind,
                item=item,
                now=now,
                extra={"days": days},
            )
            if count:
                audit("item.reminded", at=now, obj=item, detail={"kind": kind, "days": days})
            sent += count
            if kind == OVERDUE and days and days >= cfg.policy.escalate_after_working_days:
                sent += escalate(item, now, cfg, days)
    return sent


def escalate(item: Item, now: datetime, cfg: Config, days: int) -> int:
    """Once per due date: the owner's manager and the host."""
    people = [p for p in (item.owner.manager, item.meeting.host) if p is not None]
    count = notify(
        cfg,
        key=f"item-escalation:{item.id}:{item.due_at.isoformat()}",
        people=people,
        template="item_escalation",
        item=item,
        now=now,
        extra={"days": days},
    )
    if count:
        audit(
            "item.escalated",
            at=now,
            obj=item,
            detail={"days": days, "to": [p.email for p in people]},
        )
    return count
