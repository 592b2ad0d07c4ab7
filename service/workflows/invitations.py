"""Invitations, updates and cancellations: one mail per person, each with the
iCalendar request (METHOD:REQUEST / CANCEL) so calendar clients show
Accept/Decline, in the person's own language and time zone. Once its end
time has passed, tick marks a scheduled meeting held.

The Outbox key carries the meeting's SEQUENCE: an unchanged meeting is never
invited twice, and every change (time, place, agenda) reaches everyone once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from service import calendar_invite, meetings
from service.chat import summaries as chat_summaries
from service.config import Config
from service.meetings import Actor, MeetingError
from service.render import render
from service.workflows import meeting_mail, staffing
from service.workflows.registry import tick_rule
from store.db import write_txn
from store.models import AgendaItem, AuditLog, InboundMessage, Meeting, Participant, Person

INVITATION = "invitation"
UPDATE = "update"
CANCELLATION = "cancellation"
# The audit entry that keeps what the last invitation or update told people.
PLAN_SENT = "meeting.plan_sent"
REMOVED = "attendee_removed"


def invitation_key(meeting: Meeting, person: Person, kind: str = INVITATION) -> str:
    return f"{kind}:{meeting.id}:{meeting.ical_sequence}:{person.id}"


def invitation_sequence(key: str) -> int:
    """The SEQUENCE an `invitation_key` was made with."""
    return int(key.split(":")[2])


def _listed(meeting: Meeting, person: Person) -> list[Participant]:
    """Attendees named in `person`'s calendar object: those taking part (they are
    on the same invitation anyway), plus the recipient when cc-only."""
    rows = meetings.participants(meeting, meetings.TAKING_PART)
    if all(p.person_id != person.id for p in rows):
        rows += [p for p in meetings.participants(meeting) if p.person_id == person.id]
    return rows


def _description(cfg: Config, person: Person, context: dict[str, Any]) -> str:
    """The calendar entry's text: the mail's text body in the person's language."""
    ctx = {"recipient": person, "service": cfg.service, "lang": person.language, **context}
    return render("calendar_description", person.language, ctx).text


def plan_of(meeting: Meeting) -> dict[str, Any]:
    """What an invitation tells people: time, format, place, link and agenda
    (JSON-safe, for the record of what was last sent)."""
    items = AgendaItem.select().where(AgendaItem.meeting == meeting).order_by(AgendaItem.position)
    return {
        "start": meeting.start_at.astimezone(UTC).isoformat() if meeting.start_at else None,
        "format": meeting.format,
        "room": meeting.room,
        "link": meeting.link,
        "agenda": [[i.topic, i.start_offset_minutes, i.duration_minutes] for i in items],
    }


def last_plan(meeting: Meeting) -> dict[str, Any] | None:
    """The plan the last invitation or update carried, or None."""
    row = (
        AuditLog.select(AuditLog.detail)
        .where(
            (AuditLog.action == PLAN_SENT)
            & (AuditLog.object_kind == "meeting")
            & (AuditLog.object_id == meeting.id)
        )
        .order_by(AuditLog.id.desc())
        .first()
    )
    return row.detail if row else None


