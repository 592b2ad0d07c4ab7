"""parse_mail and html_to_text on real mail bytes: charsets, structure, and never raising."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.charset import decode_bytes, decode_header_value, norm_charset
from parsers.mime import OUTLOOK_SEPARATOR, ParsedMail, html_to_text, parse_mail

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replies"


def load(name: str) -> ParsedMail:
    return parse_mail((FIXTURES / f"{name}.eml").read_bytes())


def test_headers_addresses_and_date_of_an_outlook_reply():
    mail = load("c_r001")
    assert mail.from_addr == "chenjing@lanwan-elec.example.cn"
    assert mail.from_name == "陈静"
    assert mail.subject.startswith("答复: 会议邀请")
    assert mail.date is not None and mail.date.utcoffset() is not None
    assert mail.message_id and mail.message_id.startswith("<")
    assert mail.headers["subject"] == mail.subject
    assert mail.is_mail


def test_gb2312_label_on_gbk_text_reads_as_gb18030():
    mail = load("gbk_as_gb2312")
    assert "朱镕基、王喆" in mail.text
    assert mail.from_name == "王喆"  # =?gb2312?B?…?= holding a GBK-only character


def test_big5_quoted_printable_and_header():
    mail = load("outlook_tw_plain")
    assert mail.subject == "回覆: 驗收申請：數據對接標準文檔"
    assert mail.from_name == "陳美玲"
    assert mail.text.startswith("驗收通過，謝謝。")


def test_gb18030_html_only_with_emoji_is_rendered():
    mail = load("c_r003")
    assert mail.html is not None
    assert mail.text.startswith("先报个待定吧")
    assert "------------------ 原始邮件 ------------------" in mail.text


def test_rfc2047_words_split_in_the_middle_of_a_character():
    raw = "会议纪要确认".encode()
    first, second = raw[:4], raw[4:]  # 会 is 3 bytes: the cut falls inside 议
    subject = (
        f"=?UTF-8?B?{base64.b64encode(first).decode()}?=\r\n"
        f" =?utf-8?B?{base64.b64encode(second).decode()}?="
    )
    mail = parse_mail(f"From: a@b.example\r\nSubject: {subject}\r\n\r\nbody\r\n".encode())
    assert mail.subject == "会议纪要确认"


def test_raw_8bit_gbk_header_and_body_without_charset():
    raw = (
        b"From: "
        + "张三".encode("gbk")
        + b" <zs@b.example>\r\nSubject: "
        + "延期申请".encode("gbk")
    )
    raw += b"\r\n\r\n" + "明天交".encode("gbk") + b"\r\n"
    mail = parse_mail(raw)
    assert mail.subject == "延期申请"
    assert mail.from_name == "张三" and mail.from_addr == "zs@b.example"
    assert mail.text.strip() == "明天交"


def test_unknown_charset_alias_and_lying_label():
    body = "收到，无异议。".encode("gbk")
    raw = b"From: a@b.example\r\nContent-Type: text/plain; charset=x-gbk\r\n\r\n" + body
    assert parse_mail(raw).text == "收到，无异议。"
    lying = b"From: a@b.example\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
    assert parse_mail(lying).text == "收到，无异议。"


def test_charset_helpers():
    assert norm_charset("GB2312") == "gb18030"
    assert norm_charset('"big5"') == "big5hkscs"
    assert norm_charset("x-unknown") is None
    assert decode_bytes("喆".encode("gbk"), "gb2312") == "喆"
    assert (
        decode_header_value("=?gbk?B?" + base64.b64encode("镕".encode("gbk")).decode() + "?=")
        == "镕"
    )


def test_attachments_with_names_types_and_sizes():
    mail = load("attachments")
    names = {a.filename: a for a in mail.attachments}
    assert names["验收单.pdf"].content_type == "application/pdf"
    assert names["验收单.pdf"].size == len(names["验收单.pdf"].payload) == len(b"%PDF-1.4 fake")
    assert "invite.ics" in names
    assert len(mail.calendar_parts) == 1 and b"METHOD:REPLY" in mail.calendar_parts[0]


def test_rfc2047_attachment_name_in_quotes():
    mail = load("c_r087")
    assert [a.filename for a in mail.attachments if a.content_type == "application/pdf"]
    assert all("=?" not in a.filename for a in mail.attachments)


def test_inline_calendar_reply_part_is_collected():
    mail = load("c_r022")
    assert len(mail.calendar_parts) == 1
    assert b"PARTSTAT=ACCEPTED" in mail.calendar_parts[0]


def test_delivery_status_report_is_read():
    mail = load("c_r132")
    assert mail.report is not None
    assert mail.report.recipients[0].recipient == "zhao.min@lanwan-elec.example.cn"
    assert mail.report.recipients[0].action == "failed"
    assert mail.report.original_headers.get("subject")


# ---------------------------------------------------------------- html_to_text


def test_html_blockquote_becomes_quoted_lines():
    text = html_to_text(
        "<div>好的</div><blockquote><div>原文一</div><div>原文二</div></blockquote>"
    )
    assert text.split("\n") == ["好的", "> 原文一", "> 原文二"]


def test_html_br_div_p_and_nbsp():
    text = html_to_text("<p>第一段&nbsp;内容<br>第二行</p><div>第三行</div>")
    assert [x for x in text.split("\n") if x] == ["第一段 内容", "第二行", "第三行"]


def test_outlook_msonormal_and_border_top_separator():
    html = (
        '<div class="WordSection1"><p class="MsoNormal">Received.<o:p></o:p></p>'
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt"><p class="MsoNormal">'
        "<b>From:</b> A<br><b>Sent:</b> today</p></div></div>"
    )
    lines = [x for x in html_to_text(html).split("\n") if x]
    assert lines == ["Received.", OUTLOOK_SEPARATOR, "From: A", "Sent: today"]


def test_tables_become_rows_of_cells():
    html = (
        "<table><tr><th>事项</th><th>负责人</th><th>截止时间</th></tr>"
        "<tr><td>提交文档</td><td>乙方<br>刘洋</td><td>7月10日</td></tr></table>"
    )
    assert html_to_text(html).split("\n") == [
        "事项 | 负责人 | 截止时间",
        "提交文档 | 乙方 刘洋 | 7月10日",
    ]


def test_style_and_script_are_not_text():
    html = "<html><head><style>p{color:red}</style></head><body><script>x=1</script><p>正文</p></body></html>"
    assert html_to_text(html) == "正文"


def test_html_only_mail_uses_rendered_text():
    mail = load("outlook_web_html")
    assert mail.html and "<p" in mail.html
    assert mail.text.startswith("Received, no objection.")
    assert OUTLOOK_SEPARATOR in mail.text


# ---------------------------------------------------------------- never raises

REAL = sorted(FIXTURES.glob("*.eml"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_parse_mail_never_raises_on_arbitrary_bytes(raw):
    mail = parse_mail(raw)
    assert isinstance(mail, ParsedMail)
    assert isinstance(mail.text, str) and isinstance(mail.defects, list)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(REAL),
    st.integers(min_value=0, max_value=50_000),
    st.binary(min_size=1, max_size=64),
)
def test_parse_mail_never_raises_on_damaged_real_mail(path, at, junk):
    raw = path.read_bytes()
    at %= max(len(raw), 1)
    mail = parse_mail(raw[:at] + junk + raw[at + len(junk) :])
    assert isinstance(mail, ParsedMail)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff" * 100,
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\n"
        + b"--x\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n" * 2000,
        b"From: a@b\r\nContent-Type: text/plain; charset=no-such-charset\r\n\r\n\xc4\xe3",
        b"From: a@b\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!",
        b"Subject: =?utf-8?B?####?=\r\n\r\nx",
    ],
)
def test_parse_mail_survives_known_nasties(raw):
    mail = parse_mail(raw)
    assert isinstance(mail, ParsedMail)


def test_not_a_mail_is_flagged():
    assert not parse_mail(b"just some words\nand more\n").is_mail
    assert not parse_mail(b"").is_mail


def test_labels_files_are_consistent():
    labels = json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8"))
    assert all((FIXTURES / f"{name}.eml").exists() for name in labels)


def test_repeated_headers_are_all_kept():
    raw = (
        b"Received: from a by b\r\nReceived: from c by d\r\n"
        b"Authentication-Results: mx.example; dkim=pass\r\nAuthentication-Results: other; dkim=fail\r\n"
        b"From: x@y.example\r\nSubject: s\r\n\r\nbody\r\n"
    )
    mail = parse_mail(raw)
    assert [v for k, v in mail.header_list if k == "received"] == ["from a by b", "from c by d"]
    assert mail.headers["authentication-results"] == "mx.example; dkim=pass"
    assert len([k for k, _ in mail.header_list if k == "authentication-results"]) == 2
