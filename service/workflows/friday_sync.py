"""The Friday sync: a short call on unfinished work only, skipped when nothing is open.

Per meeting series, `friday_sync_notice_hours` before the policy's day and
time, the host and the owners of unfinished items get a calendar request
listing only the unfinished and overdue tasks and open questions. A series
with nothing open gets a one-line note to the host instead. Once per series
per week (the Outbox key carries the date).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from icalendar import Calendar, Event, vCalAddress, vText

from service.business import person_zone
from service.calendar_invite import vtimezone
from service.chat import summaries as chat_summaries
from service.config import Config
from service.mail import CalendarPart, queue_mail
from service.workflows.registry import tick_rule
from service.workflows.tracking import (
    OPEN_STATES,
    already_queued,
    last_weekly_moment,
    reader_zone,
    zone_label,
)
from store.db import write_txn
from store.models import Item, Meeting, Outbox, Person
from store.queries import audit

PRODID = "-//meetloop//friday sync//EN"
# The invitation goes out with SEQUENCE 0; its cancellation supersedes it.
SYNC_CANCEL_SEQUENCE = 1
# a series with no item touched for this long is over: no more skip notes
QUIET_AFTER_DAYS = 30


def next_sync(now: datetime, cfg: Config) -> datetime:
    """The coming sync (policy day and time, local) at or after `now`."""
    last = last_weekly_moment(now, cfg, "friday_sync_day", "friday_sync_time")
    return last if last >= now else last + timedelta(days=7)


def sync_key(series: str, day: str, person: Person) -> str:
    return f"sync:{series}:{day}:{person.id}"


def series_key(meeting: Meeting) -> str:
    return meeting.series or meeting.ref


def series_meetings(now: datetime) -> dict[str, list[Meeting]]:
    """Series with items that are open or were touched lately."""
    since = now - timedelta(days=QUIET_AFTER_DAYS)
    ids = {
        row.meeting_id
        for row in Item.select(Item.meeting).where(
            Item.owner.is_null(False),
            (Item.status.in_(OPEN_STATES)) | (Item.updated_at >= since),
        )
    }
    out: dict[str, list[Meeting]] = {}
    if not ids:
        return out
    for meeting in Meeting.select().where(Meeting.id.in_(ids)).order_by(Meeting.start_at):
        out.setdefault(series_key(meeting), []).append(meeting)
    return out


def sync_uid(cfg: Config, series: str, start: datetime) -> str:
    """The sync's UID: stable per series and date, so an update or a cancel
    reaches the entry people already have."""
    digest = hashlib.sha256(f"{series}:{start.date()}".encode()).hexdigest()[:20]
    return f"sync-{digest}@{cfg.domain}"


def build_ics(
    cfg: Config,
    series: str,
    start: datetime,
    minutes: int,
    people: list[Person],
    now: datetime,
    description: str,
    *,
    ref: str = "",
    method: str = "REQUEST",
    sequence: int = 0,
) -> bytes:
    """METHOD:REQUEST (or CANCEL) for the sync, with the VTIMEZONE of the zone
    its times are written in; SUMMARY carries the meeting's [M-…] tag, so a
    calendar client's answer ("Accepted: …") is routed, not lost."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    zone = getattr(start.tzinfo, "key", None)
    if zone:
        cal.add_component(vtimezone(zone))
    event = Event()
    event.add("uid", sync_uid(cfg, series, start))
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("sequence", sequence)
    tag = f"[{ref}] " if ref else ""
    event.add("summary", vText(f"{tag}{series} 周五同步会 / Friday sync"))
    event.add("description", vText(description))
    if method == "CANCEL":
        event.add("status", "CANCELLED")
    organizer = vCalAddress(f"mailto:{cfg.service.address}")
    organizer.params["cn"] = vText(cfg.service.name)
    event.add("organizer", organizer)
    for person in people:
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(person.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE" if method == "CANCEL" else "TRUE")
        event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return cal.to_ical()


def cancel_sync(
    cfg: Config, series: str, start: datetime, meeting: Meeting, now: datetime, reason: str = ""
) -> int:
    """The sync of `start` will not take place (nothing open any more, or skipped
    or moved by the schedule): everyone who got its invitation gets METHOD:CANCEL
    for the same UID, once; mails queued."""
    day = start.date().isoformat()
    invited = [
        row.person
        for row in Outbox.select(Outbox.person).where(
            (Outbox.kind == "sync_invite")
            & Outbox.key.startswith(f"sync:{series}:{day}:")
            & Outbox.person.is_null(False)
        )
    ]
    if not invited:
        return 0
    minutes = cfg.policy.friday_sync_minutes
    ics = build_ics(
        cfg,
        series,
        start,
        minutes,
        invited,
        now,
        reason,
        ref=meeting.ref,
        method="CANCEL",
        sequence=SYNC_CANCEL_SEQUENCE,
    )
    ctx = {
        "series": series,
        "series_title": meeting.title,
        "start": start,
        "tz": meeting.timezone or cfg.calendar.timezone,
        "reason": reason,
    }
    sent = 0
    for person in invited:
        sent += (
            queue_mail(
                cfg,
                key=f"sync-cancel:{series}:{day}:{person.id}",
                to=person,
                template="sync_cancelled",
                context=ctx,
                now=now,
                meeting=meeting,
                calendar=CalendarPart(ics, "CANCEL"),
            )
            is not None
        )
    return sent


def holiday_skipped(cfg: Config, host: Person, start: datetime) -> datetime | None:
    """Last week's sync, when it fell on the host's holiday and so did not take place."""
    from service.business import is_working_day_of

    last = start - timedelta(days=7)
    working = is_working_day_of(cfg, host, last.astimezone(person_zone(cfg, host)).date())
    return last if working is False else None


@tick_rule("friday_sync")
def friday_sync(now: datetime, cfg: Config) -> int:
    from service import tracking_table
    from service.business import is_working_day_of, scheduled_now
    from service.workflows import task_lists

    start = next_sync(now, cfg)
    notice = start - timedelta(hours=cfg.policy.friday_sync_notice_hours)
    if now < notice:
        return 0
    minutes = cfg.policy.friday_sync_minutes
    day = start.date().isoformat()
    sent = 0
    done = {  # one query: the rule runs every minute of the notice window
        row.key
        for row in Outbox.select(Outbox.key).where(
            Outbox.kind.in_(("sync_invite", "sync_skipped")),
            Outbox.created_at >= start - timedelta(days=7),
        )
    }
    for series, meetings in series_meetings(now).items():
        latest = meetings[-1]
        host = latest.host
        if host is None or f"sync-skipped:{series}:{day}" in done:
            continue
        if not is_working_day_of(cfg, host, start.astimezone(person_zone(cfg, host)).date()):
            continue  # no sync on the host's holiday: the next invitation says so
        items = list(
            Item.select()
            .where(
                Item.meeting.in_(meetings), Item.status.in_(OPEN_STATES), Item.owner.is_null(False)
            )
            .order_by(Item.due_at.asc(nulls="last"), Item.id)
        )
        if sync_key(series, day, host) in done and not items:
            # all was done before the call: the calendar entries are cancelled
            # (others may still be waiting for their working hours otherwise)
            with write_txn():
                sent += cancel_sync(cfg, series, start, latest, now)
            continue
        # numbered as listed: the tasks, then the open questions
        items.sort(key=lambda i: i.kind == "question")
        ctx = {
            "series": series,
            "series_title": latest.title,
            "start": start,
            "tz": latest.timezone or cfg.calendar.timezone,
            "minutes": minutes,
            "link": latest.link,
            "holiday_skipped": holiday_skipped(cfg, host, start),
        }
        with write_txn():
            if not items:
                if not scheduled_now(cfg, host, notice, now, start):
                    continue
                if queue_mail(
                    cfg,
                    key=f"sync-skipped:{series}:{day}",
                    to=host,
                    template="sync_skipped",
                    context=ctx,
                    now=now,
                    meeting=latest,
                ):
                    audit("sync.skipped", at=now, obj=latest, detail={"series": series, "day": day})
                    sent += 1
                continue
            people = {host.id: host}
            for item in items:
                people.setdefault(item.owner_id, item.owner)
            waiting = [
                p
                for p in people.values()
                if not already_queued(sync_key(series, day, p))
                and scheduled_now(cfg, p, notice, now, start)
            ]
            if not waiting:
                continue  # the rule runs every minute of the notice window
            description = "\n".join(f"{i.ref} {i.title or i.text}" for i in items)
            ics = build_ics(
                cfg,
                series,
                start,
                minutes,
                list(people.values()),
                now,
                description,
                ref=latest.ref,
            )
            # the record of what was listed: replies are read against it
            listed = task_lists.record_list(
                "sync.invited", items, now, obj=latest, detail={"series": series, "day": day}
            )
            invited = 0
            for person in waiting:
                zone = reader_zone(person, cfg)
                rows = tracking_table.rows(items, now, cfg, person.language, zone)
                tasks = [r for r, i in zip(rows, items, strict=True) if i.kind != "question"]
                questions = [r for r, i in zip(rows, items, strict=True) if i.kind == "question"]
                if queue_mail(
                    cfg,
                    key=sync_key(series, day, person),
                    to=person,
                    template="sync_invite",
                    context={
                        **ctx,
                        "rows": tasks,
                        "questions": questions,
                        "zone_label": zone_label(zone, person.language),
                    },
                    now=now,
                    meeting=latest,
                    calendar=CalendarPart(ics, "REQUEST"),
                    thread=task_lists.list_thread(listed),
                ):
                    invited += 1
            if invited:
                key = f"sync:{series}:{day}"
                chat_summaries.friday_sync(cfg, latest, key, ctx, items, now)
            sent += invited
    return sent
