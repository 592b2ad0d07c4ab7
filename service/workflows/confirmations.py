"""Formal minutes and their confirmation.

The confirmed draft goes to every attendee (and each company's management
addresses) asking to confirm receipt and to object within the objection
window. Each person's acknowledgement or objection is kept; non-confirmers
are reminded once; an objection goes to the host and the recorder, whose
correction comes back to them as a draft and, once confirmed, is sent as the
next published version with what changed. An objection after the window is
answered (the window closed on …) and passed to the host; it holds nothing
open. When the window closes with no open objection the minutes become final
and everyone is told. Sending a version also creates (or updates) the tracked
items, so the task table always matches the minutes people received.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from service.chat import summaries as chat_summaries
from service.config import Config
from service.mail import Attachment, Thread, queue_mail
from service.workflows.management_cc import formal_readers
from service.workflows.minutes import (
    THREAD_DRAFT,
    THREAD_MINUTES,
    attendance_of,
    by_company,
    last_published,
    load_changes,
    may_file,
    meeting_tz,
    participant_rows,
    published_number,
    store_changes,
    version_changes,
)
from service.workflows.registry import Incoming, handles, tick_rule
from service.workflows.tracking import already_queued, record, set_status
from store.db import write_txn
from store.models import (
    AgendaItem,
    InboundMessage,
    Item,
    MinutesAck,
    MinutesVersion,
    Person,
    StoredFile,
)
from store.queries import audit, next_ref

# an objection received after the window: kept and told, but holding nothing open
LATE = "late_objection"


# -- items from the minutes ----------------------------------------------------------
def tracked(entry: dict[str, Any]) -> bool:
    """Every task, and every decision or question with an owner, is tracked."""
    return entry.get("owner_id") is not None and (
        entry["kind"] == "task" or bool(entry.get("owner_text"))
    )


def sync_items(version: MinutesVersion, now: datetime, actor: Person | None) -> list[dict]:
    """Create, update or cancel the meeting's items to match `version`."""
    meeting = version.meeting
    live = list(Item.select().where(Item.meeting == meeting, Item.status != "cancelled"))
    existing = {(i.kind, i.text): i for i in live}
    by_ref = {i.ref: i for i in live}
    kept: set[int] = set()
    entries = []
    for entry in version.items:
        entry = dict(entry)
        carried = by_ref.get(entry.pop("ref", None))  # a reference kept from the last version
        if tracked(entry):
            due = datetime.fromisoformat(entry["due"]) if entry.get("due") else None
            item = carried or existing.get((entry["kind"], entry["text"]))
            if item is None:
                item = Item.create(
                    ref=next_ref("item"),
                    meeting=meeting,
                    minutes=version,
                    kind=entry["kind"],
                    text=entry["text"],
                    title=entry["title"],
                    owner=entry["owner_id"],
                    owner_text=entry["owner_text"],
                    requester=entry.get("requester_id"),
                    raised_by=entry.get("raised_by_id"),
                    due_at=due,
                    due_text=entry.get("due_error") or "",
                    status="open",
                    created_at=now,
                    updated_at=now,
                )
                record(item, "created", now=now, by=actor, text=item.text, new_due=due)
            elif (item.owner_id, item.due_at, item.kind, item.text) != (
                entry["owner_id"],
                due,
                entry["kind"],
                entry["text"],
            ):
                old_due = item.due_at
                item.owner = entry["owner_id"]
                item.owner_text = entry["owner_text"]
                item.kind, item.text, item.title = entry["kind"], entry["text"], entry["title"]
                item.due_at = due
                item.minutes = version
                item.updated_at = now
                item.save()
                record(
                    item,
                    "minutes",
                    now=now,
                    by=actor,
                    text=f"v{version.version}",
                    new_due=due,
                    old_due=old_due,
                    old_status=item.status,
                )
            kept.add(item.id)
            entry["ref"] = item.ref
        entries.append(entry)
    for item in live:
        if item.id not in kept and item.status != "cancelled":
            old = set_status(item, "cancelled", now)
            item.save()
            record(item, "cancelled", now=now, by=actor, text=f"v{version.version}", old_status=old)
    return entries


