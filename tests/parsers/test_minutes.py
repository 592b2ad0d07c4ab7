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


CONTRACT_FIELDS = ("kind", "text", "owner", "due")


def test_the_guides_record_exactly():
    got = parse_file("corpus_m001.eml", "2026-07-08T15:30:00+08:00")
    assert [i["title"] for i in got] == [
        "联合推广预算按3:7分摊（甲方30%，乙方70%），签订补充协议",
        "整理《数据对接标准文档》，同步给乙方技术团队",
        "丙方提出的'宣传物料版权归属'问题，提供法律意见",
    ]
    assert [{k: i[k] for k in CONTRACT_FIELDS} for i in got] == [
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


# -- owners written after the item, rows, paragraphs, attachments ---------------------------
@pytest.mark.parametrize(
    ("text", "owner"),
    [("完成接口文档 —— 负责人：王磊，截止 7月15日", "王磊"), ("完成接口文档，王磊负责，7月15日前", "王磊"),
     ("完成接口文档（王磊负责）", "王磊"), ("整理客户反馈清单，张敏跟进", "张敏"),
     ("联系物流供应商确认报价，责任人 刘洋，7月13日前", "刘洋"), ("完成接口文档【王磊】", "王磊"),
     ("完成接口文档 —— 王磊，7月15日前", "王磊"), ("Draft the API doc (owner: Li Wei, due Jul 15)", "Li Wei"),
     ("Book the venue - owner: Sarah Chen - by Friday", "Sarah Chen"),
     ("Update the customer FAQ — Hannah Wright, Jul 24", "Hannah Wright"),
     ("Send the quote to Acme [Tom Hughes, 14 Jul]", "Tom Hughes"),
     ("Li Wei drafts the API doc by Jul 15", "Li Wei"), ("张三 — 完成接口文档", "张三")],
)  # fmt: skip
def test_owner_written_after_the_item(text, owner):
    assert find_owner(text, "task") == owner


@pytest.mark.parametrize(
    "text",
    ["The team is responsible for quality", "Deploy the update — asap", "完成接口文档，尽快负责"],
)
def test_no_owner_after_the_item(text):
    assert find_owner(text, "task") is None


def test_a_bare_date_after_the_trailing_owner_is_the_due():
    anchor = datetime(2026, 7, 8, 15, 30, tzinfo=CST)
    items = read_items(["Action items", "- Update the FAQ — Hannah Wright, Jul 24"])
    assert items[0].text == "Update the FAQ — Hannah Wright, Jul 24"
    mail = parse_mail(
        b"Subject: notes\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Action items\r\n- Update the FAQ \xe2\x80\x94 Hannah Wright, Jul 24\r\n"
    )
    assert parse_minutes(mail, anchor)[0]["due"] == "2026-07-24T18:00:00+08:00"


def test_slash_rows_need_a_date_cell():
    items = read_items(["待办事项", "完成接口文档 / 王磊 / 7月15日前", "预算 / 人力 / 时间均冻结"])
    assert [(i.text, i.owner, i.due) for i in items[:1]] == [("完成接口文档", "王磊", "7月15日前")]
    assert items[1].text == "预算 / 人力 / 时间均冻结" and items[1].due is not None


def test_slash_header_table():
    items = read_items(["Task / Owner / Due", "Draft the API doc / Li Wei / 15 Jul"])
    assert [(i.text, i.owner, i.due) for i in items] == [("Draft the API doc", "Li Wei", "15 Jul")]


@pytest.mark.parametrize(
    ("line", "texts"),
    [("行动项：王磊7月15日前完成接口文档，张敏7月17日前整理客户反馈清单，刘洋下周三前联系物流供应商。",
      ["王磊7月15日前完成接口文档", "张敏7月17日前整理客户反馈清单", "刘洋下周三前联系物流供应商"]),
     ("Action items: Li Wei to draft the API doc by Jul 15; Sarah Chen to book the venue by Friday",
      ["Li Wei to draft the API doc by Jul 15", "Sarah Chen to book the venue by Friday"]),
     ("纪要：决议：新版定价7月20日起执行。任务：王磊7月15日前完成接口文档。疑问：物流费用谁承担？",
      ["新版定价7月20日起执行", "王磊7月15日前完成接口文档", "物流费用谁承担？"]),
     # one item: the later clause has no owner of its own, or a field follows
     ("任务：张三7月10日前提交初稿，7月15日前定稿", ["张三7月10日前提交初稿，7月15日前定稿"]),
     ("任务：技术负责人需在会后整理文档，24小时内同步给乙方", ["技术负责人需在会后整理文档，24小时内同步给乙方"]),
     ("Action: Send the quote to Acme; Owner: Tom Hughes; Due: 14 July",
      ["Send the quote to Acme; Owner: Tom Hughes; Due: 14 July"])],
)  # fmt: skip
def test_several_items_in_one_paragraph(line, texts):
    assert [i.text for i in read_items([line])] == texts


def test_minutes_only_in_an_attachment_are_read_but_never_twice():
    anchor = datetime(2026, 7, 8, 15, 30, tzinfo=CST)
    got = parse_file("x18_outlook_txt_attachment.eml", anchor.isoformat())
    assert [g["kind"] for g in got] == ["decision", "task", "task", "question"]
    # the body has items: an attached copy is not read again
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["Subject"] = "纪要"
    msg.set_content("任务：王磊7月10日前提交测试包\n")
    msg.add_attachment(
        "任务：王磊7月10日前提交测试包\n".encode(), "text", "plain", filename="m.txt"
    )
    assert len(parse_minutes(parse_mail(msg.as_bytes()), anchor)) == 1


def test_docx_lines_keep_paragraphs_and_table_rows():
    from parsers.minutes import docx_lines

    raw = (FIXTURES / "x19_outlook_docx_attachment.eml").read_bytes()
    att = next(a for a in parse_mail(raw).attachments if a.filename.endswith(".docx"))
    lines = [line for line in docx_lines(att.payload) if line]
    assert "Decisions" in lines and "Task\tOwner\tDue" in lines
    assert "We go with vendor B & keep the 3:7 split." in lines
    assert docx_lines(b"not a zip") == []


def test_meeting_end_needs_an_offset():
    mail = parse_mail((FIXTURES / "x14_foxmail_owner_after.eml").read_bytes())
    with pytest.raises(ValueError, match="offset"):
        parse_minutes(mail, datetime(2026, 7, 8, 15, 30))


def test_unknown_year_is_reported_by_the_command(capsys):
    """2027's official schedule is not in the calendar data: due null with due_error, exit 0,
    no weekends-only guess; explicit 2027 dates need no working days and are read."""
    from service.cli import main

    path = FIXTURES / "x21_dues_into_2027.eml"
    code = main(
        ["parse", "minutes", str(path), "--meeting-end", "2026-12-30T16:00:00+08:00", "--json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    dues = {i["owner"]: (i["due"], i.get("due_error")) for i in out["items"] if i["kind"] == "task"}
    assert dues["财务经理"] == (None, "working days of 2027 are not known")
    assert dues["乙方"] == ("2027-01-08T18:00:00+08:00", None)


def test_owner_written_first_wins_over_a_helper_after():
    assert find_owner("王磊负责整理文档，张敏跟进", "task") == "王磊"
    assert find_owner("宏昇精密在2个工作日内提交报告，采购部跟进", "task") == "宏昇精密"
