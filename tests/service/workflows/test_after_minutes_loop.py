"""The minutes loop as recorders really write it: unowned decisions, corrections
after an objection (back to the recorder first), published version numbers,
late objections, one-line corrections and who attended."""

from __future__ import annotations

from datetime import timedelta

import pytest

from service.workflows import invitations
from store.db import write_txn
from store.models import Item, MinutesVersion, Person
from tests.support.after_meeting import AFTER, BEFORE, formal_to, held_meeting
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


OUTLOOK_SIGNATURE = "\n\n李静\n云启科技 项目管理办公室\n电话：010-6288 1234 | 手机：138 0000 0000\n"


def _filed(flow, held, body):
    flow.at(AFTER)
    flow.send(flow.mail(held.d.recorder, flow.address, "质量评审会纪要", body))
    return flow.outbox(to=held.d.recorder, kind="minutes_draft")[-1]


def test_an_unowned_decision_goes_out_in_the_formal_minutes(cfg, flow):
    held = held_meeting(cfg)
    body = (
        "各位好，\n\n今天质量评审会的纪要如下，请查收：\n\n"
        "参会人员：云启科技：王敏、李静、张伟；星河数据：林峰\n"
        "决议：B2609批次电芯暂停使用。\n"
        "任务：张伟*在11月27日前提交8D报告\n" + OUTLOOK_SIGNATURE
    )
    draft = _filed(flow, held, body)
    assert "B2609" in draft.text
    flow.reply_to(draft, held.d.recorder, "确认")
    assert MinutesVersion.get().status == "sent"
    formal = flow.outbox(kind="minutes_formal")
    mail = formal_to(formal, held.d.yi_boss)
    decisions = mail.text.split("三、决议")[1].split("四、任务")[0]
    assert "B2609批次电芯暂停使用" in decisions
    [task] = Item.select().where(Item.kind == "task")
    assert task.ref in mail.text.split("四、任务")[1]
    assert "B2609" in mail.html
    # who attended, as the recorder wrote it
    assert (
        mail.text.split("参会：")[1].split("\n")[0] == "云启科技：王敏、李静、张伟；星河数据：林峰"
    )
    assert Item.select().where(Item.kind == "decision").count() == 0  # nobody to chase


QUALITY_MINUTES = (
    "各位好，\n\n质量评审会纪要如下：\n\n"
    "一、决议\n"
    "1. B2609批次电芯暂停使用，由财务经理*在2个工作日内通知仓库。\n"
    "二、任务\n"
    "2. 张伟*在11月27日前提交8D报告\n"
    "3. 刘洋*在11月30日前完成合同条款审查\n"
    "三、待解决问题\n"
    "4. 丙方提出的来料检验标准问题，需法务专员*在3个工作日内答复\n" + OUTLOOK_SIGNATURE
)


def _published(flow, held, body=QUALITY_MINUTES):
    draft = _filed(flow, held, body)
    flow.reply_to(draft, held.d.recorder, "确认")
    return flow.outbox(kind="minutes_formal")


