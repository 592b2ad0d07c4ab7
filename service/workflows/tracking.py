"""Task tracking: the item lifecycle and owners' updates by mail, plus the
weekly tracking table.

open → in_progress → submitted → accepted (a rejection goes back to
in_progress); "overdue" is never stored, it is derived from the due date and
the business calendar, so a changed calendar or due date is right at once.
Owners (or their managers) update by replying to any mail about the task;
the requesting side accepts (acceptance.py); the host and the requesting
side approve delays.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from peewee import JOIN

from parsers.intent import questions_in
from service import items
from service.config import WEEKDAYS, Config
from service.items import (  # noqa: F401  (the names other workflows import from here)
    CHASED_STATES,
    OPEN_STATES,
    may_accept,
    may_approve_delay,
    owner_side,
    requesting_side,
    same_company,
)
from service.mail import Attachment, Thread, queue_mail
from service.workflows.registry import Incoming, handles, tick_rule
from store.db import write_txn
from store.models import (
    ITEM_CLOSED_STATES,
    Company,
    InboundMessage,
    Item,
    ItemUpdate,
    Meeting,
    Outbox,
    Participant,
    Person,
    StoredFile,
)
from store.queries import audit

log = logging.getLogger(__name__)

THREAD_ITEM = "item"
# A weekly mail reaches each reader on their first working morning at or after the
# policy's moment; one that could not go out within this time after it is dropped
# (a week-old table is noise).
WEEKLY_GRACE = timedelta(days=1)
SAFE_NAME_MAX = 120


# -- calendar and dates --------------------------------------------------------------
# Overdue days and reminders follow the owner: their company's working days
# (its region's holidays) and their own time zone.
def calendar_for(cfg: Config) -> Any:
    """The service's business calendar (one cached instance per configuration)."""
    from service.business import calendar_for as shared

    return shared(cfg)


def owner_calendar(item: Item, cfg: Config) -> Any:
    """The working days of the owner's company (the service's when unknown)."""
    from service.business import company_calendar

    owner = item.owner
    try:
        return company_calendar(cfg, owner.company if owner else None)
    except (NotImplementedError, KeyError, ValueError) as e:  # a region holidays lacks
        log.warning("calendar of %s: %s; using the service's", item.ref, e)
        return calendar_for(cfg)


def owner_zone(item: Item, cfg: Config) -> ZoneInfo:
    owner = item.owner
    return ZoneInfo((owner.timezone if owner else "") or cfg.calendar.timezone)


def meeting_tz(meeting: Meeting, cfg: Config) -> str:
    return meeting.timezone or cfg.calendar.timezone


def reader_zone(person: Person | None, cfg: Config) -> str:
    """The zone a reader's times are shown in: their own, else the service's."""
    return (person.timezone if person else "") or cfg.calendar.timezone


def zone_label(zone: str, lang: str) -> str:
    """How the reader names `zone` ("日本时间", "Japan Time")."""
    from service.render import WRITTEN_FROM, zone_name

    return zone_name(zone, WRITTEN_FROM.get(lang, lang))


def is_working_day(day: date, calendar: Any) -> bool | None:
    """None when the calendar does not know the year (never guessed)."""
    from parsers.business_calendar import UnknownYearError

    try:
        return calendar.is_working_day(day)
    except UnknownYearError as e:
        log.warning("business calendar: %s", e)
        return None


def overdue_days(item: Item, now: datetime, cfg: Config) -> int | None:
    """Working days the item is overdue (0 when it is not); None when unknown."""
    if (
        item.due_at is None
        or item.status in (*ITEM_CLOSED_STATES, "submitted")
        or now <= item.due_at
    ):
        return 0
    from parsers.business_calendar import UnknownYearError

    zone = owner_zone(item, cfg)
    try:
        days = owner_calendar(item, cfg).working_days_between(
            item.due_at.astimezone(zone).date(), now.astimezone(zone).date()
        )
    except UnknownYearError as e:
        log.warning("business calendar: %s", e)
        return None
    return max(days, 1)


