"""Who may act, and the polite answer to those who may not.

A mail from an unknown sender, or from a known person who is not entitled to
act on the thread it answers, changes nothing: it is audited, and its sender
gets at most `policy.unknown_sender_replies_per_day` explanations per local
day (one Outbox key per address and date). Never in answer to a machine:
auto-replies and bounces are sorted out before any handler runs, and mail
from list software, mailer daemons or ourselves is never answered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from parsers.bounce import DAEMON_LOCALS
from service import router
from service.config import Config
from service.mail import Recipient, Thread, queue_mail
from service.render import language
from service.workflows.registry import Incoming
from store.models import Outbox, Person
from store.queries import audit

INTENT_NOTE = "intent:"  # handlers note the intent they acted on: "intent:help"
INTENT_UNKNOWN_SENDER = "unknown_sender"
INTENT_NOT_ENTITLED = "not_entitled"

ACTION_UNKNOWN_SENDER = "mail.unknown_sender"
ACTION_NOT_ENTITLED = "mail.not_entitled"

TEMPLATE_UNKNOWN_SENDER = "unknown_sender"
TEMPLATE_NOT_ENTITLED = "not_entitled"
EXPLAIN_KEY = "explain:{address}:{day}:{n}"

# Mail that must never be answered (RFC 3834 §2): list and bulk traffic,
# daemons and no-reply robots.
NO_REPLY_PRECEDENCE = frozenset({"bulk", "list", "junk"})
LIST_HEADERS = ("list-id", "list-unsubscribe")
NO_REPLY_LOCALS = DAEMON_LOCALS | {"noreply", "no-reply", "donotreply", "do-not-reply"}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def note_intent(incoming: Incoming, intent: str) -> None:
    """Record what the mail was read as; the processor stores it on the message."""
    incoming.notes.append(f"{INTENT_NOTE}{intent}")


def noted_intent(incoming: Incoming) -> str:
    for note in reversed(incoming.notes):
        if note.startswith(INTENT_NOTE):
            return note[len(INTENT_NOTE) :]
    return ""


def local_day(now: datetime, cfg: Config) -> date:
    return now.astimezone(cfg.tz).date()


def guess_language(incoming: Incoming) -> str:
    """A stranger's language: Chinese when they wrote any, English when they wrote
    only other text, the service's when they wrote nothing."""
    mail = incoming.mail
    if _CJK.search(f"{mail.subject}\n{mail.text}"):
        return "zh"
    if mail.subject or mail.text:
        return "en"
    return language(incoming.config.service.language)


def may_answer(incoming: Incoming) -> bool:
    """False for mail nobody should answer automatically (lists, daemons, ourselves)."""
    mail = incoming.mail
    address = (mail.from_addr or "").lower()
    local, _, domain = address.rpartition("@")
    if not local or not domain:
        return False
    cfg = incoming.config
    if domain in cfg.accepted_domains and local.split("+", 1)[0] == cfg.local_part.lower():
        return False  # ourselves, with or without a token: never a loop
    if local.split("+", 1)[0] in NO_REPLY_LOCALS:
        return False
    headers = mail.headers
    if headers.get("precedence", "").strip().lower() in NO_REPLY_PRECEDENCE:
        return False
    return not any(h in headers for h in LIST_HEADERS)


def addressed_to_us(incoming: Incoming) -> bool:
    """True when one of our addresses is in To (not only in Cc or Bcc)."""
    domains = incoming.config.accepted_domains
    return any(addr.rpartition("@")[2] in domains for _, addr in incoming.mail.to)


def queue_capped(
    cfg: Config, key_for: Callable[[int], str], cap: int, **mail: Any
) -> Outbox | None:
    """Queue the mail under the first unused of `cap` keys; None once all are used.
    (`queue_mail` checks each key before it renders anything.)"""
    for n in range(1, cap + 1):
        row = queue_mail(cfg, key=key_for(n), **mail)
        if row is not None:
            return row
    return None


def _reply_thread(incoming: Incoming) -> Thread:
    """No thread of ours; it follows the sender's mail in their client."""
    mail = incoming.mail
    return Thread(in_reply_to=mail.message_id, references=list(mail.references))