# -- sending ---------------------------------------------------------------------------
def formal_context(cfg: Config, version: MinutesVersion) -> dict[str, Any]:
    meeting = version.meeting
    items = [
        {**i, "due_at": datetime.fromisoformat(i["due"]) if i.get("due") else None}
        for i in version.items
    ]
    return {
        "meeting": meeting,
        "minutes": version,
        "number": published_number(version),
        "changes": load_changes(version),
        "tz": meeting_tz(meeting, cfg),
        "by_company": by_company(attendance_of(meeting, version.attendance)),
        "agenda": list(meeting.agenda.order_by(AgendaItem.position)),
        "decisions": [i for i in items if i["kind"] == "decision"],
        "tasks": [i for i in items if i["kind"] == "task"],
        "questions": [i for i in items if i["kind"] == "question"],
        "files": list(
            StoredFile.select().where(
                StoredFile.meeting == meeting, StoredFile.purpose == "minutes"
            )
        ),
        "window_hours": cfg.policy.objection_window_hours,
    }


def send_formal(
    cfg: Config,
    version: MinutesVersion,
    now: datetime,
    actor: Person | None,
    message: InboundMessage | None = None,
) -> int:
    """Send `version` as the formal minutes; earlier versions are superseded."""
    meeting = version.meeting
    previous = last_published(meeting, before=version)
    version.changes = (
        store_changes(version_changes(previous, version.items, version.attendance))
        if previous
        else ""
    )
    for old in MinutesVersion.select().where(
        MinutesVersion.meeting == meeting,
        MinutesVersion.id != version.id,
        MinutesVersion.status.in_(("draft", "sent", "final")),
    ):
        old.status = "superseded"
        old.save()
        MinutesAck.update(resolved=True).where(
            MinutesAck.minutes == old, MinutesAck.kind == "objection"
        ).execute()
    version.items = sync_items(version, now, actor)
    version.status = "sent"
    version.sent_at = now
    version.window_ends_at = now + timedelta(hours=cfg.policy.objection_window_hours)
    version.save()
    audit(
        "minutes.sent",
        at=now,
        actor=actor,
        obj=version,
        detail={
            "meeting": meeting.ref,
            "version": version.version,
            "number": published_number(version),
        },
        message=message,
    )
    ctx = formal_context(cfg, version)
    files = ctx["files"]
    attachments = [Attachment(f.filename, f.content_type, f.data) for f in files]
    sent = 0
    for to, cc in formal_readers(meeting, cfg.service.language):
        address = to.email if isinstance(to, Person) else to.address
        if queue_mail(
            cfg,
            key=f"minutes-formal:{version.id}:{address}",
            to=to,
            template="minutes_formal",
            context=ctx,
            now=now,
            thread=Thread(THREAD_MINUTES, version.id),
            cc=cc,
            meeting=meeting,
            attachments=attachments,
        ):
            sent += 1
    chat_summaries.minutes_formal(cfg, version, ctx, now)
    return sent


# -- replies ---------------------------------------------------------------------------
def _participant(version: MinutesVersion, person: Person | None) -> bool:
    return person is not None and any(
        row.person_id == person.id for row in participant_rows(version.meeting)
    )


def record_ack(version: MinutesVersion, person: Person, kind: str, text: str, now, message=None):
    """One row per person and version: the latest word counts."""
    row = MinutesAck.get_or_none(minutes=version, person=person)
    if row is None:
        row = MinutesAck.create(
            minutes=version, person=person, kind=kind, text=text, message=message, created_at=now
        )
    else:
        row.kind, row.text, row.message, row.created_at = kind, text, message, now
        row.resolved = False
        row.save()
    audit(
        f"minutes.{kind}",
        at=now,
        actor=person,
        obj=version,
        detail={"meeting": version.meeting.ref, "version": version.version, "text": text[:500]},
        message=message,
    )
    return row


