"""Topics attendees propose by reply ("议题：…", "could we also discuss …").

They reach the host as they arrive: one short mail, with several arriving
within TOPIC_BATCH of the last one gathered into the next. The host accepts by
replying "同意加入议程" (all of them, or "同意加入议程 1、3"), or with
`meetloop meeting topics M-0042 --accept 1,3`: each accepted topic becomes an
agenda item after the last one, and attendees get the update naming it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from service import meetings
from service.config import Config
from service.entitlement import note_intent
from service.meetings import Actor, MeetingError
from service.workflows import invitations, meeting_mail
from service.workflows.registry import Incoming, tick_rule
from store.db import write_txn
from store.models import AgendaItem, AuditLog, InboundMessage, Meeting, Outbox, TopicRequest

PROPOSED = "topics_proposed"
FORWARDED = "meeting.topic.forwarded"
ACCEPTED = "meeting.topic.accepted"
# Topics arriving within this time of the last mail to the host wait for the next one.
TOPIC_BATCH = timedelta(hours=1)
# The time an accepted topic gets on the agenda.
TOPIC_MINUTES = 10
OPEN_STATUSES = ("polling", "scheduled")
# The host's answer: "同意加入议程", "同意 1、3", "add them to the agenda"; a refusal first.
DECLINE_ANSWER = re.compile(r"^\s*(不同意|不加|暂不|不用|no\b|decline|reject)", re.IGNORECASE)
ACCEPT_ANSWER = re.compile(
    r"^\s*(同意加入议程|加入议程|同意|接受|可以|好的?|accept|agreed?|ok|yes|add)", re.IGNORECASE
)
# Said in any of the meeting's threads, this accepts every topic forwarded so far.
ACCEPT_ANYWHERE = re.compile(r"同意加入议程|加入议程吧|add (them|it|these) to the agenda", re.I)
NUMBERS = re.compile(r"\d{1,3}")


def numbered(meeting: Meeting) -> list[TopicRequest]:
    """The meeting's topics in arrival order: topic n is list[n - 1]."""
    return list(
        TopicRequest.select().where(TopicRequest.meeting == meeting).order_by(TopicRequest.id)
    )


def _audited_ids(meeting: Meeting, action: str) -> set[int]:
    ids: set[int] = set()
    for row in AuditLog.select(AuditLog.detail).where(
        (AuditLog.action == action)
        & (AuditLog.object_kind == "meeting")
        & (AuditLog.object_id == meeting.id)
    ):
        ids.update(row.detail.get("topics", []))
    return ids


def forwarded_ids(meeting: Meeting) -> set[int]:
    return _audited_ids(meeting, FORWARDED)


def accepted_ids(meeting: Meeting) -> set[int]:
    return _audited_ids(meeting, ACCEPTED)


def _last_forward(meeting: Meeting) -> datetime | None:
    row = (
        AuditLog.select(AuditLog.at)
        .where(
            (AuditLog.action == FORWARDED)
            & (AuditLog.object_kind == "meeting")
            & (AuditLog.object_id == meeting.id)
        )
        .order_by(AuditLog.id.desc())
        .first()
    )
    return row.at if row else None


def forward(cfg: Config, meeting: Meeting, now: datetime) -> int:
    """The host gets the topics not yet forwarded, unless a mail went out within
    TOPIC_BATCH (they wait for the next one); mails queued."""
    host = meetings.host_of(meeting)
    if host is None:
        return 0
    topics = numbered(meeting)
    done = forwarded_ids(meeting)
    new = [(n, t) for n, t in enumerate(topics, 1) if t.id not in done and t.person_id != host.id]
    if not new:
        return 0
    last = _last_forward(meeting)
    if last is not None and now - last < TOPIC_BATCH:
        return 0
    with write_txn():
        row = meeting_mail.send(
            cfg,
            meeting,
            host,
            key=f"topics:{meeting.id}:{'-'.join(str(t.id) for _, t in new)}",
            template=PROPOSED,
            now=now,
            extra={
                "topics": [
                    {"no": n, "name": t.person.name if t.person_id else "—", "text": t.text}
                    for n, t in new
                ],
            },
        )
        meetings.record(
            FORWARDED,
            now=now,
            actor="system",
            obj=meeting,
            detail={"topics": [t.id for _, t in new]},
        )
    return int(row is not None)


