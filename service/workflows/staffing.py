"""Key roles: the required-roles rule checked when attendees change and
before anything goes out; a gap is mailed to the host by name
("乙方缺少决策层参会人"), once per distinct set of gaps."""

from __future__ import annotations

import hashlib
from datetime import datetime

from service import meetings
from service.config import Config
from service.workflows import meeting_mail
from store.models import Meeting


def gap_key(meeting: Meeting, gaps: list[str]) -> str:
    digest = hashlib.sha256("\n".join(gaps).encode()).hexdigest()[:12]
    return f"role-gap:{meeting.id}:{digest}"


def warn_role_gaps(cfg: Config, meeting: Meeting, now: datetime) -> list[str]:
    """Tell the host which key roles are missing (in the host's language); the gaps."""
    host = meetings.host_of(meeting)
    lang = host.language if host else cfg.service.language
    gaps = [g.text(lang) for g in meetings.role_gaps(meeting)]
    if gaps and host is not None:
        meeting_mail.send(
            cfg,
            meeting,
            host,
            key=gap_key(meeting, gaps),
            template="role_gap",
            now=now,
            extra={"gap_list": gaps},
        )
    return gaps
