"""Outbound mail: rendered, composed and written to the Outbox in the caller's
transaction.

Every mail is built once, with its Message-ID, when the change that causes
it commits; delivery later sends exactly those bytes, so a retry reuses the
Message-ID and nothing is composed twice. One mail per recipient: each has
its own language and its own signed Reply-To token, and nobody sees the
addresses of other companies' attendees.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from typing import Any

from peewee import IntegrityError

from service import clock, tokens
from service.config import Config
from service.render import DEFAULT_LANGUAGE, READER_ZONE, TRADITIONAL, Rendered, render
from store.db import db
from store.models import Installation, Item, Meeting, Outbox, Person

AUTO_SUBMITTED = "auto-generated"
MESSAGE_ID_PREFIX = "ml"

# Called with the new Outbox id after the transaction commits (the worker
# layer sets this to enqueue delivery); None: delivery is swept up later.
after_queue: Callable[[int], None] | None = None


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class CalendarPart:
    """An iCalendar object shown inline (with Accept/Decline) and attached."""

    ics: bytes
    method: str  # REQUEST, CANCEL, REPLY


@dataclass(frozen=True)
class Recipient:
    """Whom a mail goes to: a person, or a bare address (e.g. a management cc)."""

    address: str
    name: str = ""
    language: str = "zh"
    person: Person | None = None

    @classmethod
    def of(cls, person: Person) -> Recipient:
        return cls(person.email, person.name, reading_language(person), person)


# Companies in these regions read Traditional Chinese: their people whose language
# is plain "zh" get zh-Hant (a person's own zh-Hant or en always wins).
TRADITIONAL_REGIONS = ("HK", "TW", "MO")


def reading_language(person: Person) -> str:
    """The language a person's mail is written in: their own, with a company in
    Hong Kong, Taiwan or Macau turning Chinese into Traditional Chinese."""
    lang = person.language or DEFAULT_LANGUAGE
    company = person.company if person.company_id else None
    if (
        lang == DEFAULT_LANGUAGE
        and company
        and (company.region or "").upper() in TRADITIONAL_REGIONS
    ):
        return TRADITIONAL
    return lang


@dataclass
class Thread:
    """What replies to the mail answer, and which earlier mail it follows."""

    kind: str = ""  # meeting, poll, minutes, item, retro, help
    id: int = 0
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.id}" if self.kind else ""


def message_id_for(key: str, domain: str, nonce: str) -> str:
    """A Message-ID from the idempotency key and this store's nonce.

    The row keeps it (a retry sends the same bytes, so the same id); the
    nonce keeps two stores that queue the same key (staging beside
    production, a re-initialised store) from ever sending one id twice.
    """
    digest = hashlib.sha256(f"{nonce}\0{key}".encode()).hexdigest()[:32]
    return f"<{MESSAGE_ID_PREFIX}.{digest}@{domain}>"


def installation_nonce() -> str:
    """This store's random value (made by `meetloop init`)."""
    row = Installation.select(Installation.nonce).order_by(Installation.id).first()
    if row is None:
        raise RuntimeError("the store has no installation nonce: run 'meetloop init'")
    return row.nonce


def _header(value: str) -> str | Header:
    try:
        value.encode("ascii")
    except UnicodeEncodeError:
        return Header(value, "utf-8")
    return value


def _address(name: str, address: str) -> str:
    return formataddr((name, address), charset="utf-8") if name else address