def is_overdue(item: Item, now: datetime, cfg: Config) -> bool:
    return overdue_days(item, now, cfg) != 0


# -- people --------------------------------------------------------------------------
def attendees(meeting: Meeting) -> list[Person]:
    rows = (
        Participant.select(Participant, Person)
        .join(Person)
        .where(Participant.meeting == meeting)
        .order_by(Participant.id)
    )
    return [row.person for row in rows]


# -- presenting an item ---------------------------------------------------------------
def item_context(item: Item, now: datetime, cfg: Config) -> dict[str, Any]:
    """What every template about an item shows."""
    owner = item.owner
    return {
        "item": item,
        "ref": item.ref,
        "title": item.title or item.text,
        "owner_name": owner.name if owner else (item.owner_text or "—"),
        "company": owner.company.name if owner and owner.company else "—",
        "due": item.due_at,
        "tz": meeting_tz(item.meeting, cfg),
        "overdue_days": overdue_days(item, now, cfg),
        "meeting": item.meeting,
        "files": list(item.files.order_by(StoredFile.id)),
    }


def item_thread(item: Item, reply_to: str | None = None) -> Thread:
    return Thread(THREAD_ITEM, item.id, in_reply_to=reply_to)


def already_queued(key: str) -> bool:
    """Whether the mail of `key` is in the Outbox: lets a rule that runs every
    minute skip building what it sent before."""
    return Outbox.select().where(Outbox.key == key).exists()


def notify(
    cfg: Config,
    *,
    key: str,
    people: list[Person],
    template: str,
    item: Item,
    now: datetime,
    extra: dict[str, Any] | None = None,
    attachments: list[Attachment] | None = None,
) -> int:
    """One mail per distinct person about `item`, replies routed to the item."""
    sent = 0
    seen: set[int] = set()
    for person in people:
        if person is None or person.id in seen or not person.active:
            continue
        seen.add(person.id)
        if already_queued(f"{key}:{person.id}"):
            continue
        ctx = {**item_context(item, now, cfg), **(extra or {})}
        if queue_mail(
            cfg,
            key=f"{key}:{person.id}",
            to=person,
            template=template,
            context=ctx,
            now=now,
            thread=item_thread(item),
            meeting=item.meeting,
            item=item,
            attachments=attachments or [],
        ):
            sent += 1
    return sent


def record(
    item: Item,
    kind: str,
    *,
    now: datetime,
    by: Person | None,
    text: str = "",
    percent: int | None = None,
    old_status: str = "",
    new_due: datetime | None = None,
    old_due: datetime | None = None,
    message: InboundMessage | None = None,
    actor_text: str = "",
    command: str = "",
) -> None:
    """One history row and one audit row: every change of an item writes both."""
    ItemUpdate.create(
        item=item,
        kind=kind,
        by=by,
        text=text,
        percent=percent,
        old_status=old_status,
        new_status=item.status,
        old_due_at=old_due,
        new_due_at=new_due,
        message=message,
        created_at=now,
    )
    detail = {"ref": item.ref, "status": item.status}
    if text:
        detail["text"] = text[:500]
    if percent is not None:
        detail["percent"] = percent
    if new_due is not None:
        detail["due"] = new_due.isoformat()
    audit(
        f"item.{kind}",
        at=now,
        actor=by,
        actor_text=actor_text,
        obj=item,
        detail=detail,
        message=message,
        command=command,
    )


def set_status(item: Item, status: str, now: datetime) -> str:
    old = item.status
    item.status = status
    item.updated_at = now
    return old


