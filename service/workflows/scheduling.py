"""Finding a time by poll: numbered options, votes by reply, a ranking for the host.

Each attendee gets the options in their own time zone and answers with
numbers ("1、3", "都可以", "none"). Required attendees weigh more in the
ranking. People who have not answered are reminded once after
`policy.poll_reminder_hours`. The host confirms with "选2" / "option 2"; a
poll opened with auto_pick is decided at its deadline by the best score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from parsers.reply_body import reply_body
from parsers.roster_command import read_roster_changes
from service import meetings, slots
from service.business import working_day_now
from service.config import Config
from service.entitlement import note_intent
from service.mail import Thread
from service.meetings import Actor, MeetingError
from service.workflows import invitations, meeting_mail, roster, staffing
from service.workflows.registry import Incoming, handles, tick_rule
from store.db import write_txn
from store.models import InboundMessage, Meeting, Person, Poll, PollOption, Vote

REQUIRED_WEIGHT = 2  # a required attendee's vote counts this much; optional ones count 1
CHOOSE_COMMAND = re.compile(
    r"^\s*(?:选择?|确认|定|就|option|choose|pick|go with)\s*(?:第|no\.?|#)?\s*(\d{1,2})\s*(?:个|号|项)?",
    re.IGNORECASE,
)


def poll_thread(poll: Poll) -> Thread:
    return Thread("poll", poll.id)


def open_poll_of(meeting: Meeting) -> Poll | None:
    return Poll.get_or_none((Poll.meeting == meeting) & (Poll.status == "open"))


def options_of(poll: Poll) -> list[PollOption]:
    return list(PollOption.select().where(PollOption.poll == poll).order_by(PollOption.position))


def _send_poll(
    cfg: Config,
    poll: Poll,
    person: Person,
    template: str,
    key: str,
    now: datetime,
    extra: dict | None = None,
):
    options = options_of(poll)
    marks = slots.marks_for(cfg, poll.meeting, person, [o.start_at for o in options])
    return meeting_mail.send(
        cfg,
        poll.meeting,
        person,
        key=key,
        template=template,
        now=now,
        thread=poll_thread(poll),
        extra={
            "marks": marks,
            "options": options,
            "deadline": poll.deadline_at,
            "superseded": False,
            "carried": None,
            **(extra or {}),
        },
    )


def carried_slots(old: Poll, new: Poll, slots: list[int]) -> list[int] | None:
    """An answer to `old` as positions of `new`, matched by time; None when an
    option it names is not in `new` (the answer cannot be carried over whole)."""
    old_starts = {o.position: o.start_at for o in options_of(old)}
    new_positions = {o.start_at: o.position for o in options_of(new)}
    carried = [new_positions.get(old_starts.get(s)) for s in slots]
    return None if None in carried else sorted(carried)


def _supersede(old: Poll, new: Poll, now: datetime) -> dict[int, list[int]]:
    """Close `old`; its answers whose options all recur in `new` count there
    (by person: the new positions)."""
    old.status, old.closed_at = "closed", now
    old.save()
    carried = {}
    for vote in Vote.select().where(Vote.poll == old):
        slots = carried_slots(old, new, list(vote.slots))
        if slots is not None:
            Vote.create(
                poll=new, person=vote.person, slots=slots, message=vote.message, created_at=now
            )
            carried[vote.person_id] = slots
    return carried


def send_open_poll(cfg: Config, meeting: Meeting, people: list[Person], *, now: datetime) -> int:
    """People added while a poll is open get that poll (once each); mails queued."""
    poll = open_poll_of(meeting)
    if poll is None:
        return 0
    return sum(
        _send_poll(cfg, poll, person, "poll", f"poll:{poll.id}:{person.id}", now) is not None
        for person in people
    )


def open_poll(
    cfg: Config,
    meeting: Meeting,
    starts: list[datetime],
    *,
    now: datetime,
    actor: Actor,
    deadline: datetime | None = None,
    auto_pick: bool = False,
    message: InboundMessage | None = None,
    command: str = "",
) -> Poll:
    """Ask every attendee which of `starts` suits them; replaces an open poll."""
    meetings.check_not_over(meeting)
    starts = sorted(set(starts))
    if not starts:
        raise MeetingError("a poll needs at least one candidate time")
    if any(s.tzinfo is None for s in starts):
        raise MeetingError("candidate times need a time zone")
    if auto_pick and deadline is None:
        raise MeetingError("picking automatically needs a poll deadline")
    length = timedelta(minutes=meeting.duration_minutes)
    with write_txn():
        old = open_poll_of(meeting)
        poll = Poll.create(
            meeting=meeting, deadline_at=deadline, auto_pick=auto_pick, created_at=now
        )
        for position, start in enumerate(starts, 1):
            PollOption.create(poll=poll, position=position, start_at=start, end_at=start + length)
        carried = _supersede(old, poll, now) if old is not None else {}
        if meeting.status == "draft":
            meeting.status = "polling"
            meeting.save()
        meetings.record(
            "poll.open",
            now=now,
            actor=actor,
            obj=meeting,
            detail={
                "poll": poll.id,
                "options": [s.isoformat() for s in starts],
                "superseded": old.id if old is not None else None,
                "carried": len(carried),
            },
            message=message,
            command=command,
        )
        staffing.warn_role_gaps(cfg, meeting, now)
        for person in meetings.attendees(meeting):
            extra = {"superseded": old is not None, "carried": carried.get(person.id)}
            _send_poll(cfg, poll, person, "poll", f"poll:{poll.id}:{person.id}", now, extra)
    return poll


@dataclass
class Ranked:
    position: int
    start: datetime
    end: datetime
    score: int = 0
    yes: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)


def ranking(poll: Poll) -> list[Ranked]:
    """Options by score (required attendees weigh REQUIRED_WEIGHT), best first."""
    rows = {o.position: Ranked(o.position, o.start_at, o.end_at) for o in options_of(poll)}
    votes = {v.person_id: v for v in Vote.select().where(Vote.poll == poll)}
    for part in meetings.participants(poll.meeting, meetings.TAKING_PART):
        vote = votes.get(part.person_id)
        for row in rows.values():
            if vote is not None and row.position in vote.slots:
                row.score += REQUIRED_WEIGHT if part.required else 1
                row.yes.append(part.person.name)
            elif vote is not None and part.required:
                row.missing_required.append(part.person.name)
    return sorted(rows.values(), key=lambda r: (-r.score, len(r.missing_required), r.start))


def waiting(poll: Poll) -> list[Person]:
    voted = {v.person_id for v in Vote.select(Vote.person).where(Vote.poll == poll)}
    return [p for p in meetings.attendees(poll.meeting) if p.id not in voted]


def send_ranking(cfg: Config, poll: Poll, now: datetime, reason: str) -> bool:
    """The ranking to the host, once per `reason` (everyone answered / deadline / asked)."""
    host = meetings.host_of(poll.meeting)
    if host is None:
        return False
    ranked = ranking(poll)
    asked = meetings.attendees(poll.meeting)
    row = meeting_mail.send(
        cfg,
        poll.meeting,
        host,
        key=f"poll-ranking:{poll.id}:{reason}",
        template="poll_ranking",
        now=now,
        thread=poll_thread(poll),
        extra={
            "ranking": ranked,
            "best": ranked[0].position if ranked else 1,
            "asked": len(asked),
            "answered": len(asked) - len(waiting(poll)),
            "waiting": [p.name for p in waiting(poll)],
            "required_weight": REQUIRED_WEIGHT,
        },
    )
    return row is not None


def record_vote(
    cfg: Config,
    poll: Poll,
    person: Person,
    slots: list[int],
    *,
    now: datetime,
    message: InboundMessage | None = None,
) -> Vote:
    """The person's availability (a new answer replaces the old one)."""
    size = len(options_of(poll))
    slots = sorted({s for s in slots if 1 <= s <= size})
    with write_txn():
        vote = Vote.get_or_none((Vote.poll == poll) & (Vote.person == person))
        if vote is None:
            vote = Vote.create(
                poll=poll, person=person, slots=slots, message=message, created_at=now
            )
        else:
            vote.slots, vote.message, vote.created_at = slots, message, now
            vote.save()
        meetings.record(
            "poll.vote",
            now=now,
            actor=person,
            obj=poll.meeting,
            detail={"poll": poll.id, "slots": slots},
            message=message,
        )
        if not waiting(poll):
            send_ranking(cfg, poll, now, "all")
    return vote


