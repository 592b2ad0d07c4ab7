"""Friday sync (calendar request on open items only; skipped when nothing is
open) and the retrospective a week after an important meeting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from service.workflows import retrospective
from store.models import Item, Retrospective
from tests.support.after_meeting import MEETING_END, confirmed, held_meeting
from tests.support.flow import Flow

NEXT_FORM = """会议筹备表
会议主题：联合营销第二次对齐会
参会公司及人员：
甲方 云启科技：王敏（主持人）、李静（记录人）、赵总
乙方 星河数据：陈总、林峰
丙方 明道传媒：周总、吴工
形式：线上 https://meet.example.cn/j/8843
时长：60分钟
候选时间：
1. 2026-12-15 14:00
系列：联合营销
"""
THURSDAY_1605 = datetime(2026, 11, 26, 8, 5, tzinfo=UTC)  # 24 h before Fri 16:00 Shanghai


@pytest.fixture
def flow(cfg):
    with Flow(cfg) as f:
        yield f


def test_sync_lists_only_open_items_with_a_calendar_request(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    decision = Item.get(Item.kind == "decision")
    decision.status = "accepted"
    decision.save()
    flow.tick(THURSDAY_1605 - timedelta(hours=1))
    assert flow.outbox(kind="sync_invite") == []
    flow.tick(THURSDAY_1605)
    invites = flow.outbox(kind="sync_invite")
    assert {m.to[0] for m in invites} == {held.d.host.email, held.tech.email, held.legal.email}
    mail = next(m for m in invites if held.d.host.email in m.to)
    assert "《数据对接标准文档》" in mail.text and "宣传物料版权归属" in mail.text
    assert "3:7" not in mail.text  # accepted: not on the sync
    [ics] = mail.calendar
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    assert event.decoded("dtend") - start == timedelta(minutes=cfg.policy.friday_sync_minutes)
    assert "METHOD:REQUEST" in ics
    flow.tick(THURSDAY_1605 + timedelta(hours=2))
    assert len(flow.outbox(kind="sync_invite")) == len(invites)  # once a week


def test_sync_skipped_with_a_note_when_nothing_is_open(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    Item.update(status="accepted").execute()
    flow.tick(THURSDAY_1605)
    assert flow.outbox(kind="sync_invite") == []
    [note] = flow.outbox(kind="sync_skipped")
    assert note.to == [held.d.host.email]


def test_retrospective_asked_stored_and_offered_as_checklist(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    days = cfg.policy.retrospective_days_after
    flow.tick(MEETING_END + timedelta(days=days) - timedelta(hours=1))
    assert flow.outbox(kind="retro_request") == []
    flow.tick(MEETING_END + timedelta(days=days, hours=1))
    asked = {m.to[0] for m in flow.outbox(kind="retro_request")}
    assert held.d.host.email in asked
    # every company that attended, by its lead: 乙方's and 丙方's decision makers
    assert {held.d.yi_boss.email, held.d.bing_boss.email} <= asked
    assert held.d.yi_pm.email not in asked  # 乙方 is represented by 陈总
    request = flow.outbox(to=held.d.host, kind="retro_request")[0]
    flow.reply_to(request, held.d.host, "做得好：议程清晰，按时结束\n需改进：材料提前两天发出\n")
    [retro] = Retrospective.select()
    assert (retro.worked, retro.improve) == ("议程清晰，按时结束", "材料提前两天发出")
    assert retrospective.checklist("联合营销") == ["材料提前两天发出"]
    assert flow.outbox(to=held.d.host, kind="retro_thanks")
    flow.send(flow.mail(held.d.host, flow.address, "会议筹备表", NEXT_FORM))  # same series
    [created] = flow.outbox(to=held.d.host, kind="prep_created")
    assert "- [ ] 材料提前两天发出" in created.text


def test_retrospective_is_shown_with_the_meeting(cfg, flow, capsys):
    from service.cli.meetings import meeting_state, print_state

    held = held_meeting(cfg)
    flow.tick(MEETING_END + timedelta(days=cfg.policy.retrospective_days_after, hours=1))
    request = flow.outbox(to=held.d.host, kind="retro_request")[0]
    flow.reply_to(request, held.d.host, "做得好：准时\n需改进：会前发材料\n")
    state = meeting_state(held.meeting, cfg)
    assert state["retrospectives"] == [
        {
            "by": "王敏",
            "worked": "准时",
            "improve": "会前发材料",
            "text": "做得好：准时\n需改进：会前发材料",
        }
    ]
    print_state(state)
    assert "需改进 improve: 会前发材料" in capsys.readouterr().out
