"""Minutes as recorders write them without the guide's headings (issue 9 "Minutes", issue 10
defect 7): numbered lines with fields, "X负责…前完成", bullets after "要点如下：", English
action items, prose; titles without owner and deadline; the recorder's numbers; the
item-like lines that were not read.

The labelled mails of tests/corpus/minutes_h3, minutes_h3b and minutes_h3c (written for this, each
scored before the rules were changed for it; first scores in their first_score.txt) are
checked case by case here too.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from parsers.deadlines import find_deadline
from parsers.mime import parse_mail
from parsers.minutes import read_lines, read_minutes, split_items
from parsers.minutes_loose import STRONG, WEAK, loose_kind, sentences
from parsers.minutes_title import item_title

CORPORA = [
    Path(__file__).resolve().parents[1] / "corpus" / name
    for name in ("minutes_h3", "minutes_h3b", "minutes_h3c")
]
CASES = [
    {**case, "folder": folder}
    for folder in CORPORA
    for case in json.loads((folder / "labels.json").read_text(encoding="utf-8"))
]
CST = timezone(timedelta(hours=8))
ANCHOR = datetime(2026, 9, 28, 17, 0, tzinfo=CST)  # Mon, before 国庆
# Kept as labelled although the parser disagrees: a decision's owner is read only from
# "由X"/"X负责"-like wording, not from "X will …" (see minutes_owner OWNER_VERBS_EN_DECISION).
KNOWN_MISSES = {
    "h05": "decision owner written as 'Ningde Battery will replace …'",
    "c08": "'成本上限每套12元' reads its topic as the owner, as '宏昇精密每周一提供…' names one",
    "c09": "a discussion point '…还需要市场部意见，下周一前给出' reads as 市场部's task",
}


def squash(text: str | None) -> str:
    return "".join((text or "").split()).casefold()


def _mail(body: str, subject: str = "会议纪要") -> object:
    msg = EmailMessage()
    msg["From"] = "李静 <li.rec@yunqi.example.cn>"
    msg["To"] = "assistant@meetloop.example.com"
    msg["Subject"] = subject
    msg.set_content(body)
    return parse_mail(msg.as_bytes())


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_labelled_minutes(case):
    if case["id"] in KNOWN_MISSES:
        pytest.xfail(KNOWN_MISSES[case["id"]])
    mail = parse_mail((case["folder"] / case["file"]).read_bytes())
    got = read_minutes(mail, datetime.fromisoformat(case["meeting_end"])).items
    want = case["expect"]["items"]
    assert len(got) == len(want), [g["text"] for g in got]
    for w, g in zip(want, got, strict=True):  # in the order written
        assert g["kind"] == w["kind"] and squash(w["key"]) in squash(g["text"]), g
        assert squash(g["owner"]) == squash(w["owner"]), g
        due = g["due"] and datetime.fromisoformat(g["due"])
        assert due == (w["due"] and datetime.fromisoformat(w["due"])), g


def test_numbered_lines_with_fields_keep_number_and_title():
    read = read_minutes(
        _mail(
            "各位好：\n\n纪要如下，请查阅。\n\n"
            "1. B2609批次电芯暂停使用。\n"
            "2. 提交8D报告，负责人：郑敏，完成时间：10月9日\n"
            "5. 补充来料检验记录，完成时间：9月30日，负责人：王建\n\n王磊\n质量部\n"
        ),
        ANCHOR,
    )
    assert [(i["number"], i["kind"], i["title"], i["owner"]) for i in read.items] == [
        (1, "decision", "B2609批次电芯暂停使用", None),
        (2, "task", "提交8D报告", "郑敏"),
        (5, "task", "补充来料检验记录", "王建"),
    ]
    assert read.items[1]["text"] == "提交8D报告，负责人：郑敏，完成时间：10月9日"  # as written
    assert read.unread == [] and not read.structured and read.evident


@pytest.mark.parametrize(
    ("text", "owner", "phrase", "title"),
    [
        ("郑敏负责牵头完成8D报告，9月30日前完成", "郑敏", "9月30日前", "牵头完成8D报告"),
        ("10月12日前寄出复测样品 —— 陈嘉慧", "陈嘉慧", "10月12日前", "寄出复测样品"),
        ("9月30日前完成来料复检，王建", "王建", "9月30日前", "完成来料复检"),
        ("10月9日前提交8D报告（郑敏）", "郑敏", "10月9日前", "提交8D报告"),
        ("更新控制计划（负责：王建；时间：10月14日）", "王建", "时间：10月14日", "更新控制计划"),
        ("Mr. Kwok to confirm the sample quantity by Wednesday", "Mr. Kwok", "by Wednesday",
         "Confirm the sample quantity"),
        ("Submit the 8D report - owner: Zheng Min - due: Oct 9", "Zheng Min", "due: Oct 9",
         "Submit the 8D report"),
        ("宁德时代的郑敏会在10月9日前提交8D报告", "郑敏", "10月9日前", "提交8D报告"),
        ("B2609批次电芯暂停使用", None, None, "B2609批次电芯暂停使用"),
        ("负责人：郑敏，完成时间：10月9日", "郑敏", None, "负责人：郑敏，完成时间：10月9日"),
    ],
)  # fmt: skip
def test_title_drops_owner_and_deadline(text, owner, phrase, title):
    assert item_title(text, owner, phrase) == title


@pytest.mark.parametrize(
    ("text", "kind", "strength"),
    [
        ("提交8D报告，负责人：郑敏，完成时间：10月9日", "task", STRONG),
        ("Agreed to keep batch B2609 on hold", "decision", STRONG),
        ("今天会上大家一致同意B2609批次电芯先暂停使用", "decision", STRONG),
        ("复测期间，经双方讨论后一致同意改用B2610批次", "decision", WEAK),
        ("复测费用由谁承担还没有定，下次会议再议", "question", STRONG),
        ("It is still open who pays for the second round", "question", STRONG),
        ("乙方负责嘉宾邀请", "task", STRONG),
        ("供应商报价待比较，下周三前出结果", "task", WEAK),
        ("9月28日评审会纪要如下，请查阅", "decision", 0),
        ("Thank you for joining today", "decision", 0),
    ],
)
def test_loose_lines_are_weighed_by_their_words(text, kind, strength):
    got_kind, got_strength, _ = loose_kind(text)
    assert (got_kind if got_strength else "decision", got_strength) == (kind, strength)


def test_prose_is_read_sentence_by_sentence():
    assert sentences("Mr. Kwok will check it by Friday. It is still open who pays.") == [
        "Mr. Kwok will check it by Friday.",
        "It is still open who pays.",
    ]
    assert sentences("大家同意暂停。郑敏10月9日前提交报告！费用谁出？") == [
        "大家同意暂停。",
        "郑敏10月9日前提交报告！",
        "费用谁出？",
    ]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("甲方负责场地预订；乙方负责嘉宾邀请", ["甲方负责场地预订", "乙方负责嘉宾邀请"]),
        (
            "Kevin will draft the release by Friday, and Laura will book the venue by Jul 20",
            ["Kevin will draft the release by Friday", "Laura will book the venue by Jul 20"],
        ),
        (
            "由宁德方负责更换电芯，10月30日前完成；请武汉工厂于10月9日前反馈数量",
            ["由宁德方负责更换电芯，10月30日前完成", "请武汉工厂于10月9日前反馈数量"],
        ),
    ],
)
def test_one_line_two_owners_is_two_items(text, parts):
    assert split_items(text, "task") == parts


def test_unread_lines_next_to_headings_are_reported_not_kept():
    items, unread = read_lines(
        [
            "一、会议决定",
            "1. 预算按3:7分摊。",
            "二、讨论要点",
            "2. 宣传物料印刷的供应商报价待比较，下周三前出结果",
            "3. 现场气氛热烈",  # a discussion point without any item mark: neither
            "三、后续任务",
            "4. 整理接口文档，负责人：张伟，完成时间：11月26日",
        ]
    )
    assert [(i.number, i.kind) for i in items] == [(1, "decision"), (4, "task")]
    assert unread == ["宣传物料印刷的供应商报价待比较，下周三前出结果"]


def test_one_dated_sentence_is_a_mail_not_minutes():
    read = read_minutes(_mail("王总，明天下午3点前我把资料发给大家。\n\n李静\n"), ANCHOR)
    assert len(read.items) == 1 and not read.evident


def test_a_reply_quoting_our_mail_reads_no_loose_lines_from_the_quote():
    body = (
        "改期到 2026-10-19 14:00\n\n-----原始邮件-----\n发件人: 会议助手\n主题: 邀请\n\n"
        "请于10月9日前回复是否参加。\n会议资料请在10月12日前上传。\n"
    )
    assert read_minutes(_mail(body, "答复: 邀请"), ANCHOR).items == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("郑敏负责在10月15日前一天把样品送到实验室", datetime(2026, 10, 14, 18, 0, tzinfo=CST)),
        ("send the samples two days before Oct 15", datetime(2026, 10, 13, 18, 0, tzinfo=CST)),
        ("The audit, held before Oct 15 as planned, found nothing", None),
        ("The audit is to be held before Oct 15", datetime(2026, 10, 15, 18, 0, tzinfo=CST)),
        ("今天会上大家一致同意暂停使用", None),
        ("今天下班前提交", datetime(2026, 9, 28, 18, 0, tzinfo=CST)),
    ],
)
def test_deadline_words_recorders_use(text, due):
    found = find_deadline(text, ANCHOR)
    assert (found.due if found else None) == due


def test_a_tables_index_column_is_the_items_number():
    items, _ = read_lines(
        [
            "| 序号 | 事项 | 负责人 | 截止时间 |",
            "|---|---|---|---|",
            "| 3 | 提交8D报告 | 郑敏 | 10月9日 |",
            "| 7 | 更新控制计划 | 王建 | 10月14日 |",
        ]
    )
    assert [(i.number, i.text) for i in items] == [(3, "提交8D报告"), (7, "更新控制计划")]


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (  # capitals without a colon, cells between dashes
            ["DECISION – Shenzhen is the hub.", "ACTION Maria – send the volumes – by Oct 9",
             "OPEN – do we need a bonded store?"],
            [("decision", None), ("task", "Maria"), ("question", None)],
        ),
        (  # "Open:" opens questions; an owner after the question still answers it
            ["Decisions:", "- Run the test in week 44.", "Open:",
             "- Is a second run needed? Qichen quality to decide by next Friday."],
            [("decision", None), ("question", "Qichen quality")],
        ),
        (  # "一是…；二是…" and a kind tag written by the recorder
            ["本次会议确认了两件事：", "一是年报只出中文版；", "二是发布会放在三月（决议）",
             "另外，吴敏下周三前把宣传稿发出来。"],
            [("decision", None), ("decision", None), ("task", "吴敏")],
        ),
        (  # a subject and a verb with no deadline is a statement; 安排 after a subject
            ["1、季度复盘会定在周五下午。", "2、林海于3个工作日内安排样品寄送。",
             "3、运费是否分摊，待周明确认"],
            [("decision", None), ("task", "林海"), ("question", "周明")],
        ),
    ],
)  # fmt: skip
def test_minutes_written_outside_the_guides_forms(lines, want):
    items = read_minutes(_mail("\n".join(lines)), ANCHOR).items
    assert [(i["kind"], i["owner"]) for i in items] == want


def test_a_forward_from_a_german_outlook_skips_its_header_block():
    items, unread = read_lines(
        [
            "anbei das Protokoll.",
            "Von: Anna Schmidt <anna@kuehne.example.de>",
            "Gesendet: Donnerstag, 22. Oktober 2026 11:40",
            "Betreff: Protokoll",
            "Decisions:",
            "- Test according to ISO 16750-3.",
        ]
    )
    assert [i.text for i in items] == ["Test according to ISO 16750-3."] and unread == []


def test_today_naming_the_meeting_is_no_deadline():
    assert find_deadline("今天的沟通会确认了三件事", ANCHOR) is None
    assert find_deadline("今天会后把纪要发出", ANCHOR) is not None


def test_points_enumerated_inside_one_sentence_are_items():
    read = read_minutes(
        _mail("今天的会定了三件事：一是外箱改为五层；二是取消彩印；三是王磊在10月9日前重新报价。"),
        ANCHOR,
    )
    assert [(i["kind"], i["owner"]) for i in read.items] == [
        ("decision", None),
        ("decision", None),
        ("task", "王磊"),
    ]


def test_an_owner_named_only_by_the_answer_awaited():
    read = read_minutes(_mail("1. 预算按3:7分摊\n2. 是否请客户到场验收，待赵总定\n"), ANCHOR)
    assert [(i["kind"], i["owner"]) for i in read.items] == [
        ("decision", None),
        ("question", "赵总"),
    ]
