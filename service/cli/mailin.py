"""`meetloop ingest FILE|-`: store one mail from a file or standard input.

Usable as an MTA pipe transport (Postfix `pipe`, Exim `pipe`), so the exit
status follows sysexits.h, which MTAs read: 0 stored (a duplicate too),
65 not a mail message (the MTA bounces it), 66 the file cannot be read,
75 a temporary failure such as an unreachable store (the MTA keeps the mail
and retries). Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import logging
import sys

from service.cli.common import CommandError, load_config, open_store
from service.config import Config, ConfigError
from service.ingest import NotAMailError, ingest

log = logging.getLogger(__name__)

EX_OK = 0
EX_DATAERR = 65
EX_NOINPUT = 66
EX_TEMPFAIL = 75


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="store one mail from a file or stdin (an MTA pipe transport)",
        description="Store one raw mail. Exit 0 stored (or already stored), "
        "65 not a mail message, 66 unreadable file, 75 temporary failure.",
    )
    parser.add_argument("file", metavar="FILE", help="the .eml file, or - for standard input")
    parser.add_argument("--from", dest="envelope_from", default="", help="the envelope sender")
    parser.add_argument(
        "--to",
        dest="envelope_to",
        action="append",
        default=[],
        help="an envelope recipient (repeatable)",
    )
    parser.set_defaults(func=run)


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as f:
            return f.read()
    except OSError as e:
        raise CommandError(f"cannot read {name}: {e.strerror}", EX_NOINPUT) from e


def run(args: argparse.Namespace) -> int:
    raw = _read(args.file)
    try:
        cfg = load_config(args)
        open_store(cfg)
    except (ConfigError, CommandError) as e:
        # The mail is fine; we are not: the MTA must keep it and retry.
        raise CommandError(str(e), EX_TEMPFAIL) from e
    try:
        result = ingest(raw, "cli", envelope_from=args.envelope_from, envelope_to=args.envelope_to)
    except NotAMailError as e:
        raise CommandError(f"not a mail message: {e}", EX_DATAERR) from e
    except Exception as e:  # any store failure is temporary for the sender
        raise CommandError(
            f"cannot store the message now: {type(e).__name__}: {e}", EX_TEMPFAIL
        ) from e
    if not result.duplicate:
        _queue_processing(cfg, result.id)
    state = "already stored as" if result.duplicate else "stored as"
    print(f"{state} {result.id}")
    return EX_OK


def _queue_processing(cfg: Config, message_id: int) -> None:
    """Hand the stored mail to the workers now; failing that, the sweep finds it.

    The mail is safe either way, so a queue problem never fails the delivery.
    """
    try:
        from service import queue, tasks

        queue.configure(cfg)
        tasks.enqueue_process(message_id)
    except Exception as e:
        log.warning("stored %s; not queued (the sweep will pick it up): %s", message_id, e)
