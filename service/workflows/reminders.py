"""Reminders and escalation, on working days only.

Before the due date (policy: working days before), on the day, and every
working day while overdue, in the guide's words; after N working days
overdue the owner's manager and the host are told. At most one reminder per
task per day (the Outbox key carries the local date), none for submitted,
accepted or cancelled tasks, none outside working hours.
"""

from __future__ import annotations

import logging
from datetime import datetime

from service.config import Config
from service.workflows.registry import tick_rule
from service.workflows.tracking import (
    CHASED_STATES,
    is_working_day,
    notify,
    overdue_days,
    owner_calendar,
    owner_zone,
)
from store.db import write_txn
from store.models import Item
from store.queries import audit

log = logging.getLogger(__name__)


def reminder_kind(item: Item, now: datetime, cfg: Config) -> str | None:
    """Which reminder `item` gets today (the owner's day): before, due, overdue, or none."""
    from parsers.business_calendar import UnknownYearError

    zone = owner_zone(item, cfg)
    today, due_day = now.astimezone(zone).date(), item.due_at.astimezone(zone).date()
    if today < due_day:
        before = cfg.policy.reminder_working_days_before
        try:
            left = owner_calendar(item, cfg).working_days_between(today, due_day)
        except UnknownYearError as e:
            log.warning("no before-reminder for %s: %s", item.ref, e)
            return None
        return "item_before" if before and left == before else None
    if now <= item.due_at:
        return "item_due"
    return "item_overdue"


def owners_working_time(item: Item, now: datetime, cfg: Config) -> str | None:
    """The owner's local date (ISO) when it is their working hours on a working day."""
    local = now.astimezone(owner_zone(item, cfg))
    start, end = cfg.work_hours()
    if not start <= local.time() < end or not is_working_day(
        local.date(), owner_calendar(item, cfg)
    ):
        return None
    return local.date().isoformat()


def due_items() -> list[Item]:
    return list(
        Item.select().where(
            Item.status.in_(CHASED_STATES), Item.due_at.is_null(False), Item.owner.is_null(False)
        )
    )


@tick_rule("item_reminders")
def item_reminders(now: datetime, cfg: Config) -> int:
    sent = 0
    for item in due_items():
        today = owners_working_time(item, now, cfg)
        if today is None:
            continue  # reminders arrive in the owner's working hours, on working days
        kind = reminder_kind(item, now, cfg)
        if kind is None:
            continue
        days = overdue_days(item, now, cfg) if kind == "item_overdue" else 0
        if days is None:
            continue  # the calendar does not know the year: never a wrong count
        with write_txn():
            count = notify(
                cfg,
                key=f"item-reminder:{item.id}:{today}",
                people=[item.owner],
                template=kind,
                item=item,
                now=now,
                extra={"days": days},
            )
            if count:
                audit("item.reminded", at=now, obj=item, detail={"kind": kind, "days": days})
            sent += count
            if kind == "item_overdue" and days and days >= cfg.policy.escalate_after_working_days:
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
