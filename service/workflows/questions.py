"""Open questions, and replies that cannot act.

A question from the minutes has an owner and a due date like a task; the
owner's answer closes it and goes to whoever raised it. Replies the service
cannot act on are never dropped silently: `unclear` is asked back with the
short answers accepted, a `question` goes to the host and the person who can
answer (the asker is told so), and a sender not entitled to act changes
nothing and is told who can. All of it is audited.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from service.config import Config
from service.mail import Thread, queue_mail
from service.workflows.minutes import THREAD_DRAFT, THREAD_MINUTES
from service.workflows.registry import Incoming
from service.workflows.tracking import (
    item_context,
    item_thread,
    notify,
    record,
    requesting_side,
    set_status,
)
from store.models import Item, Meeting, MinutesVersion, Person
from store.queries import audit, next_ref

QUESTION_TITLE_CHARS = 40


def answer_question(
    cfg: Config, item: Item, text: str, by: Person, now: datetime, message=None
) -> None:
    """The owner's answer closes the question and goes to whoever raised it."""
    old = set_status(item, "accepted", now)
    item.answer = text
    item.accepted_at = now
    item.last_update_at = now
    item.save()
    record(item, "answer", now=now, by=by, text=text, old_status=old, message=message)
    notify(
        cfg,
        key=f"question-answered:{item.id}",
        people=[item.raised_by or item.meeting.host, item.meeting.host],
        template="question_answered",
        item=item,
        now=now,
        extra={"answer": text, "by": by},
    )


# A question asked inside an update is due this many working days (of whoever
# answers it) after it was asked, at the end of their working day.
QUESTION_ANSWER_WORKING_DAYS = 2


def raise_question(
    cfg: Config, about: Item, text: str, by: Person, now: datetime, message=None
) -> Item | None:
    """A question inside an owner's update ("报告需要中英文两版吗？") becomes a
    tracked question to the requesting side: an item of its own, owned by whoever
    answers, chased like any question; the answer goes back to the asker."""
    answerer = about.requester or about.meeting.host
    if answerer is None or answerer.id == by.id:
        return None
    question = Item.create(
        ref=next_ref("item"),
        meeting=about.meeting,
        minutes=about.minutes,
        kind="question",
        text=text,
        title=text if len(text) <= QUESTION_TITLE_CHARS else text[:QUESTION_TITLE_CHARS] + "…",
        owner=answerer,
        owner_text=answerer.name,
        raised_by=by,
        due_at=_answer_due(cfg, answerer, now),
        status="open",
        created_at=now,
        updated_at=now,
    )
    record(question, "created", now=now, by=by, text=text, new_due=question.due_at, message=message)
    notify(
        cfg,
        key=f"question-raised:{question.id}",
        people=[answerer],
        template="question_raised",
        item=question,
        now=now,
        extra={"asker": by, "question": text, "about": about},
    )
    queue_mail(
        cfg,
        key=f"question-noted:{question.id}",
        to=by,
        template="question_noted",
        context={"ref": question.ref, "topic": text, "answerers": [answerer]},
        now=now,
        thread=item_thread(question),
        meeting=about.meeting,
        item=question,
    )
    return question


def _answer_due(cfg: Config, answerer: Person, now: datetime) -> datetime | None:
    from parsers.business_calendar import UnknownYearError
    from service.business import person_calendar, person_zone

    zone = person_zone(cfg, answerer)
    try:
        day = person_calendar(cfg, answerer).add_working_days(
            now.astimezone(zone).date(), QUESTION_ANSWER_WORKING_DAYS
        )
    except UnknownYearError:
        return None  # never guessed: the question is tracked without a date
    return datetime.combine(day, cfg.work_hours()[1], tzinfo=zone)


def _reply_key(kind: str, inc: Incoming, extra: str = "") -> str:
    return f"{kind}:{inc.message.id}:{extra}"


def ask_back(inc: Incoming, item: Item, context: str) -> None:
    """What the service understood and the short answers it accepts."""
    reading = inc.reading("task" if context.startswith("task") else "any")
    queue_mail(
        inc.config,
        key=_reply_key("ask-back", inc, str(item.id)),
        to=inc.sender,
        template="item_ask_back",
        context={
            **item_context(item, inc.now, inc.config),
            "context": context,
            "body": reading.body,
        },
        now=inc.now,
        thread=item_thread(item),
        meeting=item.meeting,
        item=item,
    )
    audit(
        "item.ask_back",
        at=inc.now,
        actor=inc.sender,
        obj=item,
        detail={"context": context, "intent": reading.intent},
        message=inc.message,
    )


