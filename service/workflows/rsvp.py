"""Replies to a meeting's mails (invitation, agenda, digest) and the T − 1 digest.

Attendees answer in words ("参加", "不参加，请林峰代我参加", "希望加一个议题：…")
or with their calendar's Accept/Decline (an iTIP REPLY, decided by PARTSTAT).
A delegate is recorded and the host is asked; the host's "同意" invites them.
The host can also reply "改期到 2026-10-12 15:00" or "取消会议". Anyone else
changes nothing and is told who can act.

An answer to an invitation whose time has since moved (an iTIP REPLY with an
older SEQUENCE, or a mail reply to that invitation) changes no RSVP: it is
audited and the attendee is asked to answer the current one. An answer to a
request that only changed agenda or place still counts.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from parsers.calendar_reply import COUNTER, REFRESH, read_calendar_message
from parsers.reply_body import reply_body
from parsers.roster_command import read_roster_changes
from service import meetings
from service.config import Config
from service.entitlement import local_day, note_intent
from service.meetings import MeetingError
from service.workflows import (
    counter,
    invitations,
    meeting_mail,
    roster,
    scheduling,
    staffing,
    topics,
)
from service.workflows.registry import Incoming, handles, intake, tick_rule
from store.db import write_txn
from store.models import AuditLog, Meeting, Outbox, Participant, Person, TopicRequest
from store.queries import person_by_address

INTENT_RSVP = {
    "accept": "accepted",
    "decline": "declined",
    "tentative": "tentative",
    "delegate": "delegated",
}
# The host's commands in a meeting thread: first line of their new text.
CANCEL_COMMAND = re.compile(
    r"^\s*(取消(本次)?会议|会议取消|取消|cancel( the meeting)?)\s*[。.!！]?\s*$", re.IGNORECASE
)
RESCHEDULE_COMMAND = re.compile(
    r"^\s*(?:改期|改到|改期到|调整到|reschedule(?: to)?|move(?: it)? to)\s*[:：]?\s*"
    r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?\s*"
    r"(\d{1,2})\s*[:：点]\s*(\d{2})?",
    re.IGNORECASE,
)
APPROVE_COMMAND = re.compile(
    r"^\s*(同意|可以|好的?|批准|approved?|agreed?|ok|yes)\b", re.IGNORECASE
)
# The form our mails ask for ("议题：…" / "Topic: …"), read when the parser found no topic.
TOPIC_LINE = re.compile(
    r"(?:^|[。；;.!！，,]\s*)(?:另外|also)?\s*(?:希望|请)?(?:增加|新增|补充|添加|add)?\s*"
    r"(?:议题|topic)\s*[:：]\s*(?P<topic>[^\n。；;]+)",
    re.IGNORECASE | re.MULTILINE,
)
CALENDAR_TYPES = ("text/calendar", "application/ics")
# Mails keyed by invitations.invitation_key: the SEQUENCE an answer to them answers.
INVITATION_KINDS = (invitations.INVITATION, invitations.UPDATE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def topic_as_asked(body: str) -> str:
    """A topic written the way our mails ask ("议题：…"), or ""."""
    found = TOPIC_LINE.search(body)
    return found.group("topic").strip() if found else ""


def _meeting_of(incoming: Incoming) -> Meeting | None:
    return Meeting.get_or_none(Meeting.id == incoming.thread_id)


def _first_line(incoming: Incoming) -> str:
    body = reply_body(incoming.mail.text or "")
    return next((line for line in body.splitlines() if line.strip()), "")


def set_rsvp(
    part: Participant,
    state: str,
    *,
    now: datetime,
    actor: meetings.Actor,
    message=None,
    delegate_text: str = "",
    comment: str = "",
) -> None:
    """Record one answer (the latest counts), audited."""
    part.rsvp = state
    part.rsvp_at = now
    if delegate_text:
        part.delegate_text = delegate_text
    if comment:
        part.comment = comment
    part.save()
    meetings.record(
        "meeting.rsvp",
        now=now,
        actor=actor,
        obj=part.meeting,
        detail={"person": part.person.email, "rsvp": state, "delegate": delegate_text},
        message=message,
    )


def find_delegate(meeting: Meeting, written: str, of: Person) -> Person | None:
    """The substitute as written: an address, or a name in the directory (same company first)."""
    found = EMAIL.search(written or "")
    if found:
        return person_by_address(found.group(0))
    name = (written or "").strip()
    if not name:
        return None
    people = list(Person.select().where(Person.name == name))
    same = [p for p in people if p.company_id == of.company_id]
    chosen = same or people
    return chosen[0] if len(chosen) == 1 else None


def pending_delegations(meeting: Meeting) -> list[Participant]:
    """Delegations the host has not agreed to yet."""
    rows = Participant.select().where(
        (Participant.meeting == meeting) & (Participant.rsvp == "delegated")
    )
    invited = {
        p.delegate_for_id
        for p in Participant.select().where(
            (Participant.meeting == meeting) & Participant.delegate_for.is_null(False)
        )
    }
    return [p for p in rows if p.id not in invited]


def approve_delegations(cfg: Config, meeting: Meeting, incoming: Incoming) -> list[str]:
    """The host agreed: each resolvable delegate joins and is invited; names not found returned."""
    missing = []
    for part in pending_delegations(meeting):
        person = find_delegate(meeting, part.delegate_text, part.person)
        if person is None:
            missing.append(part.delegate_text)
            continue
        meetings.add_attendee(
            cfg,
            meeting,
            person,
            now=incoming.now,
            actor=incoming.sender,
            role=part.role if part.role != "host" else "attendee",
            delegate_for=part,
            message=incoming.message,
        )
        if meeting.status == "scheduled":
            invitations.send_invitations(cfg, meeting, now=incoming.now, people=[person])
    return missing


def _host_command(incoming: Incoming, meeting: Meeting) -> bool:
    """Run the host's command; False when the mail is not one. A command that
    cannot be carried out changes nothing and the host is told why."""
    try:
        with write_txn():
            return _run_host_command(incoming, meeting)
    except MeetingError as e:
        meeting_mail.send(
            incoming.config,
            meeting,
            incoming.sender,
            key=f"command-refused:{incoming.message.id}",
            template="command_refused",
            now=incoming.now,
            extra={"error": str(e)},
        )
        note_intent(incoming, "command_refused")
        return True


def _run_host_command(incoming: Incoming, meeting: Meeting) -> bool:
    cfg, now, host = incoming.config, incoming.now, incoming.sender
    line = _first_line(incoming)
    if CANCEL_COMMAND.match(line):
        invitations.cancel(cfg, meeting, now=now, actor=host, message=incoming.message)
        note_intent(incoming, "cancel")
        return True
    m = RESCHEDULE_COMMAND.match(line)
    if m:
        y, mo, d, h, mi = (int(x) if x else 0 for x in m.groups())
        tz = ZoneInfo(meetings.person_timezone(host, cfg))
        try:
            start = datetime(y, mo, d, h, mi, tzinfo=tz)
        except ValueError as e:
            raise MeetingError(f"“{line.strip()}”不是有效时间 / not a valid time") from e
        invitations.schedule(cfg, meeting, start, now=now, actor=host, message=incoming.message)
        note_intent(incoming, "reschedule")
        return True
    answered = _answered(incoming, meeting)
    if (
        answered is not None
        and answered.kind == counter.PROPOSAL
        and counter.answer(incoming, meeting, answered, line)
    ):
        return True
    if topics.answer(incoming, meeting, line, answered):
        return True
    chosen = scheduling.CHOOSE_COMMAND.match(line)
    poll = scheduling.open_poll_of(meeting)
    if chosen and poll is not None:
        scheduling.confirm(
            cfg, poll, int(chosen.group(1)), now=now, actor=host, message=incoming.message
        )
        note_intent(incoming, "poll_confirm")
        return True
    changes = read_roster_changes(roster.host_text(incoming.mail.text or ""))
    if changes:
        roster.apply_changes(incoming, meeting, changes)
        note_intent(incoming, "roster_change")
        return True
    if (
        APPROVE_COMMAND.match(line)
        and pending_delegations(meeting)
        # "好的，我参加" to their own invitation is the host's answer, not an approval
        and not answers_invitation(incoming, meeting)
    ):
        missing = approve_delegations(cfg, meeting, incoming)
        if missing:
            meeting_mail.send(
                cfg,
                meeting,
                host,
                key=f"delegate-unknown:{incoming.message.id}",
                template="delegate_unknown",
                now=now,
                extra={"names": missing},
            )
        note_intent(incoming, "approve_delegate")
        return True
    files = [a for a in incoming.mail.attachments if a.content_type not in CALENDAR_TYPES]
    if files:
        stored = [
            meetings.add_material(
                cfg,
                meeting,
                filename=a.filename,
                content_type=a.content_type,
                data=a.payload,
                now=now,
                actor=host,
                message=incoming.message,
            )
            for a in files
        ]
        meeting_mail.send(
            cfg,
            meeting,
            host,
            key=f"material-stored:{incoming.message.id}",
            template="material_stored",
            now=now,
            extra={"files": stored, "days": cfg.policy.agenda_days_before},
        )
        note_intent(incoming, "material")
        return True
    return False


def _calendar_answer(incoming: Incoming, meeting: Meeting) -> bool:
    """An iTIP REPLY: PARTSTAT decides for this meeting's event; a reply about
    another event changes nothing. False when the mail has no REPLY."""
    mail = incoming.mail
    reply = read_calendar_message(list(mail.calendar_parts), (mail.from_addr or "").lower())
    if reply is None or (reply.intent is None and reply.method not in (COUNTER, REFRESH)):
        return False
    if reply.uid and reply.uid != meeting.ical_uid:
        # an answer about another event: its words are about that one too
        note_intent(incoming, "calendar_other_event")
        return True
    who = person_by_address(reply.attendee) or incoming.sender
    part = meetings.participant_of(meeting, who)
    if part is None or who != incoming.sender:
        meeting_mail.refuse(incoming, meeting)
        return True
    if reply.method == REFRESH:
        invitations.resend(
            incoming.config, meeting, who, now=incoming.now, key=f"refresh:{incoming.message.id}"
        )
        note_intent(incoming, "calendar_refresh")
        return True
    if reply.method == COUNTER:
        counter.propose(incoming, meeting, who, reply)
        return True
    if reply.sequence < meeting.ical_sequence and time_moved_since(meeting, reply.sequence):
        # RFC 5546 §2.1.5: an answer to an out-of-date request does not override the
        # current state (SEQUENCE absent in the REPLY reads as 0, as the RFC means it).
        # Only a moved time makes it out of date here: after an agenda or place update
        # clients often do not ask again, and the answer is still about the same time.
        stale_answer(incoming, meeting, part, INTENT_RSVP[reply.intent], reply.sequence)
        return True
    delegate = reply.delegated_to or ""
    set_rsvp(
        part,
        INTENT_RSVP[reply.intent],
        now=incoming.now,
        actor=who,
        message=incoming.message,
        delegate_text=delegate,
        comment=reply.comment,
    )
    note_intent(incoming, reply.intent)
    _after_answer(incoming, meeting, part)
    return True


def time_moved_since(meeting: Meeting, sequence: int) -> bool:
    """Whether the meeting's time changed after its request of `sequence` went out
    (a reschedule audited before sequences were recorded counts as after)."""
    for row in AuditLog.select(AuditLog.detail).where(
        (AuditLog.action == "meeting.reschedule")
        & (AuditLog.object_kind == "meeting")
        & (AuditLog.object_id == meeting.id)
    ):
        recorded = row.detail.get("sequence")
        if recorded is None or recorded > sequence:
            return True
    return False


def _answered(incoming: Incoming, meeting: Meeting) -> Outbox | None:
    """The mail of this meeting a reply answers (In-Reply-To, then References
    from the newest), or None when it names none of ours."""
    mail = incoming.mail
    named = [*([mail.in_reply_to] if mail.in_reply_to else []), *reversed(mail.references)]
    if not named:
        return None
    rows = {
        row.message_id: row
        for row in Outbox.select(Outbox.message_id, Outbox.key, Outbox.kind).where(
            Outbox.message_id.in_(list(dict.fromkeys(named))) & (Outbox.meeting == meeting)
        )
    }
    return next((rows[m] for m in named if m in rows), None)


def answers_invitation(incoming: Incoming, meeting: Meeting) -> bool:
    """Whether a reply answers an invitation or update of this meeting."""
    answered = _answered(incoming, meeting)
    return answered is not None and answered.kind in INVITATION_KINDS


def _host_unclear(incoming: Incoming, meeting: Meeting) -> None:
    """The host wrote something that is no command: nothing changes, they are told what works."""
    note_intent(incoming, "host_unclear")
    meeting_mail.send(
        incoming.config,
        meeting,
        incoming.sender,
        key=f"host-unclear:{incoming.message.id}",
        template="host_unclear",
        now=incoming.now,
    )


def answered_before_move(incoming: Incoming, meeting: Meeting) -> int | None:
    """The SEQUENCE of the invitation (or update) a mail reply answers, when the
    meeting's time has changed since it was sent; else None (also when the reply
    names none of our mails: the token alone does not say which one it answers)."""
    answered = _answered(incoming, meeting)
    if answered is None or answered.kind not in INVITATION_KINDS:
        return None
    sequence = invitations.invitation_sequence(answered.key)
    if sequence < meeting.ical_sequence and time_moved_since(meeting, sequence):
        return sequence
    return None


def stale_answer(
    incoming: Incoming,
    meeting: Meeting,
    part: Participant,
    state: str,
    sequence: int,
) -> None:
    """An answer to an invitation whose time has moved since: audited, the RSVP
    unchanged, and the attendee told to answer the current one (once a day)."""
    meetings.record(
        "meeting.rsvp.stale",
        now=incoming.now,
        actor=part.person,
        obj=meeting,
        detail={
            "person": part.person.email,
            "rsvp": state,
            "sequence": sequence,
            "current_sequence": meeting.ical_sequence,
            "time_moved": True,
        },
        message=incoming.message,
    )
    note_intent(incoming, "stale_answer")
    if meeting.status == "scheduled":
        meeting_mail.send(
            incoming.config,
            meeting,
            part.person,
            key=f"stale-answer:{meeting.id}:{part.person_id}:{local_day(incoming.now, incoming.config)}",
            template="stale_answer",
            now=incoming.now,
            extra={"answer": state},
        )


def _after_answer(incoming: Incoming, meeting: Meeting, part: Participant) -> None:
    """A decline may open a key-role gap; a delegation asks the host."""
    cfg = incoming.config
    if part.rsvp == "delegated" and part.delegate_text:
        host = meetings.host_of(meeting)
        if host is not None:
            meeting_mail.send(
                cfg,
                meeting,
                host,
                key=f"delegate-request:{part.id}:{part.delegate_text}",
                template="delegate_request",
                now=incoming.now,
                extra={"who": part.person, "delegate": part.delegate_text},
            )
    if part.rsvp in ("declined", "delegated"):
        staffing.warn_role_gaps(cfg, meeting, incoming.now)


@handles("meeting")
def meeting_reply(incoming: Incoming) -> None:
    """RSVP, topics and delegates from attendees; commands from the host."""
    meeting = _meeting_of(incoming)
    sender = incoming.sender
    if meeting is None or sender is None:
        meeting_mail.refuse(incoming, meeting)
        return
    from service.workflows.minutes import offer_minutes  # minutes tagged [M-0042] land here

    if offer_minutes(incoming, meeting):
        return
    with write_txn():
        if sender.id == meeting.host_id and _host_command(incoming, meeting):
            return
        if _calendar_answer(incoming, meeting):
            return
        part = meetings.participant_of(meeting, sender)
        if part is None:
            meeting_mail.refuse(incoming, meeting)
            return
        reading = incoming.reading("invite")
        note_intent(incoming, reading.intent)
        topic = reading.topic or topic_as_asked(reading.body or "")
        if topic:
            TopicRequest.create(
                meeting=meeting,
                person=sender,
                text=topic,
                message=incoming.message,
                created_at=incoming.now,
            )
            meetings.record(
                "meeting.topic",
                now=incoming.now,
                actor=sender,
                obj=meeting,
                detail={"topic": topic},
                message=incoming.message,
            )
        state = INTENT_RSVP.get(reading.intent)
        if state == "delegated" and not reading.delegate:
            state = "declined"
        if sender.id == meeting.host_id and not answers_invitation(incoming, meeting):
            # the host writes in a meeting's threads to steer it: their words are
            # an RSVP only in answer to their own invitation
            if not topic:
                _host_unclear(incoming, meeting)
            return
        stale = answered_before_move(incoming, meeting) if state is not None else None
        if stale is not None:
            stale_answer(incoming, meeting, part, state, stale)
        elif state is not None:
            set_rsvp(
                part,
                state,
                now=incoming.now,
                actor=sender,
                message=incoming.message,
                delegate_text=reading.delegate or "",
            )
            _after_answer(incoming, meeting, part)
        elif reading.intent == "question":
            _forward_question(incoming, meeting, reading.body or "")
        elif not topic:
            meeting_mail.send(
                incoming.config,
                meeting,
                sender,
                key=f"rsvp-unclear:{incoming.message.id}",
                template="rsvp_unclear",
                now=incoming.now,
            )


def _forward_question(incoming: Incoming, meeting: Meeting, text: str) -> None:
    """An attendee asks instead of answering: the host gets the question, the asker is told."""
    host = meetings.host_of(meeting)
    if host is None:
        return
    extra = {"asker": incoming.sender, "question": text, "host_name": host.name}
    for person, template in ((host, "rsvp_question"), (incoming.sender, "rsvp_question_noted")):
        meeting_mail.send(
            incoming.config,
            meeting,
            person,
            key=f"{template}:{incoming.message.id}",
            template=template,
            now=incoming.now,
            extra=extra,
        )


# -- T − 1: the digest to the host -------------------------------------------------


def digest_context(meeting: Meeting, lang: str) -> dict:
    """Accepted / declined (with delegates) / tentative / no answer, gaps and topics."""
    groups: dict[str, list[dict]] = {
        k: [] for k in ("accepted", "declined", "tentative", "waiting")
    }
    for p in meetings.participants(meeting, meetings.TAKING_PART):
        entry = {
            "name": p.person.name,
            "company": meetings.company_label(meeting, p.person.company),
            "delegate": p.delegate_text,
        }
        key = {
            "accepted": "accepted",
            "tentative": "tentative",
            "declined": "declined",
            "delegated": "declined",
        }.get(p.rsvp, "waiting")
        groups[key].append(entry)
    topics = [
        {"name": t.person.name if t.person_id else "—", "text": t.text}
        for t in TopicRequest.select()
        .where(TopicRequest.meeting == meeting)
        .order_by(TopicRequest.id)
    ]
    return {
        **groups,
        "topics": topics,
        "gap_list": [g.text(lang) for g in meetings.role_gaps(meeting)],
    }


def send_digest(cfg: Config, meeting: Meeting, now: datetime) -> int:
    host = meetings.host_of(meeting)
    if host is None:
        return 0
    with write_txn():
        row = meeting_mail.send(
            cfg,
            meeting,
            host,
            key=f"rsvp-digest:{meeting.id}:{meeting.start_at:%Y%m%dT%H%M}",
            template="rsvp_digest",
            now=now,
            extra=digest_context(meeting, host.language),
        )
    return int(row is not None)


@tick_rule("before.rsvp_digest")
def digest_rule(now: datetime, cfg: Config) -> int:
    """At T − rsvp_digest_days_before, once per meeting time."""
    end = now + timedelta(days=cfg.policy.rsvp_digest_days_before)
    due = Meeting.select().where(
        (Meeting.status == "scheduled") & (Meeting.start_at > now) & (Meeting.start_at <= end)
    )
    return sum(send_digest(cfg, m, now) for m in due)


@tick_rule("before.equipment_check")
def equipment_rule(now: datetime, cfg: Config) -> int:
    """Offline meetings: the host and recorder are reminded to check the room's
    equipment when the digest goes out, once per meeting time."""
    end = now + timedelta(days=cfg.policy.rsvp_digest_days_before)
    due = Meeting.select().where(
        (Meeting.status == "scheduled")
        & (Meeting.format == "offline")
        & (Meeting.equipment_check == True)  # noqa: E712
        & (Meeting.start_at > now)
        & (Meeting.start_at <= end)
    )
    sent = 0
    for meeting in due:
        people = {p.id: p for p in (meetings.host_of(meeting), meetings.recorder_of(meeting)) if p}
        with write_txn():
            for person in people.values():
                row = meeting_mail.send(
                    cfg,
                    meeting,
                    person,
                    key=f"equipment:{meeting.id}:{meeting.start_at:%Y%m%dT%H%M}:{person.id}",
                    template="equipment_check",
                    now=now,
                )
                sent += row is not None
    return sent


CALENDAR_INTAKE_PRIORITY = 5  # before the preparation form and help


@intake(CALENDAR_INTAKE_PRIORITY)
def calendar_reply_by_uid(incoming: Incoming) -> bool:
    """A calendar client's answer that no token, reference or subject tag routed
    (it goes to the ORGANIZER address, often with its own subject): the event's
    UID names the meeting."""
    mail = incoming.mail
    if not mail.calendar_parts:
        return False
    reply = read_calendar_message(list(mail.calendar_parts), (mail.from_addr or "").lower())
    meeting = Meeting.get_or_none(Meeting.ical_uid == reply.uid) if reply and reply.uid else None
    if meeting is None:
        return False
    incoming.thread_kind, incoming.thread_id = "meeting", meeting.id
    meeting_reply(incoming)
    return True
