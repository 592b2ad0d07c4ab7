"""Replies to mails that list several tasks: the weekly per-owner list and the
Friday sync invitation.

Each such mail is recorded when it is sent, as an audit row naming the items
in the order they were numbered (`record_list`); its Reply-To token names that
row (thread `tasklist:<audit id>`), so a reply is read against exactly the
list its writer saw, even after tasks closed or new ones appeared.

A reply updates the task(s) it names (by reference, list number or title, as
parsers.task_list_reply reads them). When it names none and the writer owns
exactly one open task of the list, it applies to that one. Otherwise nothing
is guessed: the owner is asked back once per list with their tasks and the
short answers accepted; someone owning none of them who asks for a change is
told who can act, and a mere "收到" from them is only noted. Each named task is then
handled by the per-task reply handler (tracking.on_item_reply), which checks
who may change it and records the update, as a reply to a task's own mail.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from parsers.task_list_reply import HOW_NUMBER, HOW_REF, ListedTask, named_tasks
from service.items import roles_of
from service.mail import Thread, queue_mail
from service.workflows import minutes_edits
from service.workflows.minutes import THREAD_MINUTES
from service.workflows.registry import Incoming, content_route, handles
from service.workflows.tracking import (
    OPEN_STATES,
    THREAD_ITEM,
    UPDATE_INTENTS,
    on_item_reply,
    owner_side,
    reader_zone,
)
from store.db import write_txn
from store.models import AuditLog, Item, MinutesVersion
from store.queries import REF_FORMATS, audit

THREAD_TASKLIST = "tasklist"
# the audit actions that record a sent list (the thread names one of these rows)
LIST_ACTIONS = ("tracking.own_list", "sync.invited")
# What a reply must read as to be an attempt at changing a task: anything else from
# someone who owns none of the listed tasks ("收到，周五见", thanks) is only noted.
TASK_UPDATE_INTENTS = UPDATE_INTENTS
INTENT_NOTED = "tasklist_noted"
# A reply to the minutes that says one of these is about the minutes even when it
# names a task ("有异议：《…》的截止应为12月1日").
MINUTES_OWN_INTENTS = ("objection",)
ITEM_IDS = "item_ids"

ITEM_REF_PREFIX = REF_FORMATS["item"].partition("-")[0]  # "T" of T-0012
HOW_ONLY = "only"  # named by nothing: the writer's only open task in the list


# -- sending: the record of a list ------------------------------------------------------
def record_list(
    action: str, items: Sequence[Item], now: datetime, *, obj: Any, detail: dict[str, Any]
) -> AuditLog:
    """The audit row of a list mail about to be sent: its items, in their numbered
    order. Call inside the transaction that queues the mail."""
    if action not in LIST_ACTIONS:
        raise ValueError(f"{action!r} is not a list action")
    return audit(
        action,
        at=now,
        obj=obj,
        detail={**detail, "items": [i.ref for i in items], ITEM_IDS: [i.id for i in items]},
    )


def list_thread(row: AuditLog) -> Thread:
    return Thread(THREAD_TASKLIST, row.id)


def listed_items(row: AuditLog) -> list[Item]:
    ids = [int(i) for i in (row.detail or {}).get(ITEM_IDS, [])]
    found = {i.id: i for i in Item.select().where(Item.id.in_(ids))} if ids else {}
    return [found[i] for i in ids if i in found]


# -- reading a reply ---------------------------------------------------------------------
@dataclasses.dataclass
class Named:
    item: Item
    how: str
    text: str


def _ref_number(item: Item) -> int:
    return int(re.sub(r"\D", "", item.ref or "") or 0)


def _named(body: str, listed: list[Item]) -> list[Named]:
    """The listed (or, by reference, other) tasks the reply names, as records."""
    sent = [ListedTask(_ref_number(i), (i.title or i.text or "")) for i in listed]
    found = []
    for named in named_tasks(body, sent, ITEM_REF_PREFIX):
        if named.position is not None:
            item = listed[named.position]
        else:
            item = Item.get_or_none(Item.ref == REF_FORMATS["item"].format(named.ref_number))
        if item is not None:
            found.append(Named(item, named.how, named.text))
    return found


def _as_item_reply(inc: Incoming, named: Named) -> Incoming:
    """The reply as the per-task handler sees it: about one task, with only the
    words about that task (attachments kept, for a deliverable)."""
    mail = dataclasses.replace(inc.mail, text=named.text, html=None)
    return dataclasses.replace(
        inc, mail=mail, thread_kind=THREAD_ITEM, thread_id=named.item.id, notes=inc.notes
    )


def _dispatch(inc: Incoming, named: list[Named], detail: dict[str, Any]) -> None:
    """Each named task gets its words, as a reply to its own mail would."""
    with write_txn():
        audit(
            "tasklist.reply",
            at=inc.now,
            actor=inc.sender,
            obj=inc.message,
            detail={**detail, "tasks": [{"ref": n.item.ref, "how": n.how} for n in named]},
            message=inc.message,
        )
    for one in named:
        on_item_reply(_as_item_reply(inc, one))


# -- replies elsewhere that name a task ---------------------------------------------------
@content_route(THREAD_MINUTES)
def task_named_in_minutes_reply(inc: Incoming) -> bool:
    """ "《数据对接标准文档》目前完成了60%" or "T-0012 done" in reply to the minutes
    updates that task: a task named by reference or title, by someone it concerns,
    with words that update a task. List numbers are not read here (in the
    minutes they number the minutes' own sections)."""
    version = MinutesVersion.get_or_none(MinutesVersion.id == inc.thread_id)
    if version is None or inc.sender is None:
        return False
    reading = inc.reading("task")
    if reading.intent not in TASK_UPDATE_INTENTS:
        return False
    if inc.reading("minutes").intent in MINUTES_OWN_INTENTS:
        return False
    if minutes_edits.corrects_minutes(inc, version.meeting):
        return False
    items = list(Item.select().where(Item.meeting == version.meeting).order_by(Item.id))
    named = [
        n
        for n in _named(reading.body, items)
        if n.how != HOW_NUMBER and roles_of(n.item, inc.sender)
    ]
    if not named:
        return False
    _dispatch(inc, named, {"minutes": version.id})
    return True


# A task reference as the service writes it ("T-0014"), anywhere in a text.
REF_ANYWHERE = re.compile(rf"(?<![A-Za-z0-9]){ITEM_REF_PREFIX}\s*-\s*\d{{1,6}}(?!\d)", re.I)
HOW_THREAD = "thread"  # the words before the first reference: about the task answered


@content_route(THREAD_ITEM)
def other_task_named_in_item_reply(inc: Incoming) -> bool:
    """ "T-0014 也已完成" in reply to T-0012's reminder updates T-0014: each task
    named by reference goes to that task, the words before the first reference
    stay with the task the mail was about. Nothing changes here unless the reply
    names another task, by reference, that the sender may update."""
    from parsers.intent import read_intent

    item = Item.get_or_none(Item.id == inc.thread_id)
    if item is None or inc.sender is None:
        return False
    reading = inc.reading("task")
    if reading.intent not in TASK_UPDATE_INTENTS:
        return False
    named = [n for n in _named(reading.body, [item]) if n.how == HOW_REF]
    others = [n for n in named if n.item.id != item.id]
    if not others or not all(roles_of(n.item, inc.sender) for n in others):
        return False
    first = REF_ANYWHERE.search(reading.body)
    before = reading.body[: first.start()].strip() if first else ""
    thread_named = any(n.item.id == item.id for n in named)
    if before and not thread_named and read_intent(before, "task").intent in TASK_UPDATE_INTENTS:
        named.insert(0, Named(item, HOW_THREAD, before))
    _dispatch(inc, named, {"item": item.id})
    return True


# -- the reply handler -----------------------------------------------------------------
@handles(THREAD_TASKLIST)
def on_list_reply(inc: Incoming) -> None:
    from service.entitlement import explain_not_entitled, note_intent

    row = AuditLog.get_or_none((AuditLog.id == inc.thread_id) & (AuditLog.action.in_(LIST_ACTIONS)))
    if row is None:
        return
    listed = listed_items(row)
    reading = inc.reading("task")
    if reading.intent in ("auto_reply", "bounce") or inc.mail.calendar_parts:
        return  # a calendar answer to the sync invitation changes no task
    named = _named(reading.body, listed)
    person = inc.sender
    mine = [i for i in listed if i.status in OPEN_STATES and owner_side(i, person)]
    if not named and len(mine) == 1:
        named = [Named(mine[0], HOW_ONLY, reading.body)]
    if named:
        _dispatch(inc, named, {"list": row.id})
        return
    with write_txn():
        if not mine and reading.intent not in TASK_UPDATE_INTENTS:
            note_intent(inc, INTENT_NOTED)
            return
        if not mine:
            owners = list({i.owner_id: i.owner for i in listed if i.owner}.values())
            explain_not_entitled(
                inc,
                {
                    "zh": "所列任务的负责人或其上级",
                    "en": "the listed tasks' owners or their managers",
                },
                people=owners,
                what={"zh": "更新任务", "en": "updating tasks"},
                detail={"list": row.id},
            )
            return
        ask_back(inc, row, listed, mine)


def ask_back(inc: Incoming, row: AuditLog, listed: list[Item], mine: list[Item]) -> None:
    """Once per list and person: their open tasks in it, and the answers accepted."""
    from service import tracking_table

    person = inc.sender
    numbers = {item.id: no for no, item in enumerate(listed, 1)}
    rows = tracking_table.rows(
        mine, inc.now, inc.config, person.language, reader_zone(person, inc.config)
    )
    for r, item in zip(rows, mine, strict=True):
        r["no"] = numbers[item.id]
    queued = queue_mail(
        inc.config,
        key=f"tasklist-ask-back:{row.id}:{person.id}",
        to=person,
        template="tasklist_ask_back",
        context={"rows": rows, "body": inc.reading("task").body},
        now=inc.now,
        thread=list_thread(row),
    )
    audit(
        "tasklist.ask_back" if queued else "tasklist.unclear",
        at=inc.now,
        actor=person,
        obj=inc.message,
        detail={"list": row.id, "tasks": [i.ref for i in mine]},
        message=inc.message,
    )
