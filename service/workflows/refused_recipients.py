"""Recipients the relay refused for good: the admins and the meeting's host are told.

Delivery records each permanent refusal (`outbox.refused` in the audit log)
and keeps the row listed by `outbox list --status failed` and `doctor`. This
rule tells each admin (about every refusal) and each host (about their
meetings' mails) at the first tick after a refusal, then at most once a local
day, listing everything refused since their previous notice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from service.config import Config
from service.entitlement import local_day
from service.mail import Recipient, queue_mail
from service.render import language
from service.workflows.registry import tick_rule
from store.models import AuditLog, Outbox
from store.queries import person_by_address

NOTICE_TEMPLATE = "recipient_refused"
NOTICE_KEY = "recipient-refused:{address}:{day}"
ACTION_REFUSED = "outbox.refused"
LOOKBACK = timedelta(days=7)  # refusals older than this are not reported any more


@tick_rule("outbox.refused_notice")
def refused_notice(now: datetime, cfg: Config) -> int:
    since = now - LOOKBACK
    entries = list(
        AuditLog.select()
        .where(AuditLog.action == ACTION_REFUSED, AuditLog.at > since, AuditLog.at <= now)
        .order_by(AuditLog.at, AuditLog.id)
    )
    if not entries:
        return 0
    rows = {r.id: r for r in Outbox.select().where(Outbox.id.in_([e.object_id for e in entries]))}
    told: dict[str, datetime] = {}
    for notice in Outbox.select(Outbox.key, Outbox.created_at).where(
        Outbox.kind == NOTICE_TEMPLATE, Outbox.created_at > since
    ):
        address = notice.key.split(":")[1]
        told[address] = max(told.get(address, since), notice.created_at)
    wanted: dict[str, list[tuple[AuditLog, Outbox]]] = defaultdict(list)
    for entry in entries:
        row = rows.get(entry.object_id)
        if row is None:
            continue
        readers = [a.lower() for a in cfg.service.admins]
        host = row.meeting.host if row.meeting_id and row.meeting else None
        if host is not None:
            readers.append(host.email.lower())
        for address in dict.fromkeys(readers):
            if entry.at > told.get(address, since):
                wanted[address].append((entry, row))
    day = local_day(now, cfg).isoformat()
    queued = 0
    for address, found in wanted.items():
        person = person_by_address(address)
        to = person or Recipient(address, language=language(cfg.service.language))
        refusals = [
            {"address": rcpt, "reply": reply, "subject": row.subject, "id": row.id}
            for entry, row in found
            for rcpt, reply in (entry.detail.get("refused") or {}).items()
        ]
        queued += (
            queue_mail(
                cfg,
                key=NOTICE_KEY.format(address=address, day=day),
                to=to,
                template=NOTICE_TEMPLATE,
                context={"refusals": refusals},
                now=now,
            )
            is not None
        )
    return queued
