"""A supplier-quality review between three companies, played from the minutes
to the retrospective across 国庆 2026, the way its people write mail.

江城汽车 (Wuhan) hosts; 宁德新能 (Ningde) supplies the cells; Meridian Test Lab
(Singapore) writes English. The review is on Monday 28 September; 中秋 and 国庆
follow (1–7 October off, Saturday 10 October worked in China; Singapore works
through it). The minutes arrive as a numbered list with 负责人/完成时间 and the
lab's English action items; the correction comes back as an Outlook HTML table.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from parsers.business_calendar import BusinessCalendar
from service import meetings
from store.models import Item, MinutesVersion, Person
from tests.support.flow import Flow

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2026, 9, 1, tzinfo=UTC)
REVIEW = datetime(2026, 9, 28, 6, 0, tzinfo=UTC)  # Mon 14:00 in Wuhan and Singapore
FILED = datetime(2026, 9, 28, 8, 40, tzinfo=UTC)  # 16:40, after the review
HOLIDAY = [date(2026, 10, day) for day in range(1, 8)]  # 国庆
MAKE_UP_SATURDAY = date(2026, 10, 10)


def local(day: date, hh: int, mm: int = 5) -> datetime:
    """A moment in Wuhan/Singapore (both UTC+8) as UTC."""
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI).astimezone(UTC)


OUTLOOK_SIGNATURE = (
    "\n\n孙悦\n质量部 | 江城汽车股份有限公司\n电话：027-8456 1200 | 手机：139 7100 0000\n"
)
FOXMAIL_SIGNATURE = "\n\n--------------\n林凯 质量工程师\n宁德新能电池有限公司\n"
GMAIL_SIGNATURE = "\n\nBest regards,\nDaniel Tan\nTest Engineer | Meridian Test Lab Pte. Ltd.\n"

MINUTES = (
    "各位好，\n\n今天B2609批次电芯质量评审会的纪要如下，请查收：\n\n"
    "1. 决议：B2609批次电芯暂停装车，待复测结论后再定。\n"
    "2. 提交B2609批次8D报告，负责人：林凯，完成时间：9月30日\n"
    "3. 更新来料检验规范，负责人：高磊，完成时间：10月9日\n\n"
    "Action items (Meridian Test Lab):\n"
    "- Priya Nair to send the thermal runaway retest plan by Oct 9\n" + OUTLOOK_SIGNATURE
)

CORRECTED_HTML = """<html><body>
<p>黄总，已按您的意见修改，修改后的纪要如下：</p>
<p>1. 决议：B2609批次电芯暂停装车，待复测结论后再定。</p>
<table border="1">
<tr><th>序号</th><th>事项</th><th>负责人</th><th>完成时间</th></tr>
<tr><td>2</td><td>提交B2609批次8D报告</td><td>林凯</td><td>9月30日</td></tr>
<tr><td>3</td><td>更新来料检验规范</td><td>高磊</td><td>10月9日</td></tr>
<tr><td>4</td><td>热失控复测方案</td><td>Daniel Tan</td><td>10月9日</td></tr>
</table>
<p>孙悦<br>质量部 | 江城汽车股份有限公司</p>
</body></html>"""
CORRECTED_TEXT = (
    "黄总，已按您的意见修改，修改后的纪要如下：\n\n"
    "1. 决议：B2609批次电芯暂停装车，待复测结论后再定。\n\n"
    "序号\t事项\t负责人\t完成时间\n"
    "2\t提交B2609批次8D报告\t林凯\t9月30日\n"
    "3\t更新来料检验规范\t高磊\t10月9日\n"
    "4\t热失控复测方案\tDaniel Tan\t10月9日\n" + OUTLOOK_SIGNATURE
)


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=CREATED) as f:
        yield f


class Review:
    """The three companies, their people and the review meeting."""

    def __init__(self, cfg, flow: Flow):
        car = flow.company(
            "江城汽车", ["jcauto.example.cn"], region="CN", management_cc=["mgmt@jcauto.example.cn"]
        )
        cells = flow.company("宁德新能", ["ndcell.example.cn"], region="CN")
        lab = flow.company(
            "Meridian Test Lab",
            ["meridianlab.example.sg"],
            region="SG",
            management_cc=["board@meridianlab.example.sg"],
        )
        zh, sg = {"timezone": "Asia/Shanghai"}, {"timezone": "Asia/Singapore", "language": "en"}
        p = flow.person
        self.vp = p("zheng.vp@jcauto.example.cn", "郑宏", company=car, tier="decision",
                    title="质量副总裁", **zh)  # fmt: skip
        self.host = p("gao.lei@jcauto.example.cn", "高磊", company=car, tier="execution",
                      title="供应商质量经理", manager=self.vp, **zh)  # fmt: skip
        self.recorder = p("sun.yue@jcauto.example.cn", "孙悦", company=car, tier="support",
                          title="质量助理", **zh)  # fmt: skip
        self.cells_boss = p("huang.gm@ndcell.example.cn", "黄志远", company=cells,
                            tier="decision", title="总经理", **zh)  # fmt: skip
        self.cells_eng = p("lin.kai@ndcell.example.cn", "林凯", company=cells, tier="execution",
                           title="质量工程师", manager=self.cells_boss, **zh)  # fmt: skip
        self.lab_lead = p("priya.nair@meridianlab.example.sg", "Priya Nair", company=lab,
                          tier="decision", title="Lab Director", **sg)  # fmt: skip
        self.lab_eng = p("daniel.tan@meridianlab.example.sg", "Daniel Tan", company=lab,
                         tier="execution", title="Test Engineer", manager=self.lab_lead,
                         **sg)  # fmt: skip
        self.companies = (car, cells, lab)
        m = meetings.create_meeting(
            cfg,
            now=CREATED,
            actor="cli",
            title="B2609批次电芯质量评审会",
            goal="确定B2609批次电芯的处置与复测安排",
            host=self.host,
            host_company=car,
            recorder=self.recorder,
            link="https://meet.example.cn/j/2609",
            duration_minutes=90,
            importance="important",
            series="B2609质量",
        )
        for company, party in zip(self.companies, ("甲方", "乙方", "丙方"), strict=True):
            meetings.add_company(m, company, now=CREATED, actor="cli", party=party)
        for person in (self.vp, self.cells_boss, self.cells_eng, self.lab_lead, self.lab_eng):
            meetings.add_attendee(cfg, m, person, now=CREATED, actor="cli")
        meetings.set_time(m, REVIEW, now=CREATED, actor="cli")
        self.meeting = m

    @property
    def chinese(self) -> list[Person]:
        return [self.vp, self.host, self.recorder, self.cells_boss, self.cells_eng]

    @property
    def english(self) -> list[Person]:
        return [self.lab_lead, self.lab_eng]


def _to(mails, person: Person):
    return next(m for m in mails if person.email in m.to)


def _item(title_part: str) -> Item:
    return next(i for i in Item.select() if title_part in i.text)


def _about(flow: Flow, item: Item, person: Person):
    return [m for m in flow.outbox(to=person) if m.row.item_id == item.id][-1]


def _foxmail_quote(mail) -> str:
    return (
        "\n\n------------------ 原始邮件 ------------------\n"
        f'发件人: "会议助手"<{mail.reply_to}>;\n'
        f"发送时间: {mail.header('Date')}\n"
        f"主题: {mail.subject}\n\n" + mail.text
    )


def test_a_supplier_quality_review_across_national_day(cfg, flow):
    calendar = BusinessCalendar("CN")
    assert all(not calendar.is_working_day(d) for d in HOLIDAY)  # the premise, from `holidays`
    assert calendar.is_working_day(MAKE_UP_SATURDAY)
    r = Review(cfg, flow)

    # ---- the minutes: numbered list with 负责人/完成时间 and English action items
    flow.at(FILED)
    flow.send(flow.mail(r.recorder, flow.address, "B2609质量评审会纪要", MINUTES))
    [draft] = flow.outbox(to=r.recorder, kind="minutes_draft")
    for text in ("8D报告", "来料检验规范", "retest plan", "Priya Nair"):
        assert text in draft.text
    assert flow.outbox(kind="minutes_formal") == []
    flow.reply_to(draft, r.recorder, "确认" + OUTLOOK_SIGNATURE)
    formal = flow.outbox(kind="minutes_formal")
    assert "第1版" in _to(formal, r.cells_boss).subject
    english = _to(formal, r.lab_lead)
    assert "Minutes" in english.subject and "会议纪要" not in english.subject
    assert "board@meridianlab.example.sg" in english.header("Cc")
    car_lead = _to(formal, r.vp)  # management in the company's language, as Cc of its lead
    assert "mgmt@jcauto.example.cn" in car_lead.header("Cc") and "会议纪要" in car_lead.subject
    assert sum("board@meridianlab.example.sg" in m.header("Cc") for m in formal) == 1
    report, spec = _item("8D报告"), _item("来料检验规范")
    assert report.owner_id == r.cells_eng.id and spec.owner_id == r.host.id
    assert spec.requester_id == r.vp.id  # the host's own task: his manager accepts it
    assert not Item.select().where(Item.kind == "decision").exists()  # a decision has no owner

    # ---- an objection on time, a correction as an Outlook HTML table, 第2版
    flow.at(FILED + timedelta(minutes=20))
    flow.reply_to(
        english,
        r.lab_lead,
        "Hi Sun Yue,\n\nOne correction: the retest plan (last item) will be prepared by "
        "Daniel Tan, not by me. Please update the minutes.\n\nThanks,\nPriya\n"
        "Lab Director | Meridian Test Lab\n",
    )
    notice = _to(flow.outbox(kind="minutes_objection"), r.recorder)
    assert "Daniel Tan" in notice.text
    published = len(flow.outbox(kind="minutes_formal"))
    flow.at(FILED + timedelta(minutes=50))
    flow.reply_to(notice, r.recorder, CORRECTED_TEXT, html=CORRECTED_HTML)
    assert len(flow.outbox(kind="minutes_formal")) == published  # back to the recorder first
    corrected = flow.outbox(to=r.recorder, kind="minutes_draft")[-1]
    assert "Priya Nair → Daniel Tan" in corrected.text
    changes = corrected.text.split("与已发出的第1版相比")[1].split("无误请回复")[0]
    assert "第4条" in changes and "第2条" not in changes and "第3条" not in changes
    flow.reply_to(corrected, r.recorder, "确认，谢谢" + OUTLOOK_SIGNATURE)
    second = flow.outbox(kind="minutes_formal")[published:]
    cells_v2 = _to(second, r.cells_boss)
    assert "第2版" in cells_v2.subject and "Priya Nair → Daniel Tan" in cells_v2.text
    for title in ("8D报告", "来料检验规范", "复测方案"):
        assert title in cells_v2.text  # no task lost in the correction
    assert _item("8D报告").ref == report.ref  # unchanged items keep their reference
    plan = _item("复测方案")
    assert plan.owner_id == r.lab_eng.id
    version = MinutesVersion.select().order_by(MinutesVersion.id.desc()).get()

    # ---- a late objection: told the window closed, host told, final on schedule
    late = version.window_ends_at + timedelta(hours=2)
    flow.at(late)
    cells_mine = _to(second, r.cells_eng)
    flow.send(
        flow.build_reply(
            cells_mine,
            r.cells_eng,
            "高经理：\n\n不好意思回复晚了，第1条决议应写明暂停的是B2609-03至B2609-07批次。"
            + FOXMAIL_SIGNATURE
            + _foxmail_quote(cells_mine),
            quote="none",
        )
    )
    [closed] = flow.outbox(to=r.cells_eng, kind="minutes_late_objection")
    assert "您好" in closed.text and "B2609-03" not in closed.subject
    assert flow.outbox(to=r.host, kind="minutes_late_remark")
    assert flow.outbox(kind="minutes_objection", since=late) == []  # not passed on as if on time
    flow.tick(local(date(2026, 9, 29), 9))
    assert MinutesVersion.get_by_id(version.id).status == "final"
    finals = flow.outbox(kind="minutes_final")
    assert {r.host.email, r.lab_eng.email} <= {a for m in finals for a in m.to}

    # ---- progress in reply to the minutes; a question inside an English update
    flow.at(local(date(2026, 9, 29), 10, 30))
    # (“8D报告目前完成了60%” in reply to the minutes is not read as an update of
    # “提交B2609批次8D报告”: a part of a title does not name the task — see the report)
    reminder = _about(flow, report, r.cells_eng)
    assert reminder.kind == "item_before" and "您好" in reminder.text
    flow.reply_to(
        reminder,
        r.cells_eng,
        "8D报告目前完成了60%，D4根因分析还在做。" + FOXMAIL_SIGNATURE + _foxmail_quote(reminder),
        quote="none",
    )
    assert (_item("8D报告").status, _item("8D报告").percent) == ("in_progress", 60)
    assert flow.outbox(to=r.cells_eng, kind="item_update_ack")
    flow.reply_to(
        _to(second, r.lab_eng),
        r.lab_eng,
        f"Hi Gao Lei,\n\n{plan.ref}: the retest plan is about 50% done. Do you need the plan "
        "in both Chinese and English?" + GMAIL_SIGNATURE,
    )
    assert _item("复测方案").percent == 50
    [question] = Item.select().where(Item.kind == "question", Item.raised_by == r.lab_eng)
    assert "both Chinese and English" in question.text
    [asked] = flow.outbox(to=r.host, kind="question_raised")
    assert "您好" in asked.text and plan.ref in asked.text
    [noted] = flow.outbox(to=r.lab_eng, kind="question_noted")
    assert "您好" not in noted.text
    flow.reply_to(asked, r.host, "需要中英文各一份，英文版可以晚两天。\n\n高磊")
    [answered] = flow.outbox(to=r.lab_eng, kind="question_answered")
    assert "中英文各一份" in answered.text

    # ---- a delay, approved by the requester (the host)
    flow.at(local(date(2026, 9, 30), 11))
    flow.reply_to(
        _about(flow, plan, r.lab_eng),
        r.lab_eng,
        "Hi Gao Lei,\n\nThe thermal chamber is booked until mid-October, so we need more time. "
        "Could we move the retest plan to Oct 16?" + GMAIL_SIGNATURE,
    )
    # ("postpone … to Oct 16", and "New date: Oct 16." in answer to the service's own
    # 'e.g. "new date: July 20"', are not read as a date yet — see the report)
    delay = _to(flow.outbox(kind="item_delay_request"), r.host)
    flow.reply_to(delay, r.host, "同意延期。\n\n高磊")
    assert _item("复测方案").due_at.astimezone(SHANGHAI).date() == date(2026, 10, 16)

    # ---- 国庆: nothing reaches the Chinese side; Singapore works
    before_holiday = flow.last_outbox_id()
    for day in HOLIDAY:
        for hour in (9, 16):
            flow.tick(local(day, hour))
    in_holiday = flow.outbox(since=before_holiday)
    chinese = {p.email for p in r.chinese} | {"mgmt@jcauto.example.cn"}
    assert [m.kind for m in in_holiday if chinese & set(m.row.recipients)] == []
    assert flow.outbox(kind="weekly_table") == []  # Monday 10-05: 国庆 in Wuhan
    assert flow.outbox(kind="sync_invite") == []  # the sync of Friday 10-02 is skipped
    assert flow.outbox(to=r.lab_eng, kind="weekly_own")  # an ordinary Monday in Singapore
    retro = {a for m in flow.outbox(kind="retro_request") for a in m.to}
    assert r.lab_lead.email in retro and r.host.email not in retro

    # ---- back at work: weekly table, retrospective, Friday sync, escalation
    flow.tick(local(date(2026, 10, 8), 9))
    [table] = flow.outbox(kind="weekly_table")
    assert table.to == [r.host.email] and "8D报告" in table.text
    retro = {a for m in flow.outbox(kind="retro_request") for a in m.to}
    assert {r.host.email, r.cells_boss.email, r.lab_lead.email} <= retro  # every company's lead
    assert r.cells_eng.email not in retro and r.lab_eng.email not in retro
    assert "您好" not in _to(flow.outbox(kind="retro_request"), r.lab_lead).text
    flow.tick(local(date(2026, 10, 8), 16))
    invites = flow.outbox(kind="sync_invite")
    host_invite = _to(invites, r.host)
    assert "2026-10-02" in host_invite.text and "假" in host_invite.text
    assert "8D报告" in host_invite.text and host_invite.calendar
    assert flow.outbox(kind="item_escalation") == []  # two working days overdue so far
    flow.tick(local(date(2026, 10, 9), 9))
    assert flow.outbox(kind="item_escalation") == []
    flow.tick(local(MAKE_UP_SATURDAY, 9))  # the third working day overdue: a working Saturday
    escalations = flow.outbox(kind="item_escalation")
    assert {a for m in escalations for a in m.to} == {r.cells_boss.email, r.host.email}
    assert all(m.row.item_id == report.id for m in escalations)

    # ---- acceptance by the requester who is also the owner's manager
    flow.at(local(MAKE_UP_SATURDAY, 10, 30))
    flow.reply_to(
        _about(flow, spec, r.host),
        r.host,
        "郑总，来料检验规范已更新完成，见附件，请验收。\n\n高磊\n供应商质量经理",
        attachments=[("来料检验规范V3.pdf", "application/pdf", b"%PDF-1.7 IQC spec\n" * 30)],
    )
    assert _item("来料检验规范").status == "submitted"
    [request] = flow.outbox(kind="acceptance_request")
    assert request.to == [r.vp.email]
    flow.reply_to(request, r.vp, "验收通过，辛苦！\n\n郑宏\n质量副总裁 | 江城汽车")
    assert _item("来料检验规范").status == "accepted"
    assert flow.outbox(to=r.host, kind="acceptance_passed")
    assert flow.outbox(to=r.vp, kind="item_ask_back") == []

    # ---- each reader's language throughout
    for m in flow.outbox():
        people = [Person.get_or_none(Person.email == a) for a in m.to]
        languages = {p.language for p in people if p is not None}
        if languages == {"en"}:
            assert "您好" not in m.text, (m.kind, m.to)
        elif languages == {"zh"}:
            assert "您好" in m.text, (m.kind, m.to)
