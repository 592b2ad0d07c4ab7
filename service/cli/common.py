"""What every command shares: configuration, the store, tables and JSON."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, tzinfo
from typing import Any

from service import config as config_module
from service.config import Config

warned = threading.Event()  # set once a command printed or logged a warning


def warn(text: str) -> None:
    """A warning line on stderr; an error that follows is printed apart from it."""
    warned.set()
    print(f"meetloop: warning: {text}", file=sys.stderr)


class CommandError(Exception):
    """A user-facing error: printed as one line, exit status `code`."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def load_config(args: argparse.Namespace) -> Config:
    return config_module.load(getattr(args, "config", None))


def open_store(cfg: Config, *, require_schema: bool = True) -> None:
    """Connect the store; refuse politely when `meetloop init` has not run."""
    from service import rehearsal
    from store import db as store_db  # peewee is imported only by commands that need it
    from store import schema

    try:
        store_db.connect(cfg.store_url)
        pending = schema.pending()
        if require_schema and pending:
            raise CommandError(
                f"the store at {cfg.store_url} is not initialised or is out of date; "
                "run 'meetloop init'"
            )
        if not pending:
            rehearsal.load()  # "now" is the store's rehearsal clock when it has one
    except CommandError:
        raise
    except Exception as e:
        raise CommandError(f"cannot open the store {cfg.store_url}: {e}") from e


def setup(args: argparse.Namespace) -> Config:
    """Config loaded and store opened: the start of most commands."""
    cfg = load_config(args)
    open_store(cfg)
    hand_to_workers(cfg)
    return cfg


_installed_hooks: list[str] = []  # the hooks hand_to_workers set in this process


def hand_to_workers(cfg: Config) -> None:
    """Mail a command writes, and mail it stores, goes to the queue when it commits.

    A running `meetloop serve` then sends or processes it at once instead of
    at its next sweep (which stays the safety net, e.g. for a queue that is
    down). The queue is opened only when a command commits something for it.
    Hooks a process set itself (a running service, a test) are left alone.
    """
    from service import ingest, mail

    def enqueue(kind: str, row_id: int) -> None:
        from service import queue, tasks

        if not queue.is_configured():
            queue.configure(cfg)
            _installed_hooks.append("queue")
        (tasks.enqueue_delivery if kind == "outbox" else tasks.enqueue_process)(row_id)

    if mail.after_queue is None:
        mail.after_queue = lambda row_id: enqueue("outbox", row_id)
        _installed_hooks.append("mail")
    if ingest.on_stored is None:
        ingest.on_stored = lambda row_id: enqueue("inbound", row_id)
        _installed_hooks.append("ingest")


def release_hooks() -> None:
    """Undo hand_to_workers (the command is over; tests run many in one process)."""
    if not _installed_hooks:
        return
    from service import ingest, mail, queue

    if "mail" in _installed_hooks:
        mail.after_queue = None
    if "ingest" in _installed_hooks:
        ingest.on_stored = None
    if "queue" in _installed_hooks:
        queue.reset()
    _installed_hooks.clear()


# What an admin types for a time: ISO 8601 (with or without an offset) or these.
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d")
DATE_ONLY_LENGTH = len("YYYY-MM-DD")


def parse_local_time(text: str, tz: tzinfo, *, date_at: time | None = None) -> datetime:
    """A time typed on the command line; without an offset it is in `tz`. A bare
    date is refused unless `date_at` says which time of that day it means."""
    text = text.strip()
    value = _read_time(text)
    is_date = len(text) == DATE_ONLY_LENGTH
    if value is None or (is_date and date_at is None):
        example = "2026-10-12 14:00" + (" or 2026-10-12" if date_at else "")
        raise CommandError(f"cannot read the time {text!r}; write {example}")
    if is_date:
        value = datetime.combine(value.date(), date_at)
    return value if value.tzinfo else value.replace(tzinfo=tz)


def _read_time(text: str) -> datetime | None:
    """The first of ISO 8601 and TIME_FORMATS that reads `text`; None when none does."""
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(text)
    for fmt in TIME_FORMATS:
        with contextlib.suppress(ValueError):
            return datetime.strptime(text, fmt)
    return None


def display_width(text: str) -> int:
    """Columns a terminal uses for `text`: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return " ".join(str(value).split())


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], out=None) -> None:
    """Print rows as aligned columns, Chinese text included."""
    out = out or sys.stdout
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], display_width(value))

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    print(line(list(headers)), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in cells:
        print(line(row), file=out)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def print_json(data: Any, out=None) -> None:
    print(
        json.dumps(data, ensure_ascii=False, indent=2, default=_json_default),
        file=out or sys.stdout,
    )


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
