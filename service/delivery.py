"""Outbox delivery: the bytes queue_mail built, to a maildir or an SMTP relay.

A row moves pending → sending → sent, or back to pending with back-off, or
to failed after `outbound.max_attempts` tries (at once on a permanent 5xx).
"sending" (with `sending_since` and the attempt counted) is committed BEFORE
the relay is spoken to, and "sent" (with the relay's reply) right after it
answers. Every try sends the same stored bytes, so the same Message-ID.

What is guaranteed when a worker dies:

* Maildir: exactly once. The file name is derived from the row (id and
  Message-ID); it is written to tmp/, fsynced and renamed into new/, so a
  second delivery of the same row replaces the file instead of adding one,
  and a file already in new/ counts as delivered.
* SMTP relay: at most once, except in one window: the worker dies after the
  relay said 250 and before "sent" was committed (milliseconds). The row
  then stays "sending"; only after `SENDING_GRACE` without its worker's
  heartbeat (a living worker renews its claims, so a slow send is never
  raced: service.leases) is it sent
  again, with the same bytes and Message-ID, so a receiver that
  de-duplicates by Message-ID (ours does, as do the large mail services)
  still shows it once. A row is never claimed by two workers at once: the
  claim is a conditional UPDATE on the state that was read.

Rows are claimed and recorded in batches (a delivery task takes its own row
plus others already due), so under load a mail costs two write transactions
and one directory fsync shared by the batch. A worker killed mid-batch
leaves its unsent rows in "sending": maildir ones are written again when the
service restarts (idempotent), relay ones wait out `SENDING_GRACE` (seconds,
whatever the queue's backend); late, never twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import smtplib
import ssl
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from service import clock, leases, tokens
from service.config import Config
from store.db import unit_of_work, write_txn
from store.models import Outbox
from store.queries import audit

log = logging.getLogger(__name__)

RETRY_BASE = timedelta(minutes=1)  # first back-off; doubles per attempt
RETRY_MAX = timedelta(hours=2)  # back-off ceiling
SENDING_GRACE = leases.CLAIM_LEASE  # "sending" this long unrenewed: its worker died
RELAY_CHECK_AFTER_SECONDS = 10  # an idle relay connection is NOOP-checked before reuse
RETURN_PATH_THREAD = "bounce"  # the token kind of a return path (see return_path)
SMTP_DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
BATCH_SIZE = 50  # rows claimed together
_EOL = re.compile(rb"\r?\n")

# deliver() outcomes
SENT = "sent"
RETRY = "retry"
FAILED = "failed"
SKIPPED = "skipped"


class DeliveryError(Exception):
    """A try that did not deliver; `permanent` means no retry can help."""

    def __init__(self, message: str, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed try: 1, 2, 4 … minutes, capped."""
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_MAX)


# --- transports -------------------------------------------------------------


def maildir_name(row: Outbox) -> str:
    """The row's file name in the maildir: the same row, the same file."""
    digest = hashlib.sha256(row.message_id.encode()).hexdigest()[:16]
    return f"{int(row.created_at.timestamp())}.M{row.id}_{digest}.meetloop"


