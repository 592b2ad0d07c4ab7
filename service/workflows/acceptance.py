"""Acceptance: the owner submits, the requesting side accepts or rejects.

"Done" (with the deliverable attached, kept with its hash) moves the task to
`submitted` and asks the requesting side to accept; "验收通过" closes it and
tells the owner and the host; a rejection goes back to in progress with the
reason. Only the requesting side may accept: an acceptance from the owner's
own company changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from service.config import Config
from service.mail import queue_mail
from service.workflows.registry import Incoming
from service.workflows.tracking import (
    file_attachments,
    item_context,
    item_thread,
    notify,
    record,
    set_status,
    store_deliverables,
)
from store.models import InboundMessage, Item, Person


def submit(
    cfg: Config,
    item: Item,
    mail: Any,
    text: str,
    by: Person,
    now: datetime,
    message: InboundMessage | None = None,
) -> bool:
    """Deliverables stored and the acceptance request sent; False when a file
    was refused (over the size limit) and nothing changed."""
    stored = store_deliverables(item, mail, by, message, cfg, now)
    if stored.refused:
        queue_mail(
            cfg,
            key=f"deliverable-too-big:{item.id}:{message.id if message else now.isoformat()}",
            to=by,
            template="deliverable_refused",
            context={
                **item_context(item, now, cfg),
                "refused": stored.refused,
                "limit_mb": cfg.policy.max_deliverable_bytes // (1024 * 1024),
            },
            now=now,
            thread=item_thread(item),
            meeting=item.meeting,
            item=item,
        )
        return False
    old = set_status(item, "submitted", now)
    item.percent = 100
    item.last_update_at = now
    item.save()
    names = ", ".join(f.filename for f in stored.files)
    record(
        item,
        "done",
        now=now,
        by=by,
        text=text or names,
        percent=100,
        old_status=old,
        message=message,
    )
    request_acceptance(cfg, item, now, stored.files, text, by)
    return True


def request_acceptance(cfg: Config, item: Item, now: datetime, files, text: str, by) -> int:
    """The acceptance request to the requester (any of their side may answer),
    deliverables attached."""
    stamp = item.last_update_at.isoformat() if item.last_update_at else now.isoformat()
    return notify(
        cfg,
        key=f"acceptance-request:{item.id}:{stamp}",
        people=[item.requester or item.meeting.host],
        template="acceptance_request",
        item=item,
        now=now,
        extra={"note": text, "by": by, "new_files": files},
        attachments=file_attachments(files),
    )


def accept(cfg: Config, item: Item, by: Person, now: datetime, text: str = "", message=None):
    old = set_status(item, "accepted", now)
    item.accepted_at = now
    item.save()
    record(item, "accept", now=now, by=by, text=text, old_status=old, message=message)
    notify(
        cfg,
        key=f"acceptance-passed:{item.id}",
        people=[item.owner, item.meeting.host],
        template="acceptance_passed",
        item=item,
        now=now,
        extra={"by": by, "text": text},
    )


def reject(cfg: Config, item: Item, by: Person, now: datetime, reason: str, message=None):
    old = set_status(item, "in_progress", now)
    item.save()
    record(item, "reject", now=now, by=by, text=reason, old_status=old, message=message)
    stamp = message.id if message else now.isoformat()
    notify(
        cfg,
        key=f"acceptance-rejected:{item.id}:{stamp}",
        people=[item.owner, item.meeting.host],
        template="acceptance_rejected",
        item=item,
        now=now,
        extra={"by": by, "reason": reason},
    )


def on_acceptance_reply(inc: Incoming, item: Item, person: Person) -> None:
    from service.workflows import questions

    reading = inc.reading("acceptance")
    if reading.intent == "pass":
        accept(inc.config, item, person, inc.now, reading.body, inc.message)
    elif reading.intent == "reject":
        reject(inc.config, item, person, inc.now, reading.body, inc.message)
    elif reading.intent == "question":
        questions.route_question(inc, item)
    elif reading.intent not in ("auto_reply", "bounce"):
        questions.ask_back(inc, item, "acceptance")
