"""Group notices as outbox rows: written with the change that causes them,
posted by the workers like mail (service.delivery), never twice.

A row's `recipients` is `["chat:<robot name>"]` and `raw` the platform's JSON
body, unsigned: the signature carries the time of each post, so it is made
when posting (service.chat.post).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from peewee import IntegrityError

from service import mail
from service.chat import payload, robots
from service.config import Config
from service.render import environment, render
from store.db import db
from store.models import ChatRobot, Meeting, Outbox

RECIPIENT_PREFIX = "chat:"
MORE_TEMPLATE = "_chat_more.txt"  # the line ending a notice cut to the platform's size


def is_chat(row: Outbox) -> bool:
    """Whether the outbox row is a group notice rather than a mail."""
    return bool(row.recipients) and str(row.recipients[0]).startswith(RECIPIENT_PREFIX)


def robot_name(row: Outbox) -> str:
    return str(row.recipients[0])[len(RECIPIENT_PREFIX) :]


def render_notice(template: str, lang: str, context: dict[str, Any]) -> payload.Notice:
    """The notice's title and markdown from `templates/<lang>/<template>.txt`."""
    rendered = render(template, lang, {"lang": lang, **context})
    return payload.Notice(rendered.subject, rendered.text.strip())


def more_line(lang: str) -> str:
    return environment(lang).get_template(MORE_TEMPLATE).render().strip()


def body_for(robot: ChatRobot, notice: payload.Notice) -> dict:
    """The unsigned platform body of `notice` for `robot`."""
    lang = robot.language
    return payload.build(robot.kind, notice, keyword=robot.keyword, lang=lang, more=more_line(lang))


def queue_notice(
    cfg: Config,
    robot: ChatRobot,
    *,
    key: str,
    template: str,
    context: dict[str, Any],
    now: datetime,
    meeting: Meeting | None = None,
) -> Outbox | None:
    """One notice to one robot; None when `key` was queued for it before.

    Call inside the write transaction of the change that causes it.
    """
    row_key = f"{RECIPIENT_PREFIX}{robot.name}:{key}"
    if Outbox.select().where(Outbox.key == row_key).exists():
        return None
    context = {"service": cfg.service, **context}
    notice = render_notice(template, robot.language, context)
    body = body_for(robot, notice)
    digest = hashlib.sha256(f"{mail.installation_nonce()}\0{row_key}".encode()).hexdigest()[:32]
    try:
        with db.atomic():
            row = Outbox.create(
                key=row_key,
                message_id=f"<chat.{digest}@{cfg.domain}>",
                kind=template,
                recipients=[f"{RECIPIENT_PREFIX}{robot.name}"],
                subject=notice.title,
                raw=json.dumps(body, ensure_ascii=False).encode(),
                meeting=meeting,
                created_at=now,
                next_attempt_at=now,
            )
    except IntegrityError:
        return None
    if mail.after_queue is not None:
        enqueue = mail.after_queue
        db.after_commit(lambda: enqueue(row.id))
    return row


def queue_for_meeting(
    cfg: Config,
    meeting: Meeting | None,
    *,
    key: str,
    template: str,
    context: dict[str, Any],
    now: datetime,
) -> list[Outbox]:
    """The notice to every robot `meeting`'s notices go to."""
    rows = []
    for robot in robots.for_meeting(meeting):
        row = queue_notice(
            cfg, robot, key=key, template=template, context=context, now=now, meeting=meeting
        )
        if row is not None:
            rows.append(row)
    return rows