class MaildirTransport:
    """Writes like `mailbox.Maildir`: tmp/ → fsync → rename into new/."""

    def __init__(self, path: Path):
        self.path = path
        self.renamed = False
        for sub in ("tmp", "new", "cur"):
            (path / sub).mkdir(parents=True, exist_ok=True)

    def send(self, row: Outbox, sender: str) -> Sent:
        name = maildir_name(row)
        final = self.path / "new" / name
        if final.exists():
            return Sent(f"maildir: already in new/{name}", still_to_send(row))
        # tmp/ names are unique per writer (as Maildir asks), so two writers of one row
        # never rename each other's file away; new/ gets the same bytes either way.
        tmp = self.path / "tmp" / f"{name}.{os.getpid()}_{threading.get_ident()}"
        with open(tmp, "wb") as f:
            f.write(row.raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
        self.renamed = True
        return Sent(f"maildir: new/{name}", still_to_send(row))

    def commit(self) -> None:
        """Make the batch's renames durable: one fsync of new/ for all of them."""
        if self.renamed:
            _fsync_dir(self.path / "new")
            self.renamed = False

    def close(self) -> None:
        pass


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class RelayTransport:
    """An SMTP relay; one connection kept and reused across a batch."""

    def __init__(self, cfg: Config):
        parts = urlsplit(cfg.outbound_url)
        self.security = cfg.outbound.security
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or SMTP_DEFAULT_PORTS[self.security]
        self.timeout = cfg.outbound.timeout
        self.user = cfg.outbound.user
        self.cfg = cfg
        self.smtp: smtplib.SMTP | None = None
        self.last_used = 0.0

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        smtp.ehlo()
        if self.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if self.user:
            smtp.login(self.user, self.cfg.relay_password())
        return smtp

    def _connection(self) -> smtplib.SMTP:
        idle = time.monotonic() - self.last_used
        if self.smtp is not None and idle > RELAY_CHECK_AFTER_SECONDS:
            try:
                alive = self.smtp.noop()[0] == 250
            except (smtplib.SMTPException, OSError):
                alive = False
            if not alive:
                self.close()
        if self.smtp is None:
            self.smtp = self._connect()
        return self.smtp

    def send(self, row: Outbox, sender: str) -> Sent:
        try:
            smtp = self._connection()
            reply = _transaction(smtp, sender, still_to_send(row), row.raw)
        except DeliveryError:
            self._reset()
            raise
        except smtplib.SMTPAuthenticationError as e:
            self.close()  # the password is wrong: retried until the admin fixes it
            raise DeliveryError(f"relay login refused: {_reply_text(e)}") from e
        except smtplib.SMTPResponseException as e:
            self.close()
            raise DeliveryError(_reply_text(e), permanent=500 <= e.smtp_code < 600) from e
        except (smtplib.SMTPException, OSError) as e:
            self.close()
            raise DeliveryError(f"relay {self.host}:{self.port}: {e}") from e
        self.last_used = time.monotonic()
        return reply

    def commit(self) -> None:
        """Nothing to do: the relay's 250 is its commitment."""

    def _reset(self) -> None:
        try:
            if self.smtp is not None:
                self.smtp.rset()
                self.last_used = time.monotonic()
        except (smtplib.SMTPException, OSError):
            self.close()

    def close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.smtp.quit()
            with contextlib.suppress(OSError):
                self.smtp.close()
        self.smtp = None


def _reply_text(e: smtplib.SMTPResponseException) -> str:
    text = (
        e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) else e.smtp_error
    )
    return f"{e.smtp_code} {text}"


@dataclass
class Sent:
    """What one try achieved, recipient by recipient.

    `accepted` got the mail; `deferred` were refused for now (4xx: tried
    again later, alone); `refused` were refused for good (5xx).
    """

    reply: str
    accepted: list[str]
    deferred: dict[str, str] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)


def _transaction(smtp: smtplib.SMTP, sender: str, recipients: list[str], raw: bytes) -> Sent:
    """MAIL, RCPT for each, DATA when one was accepted. Raises DeliveryError
    when the whole transaction fails (MAIL or DATA refused)."""
    code, text = smtp.mail(sender)
    if code != 250:
        raise DeliveryError(
            f"MAIL FROM refused: {code} {text.decode(errors='replace')}", code >= 500
        )
    accepted: list[str] = []
    deferred: dict[str, str] = {}
    refused: dict[str, str] = {}
    for rcpt in recipients:
        code, text = smtp.rcpt(rcpt)
        if code in (250, 251):
            accepted.append(rcpt)
            continue
        reply = f"{code} {text.decode(errors='replace')}"
        (refused if code >= 500 else deferred)[rcpt] = reply
    if not accepted:
        smtp.rset()
        return Sent("no recipient accepted", [], deferred, refused)
    code, text = smtp.data(_crlf(raw))  # smtplib sends bytes as they are
    if code != 250:
        raise DeliveryError(f"DATA refused: {code} {text.decode(errors='replace')}", code >= 500)
    return Sent(f"{code} {text.decode(errors='replace')}", accepted, deferred, refused)


def still_to_send(row: Outbox) -> list[str]:
    """The row's recipients neither accepted nor refused for good yet."""
    done = {*(row.delivered_to or ()), *(row.refused or {})}
    return [r for r in row.recipients if r not in done]


def _crlf(raw: bytes) -> bytes:
    return _EOL.sub(b"\r\n", raw)


Transport = MaildirTransport | RelayTransport

_local = threading.local()


