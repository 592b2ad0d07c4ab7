"""`meetloop parse reply|minutes`: the parsers on .eml files, as the parsing contract §1 says.

Scripts and the corpus evaluation call this; it needs no store, and a configuration
only to take its business calendar (region, day end, company holidays).
Every readable file gets its JSON line, in input order; a file that cannot be read
or is not a mail gets one line on stderr naming it, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from parsers.business_calendar import BusinessCalendar
from parsers.intent import CONTEXTS
from parsers.mime import ParsedMail, parse_mail
from parsers.reply import read_reply
from service.config import ENV_VAR

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """A file that cannot be read or is not a mail message."""


def _load(path: str) -> ParsedMail:
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise BadInput(f"{path}: cannot read: {e.strerror or e}") from e
    mail = parse_mail(raw)
    if not mail.is_mail:
        raise BadInput(f"{path}: not a mail message")
    return mail


def _error(message: str) -> None:
    print(f"meetloop parse: {message}", file=sys.stderr)


def _calendar(args: argparse.Namespace) -> BusinessCalendar | None:
    """The configured business calendar when a configuration is given; else the contract's
    default (mainland China, day ends 18:00), so the command also runs with no set-up."""
    if not (getattr(args, "config", None) or os.environ.get(ENV_VAR)):
        return None
    from service.business import calendar_for
    from service.cli.common import load_config

    return calendar_for(load_config(args))


def cmd_reply(args: argparse.Namespace) -> int:
    status = 0
    calendar = _calendar(args)
    for path in args.files:
        try:
            mail = _load(path)
        except BadInput as e:
            _error(str(e))
            status = EXIT_BAD_INPUT
            continue
        reading = read_reply(mail, args.context, args.poll_size, calendar)
        if args.json:
            print(reading.to_json_line(path))
        else:
            body = (reading.body or "").replace("\n", " ")
            print(f"{path}: {reading.intent}  {body[:80]}")
    sys.stdout.flush()
    return status


def _instant(text: str) -> datetime:
    """argparse type for --meeting-end: ISO 8601 with an offset."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 instant: {text!r}") from e
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"needs an offset, e.g. 2026-07-08T15:30:00+08:00: {text!r}"
        )
    return value


def _poll_size(text: str) -> int:
    try:
        value = int(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from e
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def cmd_minutes(args: argparse.Namespace) -> int:
    try:
        mail = _load(args.file)
    except BadInput as e:
        _error(str(e))
        return EXIT_BAD_INPUT
    try:
        from parsers.minutes import read_minutes
    except ImportError as e:
        _error(f"the minutes parser is not available: {e}")
        return EXIT_BAD_INPUT
    read = read_minutes(mail, args.meeting_end)
    if args.json:
        print(
            json.dumps(
                {"file": args.file, "items": read.items, "unread": read.unread}, ensure_ascii=False
            )
        )
    else:
        for item in read.items:
            due = item.get("due") or item.get("due_error") or "-"
            print(f"{item['kind']:<9} {item.get('owner') or '-':<12} {due:<26} {item['text']}")
        for line in read.unread:
            print(f"{'unread':<9} {line}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parse = sub.add_parser(
        "parse", help="read reply or minutes mails (.eml) and print what they say"
    )
    kinds = parse.add_subparsers(dest="parse_command", metavar="KIND", required=True)

    reply = kinds.add_parser("reply", help="intent, body and fields of replies")
    reply.add_argument("files", nargs="+", metavar="FILE", help=".eml files")
    reply.add_argument("--context", required=True, choices=CONTEXTS, help="what the mails reply to")
    reply.add_argument("--poll-size", type=_poll_size, help="options in the poll being answered")
    reply.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    reply.set_defaults(func=cmd_reply)

    minutes = kinds.add_parser("minutes", help="decisions, tasks and questions of minutes")
    minutes.add_argument("file", metavar="FILE", help="an .eml file")
    minutes.add_argument(
        "--meeting-end",
        required=True,
        type=_instant,
        help="ISO 8601 with offset; the deadline anchor",
    )
    minutes.add_argument("--json", action="store_true", help="one JSON object")
    minutes.set_defaults(func=cmd_minutes)