def explain(
    incoming: Incoming, *, to: Person | Recipient, template: str, context: dict[str, Any]
) -> Outbox | None:
    """The polite explanation, within the per-address daily allowance."""
    cfg = incoming.config
    if not may_answer(incoming):
        return None
    address = (to.email if isinstance(to, Person) else to.address).lower()
    day = local_day(incoming.now, cfg).isoformat()
    return queue_capped(
        cfg,
        lambda n: EXPLAIN_KEY.format(address=address, day=day, n=n),
        cfg.policy.unknown_sender_replies_per_day,
        to=to,
        template=template,
        context={"subject": incoming.mail.subject, **context},
        now=incoming.now,
        thread=_reply_thread(incoming),
    )


def refuse_unknown_sender(incoming: Incoming) -> Outbox | None:
    """Audit a mail from an unknown (or unauthenticated) sender; explain at most daily.

    A sender whose DMARC/DKIM failed is probably forged: answering would send
    mail to someone who never wrote (backscatter), so it is only audited; so
    is a conversation that only copies the service in.
    """
    cfg, mail = incoming.config, incoming.mail
    forged = router.authentication_failed(mail, cfg, incoming.message.raw)
    note_intent(incoming, INTENT_UNKNOWN_SENDER)
    audit(
        ACTION_UNKNOWN_SENDER,
        at=incoming.now,
        actor_text=mail.from_addr or "(no sender)",
        obj=incoming.message,
        detail={
            "route": _route_name(incoming),
            "subject": mail.subject,
            "authentication_failed": forged,
        },
        message=incoming.message,
    )
    if forged or not addressed_to_us(incoming):
        return None
    recipient = Recipient(mail.from_addr, mail.from_name, guess_language(incoming))
    return explain(
        incoming,
        to=recipient,
        template=TEMPLATE_UNKNOWN_SENDER,
        context={"address": mail.from_addr},
    )


Localized = str | Mapping[str, str]  # one text, or one per language: {"zh": …, "en": …}


def localized(text: Localized, lang: str) -> str:
    """`text` in `lang`: a plain string as it is, else the language's entry (or any)."""
    if isinstance(text, str):
        return text
    return text.get(lang) or next(iter(text.values()), "")


def explain_not_entitled(
    incoming: Incoming,
    who_can_act: Localized,
    *,
    people: Sequence[Person] = (),
    what: Localized = "",
    detail: dict[str, Any] | None = None,
) -> Outbox | None:
    """For workflow handlers: `incoming.sender` may not do this here.

    Changes nothing but the audit trail, and tells the sender (at most daily)
    who can act: `who_can_act` (e.g. {"zh": "任务负责人", "en": "the task's
    owner"}; a plain string is used for every language), `people` the persons
    named after it, `what` what they tried ({"zh": "验收", "en": "acceptance"}).
    Call it from a reply handler and return without changing anything.
    """
    sender = incoming.sender
    if sender is None:
        return refuse_unknown_sender(incoming)
    lang = language(sender.language)
    who_can_act, what = localized(who_can_act, lang), localized(what, lang)
    note_intent(incoming, INTENT_NOT_ENTITLED)
    audit(
        ACTION_NOT_ENTITLED,
        at=incoming.now,
        actor=sender,
        obj=incoming.message,
        detail={
            "route": _route_name(incoming),
            "who_can_act": who_can_act,
            "people": [p.email for p in people],
            "what": what,
            **(detail or {}),
        },
        message=incoming.message,
    )
    return explain(
        incoming,
        to=sender,
        template=TEMPLATE_NOT_ENTITLED,
        context={
            "who_can_act": who_can_act,
            "people": [p.name for p in people],
            "what": what,
            "ref": _ref_of(incoming),
        },
    )


def _route_name(incoming: Incoming) -> str:
    return f"{incoming.thread_kind}:{incoming.thread_id}" if incoming.thread_kind else ""


def _ref_of(incoming: Incoming) -> str:
    """The short reference (M-0042 / T-0042) of the thread answered, if it has one."""
    model = router.REF_MODELS.get(incoming.thread_kind)
    if model is None:
        return ""
    row = model.select(model.ref).where(model.id == incoming.thread_id).first()
    return row.ref if row else ""