def transport_for(cfg: Config) -> Transport:
    """This thread's transport for `cfg.outbound_url`, kept between tasks."""
    url = cfg.outbound_url
    current: tuple[str, Transport] | None = getattr(_local, "transport", None)
    if current is not None and current[0] == url:
        return current[1]
    if current is not None:
        current[1].close()
    if url.startswith("maildir:"):
        transport: Transport = MaildirTransport(Path(url[len("maildir:") :]))
    elif url.startswith("smtp://"):
        transport = RelayTransport(cfg)
    else:
        raise ValueError(f"unsupported outbound URL {url!r}")
    _local.transport = (url, transport)
    return transport


def close_transport() -> None:
    """Close this thread's relay connection (end of a batch, shutdown)."""
    current = getattr(_local, "transport", None)
    if current is not None:
        current[1].close()
        _local.transport = None


# --- the state machine --------------------------------------------------------


def return_path(cfg: Config, outbox_id: int) -> str:
    """The envelope sender of one row (VERP): `meet+bounce-<id>-0-<sig>@domain`.

    A real bounce comes back to it, so it names the mail that bounced and,
    signed, cannot be made up by whoever would forge one.
    """
    thread = f"{RETURN_PATH_THREAD}:{outbox_id}"
    return tokens.reply_address(cfg.secret(), cfg.local_part, cfg.domain, thread, 0)


def bounced_row_of(cfg: Config, addresses: list[str]) -> int | None:
    """The outbox id a return path among `addresses` names (signature checked)."""
    token = tokens.find(cfg.secret(), cfg.local_part, cfg.domain, addresses)
    if token is None or token.thread_kind != RETURN_PATH_THREAD:
        return None
    return token.thread_id


@dataclass(frozen=True)
class Claim:
    row: Outbox
    attempt: int
    resumed: bool = False  # taken over from a worker that died mid-send


def _claimable(row: Outbox, now: datetime) -> str:
    """Why `row` may not be tried now ("" when it may)."""
    if row.status == "pending":
        if row.next_attempt_at is not None and row.next_attempt_at > now:
            return "not due"
        return ""
    if row.status == "sending":
        since = row.sending_since
        if since is not None and since > now - SENDING_GRACE:
            return "being sent"
        return ""
    return row.status


# The columns a claim decides on: reading them is cheap, reading `raw` is not.
_STATE = (Outbox.id, Outbox.status, Outbox.next_attempt_at, Outbox.sending_since, Outbox.attempts)


def _claimable_ids(ids: list[int], now: datetime) -> list[Outbox]:
    """The rows among `ids` that may be tried now (state columns only).

    A row this process is sending is never taken again, whatever the clock says: a
    rehearsal clock (`serve --speed`, `tick --now`) can pass SENDING_GRACE mid-send.
    """
    mine = set(leases.held_ids(leases.OUTBOX))
    rows = Outbox.select(*_STATE).where(Outbox.id.in_(ids))
    return [r for r in rows if r.id not in mine and not _claimable(r, now)]


def _claim(ids: list[int], now: datetime) -> list[Claim]:
    """Mark the claimable rows among `ids` "sending", in one committed transaction.

    A plain read first: a row another worker already sent costs no write
    lock. The UPDATE is conditional on the state read, so of two workers
    that read the same state only one takes the row.
    """
    candidates = _claimable_ids(ids, now)
    if not candidates:
        return []
    taken: dict[int, int] = {}
    resumed: set[int] = set()
    with write_txn():
        for row in candidates:
            updated = (
                Outbox.update(status="sending", sending_since=now, attempts=Outbox.attempts + 1)
                .where(
                    (Outbox.id == row.id)
                    & (Outbox.status == row.status)
                    & (Outbox.attempts == row.attempts)
                )
                .execute()
            )
            if updated:
                taken[row.id] = row.attempts + 1
                if row.status == "sending":
                    resumed.add(row.id)
                    log.warning("outbox %s: sending again after a worker died mid-send", row.id)
    if not taken:
        return []
    rows = Outbox.select().where(Outbox.id.in_(list(taken))).order_by(Outbox.id)
    return [Claim(row, taken[row.id], row.id in resumed) for row in rows]