# -- deliverables ----------------------------------------------------------------------
def safe_filename(name: str) -> str:
    """A file name that is safe on every disk and in every header."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "_", name).strip(" .")
    if not name:
        name = "deliverable.bin"
    stem, dot, ext = name.rpartition(".")
    if dot and len(ext) <= 10 and len(name) > SAFE_NAME_MAX:
        name = stem[: SAFE_NAME_MAX - len(ext) - 1] + "." + ext
    return name[:SAFE_NAME_MAX]


@dataclass(frozen=True)
class StoredResult:
    files: list[StoredFile]
    refused: list[str]  # file names over the size limit


def store_deliverables(
    item: Item, mail: Any, by: Person | None, message: InboundMessage | None, cfg: Config, now
) -> StoredResult:
    """Keep each attachment of `mail` (with its sha256); refuse those over the limit."""
    limit = cfg.policy.max_deliverable_bytes
    files, refused = [], []
    for att in getattr(mail, "attachments", []) or []:
        data = bytes(att.payload)
        name = safe_filename(att.filename)
        if len(data) > limit:
            refused.append(name)
            continue
        digest = hashlib.sha256(data).hexdigest()
        existing = StoredFile.get_or_none(item=item, sha256=digest)
        if existing:
            files.append(existing)
            continue
        files.append(
            StoredFile.create(
                meeting=item.meeting,
                item=item,
                purpose="deliverable",
                filename=name,
                content_type=att.content_type or "application/octet-stream",
                size=len(data),
                sha256=digest,
                data=data,
                uploaded_by=by,
                message=message,
                created_at=now,
            )
        )
    return StoredResult(files, refused)


def file_attachments(files: list[StoredFile]) -> list[Attachment]:
    return [Attachment(f.filename, f.content_type, f.data) for f in files]


# -- owners' updates -------------------------------------------------------------------
def apply_progress(
    item: Item, percent: int | None, by: Person, now: datetime, message=None
) -> None:
    old = item.status
    if item.status == "open":
        set_status(item, "in_progress", now)
    if percent is not None:
        item.percent = max(0, min(100, percent))
    item.last_update_at = now
    item.updated_at = now
    item.save()
    record(item, "progress", now=now, by=by, percent=percent, old_status=old, message=message)


def apply_reason(item: Item, text: str, by: Person, now: datetime, message=None) -> None:
    """An owner's answer to a reminder that changes no state: kept with the task."""
    item.last_update_at = now
    item.save()
    record(item, "reason", now=now, by=by, text=text, old_status=item.status, message=message)


def apply_delay(
    cfg: Config,
    item: Item,
    new_due: datetime,
    reason: str,
    by: Person,
    now: datetime,
    message=None,
) -> str:
    """A new date asked for: approved at once by policy, else put to the
    requesting side and the host. Returns "approved" or "proposed"."""
    item.last_update_at = now
    if cfg.policy.delay_auto_approve:
        old_due = item.due_at
        item.due_at = new_due
        item.updated_at = now
        item.save()
        record(
            item,
            "delay",
            now=now,
            by=by,
            text=reason,
            new_due=new_due,
            old_due=old_due,
            old_status=item.status,
            message=message,
        )
        notify(
            cfg,
            key=f"delay-approved:{item.id}:{new_due.isoformat()}",
            people=[item.meeting.host, *requesting_side(item), item.owner],
            template="item_delay_approved",
            item=item,
            now=now,
            extra={"reason": reason, "old_due": old_due, "by": by},
        )
        return "approved"
    item.proposed_due_at = new_due
    item.proposed_reason = reason
    item.updated_at = now
    item.save()
    record(
        item,
        "delay",
        now=now,
        by=by,
        text=reason,
        new_due=new_due,
        old_due=item.due_at,
        old_status=item.status,
        message=message,
    )
    notify(
        cfg,
        key=f"delay-request:{item.id}:{new_due.isoformat()}",
        people=[item.requester or item.meeting.host, item.meeting.host],
        template="item_delay_request",
        item=item,
        now=now,
        extra={"reason": reason, "new_due": new_due, "by": by},
    )
    return "proposed"


