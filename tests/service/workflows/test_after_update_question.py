"""A question inside an owner's update becomes a tracked question to the
requesting side, and its answer goes back to the owner."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store.models import Item
from tests.support.after_meeting import AFTER
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def _task() -> Item:
    return Item.get(Item.kind == "task")


def _reminder(flow, held):
    flow.tick(AFTER + timedelta(minutes=5))
    return [m for m in flow.outbox(to=held.tech) if m.row.item_id == _task().id][-1]


def test_a_question_inside_an_update_is_tracked_and_answered(cfg, flow, held):
    flow.reply_to(
        _reminder(flow, held),
        held.tech,
        "林经理好，\n\n文档目前完成了60%。请问报告需要中英文两个版本吗？\n\n"
        "--------------\n张伟 技术负责人\n云启科技 研发中心\n",
    )
    assert _task().percent == 60
    [question] = Item.select().where(Item.kind == "question", Item.raised_by == held.tech)
    assert question.owner_id == held.d.yi_pm.id  # the requesting side answers
    assert "中英文两个版本" in question.text and question.due_at is not None
    [asked] = flow.outbox(to=held.d.yi_pm, kind="question_raised")
    assert "中英文两个版本" in asked.text and _task().ref in asked.text
    assert flow.outbox(to=held.tech, kind="question_noted")
    flow.reply_to(asked, held.d.yi_pm, "需要，中英文各一份，英文版可以晚两天给。\n\n林峰")
    question = Item.get_by_id(question.id)
    assert question.status == "accepted" and "中英文各一份" in question.answer
    [answered] = flow.outbox(to=held.tech, kind="question_answered")
    assert "中英文各一份" in answered.text


def test_a_question_inside_an_english_update_with_a_deliverable(cfg, flow, held):
    from store.models import Person

    Person.update(language="en").where(Person.id == held.d.yi_pm.id).execute()
    flow.reply_to(
        _reminder(flow, held),
        held.tech,
        "Hi Lin,\n\nDone, the spec is attached. Do you need the report in both languages?\n\n"
        "Best regards,\nZhang Wei",
        quote="gmail_en",
        attachments=[("spec.pdf", "application/pdf", b"%PDF spec")],
    )
    assert _task().status == "submitted"
    [question] = Item.select().where(Item.kind == "question", Item.raised_by == held.tech)
    assert "both languages" in question.text
    [asked] = flow.outbox(to=held.d.yi_pm, kind="question_raised")
    assert asked.subject.startswith(f"[{question.ref}]") and "awaits your answer" in asked.subject