def _record(claim: Claim, cfg: Config, now: datetime, reply: Sent | DeliveryError) -> str:
    """Write one outcome; call inside the batch's write transaction.

    Recipients are settled one by one: those the relay accepted are never
    sent to again, those it refused for good (5xx, or still 4xx after the
    last try) are kept in `refused`, and a row whose only open recipients
    were deferred (4xx) goes back to pending for them alone.
    """
    row = claim.row
    if isinstance(reply, DeliveryError):
        return _record_error(claim, cfg, now, reply)
    last_try = claim.attempt >= cfg.outbound.max_attempts
    refused = {**(row.refused or {}), **reply.refused}
    if last_try:
        refused.update(reply.deferred)
    delivered = [*(row.delivered_to or ()), *reply.accepted]
    fields = {"delivered_to": delivered, "refused": refused, "sending_since": None}
    new_refusals = {a: r for a, r in refused.items() if a not in (row.refused or {})}
    if new_refusals:
        audit("outbox.refused", at=now, obj=row, detail={"refused": new_refusals})
        log.error("outbox %s: refused for good by the relay: %s", row.id, new_refusals)
    if reply.deferred and not last_try:
        retry_at = now + backoff(claim.attempt)
        error = "deferred " + "; ".join(f"{a}: {r}" for a, r in reply.deferred.items())
        Outbox.update(
            status="pending", last_error=error[:1000], next_attempt_at=retry_at, **fields
        ).where(Outbox.id == row.id).execute()
        log.warning("outbox %s: %s; next try at %s", row.id, error, retry_at.isoformat())
        return RETRY
    if not delivered:
        error = "all recipients refused: " + "; ".join(f"{a}: {r}" for a, r in refused.items())
        Outbox.update(status="failed", last_error=error[:1000], **fields).where(
            Outbox.id == row.id
        ).execute()
        audit("outbox.failed", at=now, obj=row, detail={"attempt": claim.attempt, "error": error})
        log.error("outbox %s failed: %s", row.id, error)
        return FAILED
    error = "; ".join(f"refused {a}: {r}" for a, r in refused.items())
    Outbox.update(
        status="sent",
        sent_at=now,
        relay_reply=reply.reply[:1000],
        last_error=error[:1000],
        **fields,
    ).where(Outbox.id == row.id).execute()
    audit(
        "outbox.sent",
        at=now,
        obj=row,
        detail={"attempt": claim.attempt, "reply": reply.reply, "to": reply.accepted},
    )
    log.info("outbox %s sent to %s: %s", row.id, ",".join(reply.accepted), reply.reply)
    return SENT


def _record_error(claim: Claim, cfg: Config, now: datetime, reply: DeliveryError) -> str:
    """The whole try failed (relay down, MAIL or DATA refused): retry or give up."""
    row = claim.row
    error = str(reply)[:1000]
    if reply.permanent or claim.attempt >= cfg.outbound.max_attempts:
        refused = {**(row.refused or {}), **dict.fromkeys(still_to_send(row), error)}
        status = "sent" if row.delivered_to else "failed"
        Outbox.update(status=status, last_error=error, sending_since=None, refused=refused).where(
            Outbox.id == row.id
        ).execute()
        audit("outbox.failed", at=now, obj=row, detail={"attempt": claim.attempt, "error": error})
        log.error("outbox %s failed after %s tries: %s", row.id, claim.attempt, error)
        return FAILED
    retry_at = now + backoff(claim.attempt)
    Outbox.update(
        status="pending", last_error=error, next_attempt_at=retry_at, sending_since=None
    ).where(Outbox.id == row.id).execute()
    log.warning(
        "outbox %s try %s failed, next at %s: %s",
        row.id,
        claim.attempt,
        retry_at.isoformat(timespec="seconds"),
        error,
    )
    return RETRY


def _deliver_batch(ids: list[int], cfg: Config, now: datetime) -> dict[int, str]:
    """Claim, send and record a batch: two write transactions and (maildir)
    one directory fsync for the lot, however many rows it holds."""
    outcomes = dict.fromkeys(ids, SKIPPED)
    claims = _claim(ids, now)
    if not claims:
        return outcomes
    with contextlib.ExitStack() as holding:
        for claim in claims:
            holding.enter_context(leases.held(leases.OUTBOX, claim.row.id))
        replies = _send_all(claims, cfg)
        with write_txn():
            for claim, reply in zip(claims, replies, strict=True):
                outcomes[claim.row.id] = _record(claim, cfg, now, reply)
    return outcomes