def confirm(
    cfg: Config,
    poll: Poll,
    position: int,
    *,
    now: datetime,
    actor: Actor,
    message: InboundMessage | None = None,
    command: str = "",
) -> int:
    """Close the poll on option `position` and invite everyone; mails queued."""
    option = PollOption.get_or_none((PollOption.poll == poll) & (PollOption.position == position))
    if option is None:
        raise MeetingError(f"投票没有选项{position} / the poll has no option {position}")
    if poll.status != "open":
        raise MeetingError("投票已结束 / this poll is closed already")
    with write_txn():
        poll.status, poll.chosen_position, poll.closed_at = "closed", position, now
        poll.save()
        meetings.record(
            "poll.confirm",
            now=now,
            actor=actor,
            obj=poll.meeting,
            detail={"poll": poll.id, "position": position},
            message=message,
            command=command,
        )
        return invitations.schedule(
            cfg,
            poll.meeting,
            option.start_at,
            now=now,
            actor=actor,
            message=message,
            command=command,
        )


@handles("poll")
def poll_reply(incoming: Incoming) -> None:
    """Votes from attendees; "选2" / "option 2" from the host confirms."""
    poll = Poll.get_or_none(Poll.id == incoming.thread_id)
    sender = incoming.sender
    if poll is None or sender is None:
        meeting_mail.refuse(incoming, poll.meeting if poll else None, meeting_mail.VOTE)
        return
    meeting = poll.meeting
    cfg = incoming.config
    with write_txn():
        if sender.id == meeting.host_id:
            body = reply_body(incoming.mail.text or "")
            changes = read_roster_changes(roster.host_text(incoming.mail.text or ""))
            if changes:
                roster.apply_changes(incoming, meeting, changes)
                note_intent(incoming, "roster_change")
                return
            chosen = CHOOSE_COMMAND.match(body)
            if chosen:
                try:
                    with write_txn():
                        confirm(
                            cfg,
                            poll,
                            int(chosen.group(1)),
                            now=incoming.now,
                            actor=sender,
                            message=incoming.message,
                        )
                    note_intent(incoming, "poll_confirm")
                except MeetingError as e:  # closed, or no such option: nothing changes
                    meeting_mail.send(
                        cfg,
                        meeting,
                        sender,
                        key=f"command-refused:{incoming.message.id}",
                        template="command_refused",
                        now=incoming.now,
                        thread=poll_thread(poll),
                        extra={"error": str(e)},
                    )
                    note_intent(incoming, "command_refused")
                return
        if meetings.participant_of(meeting, sender) is None:
            meeting_mail.refuse(incoming, meeting, meeting_mail.VOTE)
            return
        size = len(options_of(poll))
        reading = incoming.reading("poll", poll_size=size)
        note_intent(incoming, reading.intent)
        if reading.intent == "availability" and reading.slots is not None:
            if poll.status == "open":
                record_vote(
                    cfg,
                    poll,
                    sender,
                    list(reading.slots),
                    now=incoming.now,
                    message=incoming.message,
                )
            else:
                _answer_to_closed_poll(incoming, poll, list(reading.slots))
            return
        _send_poll(
            cfg, poll, sender, "poll_unclear", f"poll-unclear:{incoming.message.id}", incoming.now
        )


