"""An attendee's "propose new time" (iTIP COUNTER, RFC 5546 §3.2.7): nothing
moves by itself. The host gets the proposal in their zone and language and
answers by reply: "接受" / "accept" moves the meeting (everyone gets the update),
"不接受" / "decline" keeps it and the proposer's client gets DECLINECOUNTER.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from parsers.calendar_reply import CalendarReply
from service import calendar_invite, meetings
from service.entitlement import note_intent
from service.workflows import invitations, meeting_mail
from service.workflows.registry import Incoming
from store.models import AuditLog, Meeting, Outbox, Person
from store.queries import audit, person_by_address

PROPOSAL = "counter_proposal"
DECLINED = "counter_declined"
ACTION = "meeting.counter"
# The host's answer to a proposal, first line; a refusal is tried first ("不接受" holds "接受").
DECLINE_ANSWER = re.compile(
    r"^\s*(不接受|不同意|不行|不可以|拒绝|维持原|保持原|decline|reject|no\b|keep)", re.IGNORECASE
)
ACCEPT_ANSWER = re.compile(
    r"^\s*(接受|同意|可以|好的?|行|没问题|accept|agreed?|ok|yes|fine)", re.IGNORECASE
)


def propose(incoming: Incoming, meeting: Meeting, person: Person, reply: CalendarReply) -> None:
    """Record the proposal and ask the host; a COUNTER without a usable time,
    or for a meeting that is not scheduled, changes nothing."""
    note_intent(incoming, "calendar_counter")
    start = reply.start
    if start is None or meeting.status != "scheduled" or meeting.start_at is None:
        return
    if start.tzinfo is None:
        start = start.replace(tzinfo=ZoneInfo(meetings.meeting_timezone(meeting, incoming.config)))
    end = reply.end if reply.end is not None and reply.end > start else None
    row = audit(
        ACTION,
        at=incoming.now,
        actor=person,
        obj=meeting,
        detail={
            "person": person.email,
            "start": start.astimezone(meeting.start_at.tzinfo).isoformat(),
            "end": end.isoformat() if end else None,
            "comment": reply.comment,
            "sequence": reply.sequence,
        },
        message=incoming.message,
    )
    host = meetings.host_of(meeting)
    if host is None:
        return
    meeting_mail.send(
        incoming.config,
        meeting,
        host,
        key=f"counter:{meeting.id}:{row.id}",
        template=PROPOSAL,
        now=incoming.now,
        extra={"who": person, "proposed": start, "comment": reply.comment},
    )


def _proposal_of(answered: Outbox) -> AuditLog | None:
    audit_id = answered.key.rpartition(":")[2]
    return AuditLog.get_or_none(AuditLog.id == int(audit_id)) if audit_id.isdigit() else None


def answer(incoming: Incoming, meeting: Meeting, answered: Outbox, line: str) -> bool:
    """The host's reply to a proposal mail; False when it is neither yes nor no
    (then it is read as any other host reply)."""
    proposal = _proposal_of(answered)
    if proposal is None:
        return False
    cfg, now, host = incoming.config, incoming.now, incoming.sender
    proposer = person_by_address(proposal.detail["person"])
    if DECLINE_ANSWER.match(line):
        _decline(incoming, meeting, proposer)
        note_intent(incoming, "counter_declined")
        return True
    if ACCEPT_ANSWER.match(line):
        start = datetime.fromisoformat(proposal.detail["start"])
        invitations.schedule(cfg, meeting, start, now=now, actor=host, message=incoming.message)
        note_intent(incoming, "counter_accepted")
        return True
    return False


def _decline(incoming: Incoming, meeting: Meeting, proposer: Person | None) -> None:
    part = meetings.participant_of(meeting, proposer)
    if proposer is None or part is None or meeting.start_at is None:
        return
    cfg = incoming.config
    calendar = calendar_invite.decline_counter(
        cfg,
        meeting,
        listed=[part],
        now=incoming.now,
        description="",
        tz=meetings.meeting_timezone(meeting, cfg),
    )
    meeting_mail.send(
        cfg,
        meeting,
        proposer,
        key=f"{DECLINED}:{incoming.message.id}",
        template=DECLINED,
        now=incoming.now,
        calendar=calendar,
    )
