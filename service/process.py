"""Processing one stored message: parse, classify, route, run the workflow.

A message is claimed before it is worked on (status "processing", with a
lease in `next_attempt_at`), so two workers never act on it at once and a
worker killed mid-task leaves a row that `stale_messages` finds once the
lease runs out (huey deletes a task before running it, so the queue alone
would lose it). Everything the workflow changes, the mails it causes and the
message's own outcome commit in ONE write transaction. An exception rolls
all of that back and is stored with the message; it is retried on the
`RETRY_DELAYS` schedule and marked failed for good after `MAX_ATTEMPTS`.
Nothing of an error ever reaches the sender.

Who may act: a sender who is not a known person changes nothing. That is
decided here, once, before any handler runs; handlers only see known senders
and decide entitlement for their own objects (`service.entitlement`).

What a handler can count on: it runs inside the message's write transaction
(a nested `write_txn()` is a savepoint), `incoming.sender` is a Person,
auto-replies and bounces never reach it. It records what it read with
`entitlement.note_intent` (else the intent of the reading it asked for is
stored), refuses with `entitlement.explain_not_entitled`, and raises to fail:
everything it did is rolled back and the message is retried.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime, timedelta
from typing import Any

from parsers.auto_reply import is_auto_reply
from parsers.bounce import read_bounce
from parsers.mime import ParsedMail, parse_mail
from service import clock, leases, router
from service.config import Config
from service.entitlement import noted_intent, refuse_unknown_sender
from service.mail import Recipient, queue_mail
from service.render import language
from service.workflows import help as help_workflow
from service.workflows import registry
from service.workflows.registry import CONTENT_ROUTES, INTAKE_HANDLERS, REPLY_HANDLERS, Incoming
from store.db import unit_of_work, write_txn
from store.models import INBOUND_STATES, InboundMessage
from store.queries import person_by_address

log = logging.getLogger(__name__)

NEW, PROCESSING, DONE, FAILED, IGNORED = INBOUND_STATES
SKIPPED = "skipped"  # not due, or another worker holds it: nothing was done
# What an admin may run again: an ignored message changed nothing (an unknown
# sender who has since been added, say), so running it again is safe; a done
# one is not offered, since its changes would be made twice.
RETRYABLE_BY_HAND = (NEW, FAILED, IGNORED)

# Back-off between attempts after a failure; the attempt after the last delay
# is the final one.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A claimed message whose lease was not renewed this long belongs to a dead
# worker (a living one renews it: service.leases).
PROCESSING_LEASE = leases.CLAIM_LEASE
# A "new" message older than this was probably never queued (or its task was lost).
NEW_STALE_AFTER = timedelta(minutes=2)
ERROR_MAX_CHARS = 8000

ADMIN_NOTICE_TEMPLATE = "inbox_failed"
ADMIN_NOTICE_KEY = "inbox-failed:{message}:{address}"

INTENT_NOT_MAIL = "not_mail"
INTENT_BOUNCE = "bounce"
INTENT_AUTO_REPLY = "auto_reply"
ROUTE_INTAKE = "intake:{name}"
WORKFLOWS_PACKAGE = "service.workflows."

OUTCOME_FIELDS = [
    InboundMessage.status,
    InboundMessage.route,
    InboundMessage.intent,
    InboundMessage.error,
    InboundMessage.next_attempt_at,
    InboundMessage.processed_at,
]

_workflows_loaded = False


def load_workflows() -> None:
    """Import the workflow modules once per process (they register on import)."""
    global _workflows_loaded
    if not _workflows_loaded:
        registry.load_all()
        _workflows_loaded = True


def _due(now: datetime):
    """Rows a worker may take now: new, retry due, or abandoned by a dead worker."""
    m = InboundMessage
    return (
        (m.status == NEW)
        | ((m.status == FAILED) & m.next_attempt_at.is_null(False) & (m.next_attempt_at <= now))
        | ((m.status == PROCESSING) & (m.next_attempt_at <= now))
    )


def _claim(message_id: int, now: datetime, force: bool) -> InboundMessage | None:
    """Take the message for this worker (committed at once, so that a death shows);
    the claimed row, or None when it is not due or another worker holds it."""
    m = InboundMessage
    if force:
        claimable = (m.status.in_(RETRYABLE_BY_HAND)) | (
            (m.status == PROCESSING) & (m.next_attempt_at <= now)
        )
    else:
        claimable = _due(now)
    with write_txn():
        claimed = list(
            m.update(
                status=PROCESSING,
                attempts=m.attempts + 1,
                next_attempt_at=now + PROCESSING_LEASE,
            )
            .where(m.id == message_id, claimable)
            .returning(m)
            .execute()
        )
    return claimed[0] if claimed else None


def process_message(
    message_id: int, cfg: Config, *, now: datetime | None = None, force: bool = False
) -> str:
    """Process one stored message; returns its status afterwards, or SKIPPED.

    `force` (for `meetloop inbox retry`) runs a failed or ignored message now,
    even when its next attempt is not due or it has used all its attempts.
    """
    with unit_of_work():
        now = now or clock.now()
        row = _claim(message_id, now, force)
        if row is None:
            return SKIPPED
        if row.attempts > MAX_ATTEMPTS and not force:
            return _give_up(message_id, cfg, now, f"stopped after {MAX_ATTEMPTS} attempts")
        seen: dict[str, str] = {}
        try:
            with leases.held(leases.MESSAGE, message_id):
                load_workflows()  # a workflow that fails to import fails the message, kept
                mail = parse_mail(row.raw)  # pure and never raises: outside the write lock
                with write_txn():
                    status = _handle(row, mail, cfg, now, seen)
        except Exception as exc:
            log.exception("message %s failed (attempt %s)", message_id, row.attempts)
            return _record_failure(message_id, cfg, exc, now, route=seen.get("route", ""))
        return status


def _handle(
    row: InboundMessage, mail: ParsedMail, cfg: Config, now: datetime, seen: dict[str, str]
) -> str:
    """Act on one message inside the caller's transaction; `seen` keeps the route
    found, so that a failure can still show what the message answered."""
    incoming = Incoming(config=cfg, now=now, message=row, mail=mail, sender=None)
    if not mail.is_mail:
        return _finish(row, now, IGNORED, intent=INTENT_NOT_MAIL)
    bounce = read_bounce(mail)
    if bounce is not None:
        route_name = help_workflow.handle_bounce(incoming, bounce)
        return _finish(row, now, DONE, route=route_name, intent=INTENT_BOUNCE)
    if is_auto_reply(mail):
        return _finish(row, now, IGNORED, intent=INTENT_AUTO_REPLY)
    found = router.route(mail, cfg, row.envelope_to or ())
    seen["route"] = found.name
    incoming.thread_kind = found.thread_kind
    incoming.thread_id = found.thread_id
    incoming.routed_by = found.routed_by
    incoming.token_person_id = found.token_person_id
    incoming.sender = router.sender_of(mail, cfg, row.raw)
    if incoming.sender is None:
        refuse_unknown_sender(incoming)
        return _finish(row, now, IGNORED, route=found.name, intent=noted_intent(incoming))
    handler = REPLY_HANDLERS.get(found.thread_kind) if found else None
    if found and any(take(incoming) for take in CONTENT_ROUTES.get(found.thread_kind, ())):
        route_name = found.name
    elif handler is not None:
        handler(incoming)
        route_name = found.name
    else:
        taken_by = run_intake(incoming)
        route_name = found.name or (ROUTE_INTAKE.format(name=taken_by) if taken_by else "")
    return _finish(row, now, DONE, route=route_name, intent=intent_of(incoming))


def run_intake(incoming: Incoming) -> str:
    """Offer a mail that answers no thread to each intake handler in order;
    the name of the one that took it, or ""."""
    for _priority, name, handler in list(INTAKE_HANDLERS):
        if handler(incoming):
            return name.removeprefix(WORKFLOWS_PACKAGE)
    return ""


def intent_of(incoming: Incoming) -> str:
    """What the handler read the mail as: its own note, else the reply reading it asked for."""
    noted = noted_intent(incoming)
    if noted:
        return noted
    readings: dict[Any, Any] = incoming.__dict__.get("_readings") or {}
    for reading in readings.values():
        intent = getattr(reading, "intent", "")
        if intent:
            return str(intent)
    return ""


def _finish(
    row: InboundMessage, now: datetime, status: str, *, route: str = "", intent: str = ""
) -> str:
    row.status = status
    row.route = route
    row.intent = intent
    row.error = ""
    row.next_attempt_at = None
    row.processed_at = now
    row.save(only=OUTCOME_FIELDS)  # not the raw bytes again
    return status


def _record_failure(
    message_id: int, cfg: Config, exc: BaseException, now: datetime, route: str = ""
) -> str:
    """Keep the error; schedule the next attempt, or give up after the last."""
    text = "".join(traceback.format_exception(exc))
    error = f"{type(exc).__name__}: {exc}\n\n{text}"[:ERROR_MAX_CHARS]
    with write_txn():
        row = InboundMessage.get_by_id(message_id)
        attempt = max(row.attempts, 1)
        retry_at = now + RETRY_DELAYS[attempt - 1] if attempt < MAX_ATTEMPTS else None
        row.status = FAILED
        row.error = error
        row.route = route
        row.intent = ""
        row.next_attempt_at = retry_at
        row.processed_at = now
        row.save(only=OUTCOME_FIELDS)
        if retry_at is None:
            tell_admins(row, cfg, now)
    return FAILED


def _give_up(message_id: int, cfg: Config, now: datetime, why: str) -> str:
    """A message whose worker kept dying: failed for good, for an admin to look at."""
    with write_txn():
        row = InboundMessage.get_by_id(message_id)
        row.status = FAILED
        row.error = f"{why}; the worker stopped while processing it"
        row.next_attempt_at = None
        row.processed_at = now
        row.save(only=OUTCOME_FIELDS)
        tell_admins(row, cfg, now)
    log.error("message %s given up: %s", message_id, why)
    return FAILED


def tell_admins(row: InboundMessage, cfg: Config, now: datetime) -> int:
    """A message failed for good: each admin is told once (the sender never sees an error)."""
    told = 0
    for address in cfg.service.admins:
        person = person_by_address(address)
        to = person or Recipient(address.lower(), language=language(cfg.service.language))
        told += (
            queue_mail(
                cfg,
                key=ADMIN_NOTICE_KEY.format(message=row.id, address=address.lower()),
                to=to,
                template=ADMIN_NOTICE_TEMPLATE,
                context={"message": row, "error": row.error.splitlines()[0] if row.error else ""},
                now=now,
            )
            is not None
        )
    return told


def retryable(row: InboundMessage) -> bool:
    """A failed message that will be tried again by itself."""
    return row.status == FAILED and row.next_attempt_at is not None


def due_messages(now: datetime, limit: int | None = None) -> list[int]:
    """Ids of the messages a worker may take at `now`, oldest first."""
    query = (
        InboundMessage.select(InboundMessage.id)
        .where(_due(now))
        .order_by(InboundMessage.received_at, InboundMessage.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [row.id for row in query]


def process_pending(cfg: Config, now: datetime | None = None, limit: int | None = None) -> int:
    """Process every message due at `now`, one after the other; how many ran.

    Tests and the sweeper use it; the worker processes one message per task.
    """
    now = now or clock.now()
    with unit_of_work():
        ids = due_messages(now, limit)
    done = 0
    for message_id in ids:
        if process_message(message_id, cfg, now=now) != SKIPPED:
            done += 1
    return done


def stale_messages(now: datetime) -> list[int]:
    """Ids the sweeper should queue again: "new" for too long (never queued, or its
    task was lost), abandoned by a dead worker, or a failure whose retry is due."""
    m = InboundMessage
    with unit_of_work():
        query = (
            m.select(m.id)
            .where(
                ((m.status == NEW) & (m.received_at <= now - NEW_STALE_AFTER))
                | ((m.status == PROCESSING) & (m.next_attempt_at <= now))
                | (
                    (m.status == FAILED)
                    & m.next_attempt_at.is_null(False)
                    & (m.next_attempt_at <= now)
                )
            )
            .order_by(m.received_at, m.id)
        )
        return [row.id for row in query]
