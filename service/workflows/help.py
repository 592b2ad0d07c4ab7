"""The last word on mail nobody else took, and on bounces.

`send_help` is the lowest-priority intake handler: a known person's new
mail that no workflow could act on gets the help mail in their language
(at most `HELP_MAILS_PER_DAY` a day, so a broken auto-responder cannot start
a loop); a conversation that only copies the service in is left alone.
Replies to the help mail ("help" threads) have no handler of their own: the
processor runs them through the intake handlers again, so answering the help
mail with "筹备表" reaches the preparation workflow. Unknown senders never get
here: the processor refuses them first (`service.entitlement`).

`handle_bounce` marks the address that failed and tells the host of the
meeting the bounced mail was about.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterable

from parsers.bounce import Bounce
from service.delivery import bounced_row_of
from service.entitlement import (
    addressed_to_us,
    local_day,
    may_answer,
    note_intent,
    queue_capped,
)
from service.mail import MESSAGE_ID_PREFIX, Thread, queue_mail
from service.router import authentication_failed, token_addresses
from service.workflows.registry import Incoming, intake
from store.models import InboundMessage, Item, Meeting, Outbox
from store.queries import audit, person_by_address

HELP_PRIORITY = 1000  # after every other intake handler
HELP_MAILS_PER_DAY = 3
HELP_TEMPLATE = "help"
HELP_THREAD = "help"
HELP_KEY = "help:{person}:{day}:{n}"
INTENT_HELP = "help"
INTENT_COPIED = "copied"  # the service was only in Cc/Bcc of a conversation
INTENT_NOT_ANSWERED = "not_answered"  # list, bulk or robot mail: never answered

BOUNCE_NOTICE_TEMPLATE = "bounce_notice"
BOUNCE_NOTICE_KEY = "bounce-notice:{meeting}:{address}:{day}"
ACTION_PERSON_BOUNCED = "person.bounced"
ACTION_BOUNCE_UNMATCHED = "mail.bounce"
BOUNCE_REASON_MAX_CHARS = 500
SMTP_SOURCE = "smtp"


@intake(HELP_PRIORITY)
def send_help(incoming: Incoming) -> bool:
    """A known sender asked nothing we can act on: tell them how to use the service."""
    person = incoming.sender
    if person is None:
        return False
    cfg, mail = incoming.config, incoming.mail
    if not addressed_to_us(incoming):
        note_intent(incoming, INTENT_COPIED)  # we were only copied in: nothing to answer
        return True
    if not may_answer(incoming):
        note_intent(incoming, INTENT_NOT_ANSWERED)  # list or bulk mail (RFC 3834 §2)
        return True
    note_intent(incoming, INTENT_HELP)
    day = local_day(incoming.now, cfg).isoformat()
    queue_capped(
        cfg,
        lambda n: HELP_KEY.format(person=person.id, day=day, n=n),
        HELP_MAILS_PER_DAY,
        to=person,
        template=HELP_TEMPLATE,
        context={"subject": mail.subject},
        now=incoming.now,
        thread=Thread(HELP_THREAD, person.id, mail.message_id, list(mail.references)),
    )
    return True


# ---------------------------------------------------------------- bounces


def handle_bounce(incoming: Incoming, bounce: Bounce) -> str:
    """Mark the failing person and tell the meeting's host; return the route name.

    A bounce counts only when it is a DSN (null envelope sender) about a mail
    we sent, named by its signed return path or its Message-ID: anyone can
    write "Undelivered Mail Returned to Sender", so anything else is recorded
    and changes nothing.
    """
    cfg, now = incoming.config, incoming.now
    original = bounced_outbox(incoming)
    if original is None:
        audit(
            ACTION_BOUNCE_UNMATCHED,
            at=now,
            actor_text=incoming.mail.from_addr or "(no sender)",
            obj=incoming.message,
            detail={
                "address": bounce.failed_recipient,
                "refers_to_our_mail": False,
                "authentication_failed": authentication_failed(
                    incoming.mail, cfg, incoming.message.raw
                ),
            },
            message=incoming.message,
        )
        return ""
    recipients = [r.lower() for r in original.recipients]
    address = (bounce.failed_recipient or "").lower()
    if address not in recipients:
        # not said, or not one the bounced mail went to: only a one-recipient mail tells who
        address = recipients[0] if len(recipients) == 1 else ""
    person = person_by_address(address) if address else None
    meeting = meeting_of(original)
    reason = " ".join(f"{bounce.status} {bounce.diagnostic}".split())[:BOUNCE_REASON_MAX_CHARS]
    detail = {
        "address": address,
        "status": bounce.status,
        "diagnostic": bounce.diagnostic[:BOUNCE_REASON_MAX_CHARS],
        "outbox": original.id if original else None,
        "meeting": meeting.ref if meeting else None,
    }
    if authentication_failed(incoming.mail, cfg, incoming.message.raw):
        # a forged bounce must not mark anyone: only recorded
        detail["authentication_failed"] = True
        person = meeting = None
    if person is not None:
        person.bounced_at = now
        person.bounce_reason = reason or "delivery failed"
        person.save()
        audit(ACTION_PERSON_BOUNCED, at=now, obj=person, detail=detail, message=incoming.message)
    else:
        audit(
            ACTION_BOUNCE_UNMATCHED,
            at=now,
            actor_text=incoming.mail.from_addr or "(no sender)",
            obj=incoming.message,
            detail=detail,
            message=incoming.message,
        )
    host = meeting.host if meeting else None
    if meeting is not None and host is not None and address and host.email != address:
        day = local_day(now, cfg).isoformat()
        queue_mail(
            cfg,
            key=BOUNCE_NOTICE_KEY.format(meeting=meeting.id, address=address, day=day),
            to=host,
            template=BOUNCE_NOTICE_TEMPLATE,
            context={
                "meeting": meeting,
                "address": address,
                "person": person,
                "reason": reason,
                "original_subject": original.subject if original else "",
                "tz": host.timezone or cfg.calendar.timezone,
            },
            now=now,
            thread=Thread("meeting", meeting.id),
            meeting=meeting,
        )
    return f"meeting:{meeting.id}" if meeting else ""


def _our_message_ids(incoming: Incoming) -> list[str]:
    """Message-IDs of ours the bounce quotes: report headers, threading, the text."""
    mail, domain = incoming.mail, incoming.config.domain
    pattern = re.compile(rf"<{re.escape(MESSAGE_ID_PREFIX)}\.[0-9a-f]+@{re.escape(domain)}>", re.I)
    found: list[str] = []
    report = mail.report
    sources: Iterable[str] = [
        *(report.original_headers.values() if report else ()),
        mail.in_reply_to or "",
        " ".join(mail.references),
        *(f.message_id or "" for f in mail.forwarded),
        mail.text or "",
    ]
    for text in sources:
        found.extend(m.group(0) for m in pattern.finditer(text))
    return list(dict.fromkeys(found))


def is_null_sender(message: InboundMessage) -> bool:
    """A DSN's envelope: MAIL FROM:<> (SMTP), or the Return-Path: <> the
    delivering server wrote (IMAP, or a pipe without the envelope)."""
    if message.source == SMTP_SOURCE:
        return message.envelope_from.strip() in ("", "<>")
    return_path = [v for k, v in _header_lines(message.raw) if k == "return-path"]
    if return_path:
        return return_path[0].strip() == "<>"
    return message.envelope_from.strip() in ("", "<>")


def _header_lines(raw: bytes) -> list[tuple[str, str]]:
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    msg = email.message_from_bytes(head + b"\n\n", policy=email.policy.compat32)
    return [(str(k).lower(), str(v)) for k, v in msg.raw_items()]


def bounced_outbox(incoming: Incoming) -> Outbox | None:
    """The mail of ours a DSN reports: named by the signed return path it came
    back to, else by a Message-ID of ours it quotes; None for anything else."""
    if not is_null_sender(incoming.message):
        return None
    addresses = token_addresses(incoming.mail, incoming.message.envelope_to or ())
    row_id = bounced_row_of(incoming.config, addresses)
    if row_id is not None:
        return Outbox.get_or_none(Outbox.id == row_id)
    ids = _our_message_ids(incoming)
    if ids:
        return Outbox.select().where(Outbox.message_id.in_(ids)).order_by(Outbox.id.desc()).first()
    return None


def meeting_of(row: Outbox | None) -> Meeting | None:
    if row is None:
        return None
    if row.meeting_id is not None:
        return Meeting.get_or_none(Meeting.id == row.meeting_id)
    if row.item_id is not None:
        item = Item.get_or_none(Item.id == row.item_id)
        return item.meeting if item else None
    return None