def decide_delay(
    cfg: Config, item: Item, approve: bool, by: Person, now: datetime, text: str = "", message=None
) -> None:
    """The requesting side or the host answers a delay request."""
    new_due, old_due = item.proposed_due_at, item.due_at
    if approve and new_due is not None:
        item.due_at = new_due
    item.proposed_due_at = None
    item.proposed_reason = ""
    item.updated_at = now
    item.save()
    record(
        item,
        "approve" if approve else "refuse",
        now=now,
        by=by,
        text=text,
        new_due=new_due if approve else None,
        old_due=old_due,
        old_status=item.status,
        message=message,
    )
    notify(
        cfg,
        key=f"delay-decision:{item.id}:{message.id if message else now.isoformat()}",
        people=[item.owner, item.meeting.host],
        template="item_delay_decision",
        item=item,
        now=now,
        extra={"approved": approve, "by": by, "text": text, "new_due": new_due},
    )


# Answers to a delay request. The reply parser has no "approval" context; these
# short answers are what the request mail offers, read on the new text only.
APPROVE = re.compile(r"^\s*(?:同意|批准|可以|(?:approved?|agreed?|ok)\b)", re.I)
REFUSE = re.compile(
    r"^\s*(?:不同意|不批准|不可以|驳回|(?:not approved?|refused?|rejected?|no)\b)", re.I
)


def delay_decision(reading: Any) -> bool | None:
    """True approve, False refuse, None unclear."""
    if reading.intent == "pass":
        return True
    if reading.intent == "reject":
        return False
    body = reading.body or ""
    if REFUSE.search(body):
        return False
    if APPROVE.search(body):
        return True
    return None


# An owner's reply to an open question is its answer when it says something:
# not a bare "收到" (too short) and not a question back. What it reads as otherwise
# does not matter ("需要，英文版可以晚两天给" is an answer, not a delay).
NOT_AN_ANSWER = ("question",)
ANSWER_MIN_CHARS = 8


# What an owner's update says when it changes the task (a question may ride along).
UPDATE_INTENTS = ("progress", "done", "delay")


# -- the reply handler -----------------------------------------------------------------
def _reads(inc: Incoming, item: Item):
    """How the rules of `items.REPLY_RULES` read the reply: an intent per way of reading."""

    def intent_for(read: str) -> str:
        if read == items.READ_DELAY:
            decision = delay_decision(inc.reading("acceptance"))
            return {True: "approve", False: "refuse"}.get(decision, "unclear")  # type: ignore[arg-type]
        return inc.reading(read).intent

    return intent_for


@handles(THREAD_ITEM)
def on_item_reply(inc: Incoming) -> None:
    """Any reply about an item: the sender's roles for it and what the text says
    pick one action from `items.REPLY_RULES`."""
    from service.workflows import acceptance, questions

    item = Item.get_or_none(Item.id == inc.thread_id)
    if item is None:
        return
    with write_txn():
        item = Item.get_by_id(item.id)
        person = inc.sender
        action, _intent = items.reply_action(item, person, _reads(inc, item))
        cfg, now, message = inc.config, inc.now, inc.message
        if action == items.ACCEPT:
            acceptance.accept(cfg, item, person, now, inc.reading("acceptance").body, message)
        elif action == items.REJECT:
            acceptance.reject(cfg, item, person, now, inc.reading("acceptance").body, message)
        elif action in (items.APPROVE_DELAY, items.REFUSE_DELAY):
            body = inc.reading("acceptance").body
            decide_delay(cfg, item, action == items.APPROVE_DELAY, person, now, body, message)
        elif action == items.OWNER_UPDATE:
            _owner_reply(inc, item, person)
        elif action == items.ASK_BACK_ACCEPTANCE:
            if inc.reading("acceptance").intent not in ("auto_reply", "bounce"):
                questions.ask_back(inc, item, "acceptance")
        elif action == items.ASK_BACK_DELAY:
            questions.ask_back(inc, item, "delay_decision")
        elif action == items.PASS_QUESTION_ON:
            questions.route_question(inc, item)
        else:
            questions.not_entitled(inc, item)


