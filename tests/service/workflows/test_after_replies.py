"""Replies that cannot act: asked back, questions passed on, English mail,
and a party named as owner."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store.models import AuditLog, Item, MinutesVersion, Person
from tests.support.after_meeting import AFTER, confirmed, held_meeting
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def _reminder(flow, held):
    flow.tick(AFTER + timedelta(minutes=5))
    task = Item.get(Item.kind == "task")
    return [m for m in flow.outbox(to=held.tech) if m.row.item_id == task.id][-1]


def test_unclear_task_reply_is_asked_back_with_the_short_answers(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    flow.reply_to(_reminder(flow, held), held.tech, "嗯")
    [ask] = flow.outbox(to=held.tech, kind="item_ask_back")
    assert "已完成60%" in ask.text and "需延期至" in ask.text
    assert Item.get(Item.kind == "task").status == "open"
    assert AuditLog.select().where(AuditLog.action == "item.ask_back").count() == 1


def test_question_goes_to_host_and_requesting_side_and_asker_is_told(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    flow.reply_to(_reminder(flow, held), held.tech, "这个文档需要包含哪些接口？")
    forwarded = {m.to[0] for m in flow.outbox(kind="question_forwarded")}
    assert forwarded == {held.d.host.email, held.d.yi_pm.email}
    [noted] = flow.outbox(to=held.tech, kind="question_noted")
    assert "王敏" in noted.text and "林峰" in noted.text


def test_english_attendees_get_english_mail(cfg, flow):
    held = held_meeting(cfg)
    Person.update(language="en").where(Person.id.in_([held.tech.id, held.d.yi_pm.id])).execute()
    formal = confirmed(flow, held)
    mail = next(m for m in formal if held.tech.email in m.to)
    assert mail.subject.startswith(f"[{held.meeting.ref}] Minutes")
    assert "Basic information" in mail.text and "received, no objection" in mail.text
    reminder = _reminder(flow, held)
    assert "Due soon" in reminder.subject
    flow.reply_to(
        reminder,
        Person.get_by_id(held.tech.id),
        "done",
        attachments=[("spec.pdf", "application/pdf", b"%PDF spec")],
    )
    [request] = flow.outbox(kind="acceptance_request")
    assert request.subject.startswith("[T-") and "Please accept" in request.subject


def test_party_named_as_owner_is_its_execution_lead(cfg, flow):
    held = held_meeting(cfg)
    flow.send(
        flow.mail(held.d.recorder, flow.address, "会议纪要", "任务：乙方*在3天内提供投放渠道清单\n")
    )
    [entry] = MinutesVersion.get().items
    assert entry["owner_id"] == held.d.yi_pm.id and entry["problem"] == ""


def test_host_writing_on_an_escalation_reaches_the_owner(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    for day in (25, 26, 27, 30):
        flow.tick(AFTER.replace(day=day, hour=1, minute=5))
    escalation = flow.outbox(to=held.d.host, kind="item_escalation")[0]
    flow.reply_to(escalation, held.d.host, "张伟，请今天下班前给出新的完成时间。")
    [note] = flow.outbox(to=held.tech, kind="question_forwarded")
    assert "请今天下班前给出新的完成时间" in note.text
    assert flow.outbox(to=held.d.host, kind="question_noted")
    assert AuditLog.select().where(AuditLog.action.contains("not_entitled")).count() == 0