def already_closed(inc: Incoming, item: Item) -> None:
    from service.tracking_table import status_label

    language = inc.sender.language if inc.sender else ""
    queue_mail(
        inc.config,
        key=_reply_key("item-closed", inc, str(item.id)),
        to=inc.sender,
        template="item_closed",
        context={
            **item_context(item, inc.now, inc.config),
            "state": status_label(item, inc.now, inc.config, language),
        },
        now=inc.now,
        thread=item_thread(item),
        meeting=item.meeting,
        item=item,
    )
    audit("item.reply_after_close", at=inc.now, actor=inc.sender, obj=item, message=inc.message)


def _explain(inc: Incoming, who: list[Person], who_label: Any, what: Any) -> None:
    """Nothing changes; the sender is told (at most daily) who can act. Audited."""
    from service.entitlement import explain_not_entitled

    explain_not_entitled(inc, who_label, people=[p for p in who if p], what=what)


def not_entitled(inc: Incoming, item: Item) -> None:
    """An item reply from someone who may not act on it."""
    if item.status == "submitted":
        _explain(
            inc,
            requesting_side(item),
            {"zh": "需求方（验收人）", "en": "the requesting side (who accepts)"},
            {"zh": f"验收 {item.ref}", "en": f"accepting {item.ref}"},
        )
    else:
        _explain(
            inc,
            [item.owner, item.meeting.host],
            {"zh": "任务负责人或其上级", "en": "the task's owner or their manager"},
            {"zh": f"更新 {item.ref}", "en": f"updating {item.ref}"},
        )


def not_entitled_minutes(inc: Incoming, meeting: Meeting) -> None:
    _explain(
        inc,
        [meeting.recorder, meeting.host],
        {"zh": "会议纪要人或主持人", "en": "the meeting's recorder or host"},
        {"zh": f"提交 {meeting.ref} 的纪要", "en": f"filing the minutes of {meeting.ref}"},
    )


def ask_back_minutes(inc: Incoming, version: MinutesVersion, context: str) -> None:
    reading = inc.reading("minutes")
    thread = Thread(THREAD_DRAFT if context != "formal" else THREAD_MINUTES, version.id)
    queue_mail(
        inc.config,
        key=_reply_key("minutes-ask-back", inc, str(version.id)),
        to=inc.sender,
        template="minutes_ask_back",
        context={
            "meeting": version.meeting,
            "minutes": version,
            "context": context,
            "body": reading.body,
        },
        now=inc.now,
        thread=thread,
        meeting=version.meeting,
    )
    audit(
        "minutes.ask_back",
        at=inc.now,
        actor=inc.sender,
        obj=version,
        detail={"context": context, "intent": reading.intent},
        message=inc.message,
    )


def _forward_question(
    inc: Incoming,
    answerers: list[Person],
    obj: Any,
    meeting: Meeting,
    subject_ctx: dict,
    thread: Thread,
) -> None:
    body = inc.reading("any").body
    seen: set[int] = set()
    for person in answerers:
        if person is None or person.id in seen or (inc.sender and person.id == inc.sender.id):
            continue
        seen.add(person.id)
        queue_mail(
            inc.config,
            key=_reply_key("question-forward", inc, str(person.id)),
            to=person,
            template="question_forwarded",
            context={**subject_ctx, "asker": inc.sender, "question": body, "meeting": meeting},
            now=inc.now,
            thread=thread,
            meeting=meeting,
        )
    queue_mail(
        inc.config,
        key=_reply_key("question-noted", inc),
        to=inc.sender,
        template="question_noted",
        context={
            **subject_ctx,
            "answerers": [p for p in answerers if p and p.id in seen],
            "meeting": meeting,
        },
        now=inc.now,
        thread=thread,
        meeting=meeting,
    )
    audit(
        "question.forwarded",
        at=inc.now,
        actor=inc.sender,
        obj=obj,
        detail={"to": sorted(seen), "text": body[:500]},
        message=inc.message,
    )


def route_question(inc: Incoming, item: Item) -> None:
    """A question about a task: the host and the other side of it answer."""
    others = [item.meeting.host]
    others += [item.owner] if inc.sender and inc.sender.id != item.owner_id else [item.requester]
    _forward_question(
        inc,
        others,
        item,
        item.meeting,
        {"topic": item.title or item.text, "ref": item.ref},
        item_thread(item),
    )


def route_minutes_question(inc: Incoming, version: MinutesVersion) -> None:
    meeting = version.meeting
    _forward_question(
        inc,
        [meeting.host, meeting.recorder],
        version,
        meeting,
        {"topic": meeting.title, "ref": meeting.ref},
        Thread(THREAD_MINUTES, version.id),
    )
