"""The retrospective: a week after an important meeting, the host side and the
leads of every other company that attended are asked what worked and what to
improve, each on their own working day. Answers are stored, shown with the
meeting, and offered as a checklist when the series meets again."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from service.config import Config
from service.mail import Thread, queue_mail
from service.meetings import TAKING_PART
from service.workflows.registry import Incoming, handles, tick_rule
from service.workflows.tracking import already_queued, attendees, meeting_tz
from store.db import write_txn
from store.models import Meeting, Participant, Person, Retrospective
from store.queries import audit

THREAD_RETRO = "retro"
# meetings older than this (after their retrospective day) are not asked any more
RETRO_CHASE_DAYS = 14
# Whom a company that attended is represented by in the retrospective, best first.
LEAD_TIERS = ("decision", "execution")
NOT_THERE = ("declined", "delegated")
WORKED = re.compile(
    r"^\s*(?:做得好|好的方面|做得好的|亮点|worked well|what worked|went well)\s*[:：]\s*(.*)$",
    re.I | re.M,
)
IMPROVE = re.compile(
    r"^\s*(?:需改进|待改进|需要改进|改进|to improve|improve)\s*[:：]\s*(.*)$", re.I | re.M
)


def host_side(meeting: Meeting) -> list[Person]:
    company_id = meeting.host_company_id or (meeting.host.company_id if meeting.host else None)
    people = [p for p in attendees(meeting) if company_id and p.company_id == company_id]
    if meeting.host and all(p.id != meeting.host_id for p in people):
        people.insert(0, meeting.host)
    return people


def attended(meeting: Meeting) -> list[Person]:
    """Who took part: not cc-only, not those who declined or sent a delegate."""
    rows = (
        Participant.select(Participant, Person)
        .join(Person)
        .where(
            Participant.meeting == meeting,
            Participant.role.in_(TAKING_PART),
            Participant.rsvp.not_in(NOT_THERE),
        )
        .order_by(Participant.id)
    )
    return [row.person for row in rows]


def retro_people(meeting: Meeting) -> list[Person]:
    """The host's side, and the leads of every other company that attended: its
    people of the highest tier there (decision, else execution, else any)."""
    people = host_side(meeting)
    host_ids = {p.company_id for p in people if p.company_id}
    by_company: dict[int, list[Person]] = {}
    for person in attended(meeting):
        if person.company_id and person.company_id not in host_ids:
            by_company.setdefault(person.company_id, []).append(person)
    for members in by_company.values():
        for tier in LEAD_TIERS:
            leads = [p for p in members if p.tier == tier]
            if leads:
                break
        people += leads or members
    return people


def split_answer(text: str) -> tuple[str, str]:
    """("what worked", "what to improve") from a free-text reply."""
    worked = " ".join(m.group(1).strip() for m in WORKED.finditer(text)).strip()
    improve = " ".join(m.group(1).strip() for m in IMPROVE.finditer(text)).strip()
    return worked, improve


@tick_rule("retrospective")
def ask_for_retrospective(now: datetime, cfg: Config) -> int:
    from service.business import scheduled_now

    after = timedelta(days=cfg.policy.retrospective_days_after)
    sent = 0
    for meeting in Meeting.select().where(
        Meeting.importance == "important",
        Meeting.status.in_(("scheduled", "held")),
        Meeting.end_at.is_null(False),
        Meeting.end_at <= now - after,
        Meeting.end_at >= now - after - timedelta(days=RETRO_CHASE_DAYS),
    ):
        moment = meeting.end_at + after
        for person in retro_people(meeting):
            key = f"retro:{meeting.id}:{person.id}"
            if already_queued(key):
                continue
            if not scheduled_now(cfg, person, moment, now, timedelta(days=RETRO_CHASE_DAYS)):
                continue  # on their working day, in their hours
            with write_txn():
                if queue_mail(
                    cfg,
                    key=key,
                    to=person,
                    template="retro_request",
                    context={"meeting": meeting, "tz": meeting_tz(meeting, cfg)},
                    now=now,
                    thread=Thread(THREAD_RETRO, meeting.id),
                    meeting=meeting,
                ):
                    audit("retro.asked", at=now, obj=meeting, detail={"to": person.email})
                    sent += 1
    return sent


@handles(THREAD_RETRO)
def on_retro_reply(inc: Incoming) -> None:
    from service.entitlement import explain_not_entitled

    meeting = Meeting.get_or_none(Meeting.id == inc.thread_id)
    if meeting is None:
        return
    person = inc.sender
    with write_txn():
        asked = retro_people(meeting)
        if person is None or all(p.id != person.id for p in asked):
            explain_not_entitled(
                inc,
                {"zh": "受邀复盘的各方负责人", "en": "the leads asked for the retrospective"},
                people=asked,
                what={"zh": f"{meeting.ref} 的复盘", "en": f"the retrospective of {meeting.ref}"},
            )
            return
        reading = inc.reading("any")
        if reading.intent in ("auto_reply", "bounce") or not reading.body.strip():
            return
        worked, improve = split_answer(reading.body)
        retro = Retrospective.create(
            meeting=meeting,
            person=person,
            worked=worked,
            improve=improve,
            text=reading.body.strip(),
            message=inc.message,
            created_at=inc.now,
        )
        audit(
            "retro.answered",
            at=inc.now,
            actor=person,
            obj=meeting,
            detail={"worked": worked, "improve": improve},
            message=inc.message,
        )
        queue_mail(
            inc.config,
            key=f"retro-thanks:{retro.id}",
            to=person,
            template="retro_thanks",
            context={"meeting": meeting, "retro": retro},
            now=inc.now,
            thread=Thread(THREAD_RETRO, meeting.id),
            meeting=meeting,
        )


def retrospectives_of(meeting: Meeting) -> list[Retrospective]:
    """For `meetloop meeting show`: the stored answers, oldest first."""
    return list(meeting.retrospectives.order_by(Retrospective.created_at))


def checklist(series: str, before: Meeting | None = None) -> list[str]:
    """What to improve, from earlier meetings of `series`: for the next preparation mail."""
    if not series:
        return []
    query = (
        Retrospective.select()
        .join(Meeting)
        .where(Meeting.series == series)
        .order_by(Retrospective.created_at)
    )
    if before is not None:
        query = query.where(Meeting.id != before.id)
    points = []
    for retro in query:
        point = retro.improve or retro.text
        if point and point not in points:
            points.append(point)
    return points
