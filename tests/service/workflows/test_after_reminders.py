"""Reminders on working days only, in the guide's words, escalation to the
manager and host, at most one per task per day, none once accepted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from store.models import Item, ItemUpdate
from tests.support.after_meeting import confirmed, held_meeting
from tests.support.flow import Flow


# Shanghai 09:05 on each day (01:05 UTC); the task is due Wed 2026-11-25 15:30
def _morning(day: int) -> datetime:
    return datetime(2026, 11, day, 1, 5, tzinfo=UTC)


@pytest.fixture
def flow(cfg):
    with Flow(cfg) as f:
        yield f


def _task():
    return Item.get(Item.kind == "task")


def _to_owner(flow, held, kind):
    return [m for m in flow.outbox(to=held.tech, kind=kind) if m.row.item_id == _task().id]


def test_before_due_overdue_and_escalation(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    flow.tick(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))  # Tue 18:30: after working hours
    assert _to_owner(flow, held, "item_before") == []
    flow.tick(_morning(25))  # Wed: due today
    assert len(_to_owner(flow, held, "item_due")) == 1
    flow.tick(_morning(26))  # Thu: 1 working day overdue
    flow.tick(_morning(27))  # Fri: 2
    flow.tick(datetime(2026, 11, 27, 6, 0, tzinfo=UTC))  # Fri again: no second reminder
    overdue = _to_owner(flow, held, "item_overdue")
    assert len(overdue) == 2
    assert "《数据对接标准文档》已逾期2天，请说明原因及预计完成时间" in overdue[-1].text
    assert "已逾期2天" in overdue[-1].subject
    flow.tick(_morning(28))  # Saturday, Sunday: nothing
    flow.tick(_morning(29))
    assert len(_to_owner(flow, held, "item_overdue")) == 2
    assert flow.outbox(kind="item_escalation") == []
    flow.tick(_morning(30))  # Mon: 3 working days → escalation
    escalations = [m for m in flow.outbox(kind="item_escalation") if m.row.item_id == _task().id]
    assert {m.to[0] for m in escalations} == {held.d.jia_boss.email, held.d.host.email}
    assert "张伟" in escalations[0].text
    flow.tick(datetime(2026, 12, 1, 1, 5, tzinfo=UTC))
    again = [m for m in flow.outbox(kind="item_escalation") if m.row.item_id == _task().id]
    assert len(again) == 2  # once per due date


def test_overdue_answer_is_read_back_into_the_task(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    flow.tick(_morning(27))
    [overdue] = _to_owner(flow, held, "item_overdue")
    flow.reply_to(overdue, held.tech, "原因：乙方接口字段还在调整。")
    reason = ItemUpdate.get(ItemUpdate.kind == "reason")
    assert reason.item_id == _task().id and "接口字段还在调整" in reason.text
    [ask] = flow.outbox(to=held.tech, kind="item_ask_back")
    assert "请告知预计完成时间" in ask.subject
    flow.reply_to(overdue, held.tech, "原因：乙方接口变更，预计12月2日完成")
    task = _task()
    assert task.proposed_due_at == datetime.fromisoformat("2026-12-02T18:00:00+08:00")
    assert "接口变更" in task.proposed_reason


def test_no_reminders_once_accepted(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    with_state = _task()
    with_state.status = "accepted"
    with_state.save()
    flow.tick(_morning(25))
    flow.tick(_morning(27))
    assert _to_owner(flow, held, "item_due") == [] and _to_owner(flow, held, "item_overdue") == []


def test_reminders_follow_the_owners_company_calendar(cfg, flow):
    """Christmas is a working day for 甲方 (CN) but a holiday for 乙方 (SG)."""
    held = held_meeting(cfg)
    confirmed(flow, held)
    due = datetime(2026, 12, 24, 10, 0, tzinfo=UTC)  # 18:00 in Shanghai and Singapore
    Item.update(due_at=due).where(Item.kind.in_(("task", "decision"))).execute()
    decision = Item.get(Item.kind == "decision")
    assert decision.owner_id == held.d.yi_pm.id
    flow.tick(datetime(2026, 12, 25, 1, 5, tzinfo=UTC))  # Fri 09:05
    assert len(_to_owner(flow, held, "item_overdue")) == 1
    assert flow.outbox(to=held.d.yi_pm, kind="item_overdue") == []
    flow.tick(datetime(2026, 12, 28, 1, 5, tzinfo=UTC))  # Mon
    [late] = flow.outbox(to=held.d.yi_pm, kind="item_overdue")
    assert "已逾期1天" in late.text  # Christmas did not count for 乙方
