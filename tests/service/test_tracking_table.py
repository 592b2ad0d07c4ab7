"""The weekly tracking table: HTML in the host's mail and an .xlsx that
openpyxl reads back with the guide's columns; owners get their own list."""

from __future__ import annotations

from datetime import UTC, datetime

from service import tracking_table
from tests.support.after_meeting import confirmed, held_meeting
from tests.support.flow import Flow

MONDAY_0905 = datetime(2026, 11, 30, 1, 5, tzinfo=UTC)  # the policy's mon 09:00, Shanghai


def test_weekly_table_and_own_lists(cfg):
    with Flow(cfg) as flow:
        held = held_meeting(cfg)
        confirmed(flow, held)
        flow.tick(datetime(2026, 11, 29, 1, 5, tzinfo=UTC))  # Sunday: not yet
        assert flow.outbox(kind="weekly_table") == []
        flow.tick(MONDAY_0905)
        flow.tick(MONDAY_0905.replace(hour=3))  # same week: once
        [table] = flow.outbox(kind="weekly_table")
        assert table.to == [held.d.host.email]
        assert "<table" in table.html and "《数据对接标准文档》" in table.html
        [(name, ctype, data)] = table.attachments
        assert name.endswith(".xlsx") and ctype == tracking_table.XLSX_TYPE
        sheet = tracking_table.read_xlsx(data)
        assert tuple(sheet[0]) == tracking_table.HEADERS["zh"]
        by_title = {row[1]: row for row in sheet[1:]}
        doc = by_title["《数据对接标准文档》"]
        assert doc[2] == "张伟" and doc[3] == "云启科技"
        assert doc[4] == "2026-11-25 15:30" and doc[5] == "已逾期"
        assert doc[8] == 3  # Wed due → Thu, Fri, Mon
        assert len(sheet) == 4  # header + the three tracked items
        [own] = flow.outbox(to=held.tech, kind="weekly_own")
        assert "《数据对接标准文档》" in own.text and "已逾期3天" in own.text


def test_xlsx_round_trip_in_english(cfg):
    rows = [
        {
            "no": 1,
            "title": "Spec",
            "owner": "Ann",
            "company": "A",
            "due": "2026-11-25 18:00",
            "status": "open",
            "percent": "0%",
            "last_update": "",
            "overdue": "",
            "overdue_flag": False,
        }
    ]
    sheet = tracking_table.read_xlsx(tracking_table.xlsx_bytes(rows, "en"))
    assert sheet[0][0] == "No." and sheet[1][:3] == [1, "Spec", "Ann"]
