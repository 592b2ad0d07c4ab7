"""The end-to-end harness: people write real mail, the service answers it.

`Flow(cfg)` initialises the store and starts the real SMTP receiver on a
free loopback port. `.send()` delivers a message to it with smtplib (the
receiver commits it through `service.ingest`), then processes everything
pending, synchronously. `.mail()` and `.reply_to()` build messages the way
real clients do (a reply goes to our Reply-To with In-Reply-To, "Re:" and
the original quoted below). `.tick(now)` travels in time and runs the
rules; `.outbox()` gives what the service queued, parsed for assertions;
`.deliver()` writes the pending Outbox into the maildir.

    with Flow(cfg) as flow:
        alice = flow.person("alice@a.example.cn", "Alice", language="en")
        flow.send(flow.mail(alice, flow.address, "Hello", "What can you do?"))
        [help_mail] = flow.outbox(to=alice, kind="help")
"""

from __future__ import annotations

import atexit
import email
import email.policy
import hashlib
import re
import shutil
import smtplib
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import format_datetime, formataddr, getaddresses, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from service import clock, ingest
from service import mail as mailer
from service.config import Config
from service.process import process_pending
from service.tick import tick as run_tick
from store import db as store_db
from store import schema
from store.models import AuditLog, Company, InboundMessage, Outbox, Person

DEFAULT_START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Mon 10:00 in Shanghai
QUOTE_STYLES = ("outlook_zh", "gmail_en", "none")
# Words of the service's own that a reader must never see: intents, states and
# contexts are turned into sentences by the templates. Anywhere as a word…
INTERNAL_WORDS = (
    "ack",
    "auto_reply",
    "in_progress",
    "unclear",
    "availability",
    "owners_open",
    "delay_needs_date",
    "delay_decision",
    "tasklist_noted",
    "not_mail",
)
# …and, in a Chinese mail, these when one stands alone in brackets or after a
# colon, as a label: "（理解为：pass）" (in an English mail they are words).
INTERNAL_LABELS = (
    "pass",
    "reject",
    "progress",
    "done",
    "delay",
    "objection",
    "question",
    "open",
    "submitted",
    "accepted",
    "cancelled",
    "accept",
    "decline",
    "tentative",
    "delegate",
    "bounce",
)
INTERNAL_WORD = re.compile(rf"\b(?:{'|'.join(INTERNAL_WORDS)})\b", re.I)
INTERNAL_LABEL = re.compile(rf"[（(：:]\s*(?:{'|'.join(INTERNAL_LABELS)})\s*[)）]", re.I)
CHINESE_MAIL = "您好"  # every zh template greets so


def internal_labels(subject: str, text: str) -> list[str]:
    """The internal labels a mail shows its reader (see INTERNAL_WORDS)."""
    shown = f"{subject}\n{text}"
    found = [hit.group(0) for hit in INTERNAL_WORD.finditer(shown)]
    if CHINESE_MAIL in shown:
        found += [hit.group(0) for hit in INTERNAL_LABEL.finditer(shown)]
    return found


MAILDIR_SCHEME = "maildir:"
STORED_REPLY = re.compile(r"Stored as (\d+)")  # the receiver's 250 answer


@dataclass
class SentMail:
    """One Outbox row as its recipient will read it."""

    row: Outbox
    message: EmailMessage
    to: list[str]
    subject: str
    text: str
    html: str
    calendar: list[str] = field(default_factory=list)  # text/calendar parts, decoded
    attachments: list[tuple[str, str, bytes]] = field(default_factory=list)  # name, type, data

    @property
    def kind(self) -> str:
        return self.row.kind

    @property
    def reply_to(self) -> str:
        return parseaddr(str(self.message["Reply-To"] or ""))[1]

    @property
    def message_id(self) -> str:
        return self.row.message_id

    def header(self, name: str) -> str:
        return str(self.message.get(name, ""))


