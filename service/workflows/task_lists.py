"""Replies to mails that list several tasks: the weekly per-owner list and the
Friday sync invitation.

Each such mail is recorded when it is sent, as an audit row naming the items
in the order they were numbered (`record_list`); its Reply-To token names that
row (thread `tasklist:<audit id>`), so a reply is read against exactly the
list its writer saw, even after tasks closed or new ones appeared.

A reply updates the task(s) it names: by reference ("T-0012 已完成"), by its
number in the list ("2 已完成", "#3 80%", "第2项 需延期至12月5日"), or by its
title ("数据对接标准文档已完成"); one reply may name several, one per line
or clause. When it names none and the writer owns exactly one open task of
the list, it applies to that one. Otherwise nothing is guessed: the owner is
asked back once per list with their tasks and the short answers accepted;
someone owning none of them is told who can act. Each named task is then
handled by the per-task reply handler (tracking.on_item_reply), which checks
who may change it and records the update, as a reply to a task's own mail.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from service.mail import Thread, queue_mail
from service.workflows.registry import Incoming, handles
from service.workflows.tracking import OPEN_STATES, THREAD_ITEM, on_item_reply, owner_side
from store.db import write_txn
from store.models import AuditLog, Item
from store.queries import REF_FORMATS, audit

THREAD_TASKLIST = "tasklist"
# the audit actions that record a sent list (the thread names one of these rows)
LIST_ACTIONS = ("tracking.own_list", "sync.invited")
# What a reply must read as to be an attempt at changing a task: anything else from
# someone who owns none of the listed tasks ("收到，周五见", thanks) is only noted.
TASK_UPDATE_INTENTS = ("progress", "done", "delay")
INTENT_NOTED = "tasklist_noted"
ITEM_IDS = "item_ids"

# A reference anywhere: "T-0012", "t-12" (not inside a longer word or number).
REF = re.compile(r"(?<![A-Za-z0-9])[Tt]\s*-\s*(\d{1,6})(?!\d)")
# A list number at the start of a clause: "#3", "第3项", "No. 3", or "3." /
# "3、" / "3)" / "3 " followed by words. Not a percentage, a date, a decimal or
# an amount: "80%", "12月2日", "1.5", "2 天".
NUMBER = re.compile(
    r"^\s*(?:(?:#|＃|第|No\.?\s*|序号\s*)(\d{1,3})(?!\d)\s*(?:项|条|[.、:：)）])?"
    r"|(\d{1,3})(?:\s*(?:项|条)|[.、:：)）](?!\d)|\s+(?![月日号天周个小时点%％\d])))"
    r"\s*",
    re.I,
)
CLAUSE_SPLIT = re.compile(r"[\n；;]+")
BOOK_TITLE = re.compile(r"《([^《》]{2,})》")
TITLE_MIN_CHARS = 4

HOW_REF, HOW_NUMBER, HOW_TITLE, HOW_ONLY = "ref", "number", "title", "only"


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


def _names(item: Item) -> list[str]:
    title = (item.title or item.text or "").strip()
    names = [title] if len(title) >= TITLE_MIN_CHARS else []
    names += [m.group(1) for m in BOOK_TITLE.finditer(title)]
    return [n.casefold() for n in names]


def _item_by_ref(number: int, listed: list[Item]) -> Item | None:
    ref = REF_FORMATS["item"].format(number)
    return next((i for i in listed if i.ref == ref), None) or Item.get_or_none(Item.ref == ref)


def _clause_marks(clause: str, listed: list[Item]) -> list[tuple[int, int, Item, str]]:
    """(start, end, item, how) of every task named in one clause."""
    marks: list[tuple[int, int, Item, str]] = []
    for m in REF.finditer(clause):
        item = _item_by_ref(int(m.group(1)), listed)
        if item is not None:
            marks.append((m.start(), m.end(), item, HOW_REF))
    if not marks:
        m = NUMBER.match(clause)
        number = int(m.group(1) or m.group(2)) if m else 0
        if 1 <= number <= len(listed):
            marks.append((m.start(), m.end(), listed[number - 1], HOW_NUMBER))
    if not marks:
        folded = clause.casefold()
        for item in listed:
            for name in _names(item):
                at = folded.find(name)
                if at >= 0:
                    marks.append((at, at + len(name), item, HOW_TITLE))
                    break
    return sorted(marks, key=lambda mark: mark[0])


def named_tasks(body: str, listed: list[Item]) -> list[Named]:
    """The tasks a reply names, each with the words that are about it.

    A clause (line, or part between "；") naming a task starts its text; the
    clauses after it that name none continue it ("原因：……" on the next line).
    The words naming the task are left out of its text, so "2" or "T-0012" is
    never read as a figure. Text before the first named task is a greeting.
    """
    found: list[Named] = []
    for clause in CLAUSE_SPLIT.split(body or ""):
        if not clause.strip():
            continue
        marks = _clause_marks(clause, listed)
        if not marks:
            if found:
                found[-1].text += "\n" + clause.strip()
            continue
        for n, (start, end, item, how) in enumerate(marks):
            stop = marks[n + 1][0] if n + 1 < len(marks) else len(clause)
            before = clause[:start] if n == 0 else ""
            text = (before + " " + clause[end:stop]).strip(" ,，、:：-—\t")
            same = next((f for f in found if f.item.id == item.id), None)
            if same is not None:
                same.text += "\n" + text
            else:
                found.append(Named(item, how, text))
    return found


def _as_item_reply(inc: Incoming, named: Named) -> Incoming:
    """The reply as the per-task handler sees it: about one task, with only the
    words about that task (attachments kept, for a deliverable)."""
    mail = dataclasses.replace(inc.mail, text=named.text, html=None)
    return dataclasses.replace(
        inc, mail=mail, thread_kind=THREAD_ITEM, thread_id=named.item.id, notes=inc.notes
    )


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
    named = named_tasks(reading.body, listed)
    person = inc.sender
    mine = [i for i in listed if i.status in OPEN_STATES and owner_side(i, person)]
    if not named and len(mine) == 1:
        named = [Named(mine[0], HOW_ONLY, reading.body)]
    if named:
        with write_txn():
            audit(
                "tasklist.reply",
                at=inc.now,
                actor=person,
                obj=inc.message,
                detail={
                    "list": row.id,
                    "tasks": [{"ref": n.item.ref, "how": n.how} for n in named],
                },
                message=inc.message,
            )
        for one in named:
            on_item_reply(_as_item_reply(inc, one))
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
    rows = tracking_table.rows(mine, inc.now, inc.config, person.language)
    for r, item in zip(rows, mine, strict=True):
        r["no"] = numbers[item.id]
    queued = queue_mail(
        inc.config,
        key=f"tasklist-ask-back:{row.id}:{person.id}",
        to=person,
        template="tasklist_ask_back",
        context={"rows": rows, "understood": inc.reading("task").intent},
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