def _answer_to_closed_poll(incoming: Incoming, poll: Poll, slots: list[int]) -> None:
    """An answer to a poll a newer one replaced counts there when the times it
    names are offered again; else the voter gets the open poll (once)."""
    current = open_poll_of(poll.meeting)
    if current is None or current.id == poll.id:
        return
    carried = carried_slots(poll, current, slots)
    if carried is not None:
        record_vote(
            incoming.config,
            current,
            incoming.sender,
            carried,
            now=incoming.now,
            message=incoming.message,
        )
        return
    _send_poll(
        incoming.config,
        current,
        incoming.sender,
        "poll",
        f"poll-again:{current.id}:{incoming.sender.id}",
        incoming.now,
        {"superseded": True},
    )


@tick_rule("before.poll_reminder")
def poll_reminder_rule(now: datetime, cfg: Config) -> int:
    """Once, poll_reminder_hours after the poll, to those who have not answered,
    within each one's working hours; the host gets the ranking so far (in theirs)."""
    due = now - timedelta(hours=cfg.policy.poll_reminder_hours)
    sent = 0
    for poll in Poll.select().where((Poll.status == "open") & (Poll.created_at <= due)):
        if poll.deadline_at is not None and poll.deadline_at <= now:
            continue
        with write_txn():
            for person in waiting(poll):
                if working_day_now(cfg, person, now) is None:
                    continue
                sent += (
                    _send_poll(
                        cfg,
                        poll,
                        person,
                        "poll_reminder",
                        f"poll-reminder:{poll.id}:{person.id}",
                        now,
                    )
                    is not None
                )
            # the host sees the standings at the same time (once), so a missing
            # answer does not hold the meeting up unseen
            host = meetings.host_of(poll.meeting)
            if waiting(poll) and working_day_now(cfg, host, now) is not None:
                sent += send_ranking(cfg, poll, now, "reminded")
    return sent


@tick_rule("before.poll_deadline")
def poll_deadline_rule(now: datetime, cfg: Config) -> int:
    """At the deadline: pick the best option when asked to, else send the host the ranking."""
    sent = 0
    for poll in Poll.select().where(
        (Poll.status == "open") & Poll.deadline_at.is_null(False) & (Poll.deadline_at <= now)
    ):
        with write_txn():
            ranked = ranking(poll)
            if poll.auto_pick and ranked and ranked[0].score > 0:
                sent += confirm(cfg, poll, ranked[0].position, now=now, actor="system")
            else:
                sent += send_ranking(cfg, poll, now, "deadline")
    return sent