def _send_all(claims: list[Claim], cfg: Config) -> list[Sent | DeliveryError]:
    transport = transport_for(cfg)
    replies: list[Sent | DeliveryError] = []
    for claim in claims:
        try:
            if _is_chat(claim.row):
                replies.append(_post_chat(claim))
                continue
            replies.append(transport.send(claim.row, return_path(cfg, claim.row.id)))
        except DeliveryError as e:
            replies.append(e)
        except OSError as e:  # the maildir is unwritable: worth retrying once it is fixed
            replies.append(DeliveryError(f"{type(e).__name__}: {e}"))
    try:
        transport.commit()
    except OSError as e:
        error = DeliveryError(f"{type(e).__name__}: {e}")
        replies = [error if isinstance(r, Sent) else r for r in replies]
    return replies


def _is_chat(row: Outbox) -> bool:
    from service.chat import notices

    return notices.is_chat(row)


def _post_chat(claim: Claim) -> Sent:
    """A group notice goes to its robot (service.chat.post), not to the mail transport."""
    from service.chat import post

    return post.send(claim.row, claim.resumed)


def deliver(outbox_id: int, cfg: Config, now: datetime | None = None) -> str:
    """Try one Outbox row once: "sent", "retry", "failed" or "skipped"."""
    with unit_of_work():
        return _deliver_batch([outbox_id], cfg, now or clock.now())[outbox_id]


def deliver_with_due(
    ids: int | list[int], cfg: Config, now: datetime | None = None
) -> dict[int, str]:
    """Try `ids` and, in the same batch, other rows already due.

    Under load many delivery tasks wait in the queue; the first to run takes
    a batch, the others find their row sent and stop after one small read.
    """
    now = now or clock.now()
    wanted = [ids] if isinstance(ids, int) else list(ids)
    with unit_of_work():
        mine = [row.id for row in _claimable_ids(wanted, now)]
        if not mine:
            return dict.fromkeys(wanted, SKIPPED)
        room = max(BATCH_SIZE - len(mine), 0)
        others = [i for i in due_ids(now, limit=room) if i not in mine] if room else []
        outcomes = _deliver_batch([*mine, *others], cfg, now)
    return {**dict.fromkeys(wanted, SKIPPED), **outcomes}


def due_ids(now: datetime, limit: int | None = BATCH_SIZE) -> list[int]:
    """Rows to try now: pending and due, or "sending" abandoned by a dead worker."""
    query = (
        Outbox.select(Outbox.id)
        .where(
            ((Outbox.status == "pending") & (Outbox.next_attempt_at <= now))
            | ((Outbox.status == "pending") & Outbox.next_attempt_at.is_null())
            | ((Outbox.status == "sending") & (Outbox.sending_since <= now - SENDING_GRACE))
        )
        .order_by(Outbox.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [row.id for row in query]


def deliver_pending(cfg: Config, now: datetime) -> int:
    """Deliver every due row, reusing one relay connection; the number sent."""
    sent = 0
    with unit_of_work():
        try:
            seen: set[int] = set()
            while True:
                batch = [i for i in due_ids(now) if i not in seen]
                if not batch:
                    break
                seen.update(batch)
                outcomes = _deliver_batch(batch, cfg, now)
                sent += sum(outcome == SENT for outcome in outcomes.values())
        finally:
            close_transport()
    return sent


def has_failed():
    """Rows an admin must look at: failed, or refused for good for some recipient."""
    return (Outbox.status == "failed") | (Outbox.refused != {})


def retry(outbox_id: int, now: datetime, actor_text: str = "cli") -> Outbox:
    """An admin's "try again now": back to pending, attempts counted afresh."""
    with write_txn():
        row = Outbox.get_or_none(Outbox.id == outbox_id)
        if row is None:
            raise LookupError(f"no outbox row {outbox_id}")
        if row.status == "sent":
            raise ValueError(f"outbox {outbox_id} was sent at {row.sent_at:%Y-%m-%d %H:%M} UTC")
        previous = row.status
        Outbox.update(status="pending", attempts=0, next_attempt_at=now, sending_since=None).where(
            Outbox.id == row.id
        ).execute()
        audit(
            "outbox.retry",
            at=now,
            actor_text=actor_text,
            obj=row,
            detail={"from": previous, "attempts": row.attempts},
        )
    return Outbox.get_by_id(outbox_id)
