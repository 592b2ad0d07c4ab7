"""Minutes in, end to end over real SMTP: the recorder's mail becomes a draft,
"确认" sends the formal minutes, owners are resolved or asked back."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from store.models import Item, MinutesVersion, Outbox, Person
from tests.support.after_meeting import AFTER, MEETING_END, MINUTES_BODY, held_meeting
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def _file_minutes(flow, held, body=MINUTES_BODY, subject="会议纪要"):
    flow.at(AFTER)
    flow.send(flow.mail(held.d.recorder, flow.address, subject, body))
    return flow.outbox(to=held.d.recorder, kind="minutes_draft")


def test_guide_record_gives_the_right_owners_and_deadlines(cfg, flow):
    held = held_meeting(cfg)
    [draft] = _file_minutes(flow, held)
    assert held.meeting.ref in draft.subject
    [marked] = flow.audits("meeting.held")  # the minutes show the meeting took place
    assert marked.actor_id == held.d.recorder.id
    version = MinutesVersion.get()
    owners = {i["kind"]: (i["owner_id"], i["due"]) for i in version.items}
    assert owners == {
        "decision": (held.d.yi_pm.id, "2026-11-26T18:00:00+08:00"),  # 2 working days
        "task": (held.tech.id, "2026-11-25T15:30:00+08:00"),  # 24 hours after 15:30
        "question": (held.legal.id, "2026-11-27T18:00:00+08:00"),  # 3 working days
    }
    assert "《数据对接标准文档》" in draft.text and "确认" in draft.text
    assert "需要您确认" not in draft.text  # nothing to ask back

    flow.reply_to(draft, held.d.recorder, "确认")
    assert MinutesVersion.get().status == "sent"
    items = {i.kind: i for i in Item.select()}
    task = items["task"]
    assert task.owner_id == held.tech.id and task.title == "《数据对接标准文档》"
    assert task.requester_id == held.d.yi_pm.id  # "同步给乙方" → 乙方 accepts
    assert items["question"].raised_by.company_id == held.d.bing.id  # 丙方提出
    assert task.due_at == datetime.fromisoformat("2026-11-25T15:30:00+08:00")
    formal = flow.outbox(kind="minutes_formal")
    addresses = {a for m in formal for a in m.to}
    assert held.d.yi_boss.email in addresses and held.tech.email in addresses
    assert "mgmt@yunqi.example.cn" in {a for m in formal for a in m.row.recipients}  # as Cc
    mail = next(m for m in formal if held.d.yi_boss.email in m.to)
    for heading in ("基本信息", "议程回顾", "决议", "任务", "待解决问题", "附件"):
        assert heading in mail.text
    assert task.ref in mail.text and "12小时" in mail.text


def test_unresolved_and_ambiguous_owners_are_asked_in_one_mail(cfg, flow):
    held = held_meeting(cfg)
    # 吴工 becomes a second 技术负责人, and 丙方 keeps no execution-tier attendee
    Person.update(tier="support", title="技术负责人").where(
        Person.id == held.d.bing_pm.id
    ).execute()
    body = (
        "任务：孙悟空*在3天内提交方案\n任务：技术负责人*需在2个工作日内确认接口\n"
        "任务：丙方*在3天内提供投放渠道清单\n"
    )
    [draft] = _file_minutes(flow, held, body)
    assert "孙悟空" in draft.text and "找不到" in draft.text
    version = MinutesVersion.get()
    problems = {i["owner_text"]: i["problem"] for i in version.items if i["problem"]}
    assert problems == {
        "孙悟空": "unresolved",
        "技术负责人": "ambiguous",
        "丙方": "party_no_lead",
    }
    assert "对应多人" in draft.text and "张伟" in draft.text and "吴工" in draft.text
    [ask_host] = flow.outbox(to=held.d.host, kind="minutes_party_lead")
    assert "丙方" in ask_host.text
    before = Outbox.select().count()
    flow.reply_to(draft, held.d.recorder, "确认")
    assert MinutesVersion.get().status == "draft"  # nothing sent while owners are open
    assert Item.select().count() == 0
    [ask] = flow.outbox(to=held.d.recorder, kind="minutes_ask_back")
    assert "负责人" in ask.text
    assert Outbox.select().count() == before + 1


def test_correction_by_reply_replaces_the_draft(cfg, flow):
    held = held_meeting(cfg)
    [draft] = _file_minutes(flow, held, "任务：孙悟空*在3天内提交方案\n")
    flow.reply_to(draft, held.d.recorder, "任务：张伟*在3天内提交方案\n")
    latest = MinutesVersion.select().order_by(MinutesVersion.version.desc()).first()
    assert latest.version == 2 and latest.items[0]["owner_id"] == held.tech.id
    assert MinutesVersion.get(MinutesVersion.version == 1).status == "superseded"
    drafts = flow.outbox(to=held.d.recorder, kind="minutes_draft")
    assert len(drafts) == 2 and "找不到" not in drafts[-1].text


def test_minutes_from_a_stranger_change_nothing(cfg, flow):
    held = held_meeting(cfg)
    flow.send(flow.mail(held.d.outsider, flow.address, "会议纪要", MINUTES_BODY))
    assert MinutesVersion.select().count() == 0


def test_minutes_due_reminds_recorder_then_host_and_reply_files_them(cfg, flow):
    held = held_meeting(cfg)
    hours = cfg.policy.minutes_due_hours
    flow.tick(MEETING_END + timedelta(hours=hours - 1))
    assert flow.outbox(kind="minutes_due") == []
    flow.tick(MEETING_END + timedelta(hours=hours, minutes=1))
    [due] = flow.outbox(kind="minutes_due")
    assert due.to == [held.d.recorder.email]
    flow.tick(MEETING_END + timedelta(hours=hours, minutes=5))
    assert len(flow.outbox(kind="minutes_due")) == 1  # once
    later = hours + cfg.policy.minutes_host_after_hours
    flow.tick(MEETING_END + timedelta(hours=later, minutes=1))
    [host] = flow.outbox(kind="minutes_due_host")
    assert host.to == [held.d.host.email]
    flow.reply_to(due, held.d.recorder, MINUTES_BODY)
    assert MinutesVersion.select().count() == 1
    assert len(flow.outbox(kind="minutes_draft")) == 1


FIXTURES = Path(__file__).parents[2] / "fixtures" / "after"


def test_forwarded_gmail_minutes_are_read_and_unknown_owners_asked(cfg, flow):
    """A real Gmail forward (the corpus's m006): the forwarded part is the
    content; owners that are nobody here are asked back, never guessed."""
    held = held_meeting(cfg)
    raw = (FIXTURES / "forwarded_minutes_gmail_zh.eml").read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    for header, value in (("From", held.d.recorder.email), ("To", flow.address)):
        del msg[header]
        msg[header] = value
    flow.at(AFTER)
    flow.send(msg)
    [draft] = flow.outbox(to=held.d.recorder, kind="minutes_draft")
    version = MinutesVersion.get()
    assert [i["kind"] for i in version.items].count("task") == 3
    asked = {i["owner_text"] for i in version.items if i["problem"]}
    assert {"岭南品牌传播", "华通过滤"} <= asked
    assert "岭南品牌传播" in draft.text and "找不到" in draft.text


def test_minutes_tagged_with_the_meeting_reference(cfg, flow):
    """Subject "[M-0001] 会议纪要" routes to the meeting's thread, which hands
    the minutes over once the meeting has started."""
    held = held_meeting(cfg)
    flow.at(AFTER)
    flow.send(
        flow.mail(held.d.recorder, flow.address, f"[{held.meeting.ref}] 会议纪要", MINUTES_BODY)
    )
    assert len(flow.outbox(to=held.d.recorder, kind="minutes_draft")) == 1
    assert MinutesVersion.select().count() == 1


def test_minutes_attachments_are_kept_listed_and_attached(cfg, flow):
    held = held_meeting(cfg)
    slides = b"%PDF-1.4 slides of the meeting\n" * 20
    flow.at(AFTER)
    flow.send(
        flow.mail(
            held.d.recorder,
            flow.address,
            "会议纪要",
            MINUTES_BODY,
            attachments=[("会议材料.pdf", "application/pdf", slides)],
        )
    )
    [draft] = flow.outbox(to=held.d.recorder, kind="minutes_draft")
    flow.reply_to(draft, held.d.recorder, "确认")
    mail = next(m for m in flow.outbox(kind="minutes_formal") if held.d.yi_boss.email in m.to)
    assert "会议材料.pdf" in mail.text.split("六、附件")[1]
    assert ("会议材料.pdf", "application/pdf", slides) in mail.attachments


def test_a_task_the_host_owns_is_accepted_by_a_decision_maker_of_the_host_side(cfg, flow):
    held = held_meeting(cfg)
    [draft] = _file_minutes(flow, held, "任务：王敏*在3天内汇总三方预算\n")
    flow.reply_to(draft, held.d.recorder, "确认")
    task = Item.get()
    assert task.owner_id == held.d.host.id and task.requester_id == held.d.jia_boss.id


def test_minutes_due_reminder_waits_for_the_morning(tmp_path):
    from tests.conftest import make_config

    cfg = make_config(tmp_path, policy={"minutes_due_hours": 7})  # due Tue 22:30
    with Flow(cfg, start=MEETING_END) as flow:
        held = held_meeting(cfg)
        flow.tick(datetime(2026, 11, 24, 15, 0, tzinfo=UTC))  # Tue 23:00 in Shanghai
        assert flow.outbox(kind="minutes_due") == []
        flow.tick(datetime(2026, 11, 25, 1, 5, tzinfo=UTC))  # Wed 09:05
        flow.tick(datetime(2026, 11, 25, 1, 35, tzinfo=UTC))
        [due] = flow.outbox(kind="minutes_due")
        assert due.to == [held.d.recorder.email]