def plan_changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed between two plans, as the update mail lists it (times as
    datetimes: each recipient reads them in their own zone)."""
    if old is None:
        return []
    changes: list[dict[str, Any]] = []
    if old["start"] != new["start"] and old["start"] and new["start"]:
        changes.append(
            {
                "what": "time",
                "old": datetime.fromisoformat(old["start"]),
                "new": datetime.fromisoformat(new["start"]),
            }
        )
    for what in ("format", "room", "link"):
        if old.get(what) != new.get(what):
            changes.append({"what": what, "old": old.get(what) or "", "new": new.get(what) or ""})
    before = {a[0]: a[1:] for a in old.get("agenda", [])}
    after = {a[0]: a[1:] for a in new.get("agenda", [])}
    added = [t for t in after if t not in before]
    removed = [t for t in before if t not in after]
    moved = [t for t in after if t in before and list(after[t]) != list(before[t])]
    if added or removed or moved:
        changes.append({"what": "agenda", "added": added, "removed": removed, "moved": moved})
    return changes


def send_invitations(
    cfg: Config,
    meeting: Meeting,
    *,
    now: datetime,
    kind: str = INVITATION,
    people: list[Person] | None = None,
) -> int:
    """Queue the invitation (or `update`) to everyone (or `people`); mails queued."""
    if meeting.status != "scheduled" or meeting.start_at is None:
        raise MeetingError(f"{meeting.ref} 尚未确定时间 / has no time yet: schedule it first")
    tz = meetings.meeting_timezone(meeting, cfg)
    sent = 0
    plan, last = plan_of(meeting), last_plan(meeting)
    changes = plan_changes(last, plan) if kind == UPDATE else []
    extra = {"changes": changes, "time_moved": any(c["what"] == "time" for c in changes)}
    with write_txn():
        staffing.warn_role_gaps(cfg, meeting, now)
        if plan != last:
            meetings.record(PLAN_SENT, now=now, actor="system", obj=meeting, detail=plan)
        targets = people or [p.person for p in meetings.participants(meeting)]
        for person in targets:
            context = meeting_mail.context_for(cfg, meeting, person)
            part = calendar_invite.request(
                cfg,
                meeting,
                listed=_listed(meeting, person),
                now=now,
                description=_description(cfg, person, context),
                tz=tz,
            )
            row = meeting_mail.send(
                cfg,
                meeting,
                person,
                key=invitation_key(meeting, person, kind),
                template=kind,
                now=now,
                calendar=part,
                context=context,
                extra=extra,
            )
            sent += row is not None
        if kind == INVITATION and people is None:
            chat_summaries.invitation(cfg, meeting, tz, now)
    return sent


def send_cancellation(cfg: Config, meeting: Meeting, *, now: datetime, reason: str = "") -> int:
    """METHOD:CANCEL to everyone on the meeting."""
    tz = meetings.meeting_timezone(meeting, cfg)
    sent = 0
    with write_txn():
        for p in meetings.participants(meeting):
            if meeting.start_at is not None:
                part = calendar_invite.cancellation(
                    cfg,
                    meeting,
                    listed=_listed(meeting, p.person),
                    now=now,
                    description=reason,
                    tz=tz,
                )
            else:
                part = None
            row = meeting_mail.send(
                cfg,
                meeting,
                p.person,
                key=invitation_key(meeting, p.person, CANCELLATION),
                template=CANCELLATION,
                now=now,
                calendar=part,
                extra={"reason": reason},
            )
            sent += row is not None
    return sent


def welcome(cfg: Config, meeting: Meeting, people: list[Person], *, now: datetime) -> int:
    """People just added: the invitation when the meeting has its time, the open
    poll while it is polling; mails queued."""
    if meeting.status == "scheduled":
        return send_invitations(cfg, meeting, now=now, people=people)
    if meeting.status == "polling":
        from service.workflows import scheduling

        return scheduling.send_open_poll(cfg, meeting, people, now=now)
    return 0


def resend(cfg: Config, meeting: Meeting, person: Person, *, now: datetime, key: str) -> int:
    """The current invitation again, to one person (iTIP REFRESH: their client
    lost or doubts the entry); `key` names the request, so each is answered once."""
    if meeting.status != "scheduled" or meeting.start_at is None:
        return 0
    context = meeting_mail.context_for(cfg, meeting, person)
    part = calendar_invite.request(
        cfg,
        meeting,
        listed=_listed(meeting, person),
        now=now,
        description=_description(cfg, person, context),
        tz=meetings.meeting_timezone(meeting, cfg),
    )
    row = meeting_mail.send(
        cfg,
        meeting,
        person,
        key=key,
        template=INVITATION,
        now=now,
        calendar=part,
        context=context,
    )
    return int(row is not None)


def send_removed(cfg: Config, meeting: Meeting, person: Person, *, now: datetime) -> int:
    """Someone taken off a scheduled meeting: told so, with METHOD:CANCEL for
    their calendar entry (listing only them, RFC 5546 §3.2.5)."""
    if meeting.status != "scheduled" or meeting.start_at is None:
        return 0
    gone = Participant(meeting=meeting, person=person, role="attendee", rsvp="needs-action")
    part = calendar_invite.cancellation(
        cfg,
        meeting,
        listed=[gone],
        now=now,
        description="",
        tz=meetings.meeting_timezone(meeting, cfg),
    )
    row = meeting_mail.send(
        cfg,
        meeting,
        person,
        key=invitation_key(meeting, person, REMOVED),
        template=REMOVED,
        now=now,
        calendar=part,
    )
    return int(row is not None)


def schedule(
    cfg: Config,
    meeting: Meeting,
    start_at: datetime,
    *,
    now: datetime,
    actor: Actor,
    message: InboundMessage | None = None,
    command: str = "",
) -> int:
    """Fix or move the time and tell everyone: an invitation, or an update when
    it moves. Reminders follow, since they are computed from the stored time."""
    with write_txn():
        moved = meetings.set_time(
            meeting, start_at, now=now, actor=actor, message=message, command=command
        )
        return send_invitations(cfg, meeting, now=now, kind=UPDATE if moved else INVITATION)


def cancel(
    cfg: Config,
    meeting: Meeting,
    *,
    now: datetime,
    actor: Actor,
    reason: str = "",
    message: InboundMessage | None = None,
    command: str = "",
) -> int:
    """Cancel the meeting and send the cancellation to everyone."""
    with write_txn():
        meetings.cancel(
            meeting, now=now, actor=actor, reason=reason, message=message, command=command
        )
        return send_cancellation(cfg, meeting, now=now, reason=reason)


def send_update(cfg: Config, meeting: Meeting, *, now: datetime) -> int:
    """After a change of place or agenda on a scheduled meeting: SEQUENCE + 1, update to all."""
    if meeting.status != "scheduled":
        return 0
    with write_txn():
        meetings.bump_sequence(meeting, now=now)
        return send_invitations(cfg, meeting, now=now, kind=UPDATE)


@tick_rule("meeting.held")
def held_rule(now: datetime, cfg: Config) -> int:
    """A scheduled meeting whose end time has passed is held (audited once); the
    rules after the meeting (minutes due, retrospective) and `meeting list` see it.
    No mail: it counts 0."""
    over = Meeting.select().where(
        (Meeting.status == "scheduled") & Meeting.end_at.is_null(False) & (Meeting.end_at <= now)
    )
    for meeting in over:
        meetings.mark_held(meeting, now=now)
    return 0
