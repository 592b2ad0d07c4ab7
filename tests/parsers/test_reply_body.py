"""reply_body on real replies from each client, and every quote/signature pattern row on a real mail."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parsers.mime import html_to_text, parse_mail
from parsers.quote_patterns import PATTERNS
from parsers.reply import read_reply
from parsers.reply_body import normalise, quoted_parts, reply_body, sender_names

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replies"
OWN = json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8"))
CORPUS = json.loads((FIXTURES / "corpus_labels.json").read_text(encoding="utf-8"))
CASES = {**OWN, **CORPUS}
# Replies by kind (tests/parsers/test_reply_body_kinds.py checks their bodies).
BODIES = FIXTURES.parent / "bodies"
BODY_CASES = json.loads((BODIES / "labels.json").read_text(encoding="utf-8"))


def squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c["body"] is not None))
def test_body_of_fixture(name):
    case = CASES[name]
    mail = parse_mail((FIXTURES / f"{name}.eml").read_bytes())
    got = read_reply(mail, case["context"], case.get("poll_size")).body
    assert squash(got) == squash(case["body"])


@pytest.mark.parametrize("row", PATTERNS, ids=lambda p: p.name)
def test_every_pattern_row_has_a_real_mail(row):
    """A row is only trusted when a real .eml shows it, and the body there comes out right."""
    names = [n for n, c in OWN.items() if row.name in c["rows"]]
    shown = [n for n in BODY_CASES if _shows(BODIES / f"{n}.eml", row)]
    assert names or shown, f"no fixture exercises pattern row {row.name}"
    assert row.regex.search(row.example), "the row's own example must match it"
    for name in names:
        mail = parse_mail((FIXTURES / f"{name}.eml").read_bytes())
        lines = [re.sub(r"^(\s*>)+", "", x).strip() for x in normalise(mail.text)]
        assert any(row.regex.search(x) for x in lines), f"{name} does not contain a {row.name} line"


def _shows(path: Path, row) -> bool:
    lines = [
        re.sub(r"^(\s*>)+", "", x).strip() for x in normalise(parse_mail(path.read_bytes()).text)
    ]
    return any(row.regex.search(x) for x in lines)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("收到，谢谢！\n\n张伟\n", "收到，谢谢！"),
        (
            "收到，无异议。\n\n谢谢！\n\n李娜\n财务经理 | 上海澄川信息科技有限公司\nTel: 021-5555-0135",
            "收到，无异议。",
        ),
        ("OK.\n\nBest regards,\nEmily\n\nEmily Clarke\nHead of Partnerships", "OK."),
        ("已完成。\n\n此致\n敬礼\n\n许静怡\n法务专员", "已完成。"),
        ("Thanks, I'll attend.\n", "Thanks, I'll attend."),
        ("谢谢", "谢谢"),
        ("> 1. 方案A\n> 2. 方案B\n\n2可以\n\n> 请回复编号\n", "2可以"),
        (
            "On Mon, 6 Jul 2026 at 09:00, X <x@y.example> wrote:\n> question\n\nanswer below\n",
            "answer below",
        ),
        ("好的\n-----原始邮件-----\n发件人: X\n收件人: Y\n\n原文", "好的"),
        ("第一行\n第二行\n\n-- \n签名", "第一行\n第二行"),
        ("参加\n\n发自我的 iPhone\n\n在 2026年7月8日，15:20，X <x@y> 写道：\n> 原文", "参加"),
        ("张三\n产品经理\n北京某某科技有限公司\n", "张三"),
        (
            "Hi Tom,\n\nApproved.\n\nBest,\nAnna\n\nOn Wed, Jul 8, 2026 at 3:20 PM X <x@y.example> wrote:\n> q",
            "Hi Tom,\n\nApproved.",
        ),
        ("Fine.\n\nJ. Smith\nHead of Sales", "Fine."),
        ("Approved.", "Approved."),
        (
            "Received.\n\nBest regards\nLi Wei\nSales Manager\n"
            "Room 1201, Tower A, 88 Century Avenue, Shanghai 200120, China\n+86 21 5555 0000",
            "Received.",
        ),
        (
            "Noted.\nThanks\nI will send the file tomorrow",
            "Noted.\nThanks\nI will send the file tomorrow",
        ),
        ("好的。\n谢谢\n我明天发给您", "好的。\n谢谢\n我明天发给您"),
    ],
)
def test_body_rules(text, body):
    assert reply_body(text) == body


def test_quoted_parts_keeps_the_history():
    text = '好的\n\n在 2026-07-08 15:20:00，"X" <x@y.example> 写道：\n>原文第一行\n>原文第二行\n'
    assert quoted_parts(text).endswith("原文第一行\n原文第二行")


def test_sentence_with_a_sender_name_is_kept():
    assert reply_body("Please ask Zhang Wei.\n\nBest,\nTom") == "Please ask Zhang Wei."


def _mails_with(predicate) -> list[str]:
    """Fixture names with a body whose parsed mail satisfies predicate (no calendar replies)."""
    out = []
    for name, case in sorted(CASES.items()):
        if case["body"]:
            mail = parse_mail((FIXTURES / f"{name}.eml").read_bytes())
            if not mail.calendar_parts and predicate(mail):
                out.append(name)
    return out


@pytest.mark.parametrize("name", _mails_with(lambda mail: True))
def test_body_without_blank_lines(name):
    """Clients that put no blank line between text, signature and quote read the same."""
    mail = parse_mail((FIXTURES / f"{name}.eml").read_bytes())
    dense = "\n".join(x for x in mail.text.replace("\r", "").split("\n") if x.strip())
    got = reply_body(dense, sender_names(mail.from_name, mail.from_addr))
    assert squash(got) == squash(CASES[name]["body"])


@pytest.mark.parametrize("name", _mails_with(lambda mail: bool(mail.html)))
def test_html_alternative_reads_the_same(name):
    """The HTML part of a mail, rendered, gives the same body as its text part."""
    mail = parse_mail((FIXTURES / f"{name}.eml").read_bytes())
    got = reply_body(html_to_text(mail.html), sender_names(mail.from_name, mail.from_addr))
    assert squash(got) == squash(CASES[name]["body"])


def test_sender_first_name_alone_under_the_text():
    names = sender_names("Sarah Lin", "sarah.lin@example.com")
    assert reply_body("Rest is fine.\nSarah", names) == "Rest is fine."
    assert reply_body("Rest is fine.\nSarah") == "Rest is fine.\nSarah"


def test_foxmail_rule_line_above_the_signature_goes():
    assert (
        reply_body(
            "参加。\n\n________________________________\n刘洋\n技术负责人\nTel: 0755-2555-0166"
        )
        == "参加。"
    )