def test_a_correction_after_an_objection_comes_back_as_a_draft_then_goes_out_as_version_2(
    cfg, flow
):
    held = held_meeting(cfg)
    d = held.d
    formal = _published(flow, held)
    first = formal_to(formal, d.yi_boss)
    assert "第1版" in first.subject  # the first minutes anyone sees
    tasks_before = {i.text: i.ref for i in Item.select().where(Item.kind == "task")}
    assert len(tasks_before) == 2
    objection = (
        "李静：\n\n第3条合同审查应由我方林峰负责，截止请改为12月4日。\n\n陈总\n星河数据 CEO\n"
    )
    flow.reply_to(first, d.yi_boss, objection, quote="gmail_en")
    notice = next(m for m in flow.outbox(kind="minutes_objection") if d.recorder.email in m.to)
    sent_before = len(flow.outbox(kind="minutes_formal"))
    corrected = (
        "陈总，已按您的意见修改，修改后的纪要如下：\n\n"
        "1. 决议：B2609批次电芯暂停使用，由财务经理*在2个工作日内通知仓库。\n"
        "2. 任务：张伟*在11月27日前提交8D报告\n"
        "3. 任务：林峰*在12月4日前完成合同条款审查\n"
        "4. 疑问：丙方提出的来料检验标准问题，需法务专员*在3个工作日内答复\n" + OUTLOOK_SIGNATURE
    )
    flow.reply_to(notice, d.recorder, corrected)
    # nothing reaches the attendees before the recorder confirms the corrected draft
    assert len(flow.outbox(kind="minutes_formal")) == sent_before
    draft = flow.outbox(to=d.recorder, kind="minutes_draft")[-1]
    assert "林峰" in draft.text and "8D报告" in draft.text
    assert "刘洋 → 林峰" in draft.text
    flow.reply_to(draft, d.recorder, "确认，谢谢")
    second = [m for m in flow.outbox(kind="minutes_formal")[sent_before:]]
    mail = formal_to(second, d.yi_boss)
    assert "第2版" in mail.subject
    tasks = mail.text.split("四、任务")[1].split("五、")[0]
    assert "8D报告" in tasks and "合同条款审查" in tasks and "林峰" in tasks
    assert "第3条" in mail.text and "刘洋 → 林峰" in mail.text
    assert "第2条" not in mail.text.split("四、任务")[0]  # unchanged items are not listed
    # the unchanged task keeps its reference; the changed one too
    after = {i.text: (i.ref, i.status) for i in Item.select().where(Item.kind == "task")}
    assert after["张伟在11月27日前提交8D报告"][0] == tasks_before["张伟在11月27日前提交8D报告"]
    assert all(status == "open" for _, status in after.values())


def test_a_late_objection_is_answered_passed_to_the_host_and_the_minutes_finalise(cfg, flow):
    held = held_meeting(cfg)
    d = held.d
    Person.update(language="en").where(Person.id == d.yi_pm.id).execute()
    formal = _published(flow, held)
    version = MinutesVersion.get()
    late = version.window_ends_at + timedelta(hours=5)  # Wed 09:00 in Shanghai
    flow.at(late)
    objection = (
        "Hi Li Jing,\n\nSorry for the late reply. Item 3 is not right: the contract review "
        "should be done by our legal team, not by Liu Yang. Please correct it.\n\n"
        "Best regards,\nLin Feng\nFinance Manager | Xinghe Data Pte. Ltd.\n"
        "Sent from my iPhone\n"
    )
    flow.reply_to(formal_to(formal, d.yi_pm), d.yi_pm, objection)
    [told] = flow.outbox(to=d.yi_pm, kind="minutes_late_objection")
    assert "closed on" in told.text and "2026-11-25" in told.text  # in English, with the date
    assert flow.outbox(kind="minutes_objection") == []  # not forwarded as if on time
    [remark] = flow.outbox(to=d.host, kind="minutes_late_remark")
    assert "contract review" in remark.text and "林峰" in remark.subject
    assert [a.action for a in flow.audits("minutes.late_objection")] == ["minutes.late_objection"]
    flow.tick(late + timedelta(minutes=1))
    assert MinutesVersion.get().status == "final"
    assert flow.outbox(to=d.yi_pm, kind="minutes_final")


def _foxmail_quote(mail) -> str:
    return (
        "\n\n------------------&nbsp;原始邮件&nbsp;------------------\n"
        f'发件人: "会议助手"<{mail.reply_to}>;\n'
        "发送时间: 2026年11月25日(星期三) 上午9:00\n"
        f"主题: {mail.subject}\n\n" + mail.text
    ).replace("&nbsp;", " ")


