"""`meetloop inbox list|show|retry` and `meetloop tick`: received mail and time.

The same functions the workers use: `inbox retry` runs `process_message`
synchronously, `tick` runs the rules once at a chosen instant.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import sys
from datetime import datetime
from typing import Any

from service import process
from service.cli.common import CommandError, add_json_flag, print_json, setup, table
from service.config import Config
from service.tick import RULE_FAILED, failed_rules, tick
from store.models import INBOUND_STATES, InboundMessage

LIST_LIMIT = 50
SHOWN_HEADERS = ("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References")
BODY_PREVIEW_CHARS = 2000
TIME_FORMAT = "%Y-%m-%d %H:%M:%S %Z"
EXIT_FAILED = 1  # `inbox retry` when the message failed again; `tick` when a rule broke


def register(sub: argparse._SubParsersAction) -> None:
    inbox = sub.add_parser("inbox", help="mail received: list, show, retry")
    _list_flags(inbox)
    inbox.set_defaults(func=cmd_list)
    isub = inbox.add_subparsers(dest="inbox_command", metavar="ACTION")
    p = isub.add_parser("list", help="received mail, newest first")
    _list_flags(p)
    p.set_defaults(func=cmd_list)
    p = isub.add_parser("show", help="one message: headers, status, error, route, intent")
    p.add_argument("id", type=int)
    add_json_flag(p)
    p.set_defaults(func=cmd_show)
    p = isub.add_parser(
        "retry", help="process a failed or ignored message again now (synchronously)"
    )
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_retry)

    p = sub.add_parser("tick", help="apply the time-based rules once")
    p.add_argument(
        "--now",
        help="the instant to run at, ISO 8601 (without offset: the service's zone); "
        "on a rehearsed store it moves the rehearsal clock forward to it",
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_tick)


def _list_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--failed", action="store_true", help="only failed messages")
    p.add_argument("--status", choices=INBOUND_STATES, help="only messages in this state")
    p.add_argument(
        "--limit", type=int, default=LIST_LIMIT, help=f"at most N (default {LIST_LIMIT})"
    )
    add_json_flag(p)


def _summary(row: InboundMessage) -> dict[str, Any]:
    return {
        "id": row.id,
        "received_at": row.received_at,
        "status": row.status,
        "attempts": row.attempts,
        "next_attempt_at": row.next_attempt_at if row.status == process.FAILED else None,
        "sender": row.sender,
        "subject": row.subject,
        "route": row.route,
        "intent": row.intent,
        "error": row.error.splitlines()[0] if row.error else "",
    }


def cmd_list(args: argparse.Namespace) -> int:
    setup(args)
    query = InboundMessage.select().order_by(
        InboundMessage.received_at.desc(), InboundMessage.id.desc()
    )
    status = process.FAILED if args.failed else args.status
    if status:
        query = query.where(InboundMessage.status == status)
    rows = [_summary(row) for row in query.limit(max(args.limit, 1))]
    if args.json:
        print_json(rows)
        return 0
    table(
        (
            "id",
            "received",
            "status",
            "tries",
            "retry at",
            "from",
            "subject",
            "route",
            "intent",
            "error",
        ),
        [
            (
                r["id"],
                r["received_at"],
                r["status"],
                r["attempts"],
                r["next_attempt_at"],
                r["sender"],
                r["subject"],
                r["route"],
                r["intent"],
                r["error"],
            )
            for r in rows
        ],
    )
    return 0


def _message(message_id: int) -> InboundMessage:
    row = InboundMessage.get_or_none(InboundMessage.id == message_id)
    if row is None:
        raise CommandError(f"no received message {message_id}; see 'meetloop inbox list'")
    return row


def _details(row: InboundMessage) -> dict[str, Any]:
    parsed = email.message_from_bytes(row.raw, policy=email.policy.default)
    headers = {}
    for name in SHOWN_HEADERS:
        try:
            value = parsed.get(name)
        except Exception:  # a broken header is shown raw, never a traceback
            value = None
        if value is not None:
            headers[name] = " ".join(str(value).split())
    from parsers.mime import parse_mail

    text = parse_mail(row.raw).text
    return {
        **_summary(row),
        "source": row.source,
        "envelope_from": row.envelope_from,
        "envelope_to": row.envelope_to,
        "processed_at": row.processed_at,
        "size": len(row.raw),
        "headers": headers,
        "error": row.error,
        "text": text[:BODY_PREVIEW_CHARS],
    }


def _shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime(TIME_FORMAT)
    return str(value)


def cmd_show(args: argparse.Namespace) -> int:
    setup(args)
    details = _details(_message(args.id))
    if args.json:
        print_json(details)
        return 0
    for key in ("id", "status", "attempts", "next_attempt_at", "received_at", "processed_at"):
        print(f"{key}: {_shown(details[key])}")
    for key in ("route", "intent", "source", "envelope_from"):
        print(f"{key}: {details[key] or '-'}")
    print(f"envelope_to: {', '.join(details['envelope_to']) or '-'}")
    print(f"size: {details['size']} bytes")
    print()
    for name, value in details["headers"].items():
        print(f"{name}: {value}")
    if details["error"]:
        print("\nerror:")
        print(details["error"].rstrip())
    print("\n" + details["text"].rstrip())
    return 0


def cmd_retry(args: argparse.Namespace) -> int:
    cfg = setup(args)
    row = _message(args.id)
    if row.status == process.DONE:
        raise CommandError(
            f"message {row.id} was already processed (done); running it again would repeat "
            "its changes"
        )
    outcome = process.process_message(row.id, cfg, force=True)
    row = InboundMessage.get_by_id(row.id)
    if outcome == process.SKIPPED:
        raise CommandError(f"message {row.id} is being processed by a worker right now", 1)
    print(f"message {row.id}: {row.status}" + (f" ({row.intent})" if row.intent else ""))
    if row.status == process.FAILED:
        print(row.error.splitlines()[0] if row.error else "failed")
        return EXIT_FAILED
    return 0


def parse_instant(text: str, cfg: Config) -> datetime:
    """An ISO 8601 instant; without an offset it is in the service's time zone."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError as e:
        raise CommandError(
            f"--now {text!r} is not an ISO 8601 time such as 2026-07-08T09:00"
        ) from e
    return value if value.tzinfo else value.replace(tzinfo=cfg.tz)


def cmd_tick(args: argparse.Namespace) -> int:
    """On a rehearsed store `--now` moves the rehearsal clock forward (a running
    service follows within a second); it never goes back."""
    from service import rehearsal

    cfg = setup(args)
    now = parse_instant(args.now, cfg) if args.now else None
    if now is not None:
        try:
            moved = rehearsal.advance(now)
        except rehearsal.ClockError as e:
            raise CommandError(str(e)) from e
        if moved is not None:
            print(f"rehearsal clock moved forward to {now.isoformat()}", file=sys.stderr)
    results = tick(now, cfg)
    if args.json:
        print_json(results)
    else:
        table(
            ("rule", "mails queued"),
            [(n, "failed (see log)" if c == RULE_FAILED else c) for n, c in results.items()],
        )
    return EXIT_FAILED if failed_rules(results) else 0