@handles(THREAD_MINUTES)
def on_minutes_reply(inc: Incoming) -> None:
    """Receipt confirmed, an objection, or (from the recorder/host) a new version."""
    from service.workflows import minutes, minutes_edits, questions

    version = MinutesVersion.get_or_none(MinutesVersion.id == inc.thread_id)
    if version is None:
        return
    person = inc.sender
    reading = inc.reading("minutes")
    if reading.intent in ("auto_reply", "bounce"):
        return
    if may_file(version.meeting, person) and minutes_edits.corrections(inc, reading.body):
        minutes.on_draft_reply(inc)
        return
    if may_file(version.meeting, person) and reading.intent != "ack":
        body_mail = minutes.new_text_only(inc.mail, reading.body)
        if minutes.parse_items(body_mail, version.meeting, inc.config):
            minutes.on_draft_reply(inc)
            return
    with write_txn():
        if not _participant(version, person):
            questions.not_entitled_minutes(inc, version.meeting)
            return
        if reading.intent == "ack":
            record_ack(version, person, "ack", reading.body, inc.now, inc.message)
        elif reading.intent == "objection" and _window_closed(version, inc.now):
            row = record_ack(version, person, LATE, reading.body, inc.now, inc.message)
            _tell_late_objection(inc.config, version, row, inc.now)
        elif reading.intent == "objection":
            row = record_ack(version, person, "objection", reading.body, inc.now, inc.message)
            _tell_objection(inc.config, version, row, inc.now)
        elif reading.intent == "question":
            questions.route_minutes_question(inc, version)
        else:
            questions.ask_back_minutes(inc, version, "formal")


def _window_closed(version: MinutesVersion, now: datetime) -> bool:
    return version.status == "final" or (
        version.window_ends_at is not None and version.window_ends_at <= now
    )


def _tell_late_objection(cfg: Config, version: MinutesVersion, ack: MinutesAck, now) -> None:
    """After the window: the objector learns it closed, the host gets the remark, and
    the minutes still become final on schedule (a late remark holds nothing open)."""
    meeting = version.meeting
    ctx = {
        "meeting": meeting,
        "minutes": version,
        "number": published_number(version),
        "objector": ack.person,
        "text": ack.text,
        "tz": meeting_tz(meeting, cfg),
    }
    stamp = ack.message_id or now.isoformat()
    queue_mail(
        cfg,
        key=f"minutes-late-objection:{ack.id}:{stamp}",
        to=ack.person,
        template="minutes_late_objection",
        context=ctx,
        now=now,
        thread=Thread(THREAD_MINUTES, version.id),
        meeting=meeting,
    )
    host = meeting.host or meeting.recorder
    if host is not None and host.id != ack.person_id:
        queue_mail(
            cfg,
            key=f"minutes-late-remark:{ack.id}:{stamp}:{host.id}",
            to=host,
            template="minutes_late_remark",
            context=ctx,
            now=now,
            thread=Thread(THREAD_DRAFT, version.id),
            meeting=meeting,
        )


def _tell_objection(cfg: Config, version: MinutesVersion, ack: MinutesAck, now) -> None:
    meeting = version.meeting
    for person in {p.id: p for p in (meeting.host, meeting.recorder) if p}.values():
        queue_mail(
            cfg,
            key=f"minutes-objection:{ack.id}:{ack.message_id or now.isoformat()}:{person.id}",
            to=person,
            template="minutes_objection",
            context={
                "meeting": meeting,
                "minutes": version,
                "number": published_number(version),
                "objector": ack.person,
                "text": ack.text,
                "tz": meeting_tz(meeting, cfg),
            },
            now=now,
            thread=Thread(THREAD_DRAFT, version.id),
            meeting=meeting,
        )


# -- time -----------------------------------------------------------------------------
def open_objections(version: MinutesVersion) -> list[MinutesAck]:
    return list(
        MinutesAck.select().where(
            MinutesAck.minutes == version,
            MinutesAck.kind == "objection",
            MinutesAck.resolved == False,  # noqa: E712
        )
    )