def compose(
    cfg: Config,
    *,
    recipient: Recipient,
    rendered: Rendered,
    message_id: str,
    date: datetime,
    reply_to: str,
    thread: Thread,
    cc: Sequence[str] = (),
    attachments: Sequence[Attachment] = (),
    calendar: CalendarPart | None = None,
) -> bytes:
    """The complete RFC 5322 message (compat32 MIME classes: 3× faster)."""
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText(rendered.text, "plain", "utf-8"))
    alternative.attach(MIMEText(rendered.html, "html", "utf-8"))
    if calendar is not None:
        # As Outlook and Gmail write it: text/calendar; charset="utf-8"; method=REQUEST,
        # the method an unquoted token like theirs (RFC 2045 allows quotes; not every
        # client's matcher does)
        part = MIMEText(calendar.ics.decode("utf-8"), "calendar", "utf-8")
        part.set_param("method", calendar.method, requote=False)
        alternative.attach(part)
    if attachments or calendar is not None:
        msg: MIMEBase = MIMEMultipart("mixed")
        msg.attach(alternative)
        for att in attachments:
            maintype, _, subtype = att.content_type.partition("/")
            part = MIMEApplication(att.data, subtype or "octet-stream")
            if maintype != "application":
                part.replace_header("Content-Type", att.content_type)
            part.add_header(
                "Content-Disposition", "attachment", filename=("utf-8", "", att.filename)
            )
            msg.attach(part)
        if calendar is not None:
            ics = MIMEApplication(calendar.ics, "ics", name="invite.ics")
            ics.add_header("Content-Disposition", "attachment", filename="invite.ics")
            msg.attach(ics)
    else:
        msg = alternative
    msg["From"] = _address(cfg.service.name, cfg.service.address)
    msg["To"] = _address(recipient.name, recipient.address)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Reply-To"] = reply_to
    msg["Subject"] = _header(rendered.subject)
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    if thread.in_reply_to:
        msg["In-Reply-To"] = thread.in_reply_to
    refs = [*thread.references, *([thread.in_reply_to] if thread.in_reply_to else [])]
    if refs:
        msg["References"] = " ".join(dict.fromkeys(refs))
    msg["Auto-Submitted"] = AUTO_SUBMITTED
    msg["X-Auto-Response-Suppress"] = "All"
    if clock.rehearsing():
        msg[clock.REHEARSAL_HEADER] = "yes"
    if "MIME-Version" not in msg:  # the MIME classes wrote it already: once only
        msg["MIME-Version"] = "1.0"
    return msg.as_bytes()


def queue_mail(
    cfg: Config,
    *,
    key: str,
    to: Person | Recipient,
    template: str,
    context: dict[str, Any],
    now: datetime,
    thread: Thread | None = None,
    cc: Sequence[str] = (),
    meeting: Meeting | None = None,
    item: Item | None = None,
    attachments: Sequence[Attachment] = (),
    calendar: CalendarPart | None = None,
) -> Outbox | None:
    """Write one mail into the Outbox; None when `key` was queued before.

    Call inside the write transaction of the change that causes the mail:
    both commit together or neither does. The savepoint keeps a duplicate
    key from spoiling the caller's transaction.
    """
    if Outbox.select().where(Outbox.key == key).exists():
        return None
    recipient = Recipient.of(to) if isinstance(to, Person) else to
    thread = thread or Thread()
    ctx = {
        "recipient": recipient,
        "service": cfg.service,
        "lang": recipient.language,
        READER_ZONE: (recipient.person.timezone if recipient.person else "") or "",
        **context,
    }
    rendered = render(template, recipient.language, ctx)
    person_id = recipient.person.id if recipient.person else 0
    reply_to = (
        tokens.reply_address(cfg.secret(), cfg.local_part, cfg.domain, thread.name, person_id)
        if thread.kind
        else cfg.service.address
    )
    message_id = message_id_for(key, cfg.domain, installation_nonce())
    raw = compose(
        cfg,
        recipient=recipient,
        rendered=rendered,
        message_id=message_id,
        date=now,
        reply_to=reply_to,
        thread=thread,
        cc=cc,
        attachments=attachments,
        calendar=calendar,
    )
    try:
        with db.atomic():
            row = Outbox.create(
                key=key,
                message_id=message_id,
                kind=template,
                recipients=[recipient.address, *cc],
                subject=rendered.subject,
                raw=raw,
                thread=thread.name,
                person=recipient.person,
                meeting=meeting,
                item=item,
                created_at=now,
                next_attempt_at=now,
            )
    except IntegrityError:
        return None
    if after_queue is not None:
        db.after_commit(lambda: after_queue(row.id))
    return row
