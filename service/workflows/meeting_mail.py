"""What every before-meeting mail shows, per recipient: the meeting in their
own time zone and language, the agenda, and who comes, by name only.

Addresses of attendees never appear in the bodies: people learn the names and
companies of the others, and the invitation's calendar part is the only place
that lists addresses, to people who are on that same invitation anyway.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from service import meetings
from service.config import Config
from service.entitlement import explain_not_entitled, guess_language
from service.mail import Thread, queue_mail
from service.workflows.registry import Incoming
from store.models import AgendaItem, Meeting, Outbox, Person


def meeting_thread(meeting: Meeting) -> Thread:
    """Replies to invitations, agendas and digests come back to the meeting."""
    return Thread("meeting", meeting.id)


def agenda_rows(meeting: Meeting, tz: str) -> list[dict[str, Any]]:
    """The agenda as the guide's table: 时间, 议题, 汇报人, 预期产出 (times in `tz`)."""
    rows = []
    zone = ZoneInfo(tz)
    for item in (
        AgendaItem.select().where(AgendaItem.meeting == meeting).order_by(AgendaItem.position)
    ):
        if meeting.start_at is not None:
            start = (meeting.start_at + timedelta(minutes=item.start_offset_minutes)).astimezone(
                zone
            )
            end = start + timedelta(minutes=item.duration_minutes)
            when = f"{start:%H:%M}–{end:%H:%M}"
        else:
            when = f"+{item.start_offset_minutes}′ ({item.duration_minutes}′)"
        rows.append(
            {
                "position": item.position,
                "time": when,
                "minutes": item.duration_minutes,
                "topic": item.topic,
                "presenter": item.presenter.name if item.presenter_id else item.presenter_text,
                "output": item.expected_output,
            }
        )
    return rows


def company_rows(meeting: Meeting, lang: str) -> list[dict[str, Any]]:
    """Attendees grouped by company with tier and role labels, names only."""
    labels = "zh" if lang == "zh" else "en"
    groups: dict[int | None, dict[str, Any]] = {}
    for mc in meetings.companies_of(meeting):
        groups[mc.company_id] = {"label": meetings.company_label(meeting, mc.company), "people": []}
    for p in meetings.participants(meeting):
        group = groups.setdefault(p.person.company_id, {"label": "—", "people": []})
        group["people"].append(
            {
                "name": p.person.name,
                "title": p.person.title,
                "tier": meetings.TIER_LABELS[labels].get(p.person.tier, p.person.tier),
                "role": meetings.ROLE_LABELS[labels].get(p.role, p.role),
                "rsvp": p.rsvp,
            }
        )
    return [g for g in groups.values() if g["people"]]


def location(meeting: Meeting) -> str:
    return meeting.link if meeting.format == "online" else meeting.room


def context_for(cfg: Config, meeting: Meeting, person: Person | None) -> dict[str, Any]:
    """The template context of a meeting mail to `person`."""
    tz = meetings.person_timezone(person, cfg)
    lang = person.language if person else cfg.service.language
    return {
        "meeting": meeting,
        "ref": meeting.ref,
        "tz": tz,
        "start": meeting.start_at,
        "end": meeting.end_at,
        "location": location(meeting),
        "online": meeting.format == "online",
        "agenda": agenda_rows(meeting, tz),
        "companies": company_rows(meeting, lang),
        "host": meetings.host_of(meeting),
        "recorder": meetings.recorder_of(meeting),
        "gaps": [g.text(lang) for g in meetings.role_gaps(meeting)],
    }


def send(
    cfg: Config,
    meeting: Meeting,
    person: Person,
    *,
    key: str,
    template: str,
    now: datetime,
    thread: Thread | None = None,
    extra: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    **kw: Any,
) -> Outbox | None:
    """Queue one meeting mail to `person` in their language and zone
    (`context`: a context_for() already computed for them)."""
    base = context if context is not None else context_for(cfg, meeting, person)
    return queue_mail(
        cfg,
        key=key,
        to=person,
        template=template,
        context={**base, **(extra or {})},
        now=now,
        thread=thread or meeting_thread(meeting),
        meeting=meeting,
        **kw,
    )


# Who may answer a meeting's mails, as the not-entitled explanation names them.
INVITEES = ("受邀的参会人本人", "the invited attendees themselves")
ANSWER_INVITATION = ("答复会议邀请", "answer the invitation")
VOTE = ("答复时间投票", "answer the time poll")


def refuse(
    incoming: Incoming, meeting: Meeting | None, what: tuple[str, str] = ANSWER_INVITATION
) -> None:
    """The sender may not act on this meeting: nothing changes, they are told
    (in their language) that the invitees and the host can."""
    sender = incoming.sender
    lang = sender.language if sender is not None else guess_language(incoming)
    i = 0 if lang == "zh" else 1
    host = meetings.host_of(meeting) if meeting is not None else None
    explain_not_entitled(incoming, INVITEES[i], people=[host] if host else [], what=what[i])
