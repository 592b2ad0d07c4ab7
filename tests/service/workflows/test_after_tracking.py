"""Task tracking by mail: progress, done with a deliverable, acceptance by the
requesting side only, rejection, delays approved by the host, questions."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from store.models import AuditLog, Item, ItemUpdate, StoredFile
from tests.support.after_meeting import AFTER, confirmed, held_meeting
from tests.support.flow import Flow

DOC = b"%PDF-1.4 data interface standard\n" * 50


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def _task():
    return Item.get(Item.kind == "task")


def _mail_about(flow, item, person):
    """The newest mail to `person` about `item` (replies route back to the item)."""
    return [m for m in flow.outbox(to=person) if m.row.item_id == item.id][-1]


def _before_reminder(flow, held):
    flow.tick(AFTER + timedelta(minutes=5))
    return _mail_about(flow, _task(), held.tech)


def test_progress_then_done_then_accepted(cfg, flow, held):
    reminder = _before_reminder(flow, held)
    flow.reply_to(reminder, held.tech, "已完成60%")
    task = _task()
    assert (task.status, task.percent) == ("in_progress", 60)
    assert flow.outbox(to=held.tech, kind="item_update_ack")
    flow.reply_to(
        reminder,
        held.tech,
        "已完成，见附件。",
        attachments=[("../数据对接标准文档.pdf", "application/pdf", DOC)],
    )
    task = _task()
    assert task.status == "submitted"
    [stored] = StoredFile.select().where(StoredFile.item == task)
    assert stored.filename == "数据对接标准文档.pdf"
    assert stored.sha256 == hashlib.sha256(DOC).hexdigest() and stored.size == len(DOC)
    [request] = flow.outbox(kind="acceptance_request")
    assert request.to == [held.d.yi_pm.email]  # 乙方 asked for it
    assert request.attachments[0][2] == DOC
    # 刘洋 is 甲方, the owner's own company: not entitled to accept
    flow.reply_to(request, held.legal, "验收通过", to=request.reply_to)
    assert _task().status == "submitted"
    assert AuditLog.select().where(AuditLog.action.contains("not_entitled")).count() == 1
    flow.reply_to(request, held.d.yi_pm, "验收通过")
    task = _task()
    assert task.status == "accepted" and task.accepted_at is not None
    told = {m.to[0] for m in flow.outbox(kind="acceptance_passed")}
    assert told == {held.tech.email, held.d.host.email}
    kinds = [u.kind for u in ItemUpdate.select().where(ItemUpdate.item == task)]
    assert kinds == ["created", "progress", "done", "accept"]


def test_rejection_reopens_with_the_reason(cfg, flow, held):
    reminder = _before_reminder(flow, held)
    flow.reply_to(reminder, held.tech, "已完成", attachments=[("doc.pdf", "application/pdf", DOC)])
    [request] = flow.outbox(kind="acceptance_request")
    flow.reply_to(request, held.d.yi_pm, "不通过，缺少接口字段说明")
    assert _task().status == "in_progress"
    [rejected] = flow.outbox(to=held.tech, kind="acceptance_rejected")
    assert "缺少接口字段说明" in rejected.text


def test_unclear_acceptance_is_asked_back_with_short_answers(cfg, flow, held):
    reminder = _before_reminder(flow, held)
    flow.reply_to(reminder, held.tech, "已完成", attachments=[("doc.pdf", "application/pdf", DOC)])
    [request] = flow.outbox(kind="acceptance_request")
    flow.reply_to(request, held.d.yi_pm, "嗯")
    [ask] = flow.outbox(to=held.d.yi_pm, kind="item_ask_back")
    assert "验收通过" in ask.text and "不通过" in ask.text
    assert _task().status == "submitted"


def test_oversized_deliverable_is_refused_and_nothing_changes(tmp_path):
    from tests.conftest import make_config

    cfg = make_config(tmp_path, policy={"max_deliverable_bytes": 100})
    with Flow(cfg, start=AFTER) as flow:
        held = held_meeting(cfg)
        confirmed(flow, held)
        reminder = _before_reminder(flow, held)
        flow.reply_to(
            reminder, held.tech, "已完成", attachments=[("big.pdf", "application/pdf", DOC)]
        )
        assert _task().status == "open"
        assert StoredFile.select().where(StoredFile.item == _task()).count() == 0
        assert flow.outbox(to=held.tech, kind="deliverable_refused")


def test_delay_goes_to_requesting_side_and_host_who_approve(cfg, flow, held):
    reminder = _before_reminder(flow, held)
    flow.reply_to(reminder, held.tech, "接口还没定，需延期至12月2日")
    task = _task()
    new_due = datetime.fromisoformat("2026-12-02T18:00:00+08:00")
    assert task.proposed_due_at == new_due and task.due_at != new_due
    requests = flow.outbox(kind="item_delay_request")
    assert {m.to[0] for m in requests} == {held.d.yi_pm.email, held.d.host.email}
    host_request = next(m for m in requests if held.d.host.email in m.to)
    flow.reply_to(host_request, held.d.host, "同意")
    task = _task()
    assert task.due_at == new_due and task.proposed_due_at is None
    assert flow.outbox(to=held.tech, kind="item_delay_decision")


def test_delay_auto_approved_by_policy(tmp_path):
    from tests.conftest import make_config

    cfg = make_config(tmp_path, policy={"delay_auto_approve": True})
    with Flow(cfg, start=AFTER) as flow:
        held = held_meeting(cfg)
        confirmed(flow, held)
        reminder = _before_reminder(flow, held)
        flow.reply_to(reminder, held.tech, "需延期至12月2日，原因：接口变更")
        assert _task().due_at == datetime.fromisoformat("2026-12-02T18:00:00+08:00")
        assert flow.outbox(kind="item_delay_approved")


def test_update_from_a_stranger_changes_nothing(cfg, flow, held):
    reminder = _before_reminder(flow, held)
    flow.reply_to(reminder, held.d.bing_pm, "已完成60%", to=reminder.reply_to)
    assert _task().percent == 0
    assert AuditLog.select().where(AuditLog.action.contains("not_entitled")).count() == 1


def test_question_answer_goes_to_whoever_raised_it(cfg, flow, held):
    question = Item.get(Item.kind == "question")
    formal = flow.outbox(to=held.legal, kind="minutes_formal")[0]
    flow.tick(AFTER + timedelta(days=1, hours=17, minutes=5))  # Thu 09:05: due tomorrow
    reminder = _mail_about(flow, question, held.legal)
    assert "问题即将到期" in reminder.subject and "请直接回复您的答复" in reminder.text
    assert formal is not None
    flow.reply_to(reminder, held.legal, "法律意见：版权归甲方所有，宣传物料需署名三方。")
    question = Item.get_by_id(question.id)
    assert question.status == "accepted" and "版权归甲方" in question.answer
    answered = flow.outbox(kind="question_answered")
    assert held.d.bing_boss.email in {m.to[0] for m in answered}
