"""The agenda (time, topic, presenter, expected output) and the T − N mail.

An agenda comes from the CLI, a CSV or the preparation form as lines such as
`14:00-14:20 | 背景与目标 | 王敏 | 目标对齐`. It is checked as a whole (fits
the meeting, no overlaps, presenters attend) and replaced as a whole, so a
bad agenda changes nothing. At T − `policy.agenda_days_before` days every
attendee gets it with the background and is asked for topics to add.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from service import meetings
from service.config import Config
from service.mail import Attachment
from service.meetings import Actor, MeetingError
from service.workflows import meeting_mail
from service.workflows.registry import tick_rule
from store.db import write_txn
from store.models import AgendaItem, InboundMessage, Meeting, Person, StoredFile

# "14:00-14:20", "14:00–14:20", "14:00~14:20", "14：00 - 14：20", or "14:00 20分钟"
_RANGE = re.compile(r"^\s*(\d{1,2})[:：](\d{2})\s*(?:[-–—~～至到]\s*(\d{1,2})[:：](\d{2}))?\s*")
_MINUTES = re.compile(r"^\s*(\d{1,3})\s*(?:分钟|分|min(?:utes?)?|m|′)?\s*$", re.IGNORECASE)
_CELL_SPLIT = re.compile(r"\s*[|｜\t]\s*")
CSV_HEADERS = {
    "start": ("start", "开始", "时间"),
    "duration": ("duration", "时长", "分钟"),
    "topic": ("topic", "议题", "主题"),
    "presenter": ("presenter", "汇报人", "主讲人", "负责人"),
    "output": ("output", "expected output", "预期产出", "产出"),
}


@dataclass
class AgendaLine:
    """One agenda row as given, before it is checked against the meeting."""

    start: time | None
    minutes: int
    topic: str
    presenter: str = ""
    output: str = ""


def _parse_row(cells: list[str], lineno: int) -> AgendaLine:
    cells = [c.strip() for c in cells]
    if not cells or not cells[0]:
        raise MeetingError(f"议程第{lineno}行：缺少时间 / agenda line {lineno}: no time")
    first = cells[0]
    m = _RANGE.match(first)
    if not m:
        raise MeetingError(
            f"议程第{lineno}行：时间“{first}”应写作 14:00-14:20 / "
            f"agenda line {lineno}: write the time as 14:00-14:20"
        )
    h, mi, h2, mi2 = m.groups()
    try:
        start = time(int(h), int(mi))
        rest = first[m.end() :].strip()
        if h2 is not None:
            end = time(int(h2), int(mi2))
            minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        elif rest and _MINUTES.match(rest):
            minutes, rest = int(_MINUTES.match(rest).group(1)), ""
        elif len(cells) > 1 and _MINUTES.match(cells[1]):
            minutes = int(_MINUTES.match(cells[1]).group(1))
            cells = [first, *cells[2:]]
        else:
            raise MeetingError(
                f"议程第{lineno}行：缺少结束时间或时长 / agenda line {lineno}: no end or duration"
            )
    except ValueError as e:
        raise MeetingError(f"议程第{lineno}行：时间无效 / agenda line {lineno}: bad time") from e
    if minutes <= 0:
        raise MeetingError(
            f"议程第{lineno}行：结束时间早于开始时间 / agenda line {lineno}: ends before it starts"
        )
    topic_cells = ([rest] if rest else []) + cells[1:]
    topic = topic_cells[0] if topic_cells else ""
    if not topic:
        raise MeetingError(f"议程第{lineno}行：缺少议题 / agenda line {lineno}: no topic")
    return AgendaLine(
        start,
        minutes,
        topic,
        topic_cells[1] if len(topic_cells) > 1 else "",
        topic_cells[2] if len(topic_cells) > 2 else "",
    )


def parse_lines(text: str) -> list[AgendaLine]:
    """Agenda rows from text lines (`时间 | 议题 | 汇报人 | 预期产出`); MeetingError names the line."""
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip().lstrip("-*•·").strip()
        if not line or not _RANGE.match(line):
            continue
        rows.append(_parse_row(_CELL_SPLIT.split(line), lineno))
    return rows


def parse_csv(text: str) -> list[AgendaLine]:
    """Agenda rows from CSV with a header row (start, duration, topic, presenter, output;
    or 开始, 时长, 议题, 汇报人, 预期产出)."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    index = {}
    for name, names in CSV_HEADERS.items():
        for i, h in enumerate(header):
            if h in names:
                index[name] = i
                break
    if "start" not in index or "topic" not in index:
        raise MeetingError("the CSV needs a header with start and topic columns (开始, 议题)")
    rows = []
    for lineno, row in enumerate(reader, 2):
        if not any(c.strip() for c in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            i = index.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        cells = [cell("start")]
        if cell("duration"):
            cells.append(cell("duration"))
        cells += [cell("topic"), cell("presenter"), cell("output")]
        rows.append(_parse_row(cells, lineno))
    return rows


def _find_presenter(meeting: Meeting, written: str) -> Person | None:
    written = written.strip().lower()
    for p in meetings.participants(meeting):
        if written in (p.person.email.lower(), p.person.name.lower()):
            return p.person
    return None


def check(meeting: Meeting, rows: list[AgendaLine], tz: str) -> tuple[list[str], list[int]]:
    """Problems with `rows` for this meeting (empty when fine), and each row's
    offset in minutes from the meeting's start."""
    problems: list[str] = []
    if not rows:
        return ["议程为空 / the agenda is empty"], []
    if meeting.start_at is not None:
        local = meeting.start_at.astimezone(ZoneInfo(tz))
        origin = local.hour * 60 + local.minute
    else:
        first = rows[0].start or time(0, 0)
        origin = first.hour * 60 + first.minute
    offsets = []
    previous_end = None
    for i, row in enumerate(rows, 1):
        start = row.start.hour * 60 + row.start.minute if row.start else (previous_end or origin)
        offset = start - origin
        offsets.append(offset)
        if offset < 0:
            problems.append(f"第{i}项早于会议开始 / item {i} starts before the meeting")
        if offset + row.minutes > meeting.duration_minutes:
            problems.append(
                f"第{i}项超出会议时长{meeting.duration_minutes}分钟 / item {i} runs past "
                f"the meeting's {meeting.duration_minutes} minutes"
            )
        if previous_end is not None and start < previous_end:
            problems.append(f"第{i}项与上一项重叠 / item {i} overlaps the previous one")
        previous_end = start + row.minutes
        if row.presenter and _find_presenter(meeting, row.presenter) is None:
            problems.append(
                f"第{i}项的汇报人“{row.presenter}”不在参会名单中 / item {i}: presenter "
                f"{row.presenter} is not an attendee"
            )
    return problems, offsets


def set_agenda(
    cfg: Config,
    meeting: Meeting,
    rows: list[AgendaLine],
    *,
    now: datetime,
    actor: Actor,
    message: InboundMessage | None = None,
    command: str = "",
) -> list[AgendaItem]:
    """Replace the agenda with `rows` after checking it; MeetingError lists every problem."""
    tz = meetings.meeting_timezone(meeting, cfg)
    problems, offsets = check(meeting, rows, tz)
    if problems:
        raise MeetingError("; ".join(problems))
    with write_txn():
        AgendaItem.delete().where(AgendaItem.meeting == meeting).execute()
        items = []
        for position, (row, offset) in enumerate(zip(rows, offsets, strict=True), 1):
            presenter = _find_presenter(meeting, row.presenter) if row.presenter else None
            items.append(
                AgendaItem.create(
                    meeting=meeting,
                    position=position,
                    start_offset_minutes=offset,
                    duration_minutes=row.minutes,
                    topic=row.topic,
                    presenter=presenter,
                    presenter_text=row.presenter,
                    expected_output=row.output,
                )
            )
            if presenter is not None:
                part = meetings.participant_of(meeting, presenter)
                if part is not None and part.role == "attendee":
                    part.role = "presenter"
                    part.save()
        meetings.record(
            "meeting.agenda",
            now=now,
            actor=actor,
            obj=meeting,
            detail={"items": len(items)},
            message=message,
            command=command,
        )
    return items


# -- T − N days: the agenda, the material, and a call for topics ------------------


def agenda_key(meeting: Meeting, person: Person) -> str:
    """One agenda mail per person and meeting time: a moved meeting gets it again."""
    return f"agenda:{meeting.id}:{meeting.start_at:%Y%m%dT%H%M}:{person.id}"


def send_agenda(cfg: Config, meeting: Meeting, now: datetime) -> int:
    """The agenda and material to every participant who comes (not to those who
    declined or sent a delegate: the delegate gets it), idempotent per meeting time."""
    files = list(
        StoredFile.select().where(
            (StoredFile.meeting == meeting) & (StoredFile.purpose == "material")
        )
    )
    attachments = [Attachment(f.filename, f.content_type, f.data) for f in files]
    sent = 0
    with write_txn():
        for p in meetings.participants(meeting):
            if p.rsvp in meetings.NOT_COMING:
                continue
            row = meeting_mail.send(
                cfg,
                meeting,
                p.person,
                key=agenda_key(meeting, p.person),
                template="agenda_t3",
                now=now,
                extra={"days": cfg.policy.agenda_days_before, "materials": files},
                attachments=attachments,
            )
            sent += row is not None
    return sent


def due_window(cfg: Config, now: datetime) -> tuple[datetime, datetime]:
    """Meetings starting in this window get their agenda mail now."""
    return now, now + timedelta(days=cfg.policy.agenda_days_before)


@tick_rule("before.agenda")
def agenda_rule(now: datetime, cfg: Config) -> int:
    """At T − agenda_days_before (or as soon as possible after), once per meeting time."""
    start, end = due_window(cfg, now)
    due = Meeting.select().where(
        (Meeting.status == "scheduled") & (Meeting.start_at > start) & (Meeting.start_at <= end)
    )
    return sum(send_agenda(cfg, m, now) for m in due)