def test_one_line_corrections_of_published_minutes_by_the_host(cfg, flow):
    held = held_meeting(cfg)
    d = held.d
    formal = _published(flow, held)
    refs = {i.text: i.ref for i in Item.select()}
    contract = refs["刘洋在11月30日前完成合同条款审查"]
    report = refs["张伟在11月27日前提交8D报告"]
    mine = formal_to(formal, d.host)
    body = f"第3条负责人改为林峰\n{report} 截止改为12月2日\n\n王敏\n云启科技 项目经理\n"
    flow.send(flow.build_reply(mine, d.host, body + _foxmail_quote(mine), quote="none"))
    [short] = flow.outbox(to=d.host, kind="minutes_corrected")
    assert "刘洋 → 林峰" in short.text and "2026-12-02" in short.text
    assert "第2版已发给全体参会人" in short.text
    assert len(short.text) < 800  # one short mail, not the minutes again
    second = [m for m in flow.outbox(kind="minutes_formal") if "第2版" in m.subject]
    assert "刘洋 → 林峰" in formal_to(second, d.yi_boss).text
    moved = Item.get(Item.ref == report)
    assert moved.due_at.astimezone(held.meeting.start_at.tzinfo).date().isoformat() == "2026-12-02"
    assert Item.get(Item.ref == contract).owner_id == d.yi_pm.id  # same task, new owner
    [audited] = flow.audits("minutes.corrected")
    assert audited.actor_id == d.host.id and len(audited.detail["edits"]) == 2


def test_one_line_corrections_of_a_draft_by_the_recorder(cfg, flow):
    held = held_meeting(cfg)
    d = held.d
    draft = _filed(flow, held, QUALITY_MINUTES)
    flow.reply_to(draft, d.recorder, "第2条是疑问不是任务\n删除第3条\n第9条负责人改为刘芳\n\n李静")
    [short] = flow.outbox(to=d.recorder, kind="minutes_corrected")
    assert "删除第3条" in short.text and "类型：任务 → 疑问" in short.text
    assert "第9条：纪要中没有这一条" in short.text
    assert flow.outbox(kind="minutes_formal") == []  # a draft stays a draft
    flow.reply_to(short, d.recorder, "确认")
    formal = formal_to(flow.outbox(kind="minutes_formal"), d.yi_boss)
    assert "第1版" in formal.subject and "相比" not in formal.text
    questions = formal.text.split("五、待解决问题")[1]
    assert "8D报告" in questions and "合同条款审查" not in formal.text
    assert not Item.select().where(Item.kind == "task").exists()


def test_one_line_corrections_in_english(cfg, flow):
    held = held_meeting(cfg)
    d = held.d
    Person.update(language="en").where(Person.id == d.recorder.id).execute()
    d.recorder = Person.get_by_id(d.recorder.id)
    draft = _filed(flow, held, QUALITY_MINUTES)
    body = "Hi,\n\nPlease remove item 3.\nItem 4 is a task, not a question.\n\nThanks,\nJing\n"
    flow.reply_to(draft, d.recorder, body)
    [short] = flow.outbox(to=d.recorder, kind="minutes_corrected")
    assert "Removed item 3" in short.text and "type: question → task" in short.text
    assert 'Reply "confirm"' in short.text


