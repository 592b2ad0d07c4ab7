"""`meetloop tasks`, `meetloop task show|update`, `meetloop minutes show`.

The admin's view of what the minutes made: the same rows the weekly table
mails (service.tracking_table), and corrections that go through the same
item history and audit trail as the owners' own replies.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from service import clock, tracking_table
from service.cli.common import (
    CommandError,
    add_json_flag,
    parse_local_time,
    print_json,
    setup,
    table,
)
from service.config import Config
from service.workflows.minutes import stored_changes
from service.workflows.tracking import overdue_days, record, set_status
from store.db import write_txn
from store.models import (
    ITEM_STATES,
    Company,
    Item,
    ItemUpdate,
    Meeting,
    MinutesAck,
    MinutesVersion,
    Person,
    StoredFile,
)
from store.queries import person_by_address

ACTOR = "cli"
OVERDUE = "overdue"


def _update_command(args: argparse.Namespace) -> str:
    """The correction as a command line, for the audit trail."""
    parts = ["meetloop", "task", "update", args.ref]
    for flag in ("status", "due", "owner", "percent", "note"):
        value = getattr(args, flag)
        if value is not None and value != "":
            parts += [f"--{flag}", str(value)]
    return " ".join(parts)


def _meeting(ref: str) -> Meeting:
    meeting = Meeting.get_or_none(Meeting.ref == ref.strip().upper())
    if meeting is None:
        raise CommandError(f"no meeting {ref}")
    return meeting


def _item(ref: str) -> Item:
    item = Item.get_or_none(Item.ref == ref.strip().upper())
    if item is None:
        raise CommandError(f"no task {ref}")
    return item


def _person(text: str) -> Person:
    person = person_by_address(text)
    if person is None:
        found = list(Person.select().where(Person.name == text.strip()))
        if len(found) > 1:
            raise CommandError(f"{text!r} names {len(found)} people; give the address")
        person = found[0] if found else None
    if person is None:
        raise CommandError(f"no person {text!r}")
    return person


def parse_time(text: str, cfg: Config) -> datetime:
    """ISO 8601, or "YYYY-MM-DD HH:MM" / a date (end of the working day) in the service's zone."""
    return parse_local_time(text, cfg.tz, date_at=cfg.work_hours()[1])


# -- tasks --------------------------------------------------------------------------
def select_items(args: argparse.Namespace, cfg: Config) -> list[Item]:
    query = Item.select().where(Item.owner.is_null(False))
    if args.meeting:
        query = query.where(Item.meeting == _meeting(args.meeting))
    if args.owner:
        query = query.where(Item.owner == _person(args.owner))
    if args.company:
        company = Company.get_or_none(Company.name == args.company)
        if company is None:
            raise CommandError(f"no company {args.company!r}")
        query = query.join(Person, on=(Item.owner == Person.id)).where(Person.company == company)
    if args.status and args.status != OVERDUE:
        query = query.where(Item.status == args.status)
    elif not args.status:
        query = query.where(Item.status != "cancelled")
    items = list(query.order_by(Item.due_at.asc(nulls="last"), Item.id))
    now = clock.now()
    if args.overdue or args.status == OVERDUE:
        items = [i for i in items if overdue_days(i, now, cfg)]
    return items


def cmd_tasks(args: argparse.Namespace) -> int:
    cfg = setup(args)
    items = select_items(args, cfg)
    rows = tracking_table.rows(items, clock.now(), cfg, cfg.service.language)
    if args.xlsx:
        path = Path(args.xlsx)
        try:
            path.write_bytes(tracking_table.xlsx_bytes(rows, cfg.service.language))
        except OSError as e:
            raise CommandError(f"cannot write {path}: {e.strerror}") from e
        print(f"{len(rows)} tasks written to {path}")
        return 0
    keys = ("ref", "meeting", *tracking_table.COLUMNS[1:])
    if args.json:
        print_json([{k: r[k] for k in (*keys, "state")} for r in rows])
    elif args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["ref", "meeting", *tracking_table.headers(cfg.service.language)[1:]])
        for r in rows:
            writer.writerow([r[k] for k in keys])
    else:
        headers = ("ref", "meeting", *tracking_table.headers(cfg.service.language)[1:])
        table(headers, [[r[k] for k in keys] for r in rows])
    return 0


