"""Minutes items from real .eml files: corpus cases and hand-written ones in other styles.

`tests/fixtures/minutes/expected.json` holds, per file, the meeting end and
the expected items (kind, a key the text must contain, owner, due), the
same way the corpus labels them.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.deadlines import find_deadline, find_deadline_cell
from parsers.mime import parse_mail
from parsers.minutes import heading_kind, parse_minutes, read_items
from parsers.minutes_html import html_lines
from parsers.minutes_owner import find_owner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "minutes"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
CST = timezone(timedelta(hours=8))


def squash(text: str | None) -> str:
    return "".join((text or "").split()).lower()


def parse_file(name: str, meeting_end: str) -> list[dict]:
    mail = parse_mail((FIXTURES / name).read_bytes())
    return parse_minutes(mail, datetime.fromisoformat(meeting_end))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_items(name):
    case = EXPECTED[name]
    got = parse_file(name, case["meeting_end"])
    assert len(got) == len(case["items"]), [g["text"] for g in got]
    unused = list(got)
    for want in case["items"]:
        match = next(
            (
                g
                for g in unused
                if g["kind"] == want["kind"] and squash(want["key"]) in squash(g["text"])
            ),
            None,
        )
        assert match is not None, (
            f"{want['kind']} {want['key']!r} not in {[g['text'] for g in got]}"
        )
        unused.remove(match)
        assert match["owner"] == want["owner"], want["key"]
        want_due = want["due"] and datetime.fromisoformat(want["due"])
        got_due = match["due"] and datetime.fromisoformat(match["due"])
        assert got_due == want_due, want["key"]
        assert match.get("due_error") == want.get("due_error"), want["key"]


def test_the_guides_record_exactly():
    got = parse_file("corpus_m001.eml", "2026-07-08T15:30:00+08:00")
    assert got == [
        {
            "kind": "decision",
            "text": "联合推广预算按3:7分摊（甲方30%，乙方70%），由财务经理在2个工作日内签订补充协议",
            "owner": "财务经理",
            "due": "2026-07-10T18:00:00+08:00",
        },
        {
            "kind": "task",
            "text": "技术负责人需在会后整理《数据对接标准文档》，24小时内同步给乙方技术团队",
            "owner": "技术负责人",
            "due": "2026-07-09T15:30:00+08:00",
        },
        {
            "kind": "question",
            "text": "丙方提出的'宣传物料版权归属'问题，需法务专员在3个工作日内提供法律意见",
            "owner": "法务专员",
            "due": "2026-07-13T18:00:00+08:00",
        },
    ]


def test_guide_record_in_one_paragraph_from_plain_lines():
    line = (
        "决议：联合推广预算按3:7分摊（甲方30%，乙方70%），由财务经理*在2个工作日内签订补充协议；"
        "任务：技术负责人*需在会后整理《数据对接标准文档》，24小时内同步给乙方技术团队；"
        "疑问：丙方提出的'宣传物料版权归属'问题，需法务专员*在3个工作日内提供法律意见"
    )
    items = read_items([line])
    assert [i.kind for i in items] == ["decision", "task", "question"]
    assert items[0].text.endswith("签订补充协议")


def test_a_party_is_an_owner():
    items = read_items(["任务：乙方在2个工作日内提交测试包；"])
    assert find_owner(items[0].text, items[0].kind) == "乙方"


def test_forwarded_content_is_read_and_the_forwarders_text_is_not():
    got = parse_file("corpus_m006.eml", "2026-06-18T17:30:00+08:00")
    assert all("请会议助手登记" not in g["text"] for g in got)
    assert len(got) == 6


def test_signature_after_dash_dash_is_not_content():
    items = read_items(["决议", "- 预算不变", "", "-- ", "任务：这是签名里的字"])
    assert [i.text for i in items] == ["预算不变"]


def test_forward_after_a_signature_is_content_again():
    lines = [
        "-- ",
        "王磊 | 市场部",
        "-----原始邮件-----",
        "发件人: 罗嘉欣",
        "任务：华通过滤*本周五前确认清单",
    ]
    assert [i.kind for i in read_items(lines)] == ["task"]


def test_nothing_under_a_heading_is_not_an_item():
    assert read_items(["Open questions", "- None", "待确认问题", "无"]) == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("一、决议事项", "decision"),
        ("会议结论", "decision"),
        ("Decisions / 决议", "decision"),
        ("**Key decisions:**", "decision"),
        ("二、待办事项", "task"),
        ("【后续工作】", "task"),
        ("Action items:", "task"),
        ("## Next steps", "task"),
        ("Agreed actions", "task"),
        ("二、分工与时间表", "task"),
        ("三、待确认问题", "question"),
        ("Open questions", "question"),
        ("疑問：", "question"),
        ("各位好，今天的会议决议如下，请查收并确认", None),
        ("Do we need a German-language version?", None),
        ("参会：蓝湾电子 黄志强", None),
        ("一、评审结论", "decision"),
        ("整改要求", "task"),
        ("Partner decisions", "decision"),
        ("会议形成以下决议：", "decision"),
        ("- 预算问题", None),
        ("1. 报名费问题", None),
        ("问题讨论", None),
    ],
)
def test_heading_kind(line, kind):
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    ("text", "kind", "owner"),
    [
        ("由财务经理*在2个工作日内签订补充协议", "decision", "财务经理"),
        ("峰会总结报告由联盟秘书处统一对外发布", "decision", "联盟秘书处"),
        ("自5月起，宏昇精密每周一提供一次交期滚动预测", "decision", "宏昇精密"),
        ("现场部署采用“云端训练+边缘推理”的方案", "decision", None),
        ("季度评审会固定在每季度最后一个月的第二周召开", "decision", None),
        ("宏昇精密在2个工作日内提交8D报告", "task", "宏昇精密"),
        ("华通过滤负责联系成都场地", "task", "华通过滤"),
        ("蓝湾电子采购部于下周一前寄出样品规格书", "task", "蓝湾电子采购部"),
        ("尽快补充沙龙签到数据", "task", None),
        ("第二批样品（20件）截止5月15日寄到华通过滤", "task", None),
        ("8月14日前更新投放数据看板", "task", None),
        ("延迟造成的客户索赔如何分担，请法务部3天内给出初步意见", "question", "法务部"),
        ("沙龙是否收取报名费，尚未确定", "question", None),
        ("年度研发路线图（负责人：周涛，截止：月底前）", "task", "周涛"),
        ("Tom Hughes to send the draft media plan by 31 July", "task", "Tom Hughes"),
        ("Do we need it? Emily to check by next Wednesday", "question", "Emily"),
        ("Confirm the printing vendor by 15 Jul", "task", None),
        ("Appendix C will use the 2025 survey wave only", "decision", None),
        ("Is a GDPR notice needed? (Northwind legal, by Friday)", "question", "Northwind legal"),
        ("Budget for paid social in Germany (no owner yet)", "question", None),
        ("James Miller: update the figures before 2027-01-08", "task", "James Miller"),
        ("Runbook review. Owner: Sarah Lin. Due: Friday", "task", "Sarah Lin"),
        ("[Tom] send the deck by Friday", "task", "Tom"),
        ("完成接口文档（张三，7月20日前）", "task", "张三"),
        ("改到2月25日（周三）", "task", None),
        ("由乙方牵头组织联调", "decision", "乙方"),
        ("完成接口文档——张三", "task", "张三"),
        ("Update the deck – Tom", "task", "Tom"),
        ("Runbook review. Owner: TBD. Due: Friday", "task", None),
        ("Share the plan - by Friday", "task", None),
        ("Chapter 6 - overview", "task", None),
        ("由张三、李四负责整理测试用例，下周三前完成", "task", "张三、李四"),
        ("是否需要第三方审计？请各方于7月20日前反馈意见", "question", "各方"),
        ("Emily (Northwind) to circulate the deck", "task", "Emily"),
        ("Sarah, please book the venue by Friday", "task", "Sarah"),
        ("张三拟于7月20日前提交方案", "task", "张三"),
        ("Thanks, please note the change", "task", None),
        ("甲方（澄川信息）需在3个工作日内确认", "task", "甲方（澄川信息）"),
        ("Legal team to review the NDA by 15/07", "task", "Legal team"),
        ("Do we need a DPA? – Sarah to confirm next week", "question", "Sarah"),
    ],
)
def test_owner_patterns(text, kind, owner):
    assert find_owner(text, kind) == owner


def test_html_table_rows_keep_empty_cells():
    html = (
        "<h3>待办事项</h3><table><tr><th>事项</th><th>负责人</th><th>截止时间</th></tr>"
        "<tr><td>更新名录</td><td></td><td>月底前</td></tr></table>"
    )
    assert html_lines(html)[:3] == ["待办事项", "事项 | 负责人 | 截止时间", "更新名录 |  | 月底前"]


def test_unknown_year_due_carries_an_error():
    raw = (FIXTURES / "x03_one_paragraph.eml").read_bytes()
    got = parse_minutes(parse_mail(raw), datetime(2026, 12, 30, 17, tzinfo=CST))
    refused = [g for g in got if g.get("due_error")]
    assert len(refused) == 1
    assert refused[0]["due"] is None
    assert "2027" in refused[0]["due_error"]


def test_a_mail_without_items_gives_none():
    raw = b"From: a@b.example\r\nSubject: hello\r\n\r\nJust saying hi.\r\n"
    assert parse_minutes(parse_mail(raw), datetime(2026, 7, 8, 15, 30, tzinfo=CST)) == []


def test_agenda_topics_with_conclusion_and_action_labels():
    items = read_items(
        ["一、会议议题", "1. 预算", "议题一：预算", "讨论：各方对预算有分歧。", "结论1：预算按3:7分摊。",
         "行动：张三7月15日前提交修订方案。"]
    )  # fmt: skip
    assert [(i.kind, i.text) for i in items] == [
        ("decision", "预算按3:7分摊"),
        ("task", "张三7月15日前提交修订方案"),
    ]


def test_sub_points_stay_with_their_item():
    items = read_items(
        [
            "Action items",
            "- Tom to send the deck by Friday",
            "  - include the Q3 numbers",
            "- Sarah to book",
        ]
    )
    assert [i.text for i in items] == [
        "Tom to send the deck by Friday；include the Q3 numbers",
        "Sarah to book",
    ]


def test_single_space_plain_table():
    items = read_items(
        [
            "待办事项",
            "事项 负责人 截止时间",
            "提交 接口文档 张三 7月20日",
            "整理用例 李四 下周三",
            "",
        ]
    )
    assert [(i.text, i.owner, i.due) for i in items] == [
        ("提交 接口文档", "张三", "7月20日"),
        ("整理用例", "李四", "下周三"),
    ]


def test_lead_in_line_keeps_the_section_open_and_empty_marks_are_skipped():
    items = read_items(
        [
            "二、会议决议",
            "经讨论，会议确定如下：",
            "1. 预算按3:7分摊",
            "三、待办",
            "（无）",
            "四、问题",
            "1. 是否需要审计？",
        ]
    )
    assert [(i.kind, i.text) for i in items] == [
        ("decision", "预算按3:7分摊"),
        ("question", "是否需要审计？"),
    ]


def test_html_table_cell_that_wraps_stays_one_cell():
    html = (
        "<p>Action items</p><table><tr><td>Item</td><td>Owner</td><td>Due</td></tr>"
        "<tr><td><p>Send the deck</p><p>(with Q3 numbers)</p></td><td>Tom</td><td>Friday</td></tr></table>"
    )
    assert html_lines(html)[2] == "Send the deck (with Q3 numbers) | Tom | Friday"


def test_html_list_items_wrapping_paragraphs_keep_their_bullets():
    html = "<h2>Decisions</h2><ul><li><p>Go with B</p></li><li><p>Keep date</p><ul><li><p>sub</p></li></ul></li></ul>"
    assert html_lines(html) == ["Decisions", "- Go with B", "- Keep date", "  - sub"]


PIECES = ["决议：", "任务：", "疑问：", "Decisions", "Action items", "- ", "1. ", "由", "需", "*", "；",
          "2个工作日内", "7月15日前", "by Friday", " | ", "事项 | 负责人 | 截止时间", "\n", "\t", "（", "）",
          "Owner: ", "月底前", "2027年1月5日前", "2月30日前", "<table><tr><td>", "</td><td>", "<li>",
          "</table>", "—", "TBD", "@", "EOD", "下下周日", "25点前", "-- ", "-----原始邮件-----"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=25), st.booleans()
)
def test_minutes_reader_never_raises(parts, as_html):
    text = "".join(parts)
    mail = parse_mail(
        (("Content-Type: text/html; charset=utf-8\n\n" if as_html else "\n") + text).encode(
            "utf-8", "replace"
        )
    )
    for item in parse_minutes(mail, datetime(2026, 12, 28, 16, tzinfo=CST)):
        assert item["kind"] in ("decision", "task", "question")
        assert item["text"]
    find_deadline(text, datetime(2026, 7, 8, 15, 30, tzinfo=CST))
    find_deadline_cell(text, datetime(2026, 7, 8, 15, 30, tzinfo=CST))


def test_labelled_bullets_inside_a_list_keep_the_list_going():
    items = read_items(
        ["Decisions", "- Decision: X", "- Y", "- Action: Tom to do Z", "- W", "", "Thanks", "- Z"]
    )
    assert [(i.kind, i.text) for i in items] == [
        ("decision", "X"),
        ("decision", "Y"),
        ("task", "Tom to do Z"),
        ("decision", "W"),
    ]


def test_hard_wrapped_english_item_continues_on_the_next_line():
    lines = [
        "Action items",
        "- Tom Hughes to send the draft media plan for the joint campaign to all",
        "partners by 31 July.",
        "- Sarah to book",
        "Thanks",
    ]
    items = read_items(lines)
    assert items[0].text.endswith("to all partners by 31 July.")
    assert len(items) == 2