def test_who_attended_leaves_out_who_declined_shows_delegates_and_the_recorder_corrects_it(
    cfg, flow
):
    held = held_meeting(cfg)
    d = held.d
    flow.at(BEFORE + timedelta(hours=1))
    with write_txn():  # as `meeting schedule` does
        invitations.send_invitations(cfg, held.meeting, now=flow.now)
    deputy = flow.person(
        "huang.li@xinghe.example.sg", "黄丽", company=d.yi, tier="decision", title="副总裁"
    )
    invitation = flow.outbox(to=d.yi_boss, kind="invitation")[-1]
    flow.reply_to(invitation, d.yi_boss, "抱歉无法参加，请黄丽代我参加。\n\n陈总")
    flow.reply_to(flow.outbox(to=d.host, kind="delegate_request")[-1], d.host, "同意")
    declined = flow.outbox(to=d.jia_boss, kind="invitation")[-1]
    flow.reply_to(declined, d.jia_boss, "那天出差，无法参加，抱歉。")
    draft = _filed(flow, held, QUALITY_MINUTES)
    present = draft.text.split("参会：")[1].split("\n")[0]
    assert deputy.name in present and "林峰" in present
    assert "陈总" not in present and "赵总" not in present
    # 吴工 did not come after all: the recorder says who attended in one line
    flow.reply_to(
        draft, d.recorder, "参会：王敏、李静、张伟、刘洋、黄丽、星河数据 林峰、周总\n\n李静"
    )
    [short] = flow.outbox(to=d.recorder, kind="minutes_corrected")
    assert "参会人改为：王敏、李静、张伟、刘洋、黄丽、林峰、周总" in short.text
    flow.reply_to(short, d.recorder, "确认")
    formal = formal_to(flow.outbox(kind="minutes_formal"), d.yi_pm)
    line = formal.text.split("参会：")[1].split("\n")[0]
    assert line == "云启科技：王敏、李静、张伟、刘洋；星河数据：黄丽、林峰；明道传媒：周总"
    assert "吴工" not in formal.html.split("<h3>二")[0]


def test_a_correction_sent_as_an_attached_file_is_read_like_the_minutes(cfg, flow):
    held = held_meeting(cfg)
    d = held.d
    formal = _published(flow, held)
    flow.reply_to(formal_to(formal, d.yi_boss), d.yi_boss, "有异议：第3条应由林峰负责。")
    notice = next(m for m in flow.outbox(kind="minutes_objection") if d.recorder.email in m.to)
    corrected = QUALITY_MINUTES.replace("刘洋*在11月30日前", "林峰*在12月4日前")
    attached = ("质量评审会纪要-修订.txt", "text/plain", corrected.encode("gb18030"))
    flow.send(
        flow.build_reply(notice, d.recorder, "陈总，修改后的纪要见附件。", attachments=[attached])
    )
    draft = flow.outbox(to=d.recorder, kind="minutes_draft")[-1]
    for text in ("B2609", "8D报告", "林峰在12月4日前完成合同条款审查", "来料检验标准"):
        assert text in draft.text
    assert "刘洋 → 林峰" in draft.text


def test_corrected_minutes_in_reply_to_the_formal_minutes_come_back_as_a_draft(cfg, flow):
    held = held_meeting(cfg)
    d = held.d
    formal = _published(flow, held)
    sent_before = len(flow.outbox(kind="minutes_formal"))
    corrected = QUALITY_MINUTES.replace("11月27日前提交8D报告", "11月28日前提交8D报告")
    flow.reply_to(formal_to(formal, d.recorder), d.recorder, corrected, quote="gmail_en")
    assert len(flow.outbox(kind="minutes_formal")) == sent_before
    draft = flow.outbox(to=d.recorder, kind="minutes_draft")[-1]
    assert "与已发出的第1版相比" in draft.text and "2026-11-28" in draft.text
    assert Item.select().where(Item.kind == "task").count() == 2  # nothing lost meanwhile


def test_an_objection_after_the_minutes_became_final_is_late_too(cfg, flow):
    held = held_meeting(cfg)
    d = held.d
    formal = _published(flow, held)
    version = MinutesVersion.get()
    flow.tick(version.window_ends_at + timedelta(minutes=1))
    assert MinutesVersion.get().status == "final"
    flow.at(version.window_ends_at + timedelta(days=1))
    flow.reply_to(formal_to(formal, d.bing_boss), d.bing_boss, "有异议：第4条应由我方答复。")
    assert flow.outbox(to=d.bing_boss, kind="minutes_late_objection")
    assert flow.outbox(to=d.host, kind="minutes_late_remark")
    assert MinutesVersion.get().status == "final"
