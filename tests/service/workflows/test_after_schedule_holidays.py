"""Every scheduled mail reaches its reader on their working day, in working hours:
the weekly table, the owners' lists, the Friday sync, the retrospective, the
finalisation notice. A sync that falls on a holiday is skipped and the next
one says so; what has lost its moment is not sent.

The rules read the items' states, not their dates, so the guide's meeting of
November is played here around 国庆 2026 (1–7 October off, Saturday 10 October
worked) and around a weekend.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from store.models import MinutesVersion
from tests.support.after_meeting import AFTER, MEETING_END, confirmed, held_meeting
from tests.support.flow import Flow

MON_OCT_5_0905 = datetime(2026, 10, 5, 1, 5, tzinfo=UTC)  # 国庆: Shanghai off, Singapore works
THU_OCT_8_0905 = datetime(2026, 10, 8, 1, 5, tzinfo=UTC)  # first working day after 国庆
THU_OCT_1_1605 = datetime(2026, 10, 1, 8, 5, tzinfo=UTC)  # notice moment of the 10-02 sync
THU_OCT_8_1605 = datetime(2026, 10, 8, 8, 5, tzinfo=UTC)  # notice moment of the 10-09 sync


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def test_weekly_table_waits_for_each_readers_working_day(cfg, flow, held):
    flow.tick(MON_OCT_5_0905)
    assert flow.outbox(kind="weekly_table") == []  # 王敏 in Shanghai: 国庆
    assert flow.outbox(to=held.tech, kind="weekly_own") == []
    # 林峰 works in Singapore, where 5 October is an ordinary Monday
    assert [m.to for m in flow.outbox(kind="weekly_own")] == [[held.d.yi_pm.email]]
    for day in (6, 7):
        flow.tick(MON_OCT_5_0905.replace(day=day))
    assert flow.outbox(kind="weekly_table") == []
    flow.tick(THU_OCT_8_0905 - timedelta(hours=2))  # 07:05: before working hours
    assert flow.outbox(kind="weekly_table") == []
    flow.tick(THU_OCT_8_0905)
    [table] = flow.outbox(kind="weekly_table")
    assert table.to == [held.d.host.email]
    assert flow.outbox(to=held.tech, kind="weekly_own")
    flow.tick(THU_OCT_8_0905 + timedelta(hours=3))
    assert len(flow.outbox(kind="weekly_table")) == 1


def test_weekly_table_of_a_past_week_is_not_sent(cfg, flow, held):
    flow.tick(datetime(2026, 10, 12, 7, 5, tzinfo=UTC))  # Mon 15:05 of the next week
    rows = flow.outbox(kind="weekly_table")
    assert len(rows) == 1 and rows[0].row.key.endswith("2026-10-12")


def test_friday_sync_on_a_holiday_is_skipped_and_the_next_one_says_so(cfg, flow, held):
    flow.tick(THU_OCT_1_1605)
    flow.tick(THU_OCT_1_1605 + timedelta(hours=20))  # Friday 10-02 12:05
    assert flow.outbox(kind="sync_invite") == []
    assert flow.outbox(kind="sync_skipped") == []
    flow.tick(THU_OCT_8_1605)
    invites = flow.outbox(kind="sync_invite")
    assert {m.to[0] for m in invites} >= {held.d.host.email, held.tech.email}
    host_invite = next(m for m in invites if held.d.host.email in m.to)
    assert "2026-10-02" in host_invite.text and "假" in host_invite.text
    english = next(m for m in invites if held.d.yi_pm.email in m.to)
    assert english is not None


def test_retrospective_waits_for_monday_when_its_day_is_a_saturday(tmp_path):
    from tests.conftest import make_config

    cfg = make_config(tmp_path, policy={"retrospective_days_after": 4})  # Sat 11-28
    with Flow(cfg, start=AFTER) as flow:
        held = held_meeting(cfg)
        confirmed(flow, held)
        flow.tick(MEETING_END + timedelta(days=4, hours=1))  # Sat 16:30
        flow.tick(MEETING_END + timedelta(days=5, hours=1))  # Sun
        assert flow.outbox(kind="retro_request") == []
        flow.tick(datetime(2026, 11, 30, 1, 5, tzinfo=UTC))  # Mon 09:05
        asked = {m.to[0] for m in flow.outbox(kind="retro_request")}
        assert held.d.host.email in asked


def test_final_notice_in_working_hours_and_no_ack_reminder_after_final(cfg, flow, held):
    [version] = MinutesVersion.select().where(MinutesVersion.status == "sent")
    assert version.window_ends_at is not None
    night = datetime(2026, 11, 24, 22, 5, tzinfo=UTC)  # 06:05 Wednesday in Shanghai
    flow.tick(night)
    assert MinutesVersion.get_by_id(version.id).status == "final"
    assert flow.outbox(kind="minutes_final") == []
    since = flow.last_outbox_id()
    flow.tick(datetime(2026, 11, 25, 1, 5, tzinfo=UTC))  # 09:05
    finals = flow.outbox(kind="minutes_final")
    assert {m.to[0] for m in finals} >= {held.d.host.email, held.tech.email}
    assert flow.outbox(kind="minutes_ack_reminder", since=since) == []
