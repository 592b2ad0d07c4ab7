"""Invitations, updates and cancellations: one mail per person, each with the
iCalendar request (METHOD:REQUEST / CANCEL) so calendar clients show
Accept/Decline, in the person's own language and time zone. Once its end
time has passed, tick marks a scheduled meeting held.

The Outbox key carries the meeting's SEQUENCE: an unchanged meeting is never
invited twice, and every change (time, place, agenda) reaches everyone once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from service import calendar_invite, meetings
from service.config import Config
from service.meetings import Actor, MeetingError
from service.render import render
from service.workflows import meeting_mail, staffing
from service.workflows.registry import tick_rule
from store.db import write_txn
from store.models import InboundMessage, Meeting, Participant, Person

INVITATION = "invitation"
UPDATE = "update"
CANCELLATION = "cancellation"
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
    with write_txn():
        staffing.warn_role_gaps(cfg, meeting, now)
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
            )
            sent += row is not None
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