def item_dict(item: Item, cfg: Config) -> dict[str, Any]:
    now = clock.now()
    return {
        "ref": item.ref,
        "meeting": item.meeting.ref,
        "kind": item.kind,
        "title": item.title,
        "text": item.text,
        "owner": item.owner.email if item.owner else None,
        "owner_text": item.owner_text,
        "requester": item.requester.email if item.requester else None,
        "raised_by": item.raised_by.email if item.raised_by else None,
        "due_at": item.due_at,
        "status": item.status,
        "overdue_days": overdue_days(item, now, cfg),
        "percent": item.percent,
        "proposed_due_at": item.proposed_due_at,
        "answer": item.answer,
        "files": [
            {"name": f.filename, "size": f.size, "sha256": f.sha256, "at": f.created_at}
            for f in item.files.order_by(StoredFile.id)
        ],
        "history": [
            {
                "at": u.created_at,
                "kind": u.kind,
                "by": u.by.email if u.by else "",
                "status": u.new_status,
                "percent": u.percent,
                "due": u.new_due_at,
                "text": u.text,
            }
            for u in item.updates.order_by(ItemUpdate.created_at, ItemUpdate.id)
        ],
    }


def cmd_task_show(args: argparse.Namespace) -> int:
    cfg = setup(args)
    data = item_dict(_item(args.ref), cfg)
    if args.json:
        print_json(data)
        return 0
    for key in (
        "ref",
        "meeting",
        "kind",
        "title",
        "text",
        "owner",
        "requester",
        "due_at",
        "status",
        "overdue_days",
        "percent",
        "proposed_due_at",
        "answer",
    ):
        value = data[key]
        if value not in (None, ""):
            print(
                f"{key:16} {value.strftime('%Y-%m-%d %H:%M %Z') if isinstance(value, datetime) else value}"
            )
    if data["files"]:
        print("\nfiles:")
        table(
            ("name", "size", "sha256"),
            [[f["name"], f["size"], f["sha256"][:16]] for f in data["files"]],
        )
    print("\nhistory:")
    table(
        ("at", "kind", "by", "status", "text"),
        [[h["at"], h["kind"], h["by"], h["status"], h["text"][:60]] for h in data["history"]],
    )
    return 0


def cmd_task_update(args: argparse.Namespace) -> int:
    """An admin correction: through the item's history and the audit trail."""
    cfg = setup(args)
    now = clock.now()
    item = _item(args.ref)
    if not any((args.status, args.due, args.owner, args.percent is not None, args.note)):
        raise CommandError("nothing to change: give --status, --due, --owner, --percent or --note")
    if args.percent is not None and not 0 <= args.percent <= 100:
        raise CommandError("--percent must be 0–100")
    new_due = parse_time(args.due, cfg) if args.due else None
    owner = _person(args.owner) if args.owner else None
    with write_txn():
        item = Item.get_by_id(item.id)
        old_status, old_due = item.status, item.due_at
        changes = []
        if args.status:
            set_status(item, args.status, now)
            if args.status == "accepted":
                item.accepted_at = now
            changes.append(f"status {old_status}→{args.status}")
        if new_due is not None:
            item.due_at = new_due
            changes.append(f"due {new_due.isoformat()}")
        if owner is not None:
            item.owner = owner
            changes.append(f"owner {owner.email}")
        if args.percent is not None:
            item.percent = args.percent
            changes.append(f"percent {args.percent}")
        item.updated_at = now
        item.save()
        text = "; ".join([*changes, *([args.note] if args.note else [])])
        record(
            item,
            "admin",
            now=now,
            by=None,
            text=text,
            percent=args.percent,
            old_status=old_status,
            new_due=new_due,
            old_due=old_due if new_due else None,
            actor_text=ACTOR,
            command=_update_command(args),
        )
    print(f"{item.ref}: {text}")
    return 0


