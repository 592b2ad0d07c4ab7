"""`meetloop serve`, `meetloop worker` and `meetloop outbox list|show|retry`."""

from __future__ import annotations

import argparse
import email
from email.header import decode_header, make_header

from service import clock, delivery
from service.cli.common import (
    CommandError,
    add_json_flag,
    parse_local_time,
    print_json,
    setup,
    table,
)
from store.db import unit_of_work
from store.models import OUTBOX_STATES, Outbox

SHOW_BODY_LINES = 15
LIST_LIMIT = 100


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the service: SMTP receiver, IMAP watcher, workers, tick")
    p.add_argument(
        "--start-at",
        metavar="TIME",
        help="rehearse: run the whole service on a clock starting at TIME (ISO 8601; "
        "without offset: the service's zone), kept in the store",
    )
    p.add_argument(
        "--speed",
        type=float,
        help="with a rehearsal clock: how many times faster than real time it runs (default 1)",
    )
    p.add_argument("--port", type=int, help="the SMTP receiver's port (default: smtp.port)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run more workers on a shared queue (no receiver)")
    p.add_argument("--workers", type=int, help="worker threads (default: queue.workers)")
    p.add_argument(
        "--periodic", action="store_true", help="also run the periodic jobs (tick, sweep)"
    )
    p.set_defaults(func=cmd_worker)

    outbox = sub.add_parser("outbox", help="mails the service sends")
    osub = outbox.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    p = osub.add_parser("list", help="list outbox mails, newest first")
    p.add_argument("--status", choices=OUTBOX_STATES, help="only mails in this state")
    p.add_argument(
        "--limit", type=int, default=LIST_LIMIT, help=f"at most N (default {LIST_LIMIT})"
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_list)
    p = osub.add_parser("show", help="headers and first lines of one mail")
    p.add_argument("id", type=int)
    add_json_flag(p)
    p.set_defaults(func=cmd_show)
    p = osub.add_parser("retry", help="try a failed or pending mail again now")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_retry)


EXIT_START_FAILED = 1
MAX_PORT = 65536


def cmd_serve(args: argparse.Namespace) -> int:
    from service import serve
    from service.cli.setup import warn_if_no_secret

    cfg = setup(args)
    warn_if_no_secret(cfg)  # runs (the README's first command uses the example), but says so
    if args.port is not None:
        if not 0 < args.port < MAX_PORT:
            raise CommandError(f"--port must be between 1 and {MAX_PORT - 1}")
        cfg.values["smtp"]["port"] = args.port
    start_at = parse_local_time(args.start_at, cfg.tz) if args.start_at else None
    try:
        return serve.serve(cfg, serve.ClockChoice(start_at, args.speed))
    except serve.StartError as e:
        raise CommandError(str(e), EXIT_START_FAILED) from e


def cmd_worker(args: argparse.Namespace) -> int:
    from service import serve

    if args.workers is not None and args.workers < 1:
        raise CommandError("--workers must be 1 or more")
    cfg = setup(args)
    try:
        return serve.worker(cfg, workers=args.workers, periodic=args.periodic)
    except serve.StartError as e:
        raise CommandError(str(e), EXIT_START_FAILED) from e


def _summary(row: Outbox) -> dict:
    return {
        "id": row.id,
        "status": row.status,
        "kind": row.kind,
        "to": row.recipients,
        "subject": row.subject,
        "message_id": row.message_id,
        "attempts": row.attempts,
        "created_at": row.created_at,
        "next_attempt_at": row.next_attempt_at,
        "sent_at": row.sent_at,
        "last_error": row.last_error,
        "relay_reply": row.relay_reply,
        "refused": row.refused or {},
    }


def cmd_list(args: argparse.Namespace) -> int:
    setup(args)
    with unit_of_work():
        query = Outbox.select().order_by(Outbox.id.desc()).limit(max(args.limit, 1))
        if args.status == "failed":  # also mails some recipients never got
            query = query.where(delivery.has_failed())
        elif args.status:
            query = query.where(Outbox.status == args.status)
        rows = [_summary(row) for row in query]
    if args.json:
        print_json(rows)
        return 0
    table(
        ["ID", "STATUS", "TRIES", "CREATED", "TO", "SUBJECT", "ERROR"],
        [
            (
                r["id"],
                r["status"],
                r["attempts"],
                r["created_at"],
                ", ".join(r["to"]),
                r["subject"],
                r["last_error"][:60],
            )
            for r in rows
        ],
    )
    return 0


def _get(outbox_id: int) -> Outbox:
    row = Outbox.get_or_none(Outbox.id == outbox_id)
    if row is None:
        raise CommandError(f"no outbox mail with id {outbox_id}")
    return row


def _decoded(value: str | None) -> str:
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(value)))
    except Exception:  # a header we wrote ourselves; shown raw rather than not at all
        return value


def _first_lines(msg: email.message.Message) -> list[str]:
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True) or b""
            text = payload.decode(part.get_content_charset() or "utf-8", "replace")
            return text.splitlines()[:SHOW_BODY_LINES]
    return []


def cmd_show(args: argparse.Namespace) -> int:
    setup(args)
    with unit_of_work():
        row = _get(args.id)
    msg = email.message_from_bytes(row.raw)
    headers = {
        name: _decoded(msg[name])
        for name in (
            "From",
            "To",
            "Cc",
            "Reply-To",
            "Subject",
            "Date",
            "Message-ID",
            "In-Reply-To",
            "References",
        )
        if msg[name] is not None
    }
    body = _first_lines(msg)
    if args.json:
        print_json({**_summary(row), "headers": headers, "body": body})
        return 0
    summary = _summary(row)
    for key in ("id", "status", "attempts", "created_at", "next_attempt_at", "sent_at"):
        print(f"{key}: {summary[key] if summary[key] is not None else '-'}")
    if row.last_error:
        print(f"last_error: {row.last_error}")
    if row.relay_reply:
        print(f"relay_reply: {row.relay_reply}")
    print()
    for name, value in headers.items():
        print(f"{name}: {value}")
    print()
    for line in body:
        print(line)
    return 0


def cmd_retry(args: argparse.Namespace) -> int:
    cfg = setup(args)
    from service import tasks

    with unit_of_work():
        try:
            row = delivery.retry(args.id, clock.now())
        except LookupError as e:
            raise CommandError(str(e)) from e
        except ValueError as e:
            raise CommandError(f"nothing to retry: {e}") from e
    tasks.install(cfg)
    try:
        tasks.enqueue_delivery(row.id)
    finally:
        tasks.uninstall()
    print(f"outbox {row.id}: queued for delivery")
    return 0