# A version sent before a weekend or holiday is still chased on the next working
# morning; older ones are not (a service back from a long outage stays quiet).
ACK_CHASE_DAYS = 7


@tick_rule("minutes_ack_reminder")
def ack_reminders(now: datetime, cfg: Config) -> int:
    """Those who have not confirmed are reminded once, in their working hours on a
    working day: the first such moment `ack_reminder_hours` after sending. A
    version that became final meanwhile is not: its moment has passed."""
    from service.business import working_day_now

    after = timedelta(hours=cfg.policy.ack_reminder_hours)
    sent = 0
    for version in MinutesVersion.select().where(
        MinutesVersion.status == "sent",
        MinutesVersion.sent_at <= now - after,
        MinutesVersion.sent_at >= now - after - timedelta(days=ACK_CHASE_DAYS),
    ):
        answered = {a.person_id for a in version.acks}
        meeting = version.meeting
        for row in participant_rows(meeting):
            if row.person_id in answered or row.person_id == meeting.recorder_id:
                continue
            key = f"minutes-ack-reminder:{version.id}:{row.person_id}"
            if working_day_now(cfg, row.person, now) is None or already_queued(key):
                continue
            with write_txn():
                if queue_mail(
                    cfg,
                    key=key,
                    to=row.person,
                    template="minutes_ack_reminder",
                    context={
                        "meeting": meeting,
                        "minutes": version,
                        "number": published_number(version),
                        "tz": meeting_tz(meeting, cfg),
                        "window_open": version.window_ends_at > now,
                    },
                    now=now,
                    thread=Thread(THREAD_MINUTES, version.id),
                    meeting=meeting,
                ):
                    sent += 1
    return sent


@tick_rule("minutes_final")
def finalize(now: datetime, cfg: Config) -> int:
    """The window closed with no open objection: final, and everyone told."""
    sent = 0
    for version in MinutesVersion.select().where(
        MinutesVersion.status == "sent", MinutesVersion.window_ends_at <= now
    ):
        with write_txn():
            version = MinutesVersion.get_by_id(version.id)
            if version.status != "sent" or open_objections(version):
                continue
            version.status = "final"
            version.finalized_at = now
            version.save()
            audit(
                "minutes.final",
                at=now,
                obj=version,
                detail={"meeting": version.meeting.ref, "version": version.version},
            )
            sent += final_notices(now, cfg, version)
    return sent


@tick_rule("minutes_final_notice")
def final_notices(now: datetime, cfg: Config, version: MinutesVersion | None = None) -> int:
    """Everyone is told the minutes are final, in their working hours on a working
    day (the first such moment after finalisation; dropped after ACK_CHASE_DAYS)."""
    from service.business import scheduled_now

    versions = (
        [version]
        if version is not None
        else MinutesVersion.select().where(
            MinutesVersion.status == "final",
            MinutesVersion.finalized_at >= now - timedelta(days=ACK_CHASE_DAYS),
        )
    )
    sent = 0
    for version in versions:
        meeting = version.meeting
        ctx = {
            "meeting": meeting,
            "minutes": version,
            "number": published_number(version),
            "tz": meeting_tz(meeting, cfg),
            "acks": len([a for a in version.acks if a.kind == "ack"]),
        }
        grace = timedelta(days=ACK_CHASE_DAYS)
        for row in participant_rows(meeting):
            key = f"minutes-final:{version.id}:{row.person_id}"
            if already_queued(key) or not scheduled_now(
                cfg, row.person, version.finalized_at, now, grace
            ):
                continue
            with write_txn():
                if queue_mail(
                    cfg,
                    key=key,
                    to=row.person,
                    template="minutes_final",
                    context=ctx,
                    now=now,
                    thread=Thread(THREAD_MINUTES, version.id),
                    meeting=meeting,
                ):
                    sent += 1
    return sent