def parse_sent(row: Outbox) -> SentMail:
    msg = email.message_from_bytes(row.raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    text = html = ""
    calendar: list[str] = []
    attachments: list[tuple[str, str, bytes]] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()
        if disposition == "attachment":
            attachments.append(
                (part.get_filename() or "", ctype, part.get_payload(decode=True) or b"")
            )
        elif ctype == "text/plain" and not text:
            text = part.get_content()
        elif ctype == "text/html" and not html:
            html = part.get_content()
        elif ctype == "text/calendar":
            calendar.append(part.get_content())
    to = [addr.lower() for _, addr in getaddresses([str(msg.get("To", ""))]) if addr]
    return SentMail(row, msg, to, str(msg["Subject"] or ""), text, html, calendar, attachments)


def _address(who: Person | str) -> tuple[str, str]:
    if isinstance(who, Person):
        return who.name, who.email
    name, addr = parseaddr(who)
    return name, addr or who


class Flow:
    """A service on a temporary store, driven by mail over real SMTP."""

    def __init__(self, cfg: Config, *, start: datetime | None = DEFAULT_START, smtp: bool = True):
        self.cfg = cfg
        self.address = cfg.service.address
        _open_store(cfg.store_url)
        # Everything runs synchronously here: no queue hooks left by another test.
        self._hooks = (ingest.on_stored, mailer.after_queue)
        ingest.on_stored = None
        mailer.after_queue = None
        self._set_clock = start is not None
        if start is not None:
            clock.set_now(start)
        self.receiver = None
        if smtp:
            self.receiver = _start_receiver(cfg)

    # ------------------------------------------------------------ lifecycle
    def close(self) -> None:
        if self.receiver is not None:
            self.receiver.stop()
            self.receiver = None
        ingest.on_stored, mailer.after_queue = self._hooks
        if self._set_clock:
            clock.set_now(None)

    def __enter__(self) -> Flow:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            if exc_type is None:
                self.assert_no_internal_labels()
        finally:
            self.close()

    def assert_no_internal_labels(self) -> None:
        """No mail the service wrote shows an internal label (intent, state, context)."""
        found = [
            (m.kind, label) for m in self.outbox() for label in internal_labels(m.subject, m.text)
        ]
        assert not found, f"internal labels in mails: {found}"

    @property
    def now(self) -> datetime:
        return clock.now()

    # ------------------------------------------------------------ directory
    def company(self, name: str, domains: Sequence[str], **fields: Any) -> Company:
        with store_db.write_txn():
            return Company.create(
                name=name, domains=[d.lower() for d in domains], created_at=self.now, **fields
            )

    def person(
        self, email_address: str, name: str, *, language: str = "zh", **fields: Any
    ) -> Person:
        with store_db.write_txn():
            return Person.create(
                email=email_address.lower(),
                name=name,
                language=language,
                created_at=self.now,
                **fields,
            )

    # ------------------------------------------------------------ mail in
    def mail(
        self,
        from_: Person | str,
        to: Person | str | Sequence[Person | str],
        subject: str,
        body: str,
        *,
        cc: Sequence[Person | str] = (),
        in_reply_to: str | None = None,
        references: Sequence[str] = (),
        attachments: Iterable[tuple[str, str, bytes]] = (),
        html: str | None = None,
        calendar: tuple[str | bytes, str] | None = None,
        headers: dict[str, str] | None = None,
        date: datetime | None = None,
    ) -> EmailMessage:
        """A message as a mail client builds it: text (and HTML), attachments, threading;
        `calendar=(ics, "REPLY")` adds a text/calendar alternative as Outlook's Accept does."""
        msg = EmailMessage()
        msg["From"] = formataddr(_address(from_))
        recipients = [to] if isinstance(to, Person | str) else list(to)
        msg["To"] = ", ".join(formataddr(_address(r)) for r in recipients)
        if cc:
            msg["Cc"] = ", ".join(formataddr(_address(r)) for r in cc)
        msg["Subject"] = subject
        msg["Date"] = format_datetime(date or self.now)
        domain = _address(from_)[1].rpartition("@")[2] or "client.example"
        msg["Message-ID"] = make_msgid(domain=domain)
        if in_reply_to:
            msg["In-Reply-To"] = in_reply_to
        refs = [*references, *([in_reply_to] if in_reply_to else [])]
        if refs:
            msg["References"] = " ".join(dict.fromkeys(refs))
        for name, value in (headers or {}).items():
            msg[name] = value
        msg.set_content(body)
        if html is not None:
            msg.add_alternative(html, subtype="html")
        if calendar is not None:
            ics, method = calendar
            text = ics.decode("utf-8") if isinstance(ics, bytes) else ics
            msg.add_alternative(text, subtype="calendar", params={"method": method})
        for filename, content_type, data in attachments:
            maintype, _, subtype = content_type.partition("/")
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
        return msg

    def build_reply(
        self,
        original: Outbox | SentMail,
        from_: Person | str,
        body: str,
        *,
        quote: str = "",
        html: str | None = None,
        attachments: Iterable[tuple[str, str, bytes]] = (),
        calendar: tuple[str | bytes, str] | None = None,
        subject: str | None = None,
        to: str | None = None,
    ) -> EmailMessage:
        """A reply to one of our mails as a real client writes it.

        To is the mail's Reply-To, In-Reply-To its Message-ID, the subject
        "Re: …", and the original quoted below the new text in the client style
        `quote` (default: Outlook's Chinese header block for zh, Gmail's
        attribution for en; "none" for no quote).
        """
        sent = original if isinstance(original, SentMail) else parse_sent(original)
        language = from_.language if isinstance(from_, Person) else "zh"
        style = quote or ("outlook_zh" if language == "zh" else "gmail_en")
        references = str(sent.message.get("References", "")).split()
        text = body + _quoted(sent, style)
        return self.mail(
            from_,
            to or sent.reply_to or self.address,
            subject or f"Re: {sent.subject}",
            text,
            in_reply_to=sent.message_id,
            references=references,
            attachments=attachments,
            html=html,
            calendar=calendar,
        )

    def send(
        self,
        message: bytes | Message,
        *,
        sender: str | None = None,
        rcpt: Sequence[str] | None = None,
        process: bool = True,
    ) -> InboundMessage:
        """Deliver over SMTP to the receiver (envelope from `sender`, to `rcpt`,
        both taken from the headers by default), then process what is pending.
        Returns the stored message, reloaded after processing."""
        raw = message if isinstance(message, bytes) else message.as_bytes()
        parsed = email.message_from_bytes(raw, policy=email.policy.compat32)
        envelope_from = sender if sender is not None else parseaddr(str(parsed.get("From", "")))[1]
        envelope_to = list(rcpt or self._header_recipients(parsed))
        if self.receiver is not None:
            stored_id = self._smtp(raw, envelope_from, envelope_to)
        else:
            with store_db.unit_of_work():
                stored_id = ingest.ingest(
                    raw, "cli", envelope_from=envelope_from, envelope_to=envelope_to
                ).id
        if process:
            process_pending(self.cfg)
        return InboundMessage.get_by_id(stored_id)

    def _smtp(self, raw: bytes, envelope_from: str, envelope_to: Sequence[str]) -> int:
        """One SMTP transaction like `sendmail`; the stored row's id from the 250 reply."""
        assert self.receiver is not None
        with smtplib.SMTP(self.receiver.host, self.receiver.port, timeout=10) as client:
            client.ehlo()
            code, reply = client.mail(envelope_from)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, reply, envelope_from)
            refused = {}
            for address in envelope_to:
                code, reply = client.rcpt(address)
                if code not in (250, 251):
                    refused[address] = (code, reply)
            if len(refused) == len(envelope_to):
                raise smtplib.SMTPRecipientsRefused(refused)
            code, reply = client.data(raw)
            if code != 250:
                raise smtplib.SMTPDataError(code, reply)
        found = STORED_REPLY.search(reply.decode("utf-8", "replace"))
        return int(found.group(1)) if found else self._stored(raw).id

    def reply_to(
        self, original: Outbox | SentMail, from_: Person | str, body: str, **kw: Any
    ) -> InboundMessage:
        """Answer one of our mails (see `build_reply`) and process the answer."""
        return self.send(self.build_reply(original, from_, body, **kw))

    def _header_recipients(self, parsed: Message) -> list[str]:
        values = [str(v) for h in ("To", "Cc") for v in parsed.get_all(h, [])]
        ours = [
            addr
            for _, addr in getaddresses(values)
            if addr.rpartition("@")[2].lower() in self.cfg.accepted_domains
        ]
        return ours or [self.address]

    def _stored(self, raw: bytes) -> InboundMessage:
        parsed = email.message_from_bytes(raw, policy=email.policy.compat32)
        found = re.search(r"<[^<>\s]+>", str(parsed.get("Message-ID", "")))
        message_id = found.group(0) if found else ""
        key = ingest.dedup_key(message_id, hashlib.sha256(raw).hexdigest())
        row = InboundMessage.get_or_none(InboundMessage.dedup_key == key)
        if row is None:  # the receiver normalised the bytes (e.g. an mbox line): newest
            row = InboundMessage.select().order_by(InboundMessage.id.desc()).get()
        return row

    # ------------------------------------------------------------ time
    def at(self, instant: datetime) -> datetime:
        clock.set_now(instant)
        self._set_clock = True
        return instant

    def tick(self, now: datetime | None = None) -> dict[str, int]:
        """Travel to `now` (default: stay) and run every time-based rule."""
        if now is not None:
            self.at(now)
        results = run_tick(self.now, self.cfg)
        process_pending(self.cfg)
        return results

    # ------------------------------------------------------------ mail out
    def outbox(
        self,
        to: Person | str | None = None,
        kind: str | None = None,
        since: datetime | Outbox | int | None = None,
    ) -> list[SentMail]:
        """Queued mails, oldest first; filtered by recipient, template and time
        (or rows after a given Outbox row / id)."""
        query = Outbox.select().order_by(Outbox.id)
        if kind is not None:
            query = query.where(Outbox.kind == kind)
        if isinstance(since, datetime):
            query = query.where(Outbox.created_at >= since)
        elif isinstance(since, Outbox):
            query = query.where(Outbox.id > since.id)
        elif isinstance(since, int):
            query = query.where(Outbox.id > since)
        mails = [parse_sent(row) for row in query]
        if to is not None:
            address = _address(to)[1].lower()
            mails = [m for m in mails if address in [r.lower() for r in m.row.recipients]]
        return mails

    def last_outbox_id(self) -> int:
        row = Outbox.select(Outbox.id).order_by(Outbox.id.desc()).first()
        return row.id if row else 0

    def deliver(self) -> int:
        """Deliver every pending Outbox row (the maildir on the test config)."""
        from service import delivery

        return delivery.deliver_pending(self.cfg, self.now)

    def delivered(self) -> list[EmailMessage]:
        """The messages in the outbound maildir, oldest first (after `.deliver()`)."""
        url = self.cfg.outbound_url
        if not url.startswith(MAILDIR_SCHEME):
            raise ValueError(f"outbound is not a maildir: {url}")
        folder = Path(url[len(MAILDIR_SCHEME) :])
        files = sorted(
            (p for sub in ("new", "cur") for p in (folder / sub).glob("*") if p.is_file()),
            key=lambda p: (p.stat().st_mtime_ns, p.name),
        )
        return [
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in files
        ]

    # ------------------------------------------------------------ the record
    def inbox(self, message_id: int | None = None) -> InboundMessage:
        """A stored message, reloaded (default: the newest)."""
        query = InboundMessage.select().order_by(InboundMessage.id.desc())
        if message_id is not None:
            query = query.where(InboundMessage.id == message_id)
        return query.get()

    def audits(self, action: str | None = None) -> list[AuditLog]:
        """The audit trail, oldest first; only `action` when given."""
        query = AuditLog.select().order_by(AuditLog.id)
        if action is not None:
            query = query.where(AuditLog.action == action)
        return list(query)