# -- minutes ---------------------------------------------------------------------------
def minutes_dict(meeting: Meeting) -> dict[str, Any]:
    versions = []
    for v in meeting.minutes.order_by(MinutesVersion.version):
        versions.append(
            {
                "version": v.version,
                "status": v.status,
                "recorder": v.recorder.email if v.recorder else None,
                "created_at": v.created_at,
                "sent_at": v.sent_at,
                "window_ends_at": v.window_ends_at,
                "finalized_at": v.finalized_at,
                "changes": stored_changes(v),
                "items": [
                    {
                        k: i.get(k)
                        for k in ("ref", "kind", "text", "owner_name", "company", "due", "problem")
                    }
                    for i in v.items
                ],
                "acks": [
                    {
                        "person": a.person.email,
                        "name": a.person.name,
                        "kind": a.kind,
                        "text": a.text,
                        "resolved": a.resolved,
                        "at": a.created_at,
                    }
                    for a in v.acks.order_by(MinutesAck.created_at)
                ],
            }
        )
    return {"meeting": meeting.ref, "title": meeting.title, "versions": versions}


def _change_line(change: dict[str, Any]) -> str:
    """One line of a version's change list for the admin: what, which item, old -> new."""
    if change["change"] == "attendance":
        return "  attendees: " + ", ".join(change.get("names", []))
    fields = "; ".join(
        f"{f['field']} {f['old'] or '-'} -> {f['new'] or '-'}" for f in change.get("fields", [])
    )
    line = f"  {change['change']} item {change.get('n')}: {change['text'][:40]}"
    return f"{line} ({fields})" if fields else line


def cmd_minutes_show(args: argparse.Namespace) -> int:
    setup(args)
    data = minutes_dict(_meeting(args.ref))
    if args.json:
        print_json(data)
        return 0
    print(f"{data['meeting']} {data['title']}")
    if not data["versions"]:
        print("no minutes yet")
        return 0
    for v in data["versions"]:
        print(
            f"\nv{v['version']}  {v['status']}  sent {v['sent_at'] or '-'}  "
            f"window until {v['window_ends_at'] or '-'}"
        )
        if v["changes"]:
            print("changes:\n" + "\n".join(_change_line(c) for c in v["changes"]))
        table(
            ("ref", "kind", "owner", "company", "due", "text"),
            [
                [
                    i["ref"] or "",
                    i["kind"],
                    i["owner_name"] or "",
                    i["company"] or "",
                    (i["due"] or "")[:16],
                    i["text"][:40],
                ]
                for i in v["items"]
            ],
        )
        if v["acks"]:
            table(
                ("person", "answer", "text"),
                [[a["name"], a["kind"], a["text"][:50]] for a in v["acks"]],
            )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tasks", help="tracked tasks, decisions and questions")
    p.add_argument("--meeting", help="only this meeting (M-0042)")
    p.add_argument("--company", help="only owners of this company")
    p.add_argument("--owner", help="only this owner (address or name)")
    p.add_argument("--status", choices=(*ITEM_STATES, OVERDUE), help="only this state")
    p.add_argument("--overdue", action="store_true", help="only overdue items")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    fmt.add_argument("--xlsx", metavar="FILE", help="write the tracking table as .xlsx")
    p.set_defaults(func=cmd_tasks)

    task = sub.add_parser("task", help="one task: show it, or correct it (audited)")
    tsub = task.add_subparsers(dest="task_command", metavar="ACTION", required=True)
    p = tsub.add_parser("show", help="a task with its files and history")
    p.add_argument("ref", help="T-0042")
    add_json_flag(p)
    p.set_defaults(func=cmd_task_show)
    p = tsub.add_parser("update", help="an admin correction, written to the history and audit")
    p.add_argument("ref", help="T-0042")
    p.add_argument("--status", choices=ITEM_STATES)
    p.add_argument("--due", help="new due time (YYYY-MM-DD HH:MM, service zone, or ISO 8601)")
    p.add_argument("--owner", help="new owner (address)")
    p.add_argument("--percent", type=int)
    p.add_argument("--note", help="why (kept in the history)")
    p.set_defaults(func=cmd_task_update)

    minutes = sub.add_parser("minutes", help="minutes of a meeting")
    msub = minutes.add_subparsers(dest="minutes_command", metavar="ACTION", required=True)
    p = msub.add_parser("show", help="versions, items and each person's confirmation")
    p.add_argument("ref", help="M-0042")
    add_json_flag(p)
    p.set_defaults(func=cmd_minutes_show)
