"""Replies to mails listing several tasks (the weekly own list, the Friday
sync): a task named by reference, number or title is updated through the
per-task path; the only open task takes an unnamed reply; otherwise the owner
is asked back once, and someone who owns none is told who can act."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from store.db import write_txn
from store.models import AuditLog, Item, ItemUpdate, StoredFile
from store.queries import next_ref
from tests.support.flow import Flow

MONDAY_0905 = datetime(2026, 11, 30, 1, 5, tzinfo=UTC)  # weekly lists go out
THURSDAY_1605 = datetime(2026, 11, 26, 8, 5, tzinfo=UTC)  # 24 h before Fri 16:00 sync
DOC = b"%PDF-1.4 test environment handbook\n" * 20


@pytest.fixture
def flow(cfg):
    with Flow(cfg) as f:
        yield f


def _doc_task():
    return Item.get(Item.title == "《数据对接标准文档》")


def _second_task(flow, held) -> Item:
    """张伟 gets a second task, due later: second in his weekly list."""
    with write_txn():
        return Item.create(
            ref=next_ref("item"),
            meeting=held.meeting,
            kind="task",
            text="技术负责人提供接口测试环境",
            title="接口测试环境",
            owner=held.tech,
            requester=held.d.yi_pm,
            due_at=datetime(2026, 12, 10, 10, 0, tzinfo=UTC),
            status="open",
            created_at=flow.now,
            updated_at=flow.now,
        )


def _weekly_own(flow, held):
    flow.tick(MONDAY_0905)
    [own] = flow.outbox(to=held.tech, kind="weekly_own")
    return own


def _reload(item: Item) -> Item:
    return Item.get_by_id(item.id)


def test_weekly_list_numbers_and_refs_update_the_named_tasks(flow, held):
    second = _second_task(flow, held)
    own = _weekly_own(flow, held)
    doc = _doc_task()
    assert f"1. {doc.ref}" in own.text and f"2. {second.ref}" in own.text
    assert "meet+tasklist-" in own.reply_to
    # the quoted list below the reply (Gmail style) names every task: not read
    flow.reply_to(own, held.tech, "2 已完成60%", quote="gmail_en")
    assert (_reload(second).status, _reload(second).percent) == ("in_progress", 60)
    assert _reload(doc).percent == 0
    flow.reply_to(own, held.tech, f"#1 进度80%\n{second.ref} 已完成70%")
    assert _reload(doc).percent == 80 and _reload(second).percent == 70
    kinds = [u.kind for u in ItemUpdate.select().where(ItemUpdate.item == second)]
    assert kinds == ["progress", "progress"]
    replies = flow.audits("tasklist.reply")
    assert [t["how"] for t in replies[-1].detail["tasks"]] == ["number", "ref"]


def test_deliverable_for_a_numbered_task_is_submitted(flow, held):
    second = _second_task(flow, held)
    own = _weekly_own(flow, held)
    flow.reply_to(
        own,
        held.tech,
        "2 已完成，见附件。",
        attachments=[("测试环境手册.pdf", "application/pdf", DOC)],
    )
    assert _reload(second).status == "submitted" and _reload(_doc_task()).status == "open"
    [stored] = StoredFile.select().where(StoredFile.item == second)
    assert stored.data == DOC
    [request] = flow.outbox(kind="acceptance_request")
    assert request.row.item_id == second.id


def test_delay_named_by_title_goes_the_per_task_way(flow, held):
    second = _second_task(flow, held)
    own = _weekly_own(flow, held)
    flow.reply_to(own, held.tech, "接口测试环境需延期至12月18日\n原因：机房搬迁")
    second = _reload(second)
    assert second.proposed_due_at == datetime.fromisoformat("2026-12-18T18:00:00+08:00")
    assert "机房搬迁" in second.proposed_reason
    assert flow.outbox(kind="item_delay_request")
    assert _reload(_doc_task()).proposed_due_at is None


def test_unnamed_reply_with_two_open_tasks_is_asked_back_once(flow, held):
    second = _second_task(flow, held)
    own = _weekly_own(flow, held)
    doc = _doc_task()
    flow.reply_to(own, held.tech, "已完成60%")
    assert _reload(doc).percent == 0 and _reload(second).percent == 0  # nothing guessed
    [ask] = flow.outbox(to=held.tech, kind="tasklist_ask_back")
    assert f"1. {doc.ref}" in ask.text and f"2. {second.ref}" in ask.text
    assert "已完成60%" in ask.text  # the short answers accepted
    flow.reply_to(own, held.tech, "进度还可以")
    assert len(flow.outbox(to=held.tech, kind="tasklist_ask_back")) == 1  # once
    assert flow.audits("tasklist.unclear")
    flow.reply_to(ask, held.tech, "2 已完成60%")
    assert _reload(second).percent == 60 and _reload(doc).percent == 0


def test_sync_reply_from_the_owner_of_one_task_applies_to_it(flow, held):
    flow.tick(THURSDAY_1605)
    invite = next(m for m in flow.outbox(kind="sync_invite") if held.tech.email in m.to)
    doc = _doc_task()
    assert f"{doc.ref}" in invite.text and "1. " in invite.text
    flow.reply_to(invite, held.tech, "已完成80%")
    assert _reload(doc).percent == 80
    [reply] = flow.audits("tasklist.reply")
    assert reply.detail["tasks"] == [{"ref": doc.ref, "how": "only"}]
    assert flow.outbox(to=held.tech, kind="item_update_ack")


def test_sync_reply_about_someone_elses_task_changes_nothing(flow, held):
    flow.tick(THURSDAY_1605)
    invites = flow.outbox(kind="sync_invite")
    doc = _doc_task()
    to_legal = next(m for m in invites if held.legal.email in m.to)
    flow.reply_to(to_legal, held.legal, f"{doc.ref} 已完成80%")
    assert _reload(doc).percent == 0
    [refused] = flow.audits("mail.not_entitled")
    assert refused.actor_id == held.legal.id
    to_host = next(m for m in invites if held.d.host.email in m.to)
    noted = flow.reply_to(to_host, held.d.host, "收到，周五见")  # owns nothing listed
    assert _reload(doc).percent == 0
    assert len(flow.audits("mail.not_entitled")) == 1
    assert flow.inbox(noted.id).intent == "tasklist_noted"
    assert not flow.outbox(kind="tasklist_ask_back")
    assert AuditLog.select().where(AuditLog.action == "tasklist.reply").count() == 1
