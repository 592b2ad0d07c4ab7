"""The host's tracking table: one row per tracked item, in the guide's columns,
as rows for mail templates and the CLI, and as an .xlsx workbook."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from peewee import JOIN

from service.config import Config
from service.workflows.tracking import meeting_tz, overdue_days
from store.models import Company, Item, ItemUpdate, Meeting, Person

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ("no", "title", "owner", "company", "due", "status", "percent", "last_update", "overdue")
HEADERS = {
    "zh": ("序号", "事项", "负责人", "公司", "截止时间", "状态", "进度", "最近更新", "逾期天数"),
    "en": (
        "No.",
        "Item",
        "Owner",
        "Company",
        "Due",
        "Status",
        "Progress",
        "Last update",
        "Days overdue",
    ),
}
STATUS_LABELS = {
    "zh": {
        "open": "未开始",
        "in_progress": "进行中",
        "submitted": "待验收",
        "accepted": "已验收",
        "cancelled": "已取消",
        "overdue": "已逾期",
        "answered": "已答复",
    },
    "en": {
        "open": "open",
        "in_progress": "in progress",
        "submitted": "awaiting acceptance",
        "accepted": "accepted",
        "cancelled": "cancelled",
        "overdue": "overdue",
        "answered": "answered",
    },
}
COLUMN_WIDTHS = (6, 40, 12, 14, 18, 12, 8, 40, 10)
OVERDUE_FILL = PatternFill("solid", fgColor="FFE0E0")
LAST_UPDATE_CHARS = 60


def headers(lang: str) -> tuple[str, ...]:
    return HEADERS.get(lang, HEADERS["zh"])


def status_label(item: Item, now: datetime, cfg: Config, lang: str) -> str:
    labels = STATUS_LABELS.get(lang, STATUS_LABELS["zh"])
    if item.kind == "question" and item.status == "accepted":
        return labels["answered"]
    if overdue_days(item, now, cfg):
        return labels["overdue"]
    return labels[item.status]


CHUNK = 500  # ids per IN (...) query: well under SQLite's variable limit


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def last_updates(items: list[Item]) -> dict[int, ItemUpdate]:
    """The newest update (other than "created") of each item, in a few queries."""
    latest: dict[int, ItemUpdate] = {}
    for ids in _chunks([i.id for i in items]):
        query = (
            ItemUpdate.select()
            .where(ItemUpdate.item.in_(ids), ItemUpdate.kind != "created")
            .order_by(ItemUpdate.created_at, ItemUpdate.id)
        )
        for update in query:
            latest[update.item_id] = update
    return latest


def _preload(items: list[Item]) -> None:
    """Owners, their companies and the meetings of `items`, loaded once each."""
    people: dict[int, Person] = {}
    for ids in _chunks(sorted({i.owner_id for i in items if i.owner_id})):
        for person in (
            Person.select(Person, Company).join(Company, JOIN.LEFT_OUTER).where(Person.id.in_(ids))
        ):
            people[person.id] = person
    meetings: dict[int, Meeting] = {}
    for ids in _chunks(sorted({i.meeting_id for i in items})):
        for meeting in Meeting.select().where(Meeting.id.in_(ids)):
            meetings[meeting.id] = meeting
    for item in items:
        if item.owner_id in people:
            item.owner = people[item.owner_id]
        item.meeting = meetings[item.meeting_id]


def rows(
    items: list[Item], now: datetime, cfg: Config, lang: str = "zh", zone: str | None = None
) -> list[dict[str, Any]]:
    """One dict per item with COLUMNS keys (display strings) plus `ref` and `overdue_flag`;
    times in `zone` (the reader's) when given, else each meeting's."""
    _preload(items)
    updates = last_updates(items)
    out = []
    for no, item in enumerate(items, 1):
        tz = zone or meeting_tz(item.meeting, cfg)
        due = item.due_at.astimezone(ZoneInfo(tz)) if item.due_at else None
        days = overdue_days(item, now, cfg)
        last = ""
        update = updates.get(item.id)
        if update is not None:
            text = " ".join((update.text or update.kind).split())[:LAST_UPDATE_CHARS]
            last = f"{update.created_at.astimezone(due.tzinfo if due else cfg.tz):%m-%d} {text}"
        owner = item.owner
        out.append(
            {
                "no": no,
                "ref": item.ref,
                "meeting": item.meeting.ref,
                "title": item.title or item.text,
                "owner": owner.name if owner else item.owner_text,
                "company": owner.company.name if owner and owner.company else "",
                "due": f"{due:%Y-%m-%d %H:%M}" if due else "",
                "status": status_label(item, now, cfg, lang),
                "state": item.status,
                "percent": f"{item.percent}%",
                "last_update": last,
                "overdue": "?" if days is None else (days or ""),
                "overdue_flag": bool(days),
            }
        )
    return out


def xlsx_bytes(table: list[dict[str, Any]], lang: str = "zh") -> bytes:
    """The table as a workbook: header row bold and frozen, overdue rows shaded."""
    wb = Workbook()
    ws = wb.active
    ws.title = "跟踪表" if lang == "zh" else "Tracking"
    ws.append(list(headers(lang)))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table:
        ws.append([row[c] for c in COLUMNS])
        if row["overdue_flag"]:
            for cell in ws[ws.max_row]:
                cell.fill = OVERDUE_FILL
    for i, width in enumerate(COLUMN_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_xlsx(data: bytes) -> list[list[Any]]:
    """The workbook's first sheet as lists of values (for checks and tests)."""
    wb = load_workbook(io.BytesIO(data), read_only=True)
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


def xlsx_name(now: datetime, cfg: Config) -> str:
    return f"tracking-{now.astimezone(cfg.tz):%Y%m%d}.xlsx"
