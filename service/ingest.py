"""Mail in: the one door every message passes, whether by SMTP, IMAP or the CLI.

`ingest()` commits the raw bytes durably as an `InboundMessage` (status
"new") before anyone acknowledges the message, and de-duplicates it: a
resend (the sender never saw our 250) or a re-read (IMAP after a UIDVALIDITY
change) returns the row already stored. Parsing is deliberately shallow here:
a malformed mail is stored, never refused, and processing marks it later.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses

from peewee import IntegrityError

from parsers.charset import decode_header_value
from parsers.mime import plain_address
from service import clock
from store.db import durable_write_txn
from store.models import INBOUND_SOURCES, InboundMessage

log = logging.getLogger(__name__)

# Called with the new row's id after the commit (the runtime layer sets it to
# enqueue processing). Not called for duplicates: they were enqueued before.
on_stored: Callable[[int], None] | None = None

# CharField's width on PostgreSQL (varchar(255)); longer values are hashed or cut.
KEY_WIDTH = 255
HASH_PREFIX = "sha256:"
# A header field line: a printable name without colon or space, then a colon.
_HEADER_LINE = re.compile(rb"^[!-9;-~]+[ \t]*:")
# How many bytes of the head are examined to decide "is there a header block".
_HEAD_SCAN = 64 * 1024


class NotAMailError(ValueError):
    """The bytes are not a mail message at all (empty, or no header block)."""


@dataclass(frozen=True)
class IngestResult:
    """The stored row's id; `duplicate` when it had been stored before."""

    id: int
    duplicate: bool


@dataclass(frozen=True)
class _Head:
    message_id: str
    sender: str
    subject: str


def ingest(
    raw: bytes,
    source: str,
    *,
    envelope_from: str = "",
    envelope_to: Sequence[str] = (),
    now: datetime | None = None,
) -> IngestResult:
    """Store `raw` (from `source`: smtp, imap or cli) durably; return its row id.

    Raises `NotAMailError` for bytes that are clearly not a mail, and lets
    store errors (database unreachable, locked, read-only) propagate: the
    caller answers "try again later" (SMTP 451, exit 75, IMAP keeps the mail).
    Call it with a store connection open (`store.db.unit_of_work()`) and
    outside any transaction: it commits its own, then calls `on_stored`.
    """
    if source not in INBOUND_SOURCES:
        raise ValueError(f"unknown source {source!r}; allowed: {', '.join(INBOUND_SOURCES)}")
    raw = _strip_mbox_line(bytes(raw))
    header_block = _header_block(raw)
    _check_is_mail(raw, header_block)
    head = _read_head(header_block)
    sha = hashlib.sha256(raw).hexdigest()
    key = dedup_key(head.message_id, sha)
    try:
        result = _store(raw, source, key, sha, head, envelope_from, envelope_to, now)
    except IntegrityError:
        # Stored before (a resend, a re-read), or by a concurrent writer just now.
        found = _existing(key)
        if found is None:
            raise
        result = IngestResult(found, True)
    if not result.duplicate and on_stored is not None:
        _announce(on_stored, result.id)
    return result


def _announce(hook: Callable[[int], None], message_id: int) -> None:
    """Run the after-commit hook; its failure must not turn a stored mail into a 451."""
    try:
        hook(message_id)
    except Exception as e:  # the row is committed: the sweep will process it
        log.warning("ingest: message %s stored, on_stored failed: %s", message_id, e)


def dedup_key(message_id: str, sha256_hex: str) -> str:
    """The unique key: the Message-ID (as its header gives it, or its `<id>`),
    else the content hash; both fit the column."""
    message_id = _message_id(message_id)
    if not message_id:
        return HASH_PREFIX + sha256_hex
    if len(message_id) > KEY_WIDTH:
        return "mid-" + HASH_PREFIX + hashlib.sha256(message_id.encode()).hexdigest()
    return message_id


def _store(
    raw: bytes,
    source: str,
    key: str,
    sha: str,
    head: _Head,
    envelope_from: str,
    envelope_to: Sequence[str],
    now: datetime | None,
) -> IngestResult:
    # No look-up first: the unique key refuses a duplicate (rare) for us.
    with durable_write_txn():
        row_id = InboundMessage.insert(
            dedup_key=key,
            message_id=head.message_id[:KEY_WIDTH],
            sha256=sha,
            raw=raw,
            source=source,
            envelope_from=envelope_from[:KEY_WIDTH],
            envelope_to=[str(a) for a in envelope_to],
            sender=head.sender[:KEY_WIDTH],
            subject=head.subject,
            received_at=now or clock.now(),
            status="new",
        ).execute()
    return IngestResult(row_id, False)


def _existing(key: str) -> int | None:
    row = InboundMessage.select(InboundMessage.id).where(InboundMessage.dedup_key == key).first()
    return row.id if row is not None else None


def _strip_mbox_line(raw: bytes) -> bytes:
    """Drop the "From sender date" line an MTA's pipe transport may put first."""
    if raw.startswith(b"From "):
        _, _, rest = raw.partition(b"\n")
        return rest
    return raw


def _header_block(raw: bytes) -> bytes:
    """The bytes before the first empty line: all a cheap look at the head needs."""
    if raw.startswith((b"\n", b"\r\n")):
        return b""
    ends = [i for i in (raw.find(b"\n\n"), raw.find(b"\n\r\n")) if i >= 0]
    return raw[: min(ends) + 1] if ends else raw


def _check_is_mail(raw: bytes, header_block: bytes) -> None:
    """Refuse only what is clearly no mail: nothing, or no header field before the body."""
    if not raw or raw.isspace():
        raise NotAMailError("empty message")
    lines = header_block[:_HEAD_SCAN].splitlines()
    if not any(_HEADER_LINE.match(line) for line in lines):
        raise NotAMailError("no header block (expected lines such as 'From: ...')")


def _read_head(header_block: bytes) -> _Head:
    """Message-ID, From address and Subject, decoded; never raises on bad headers."""
    try:
        msg = BytesHeaderParser(policy=compat32).parsebytes(header_block)
    except Exception:  # the stdlib parser is lenient, but a stored mail beats a perfect one
        return _Head("", "", "")
    return _Head(
        message_id=_message_id(_header_text(msg, "Message-ID")),
        sender=_address(_raw_value(msg, "From")),
        subject=_header_text(msg, "Subject"),
    )


def _header_text(msg, name: str) -> str:
    try:
        return decode_header_value(msg.get(name))
    except Exception:  # a broken header is read as empty, never fatal
        return ""


def _message_id(value: str) -> str:
    """The `<id>` of a Message-ID header (some clients add comments or omit brackets)."""
    found = re.search(r"<[^<>\s]+>", value)
    if found:
        return found.group(0)
    return "".join(value.split())


def _raw_value(msg, name: str) -> str:
    """The first `name` header as received (8-bit bytes kept as surrogates), undecoded."""
    for key, value in msg.raw_items():
        if str(key).strip().lower() == name.lower():
            return str(value)
    return ""


def _address(value: object) -> str:
    """The From address as the parsed header gives it, never from decoded text."""
    try:
        pairs = getaddresses([str(value or "")])
    except Exception:  # a header getaddresses chokes on: no sender, the mail is still stored
        return ""
    for _name, addr in pairs:
        addr = plain_address(addr)
        if "@" in addr and not any(c.isspace() for c in addr):
            return addr
    return ""