def _owner_reply(inc: Incoming, item: Item, person: Person) -> None:
    from service.workflows import acceptance, questions

    cfg, now = inc.config, inc.now
    if item.kind == "question" and item.status in OPEN_STATES:
        reading = inc.reading("any")
        if reading.intent in ("auto_reply", "bounce"):
            return
        answer = reading.body.strip()
        if reading.intent not in NOT_AN_ANSWER and len(answer) >= ANSWER_MIN_CHARS:
            questions.answer_question(cfg, item, answer, person, now, inc.message)
            return
    reading = inc.reading("task")
    intent = reading.intent
    if intent in ("auto_reply", "bounce"):
        return
    if item.status in ITEM_CLOSED_STATES:
        questions.already_closed(inc, item)
        return
    if intent == "progress" and reading.percent is None and reading.new_due is None:
        intent = "unclear"  # no figure: a reason or a remark, handled below
    if intent in UPDATE_INTENTS:  # a question inside the update is tracked, not lost
        for asked in questions_in(reading.body):
            questions.raise_question(cfg, item, asked, person, now, inc.message)
    if intent == "progress":
        apply_progress(item, reading.percent, person, now, inc.message)
        if reading.new_due is not None:
            apply_delay(
                cfg,
                item,
                _aware(reading.new_due, person, cfg),
                reading.body,
                person,
                now,
                inc.message,
            )
        _acknowledge(cfg, item, person, now, inc)
    elif intent == "done":
        acceptance.submit(cfg, item, inc.mail, reading.body, person, now, inc.message)
    elif intent == "delay":
        if reading.percent is not None:
            apply_progress(item, reading.percent, person, now, inc.message)
        if reading.new_due is None:
            apply_reason(item, reading.body, person, now, inc.message)
            questions.ask_back(inc, item, "delay_needs_date")
        else:
            apply_delay(
                cfg,
                item,
                _aware(reading.new_due, person, cfg),
                reading.body,
                person,
                now,
                inc.message,
            )
    elif intent == "question":
        questions.route_question(inc, item)
    elif reading.new_due is not None:  # "原因：…，预计12月2日完成": a delay in other words
        apply_delay(
            cfg, item, _aware(reading.new_due, person, cfg), reading.body, person, now, inc.message
        )
    elif is_overdue(item, now, cfg) and reading.body.strip():
        apply_reason(item, reading.body, person, now, inc.message)  # the answer to "已逾期"
        questions.ask_back(inc, item, "delay_needs_date")
    else:
        questions.ask_back(inc, item, "task")


