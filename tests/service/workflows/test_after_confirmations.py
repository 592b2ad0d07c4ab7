"""Formal minutes: acknowledgements, one reminder, objection → v2, final."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from store.models import AuditLog, Item, MinutesAck, MinutesVersion
from tests.support.after_meeting import AFTER, confirmed, formal_to, held_meeting
from tests.support.flow import Flow

NEXT_MORNING = datetime(2026, 11, 25, 1, 5, tzinfo=UTC)  # Wed 09:05 in Shanghai
LATE_EVENING = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # Tue 23:00 in Shanghai


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def test_acks_reminder_and_final(cfg, flow):
    held = held_meeting(cfg)
    formal = confirmed(flow, held)
    d = held.d
    flow.reply_to(formal_to(formal, d.yi_boss), d.yi_boss, "收到，无异议。")
    flow.reply_to(formal_to(formal, d.bing_boss), d.bing_boss, "收到")
    acks = {a.person_id: a.kind for a in MinutesAck.select()}
    assert acks == {d.yi_boss.id: "ack", d.bing_boss.id: "ack"}
    # sent Tue 16:00: the reminder is due at midnight, so it waits for Wed 09:00
    flow.tick(AFTER + timedelta(hours=cfg.policy.ack_reminder_hours, minutes=1))
    assert flow.outbox(kind="minutes_ack_reminder") == []
    flow.tick(NEXT_MORNING)
    reminded = {m.to[0] for m in flow.outbox(kind="minutes_ack_reminder")}
    assert d.yi_pm.email in reminded and held.tech.email in reminded
    assert d.yi_boss.email not in reminded and d.recorder.email not in reminded
    flow.tick(NEXT_MORNING + timedelta(minutes=30))
    assert len(flow.outbox(kind="minutes_ack_reminder")) == len(reminded)  # once
    flow.tick(AFTER + timedelta(hours=cfg.policy.objection_window_hours, minutes=1))
    version = MinutesVersion.get()
    assert version.status == "final" and version.finalized_at is not None
    finals = flow.outbox(kind="minutes_final")
    assert {m.to[0] for m in finals} >= {d.yi_boss.email, held.tech.email, d.host.email}
    assert AuditLog.select().where(AuditLog.action == "minutes.final").count() == 1


def test_objection_goes_to_host_and_recorder_then_v2_asks_again(cfg, flow):
    held = held_meeting(cfg)
    formal = confirmed(flow, held)
    d = held.d
    flow.reply_to(formal_to(formal, d.yi_boss), d.yi_boss, "收到，第1条比例应为4:6，请修改。")
    assert MinutesAck.get().kind == "objection"
    notices = flow.outbox(kind="minutes_objection")
    assert {m.to[0] for m in notices} == {d.host.email, d.recorder.email}
    assert "4:6" in notices[0].text
    flow.tick(AFTER + timedelta(hours=cfg.policy.objection_window_hours, minutes=1))
    assert MinutesVersion.get().status == "sent"  # an open objection keeps it open
    corrected = (
        "决议：联合推广预算按4:6分摊（甲方40%，乙方60%），由财务经理*在2个工作日内签订补充协议；"
        "任务：技术负责人*需在会后整理《数据对接标准文档》，24小时内同步给乙方技术团队；"
        "疑问：丙方提出的'宣传物料版权归属'问题，需法务专员*在3个工作日内提供法律意见"
    )
    recorder_notice = next(m for m in notices if d.recorder.email in m.to)
    flow.reply_to(recorder_notice, d.recorder, corrected)
    v2 = MinutesVersion.get(MinutesVersion.version == 2)
    assert v2.status == "draft"  # back to the recorder first
    flow.reply_to(flow.outbox(to=d.recorder, kind="minutes_draft")[-1], d.recorder, "确认")
    v2 = MinutesVersion.get(MinutesVersion.version == 2)
    assert v2.status == "sent" and "4:6" in v2.changes
    assert MinutesVersion.get(MinutesVersion.version == 1).status == "superseded"
    v2_mails = [m for m in flow.outbox(kind="minutes_formal") if "第2版" in m.subject]
    assert any(d.yi_boss.email in m.to for m in v2_mails)
    assert "4:6" in formal_to(v2_mails, d.yi_boss).text
    # the decision changed in place: same item and reference, new text
    [decision] = Item.select().where(Item.kind == "decision")
    assert "4:6" in decision.text and decision.status == "open"
    assert decision.ref in formal_to(v2_mails, d.yi_boss).text
    # the task did not change: same item, same reference
    assert Item.select().where(Item.kind == "task").count() == 1


def test_reply_from_non_attendee_changes_nothing(cfg, flow):
    held = held_meeting(cfg)
    formal = confirmed(flow, held)
    flow.reply_to(formal_to(formal, held.d.yi_boss), held.d.outsider, "收到，无异议")
    assert MinutesAck.select().count() == 0
    assert AuditLog.select().where(AuditLog.action.contains("not_entitled")).count() == 1


def test_formal_minutes_html_has_the_task_table(cfg, flow):
    held = held_meeting(cfg)
    formal = confirmed(flow, held)
    mail = formal_to(formal, held.d.yi_boss)
    assert "<table" in mail.html and "《数据对接标准文档》" in mail.html
    assert "<th>负责人</th>" in mail.html and "张伟" in mail.html


def test_ack_reminder_waits_for_the_recipients_working_hours(tmp_path):
    from tests.conftest import make_config

    # sent Tue 16:00, reminder due 22:00: a tick at 23:00 sends nothing, the
    # next morning's tick sends it once, though the objection window has closed
    cfg = make_config(tmp_path, policy={"ack_reminder_hours": 6})
    with Flow(cfg, start=AFTER) as flow:
        held = held_meeting(cfg)
        confirmed(flow, held)
        flow.tick(LATE_EVENING)
        assert flow.outbox(kind="minutes_ack_reminder") == []
        assert MinutesVersion.get().status == "sent"
        flow.tick(NEXT_MORNING)
        assert MinutesVersion.get().status == "final"
        to_tech = flow.outbox(to=held.tech, kind="minutes_ack_reminder")
        assert len(to_tech) == 1
        assert "异议期已于" in to_tech[0].text
        flow.tick(NEXT_MORNING + timedelta(hours=1))
        assert len(flow.outbox(to=held.tech, kind="minutes_ack_reminder")) == 1
        flow.reply_to(to_tech[0], held.tech, "收到")
        assert MinutesAck.get(MinutesAck.person == held.tech).kind == "ack"
