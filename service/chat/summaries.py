"""What goes to a group, each behind a `[chat]` switch: the formal minutes'
summary, the meeting invitation's summary, the Friday-sync notice and the
weekly tracking summary. Texts are templates/<lang>/chat_*.txt; the full text
and every answer stay in mail.

Each function is called inside the write transaction of the mail it goes
with, so the notice commits with it (or not at all), once per key.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from service.chat import notices, robots
from service.config import Config
from store.models import Meeting, MinutesVersion


def minutes_formal(cfg: Config, version: MinutesVersion, ctx: dict[str, Any], now: datetime) -> int:
    """The formal minutes: decisions, tasks with owner and due, the objection deadline."""
    if not cfg.chat.minutes:
        return 0
    rows = notices.queue_for_meeting(
        cfg,
        version.meeting,
        key=f"minutes-formal:{version.id}",
        template="chat_minutes",
        context=ctx,
        now=now,
    )
    return len(rows)


def invitation(cfg: Config, meeting: Meeting, tz: str, now: datetime) -> int:
    """The invitation's summary: title, time in the meeting's zone, format, link."""
    if not cfg.chat.invitation:
        return 0
    rows = notices.queue_for_meeting(
        cfg,
        meeting,
        key=f"invitation:{meeting.id}:{meeting.ical_sequence}",
        template="chat_invitation",
        context={"meeting": meeting, "tz": tz},
        now=now,
    )
    return len(rows)


def friday_sync(
    cfg: Config, meeting: Meeting, key: str, ctx: dict[str, Any], items: list, now: datetime
) -> int:
    """The sync notice: when, the link, the open items with owners and due dates,
    each group's rows in its own language and the sync's zone."""
    from service import tracking_table

    if not cfg.chat.friday_sync:
        return 0
    queued = 0
    for robot in robots.for_meeting(meeting):
        rows = tracking_table.rows(items, now, cfg, robot.language, ctx["tz"])
        queued += (
            notices.queue_notice(
                cfg,
                robot,
                key=key,
                template="chat_friday_sync",
                context={**ctx, "rows": rows},
                now=now,
                meeting=meeting,
            )
            is not None
        )
    return queued