def _quoted(sent: SentMail, style: str) -> str:
    if style not in QUOTE_STYLES:
        raise ValueError(f"quote style {style!r}; allowed: {', '.join(QUOTE_STYLES)}")
    if style == "none":
        return ""
    original = sent.text.rstrip()
    sender = str(sent.message.get("From", ""))
    date = str(sent.message.get("Date", ""))
    if style == "outlook_zh":
        return (
            "\n\n-----原始邮件-----\n"
            f"发件人: {sender}\n发送时间: {date}\n收件人: {', '.join(sent.to)}\n"
            f"主题: {sent.subject}\n\n{original}\n"
        )
    quoted = "\n".join(f"> {line}" if line else ">" for line in original.splitlines())
    return f"\n\nOn {date}, {sender} wrote:\n{quoted}\n"


SQLITE_SCHEME = "sqlite:///"
_templates: dict[tuple[str, ...], Path] = {}


def _open_store(url: str) -> None:
    """Connect and initialise the store; a new SQLite file starts as a copy of one
    initialised once per process (a fresh schema costs ~0.1 s, a copy ~0.01 s)."""
    if url.startswith(SQLITE_SCHEME):
        path = Path(url[len(SQLITE_SCHEME) :])
        if str(path) != ":memory:" and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_template_store(), path)
    store_db.connect(url)
    schema.upgrade()  # nothing to do on a copy of the current schema


def _template_store() -> Path:
    migrations = tuple(sorted(p.name for p in schema.MIGRATIONS_DIR.glob("[0-9]*.py")))
    if migrations not in _templates:
        folder = Path(tempfile.mkdtemp(prefix="meetloop-flow-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "template.db"
        store_db.connect(SQLITE_SCHEME + str(path))
        schema.upgrade()
        store_db.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the main file
        store_db.db.close()
        _templates[migrations] = path
    return _templates[migrations]


def _start_receiver(cfg: Config):
    from service.smtp_receiver import ReceiverThread

    receiver = ReceiverThread(cfg, None, host="127.0.0.1", port=0)
    receiver.start()
    return receiver