@tick_rule("before.topics")
def topics_rule(now: datetime, cfg: Config) -> int:
    """Topics proposed for meetings still ahead reach their host (batched)."""
    ids = {
        row.meeting_id
        for row in TopicRequest.select(TopicRequest.meeting)
        .join(Meeting)
        .where(Meeting.status.in_(OPEN_STATUSES) & (TopicRequest.created_at <= now))
        .distinct()
    }
    return sum(forward(cfg, m, now) for m in Meeting.select().where(Meeting.id.in_(list(ids))))


def accept(
    cfg: Config,
    meeting: Meeting,
    numbers: list[int] | None,
    *,
    now: datetime,
    actor: Actor,
    message: InboundMessage | None = None,
    command: str = "",
    among: set[int] | None = None,
) -> list[TopicRequest]:
    """Put topics `numbers` (None: every one forwarded, or those `among` these
    ids, not yet accepted) on the agenda, after its last item; attendees get
    the update. The topics added."""
    meetings.check_not_over(meeting)
    topics = numbered(meeting)
    if numbers is None:
        sent = forwarded_ids(meeting) if among is None else among
        chosen = [t for t in topics if t.id in sent]
    else:
        wrong = [n for n in numbers if not 1 <= n <= len(topics)]
        if wrong:
            raise MeetingError(
                f"没有议题{'、'.join(map(str, wrong))} / no topic {', '.join(map(str, wrong))}"
            )
        chosen = [topics[n - 1] for n in numbers]
    done = accepted_ids(meeting)
    chosen = [t for t in chosen if t.id not in done]
    if not chosen:
        return []
    with write_txn():
        items = list(AgendaItem.select().where(AgendaItem.meeting == meeting))
        position = max((i.position for i in items), default=0)
        offset = max((i.start_offset_minutes + i.duration_minutes for i in items), default=0)
        for topic in chosen:
            position += 1
            AgendaItem.create(
                meeting=meeting,
                position=position,
                start_offset_minutes=offset,
                duration_minutes=TOPIC_MINUTES,
                topic=topic.text,
                presenter=topic.person,
            )
            offset += TOPIC_MINUTES
        meetings.record(
            ACCEPTED,
            now=now,
            actor=actor,
            obj=meeting,
            detail={"topics": [t.id for t in chosen]},
            message=message,
            command=command,
        )
        invitations.send_update(cfg, meeting, now=now)
    return chosen


def _listed(mail: Outbox) -> set[int]:
    """The topic ids a topics mail listed (its key ends with them)."""
    return {int(i) for i in mail.key.rpartition(":")[2].split("-") if i.isdigit()}


def answer(incoming: Incoming, meeting: Meeting, line: str, answered: Outbox | None) -> bool:
    """The host's "同意加入议程" (to the topics mail, or said plainly in any of the
    meeting's threads); False when the reply is not about topics."""
    to_topics = answered is not None and answered.kind == PROPOSED
    if not to_topics and not ACCEPT_ANYWHERE.search(line):
        return False
    if DECLINE_ANSWER.match(line):
        note_intent(incoming, "topics_declined")
        return True
    if not (ACCEPT_ANSWER.match(line) or ACCEPT_ANYWHERE.search(line)):
        return False
    numbers = [int(n) for n in NUMBERS.findall(line)] or None
    accept(
        incoming.config,
        meeting,
        numbers,
        now=incoming.now,
        actor=incoming.sender,
        message=incoming.message,
        among=_listed(answered) if to_topics else None,
    )
    note_intent(incoming, "topics_accepted")
    return True