def _aware(value: Any, person: Person | None, cfg: Config) -> datetime:
    """A date the person wrote means their own local day: the reply's Date
    header may carry another offset (UTC from many servers)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    zone = ZoneInfo((person.timezone if person else "") or cfg.calendar.timezone)
    local = value.replace(tzinfo=None)
    if value.utcoffset() != local.replace(tzinfo=zone).utcoffset():
        return local.replace(tzinfo=zone)
    return value.astimezone(zone)


def _acknowledge(cfg: Config, item: Item, person: Person, now: datetime, inc: Incoming) -> None:
    queue_mail(
        cfg,
        key=f"item-ack:{item.id}:{inc.message.id}",
        to=person,
        template="item_update_ack",
        context=item_context(item, now, cfg),
        now=now,
        thread=item_thread(item),
        meeting=item.meeting,
        item=item,
    )


# -- weekly tracking table --------------------------------------------------------------
def last_weekly_moment(now: datetime, cfg: Config, day_key: str, time_key: str) -> datetime:
    """The latest policy moment (weekday + time, local) at or before `now`."""
    local = now.astimezone(cfg.tz)
    weekday = WEEKDAYS.index(getattr(cfg.policy, day_key))
    at = cfg.policy_time(time_key)
    back = (local.weekday() - weekday) % 7
    moment = datetime.combine(local.date() - timedelta(days=back), at, tzinfo=cfg.tz)
    if moment > local:
        moment -= timedelta(days=7)
    return moment


def open_items_of(owner: Person) -> list[Item]:
    query = Item.select().where(Item.status.in_(OPEN_STATES), Item.owner == owner)
    return list(query.order_by(Item.due_at.asc(nulls="last"), Item.id))


@tick_rule("weekly_tracking")
def weekly_tracking(now: datetime, cfg: Config) -> int:
    """The host's tracking table and each owner's own open tasks, once a week."""
    from service.business import scheduled_now

    moment = last_weekly_moment(now, cfg, "weekly_digest_day", "weekly_digest_time")
    week = moment.date().isoformat()
    done = {  # one query: the rule runs every minute of that day
        row.key
        for row in Outbox.select(Outbox.key).where(
            Outbox.kind.in_(("weekly_table", "weekly_own")), Outbox.created_at >= moment
        )
    }
    open_query = Item.select().where(Item.status.in_(OPEN_STATES), Item.owner.is_null(False))
    hosts = {
        m.host_id
        for m in Meeting.select(Meeting.host).where(
            Meeting.id.in_(open_query.select(Item.meeting)), Meeting.host.is_null(False)
        )
    }
    owners = {i.owner_id for i in open_query.select(Item.owner).distinct()}
    tables = {i: f"weekly-table:{i}:{week}" for i in sorted(hosts)}
    lists = {i: f"weekly-own:{i}:{week}" for i in sorted(owners)}
    tables = {i: key for i, key in tables.items() if key not in done}
    lists = {i: key for i, key in lists.items() if key not in done}
    people = _people({*tables, *lists})
    sent = 0
    for host_id, key in tables.items():
        if scheduled_now(cfg, people[host_id], moment, now, WEEKLY_GRACE):
            sent += _send_table(cfg, people[host_id], key, week, now)
    for owner_id, key in lists.items():
        if scheduled_now(cfg, people[owner_id], moment, now, WEEKLY_GRACE):
            sent += _send_own(cfg, people[owner_id], key, week, now)
    return sent


def _people(ids: set[int]) -> dict[int, Person]:
    """People by id with their companies (whose calendars decide), in one query."""
    if not ids:
        return {}
    query = (
        Person.select(Person, Company)
        .join(Company, JOIN.LEFT_OUTER, on=(Person.company == Company.id))
        .where(Person.id.in_(list(ids)))
    )
    return {p.id: p for p in query}


def _send_table(cfg: Config, host: Person, key: str, week: str, now: datetime) -> int:
    from service import tracking_table

    items = list(
        Item.select()
        .join(Meeting)
        .where(Meeting.host == host, Item.owner.is_null(False), Item.status != "cancelled")
        .order_by(Item.due_at.asc(nulls="last"), Item.id)
    )
    zone = reader_zone(host, cfg)
    rows = tracking_table.rows(items, now, cfg, host.language, zone)
    xlsx = tracking_table.xlsx_bytes(rows, host.language)
    attachment = Attachment(tracking_table.xlsx_name(now, cfg), tracking_table.XLSX_TYPE, xlsx)
    with write_txn():
        return int(
            queue_mail(
                cfg,
                key=key,
                to=host,
                template="weekly_table",
                context={
                    "rows": rows,
                    "headers": tracking_table.headers(host.language),
                    "open_count": sum(1 for i in items if i.status in OPEN_STATES),
                    "week": week,
                    "zone_label": zone_label(zone, host.language),
                },
                now=now,
                attachments=[attachment],
            )
            is not None
        )


def _send_own(cfg: Config, owner: Person, key: str, week: str, now: datetime) -> int:
    from service import tracking_table
    from service.workflows import task_lists

    items = open_items_of(owner)
    zone = reader_zone(owner, cfg)
    rows = tracking_table.rows(items, now, cfg, owner.language, zone)
    with write_txn():
        if already_queued(key):
            return 0
        # replies to the list are read against the items it numbered
        listed = task_lists.record_list(
            "tracking.own_list", items, now, obj=owner, detail={"week": week}
        )
        return int(
            queue_mail(
                cfg,
                key=key,
                to=owner,
                template="weekly_own",
                context={
                    "rows": rows,
                    "headers": tracking_table.headers(owner.language),
                    "week": week,
                    "zone_label": zone_label(zone, owner.language),
                },
                now=now,
                thread=task_lists.list_thread(listed),
            )
            is not None
        )
