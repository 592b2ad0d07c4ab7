"""Replies land where their content says, not only where the thread points:
who the sender is for the item named and what the text says decide."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store.models import Item, MinutesAck
from tests.support.after_meeting import AFTER, confirmed, formal_to, held_meeting
from tests.support.flow import Flow

DOC = b"%PDF-1.4 interface spec\n" * 20
OUTLOOK_SIGNATURE = "\n\n赵建国\n市场副总裁 | 云启科技\n手机：138 0000 0000\n"
FOXMAIL_SIGNATURE = "\n\n--------------\n张伟 技术负责人\n云启科技 研发中心\n"


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def _task() -> Item:
    return Item.get(Item.kind == "task")


def _submitted_to_manager(flow, held):
    """The owner's manager asked for the task; the owner delivers it."""
    task = _task()
    task.requester = held.d.jia_boss  # 赵总: requester AND 张伟's manager
    task.save()
    flow.tick(AFTER + timedelta(minutes=5))
    reminder = [m for m in flow.outbox(to=held.tech) if m.row.item_id == task.id][-1]
    flow.reply_to(
        reminder,
        held.tech,
        "已完成，文档见附件。" + FOXMAIL_SIGNATURE,
        attachments=[("数据对接标准文档.pdf", "application/pdf", DOC)],
    )
    assert _task().status == "submitted"
    [request] = flow.outbox(kind="acceptance_request")
    assert request.to == [held.d.jia_boss.email]
    return request


def test_requester_who_is_the_owners_manager_accepts(cfg, flow, held):
    request = _submitted_to_manager(flow, held)
    flow.reply_to(request, held.d.jia_boss, "验收通过，辛苦！" + OUTLOOK_SIGNATURE)
    task = _task()
    assert task.status == "accepted" and task.accepted_at is not None
    assert flow.outbox(to=held.d.jia_boss, kind="item_ask_back") == []
    assert {m.to[0] for m in flow.outbox(kind="acceptance_passed")} >= {held.tech.email}


def test_requester_who_is_the_owners_manager_rejects_in_gmail_english(cfg, flow, held):
    request = _submitted_to_manager(flow, held)
    flow.reply_to(
        request,
        held.d.jia_boss,
        "Not accepted - the field descriptions are missing.\n\nBest,\nJianguo",
        quote="gmail_en",
    )
    assert _task().status == "in_progress"
    [rejected] = flow.outbox(to=held.tech, kind="acceptance_rejected")
    assert "field descriptions" in rejected.text


def test_the_manager_still_updates_progress_for_the_owner(cfg, flow, held):
    request = _submitted_to_manager(flow, held)
    assert request is not None
    task = _task()
    task.status = "in_progress"
    task.save()
    mail = [m for m in flow.outbox(to=held.d.jia_boss) if m.row.item_id == task.id][-1]
    flow.reply_to(mail, held.d.jia_boss, "张伟这边已完成80%，下周初交。" + OUTLOOK_SIGNATURE)
    assert _task().percent == 80


def test_an_update_in_reply_to_the_minutes_goes_to_the_task(cfg, flow, held):
    formal = confirmed(flow, held)
    task = _task()
    flow.reply_to(
        formal_to(formal, held.tech),
        held.tech,
        "《数据对接标准文档》目前完成了60%。" + FOXMAIL_SIGNATURE,
    )
    assert (_task().status, _task().percent) == ("in_progress", 60)
    assert flow.outbox(to=held.tech, kind="minutes_ask_back") == []
    assert flow.outbox(to=held.tech, kind="item_update_ack")
    assert MinutesAck.select().count() == 0  # not read as a receipt
    assert task.ref


def test_a_task_reference_in_reply_to_the_minutes_in_english(cfg, flow, held):
    formal = confirmed(flow, held)
    task = _task()
    flow.reply_to(
        formal_to(formal, held.tech),
        held.tech,
        f"Hi all,\n\n{task.ref}: about 40% done so far.\n\nThanks\nZhang Wei",
        quote="gmail_en",
    )
    assert _task().percent == 40
    assert flow.outbox(to=held.tech, kind="minutes_ask_back") == []


def test_an_objection_naming_a_task_stays_with_the_minutes(cfg, flow, held):
    formal = confirmed(flow, held)
    flow.reply_to(
        formal_to(formal, held.d.yi_pm),
        held.d.yi_pm,
        "有异议：《数据对接标准文档》的截止时间应为12月1日，请修改。",
    )
    [ack] = MinutesAck.select()
    assert ack.kind == "objection"
    assert _task().percent == 0


def test_a_correction_to_the_draft_never_shows_an_internal_label(cfg, flow):
    from tests.support.after_meeting import MINUTES_BODY
    from tests.support.flow import internal_labels

    held = held_meeting(cfg)
    flow.send(flow.mail(held.d.recorder, flow.address, "会议纪要", MINUTES_BODY))
    [draft] = flow.outbox(to=held.d.recorder, kind="minutes_draft")
    since = flow.last_outbox_id()
    flow.reply_to(draft, held.d.recorder, "第2条负责人是刘洋\n\n李静\n助理 | 云启科技")
    answers = flow.outbox(to=held.d.recorder, since=since)
    assert answers  # the recorder hears back
    assert all(internal_labels(m.subject, m.text) == [] for m in answers)


def test_the_label_check_sees_what_readers_used_to_get():
    from tests.support.flow import internal_labels

    old = "李静，您好：\n\n我们没能从您的回复中读出明确的意思（理解为：ack）。"
    assert internal_labels("没能看懂您的回复", old) == ["ack"]
    assert internal_labels("没能看懂", old.replace("ack", "pass")) == ["：pass）"]
    assert internal_labels("Closed", "Dear Ann,\nT-0001 is closed (accepted).") == []


def _second_task(held) -> Item:
    from store.db import write_txn
    from store.queries import next_ref

    first = _task()
    with write_txn():
        return Item.create(
            ref=next_ref("item"),
            meeting=first.meeting,
            kind="task",
            text="张伟*需在会后提供接口测试环境",
            title="接口测试环境",
            owner=held.tech,
            requester=held.d.yi_pm,
            due_at=first.due_at,
            status="open",
            created_at=AFTER,
            updated_at=AFTER,
        )


def test_a_reply_to_one_task_naming_another_reaches_both(cfg, flow, held):
    other = _second_task(held)
    flow.tick(AFTER + timedelta(minutes=5))
    reminder = [m for m in flow.outbox(to=held.tech) if m.row.item_id == _task().id][-1]
    flow.reply_to(
        reminder, held.tech, f"文档已完成60%。\n{other.ref} 测试环境也已完成80%。" + FOXMAIL_SIGNATURE
    )
    assert _task().percent == 60
    assert Item.get_by_id(other.id).percent == 80


def test_a_task_of_someone_else_named_in_a_reply_changes_nothing_there(cfg, flow, held):
    decision = Item.get(Item.kind == "decision")  # 林峰's
    flow.tick(AFTER + timedelta(minutes=5))
    reminder = [m for m in flow.outbox(to=held.tech) if m.row.item_id == _task().id][-1]
    flow.reply_to(reminder, held.tech, f"已完成50%，{decision.ref} 已完成")
    assert Item.get_by_id(decision.id).status == "open"
