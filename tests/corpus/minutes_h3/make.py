#!/usr/bin/env python3
"""Write this folder's labelled minutes mails (*.eml) and labels.json.

    python3 tests/corpus/minutes_h3/make.py

Minutes as recorders write them, collected from the kinds issue 9 and issue
10 name (numbered lines with 负责人/完成时间 fields, "X负责…，9月30日前完成",
"要点如下：" bullets, English action items, prose without headings, owners
after the deadline, decisions without owner, single-space tables, "甲方负责A；
乙方负责B", past-tense dates, "7月15日前一天"). The texts are written by hand;
the helpers only wrap them the way each client sends mail. Labels follow
../../../../shared/spec/parsing-contract.md; working days from the mainland
calendar (国庆 2026: Oct 1-7 off, Sep 20 and Oct 10 worked).
"""

from __future__ import annotations

import hashlib
import html
import json
import textwrap
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVICE = ("会议助手", "assistant@meetloop.example.com")
CASES: list[dict] = []
OUT = [HERE]  # the folder `case` writes into


def _text(body: str, subtype: str, charset: str, cte: str, flowed: bool = False) -> MIMEText:
    cs = Charset(charset)
    cs.body_encoding = BASE64 if cte == "b64" else QP
    part = MIMEText("", subtype)
    part.set_payload(body.replace("\n", "\r\n"), cs)
    if flowed:
        part.set_param("format", "flowed")
    return part


def _html_of(body: str, style: str) -> str:
    rows = []
    for line in body.split("\n"):
        esc = html.escape(line) or "<br>"
        rows.append(
            f'<p class="MsoNormal">{esc}</p>' if style == "outlook" else f"<div>{esc}</div>"
        )
    return "<html><head><meta charset='utf-8'></head><body>" + "\n".join(rows) + "</body></html>"


def _flow(body: str, width: int = 72) -> str:
    out = []
    for line in body.split("\n"):
        if len(line) <= width or not line.isascii():
            out.append(line)
            continue
        wrapped = textwrap.wrap(line, width)
        out += [w + " " for w in wrapped[:-1]] + [wrapped[-1]]
    return "\n".join(out)


def mail(frm, subject, date, body, client, charset="utf-8", html_body=None):
    """One message in `client`'s way: which parts, which charset and encoding."""
    if client in ("outlook-zh", "outlook-en", "foxmail", "gmail-zh", "gmail-en", "163"):
        top = MIMEMultipart("alternative")
        cte = "b64" if client in ("outlook-zh", "foxmail", "163") else "qp"
        top.attach(_text(body, "plain", charset, cte))
        style = "outlook" if client.startswith("outlook") else "div"
        top.attach(_text(html_body or _html_of(body, style), "html", charset, cte))
    elif client in ("qqmail", "feishu", "wecom"):
        top = _text(html_body or _html_of(body, "div"), "html", charset, "b64")
    elif client == "apple":
        top = _text(_flow(body), "plain", charset, "qp", flowed=True)
    else:
        top = _text(body, "plain", charset, "b64")
    if top.is_multipart():  # fixed boundaries: the same script writes the same bytes
        top.set_boundary("=_" + hashlib.sha1((subject + date).encode()).hexdigest()[:24])
    top["From"] = formataddr(frm, charset="utf-8")
    top["To"] = formataddr(SERVICE, charset="utf-8")
    top["Subject"] = Header(subject, "utf-8")
    top["Date"] = date
    top["Message-ID"] = (
        f"<{hashlib.sha1((subject + date).encode()).hexdigest()[:16]}.{client}@example.net>"
    )
    top["MIME-Version"] = "1.0"
    return top


def case(cid, client, meeting_end, frm, subject, date, body, items, note, lang="zh", **kw):
    body = textwrap.dedent(body).strip("\n") + "\n"
    msg = mail(frm, subject, date, body, client, **kw)
    (OUT[0] / f"{cid}.eml").write_bytes(msg.as_bytes())
    CASES.append(
        {
            "id": cid,
            "file": f"{cid}.eml",
            "type": "minutes",
            "meeting_end": meeting_end,
            "client": client,
            "lang": lang,
            "expect": {
                "items": [
                    {"kind": k, "key": key, "owner": owner, "due": due}
                    for k, key, owner, due in items
                ]
            },
            "note": note,
        }
    )


D, T, Q = "decision", "task", "question"
SEP28 = "2026-09-28T17:00:00+08:00"  # Mon, before 国庆
SEP30 = "2026-09-30T17:00:00+08:00"  # Wed, the last working day before 国庆
OCT12 = "2026-10-12T11:00:00+08:00"  # Mon
JUL08 = "2026-07-08T15:30:00+08:00"  # Wed
JUL16 = "2026-07-16T10:00:00+08:00"  # Thu
WANG = ("王磊", "wanglei@whauto.example.cn")
HELEN = ("Helen Tan", "helen.tan@sgtestlab.example.sg")
ZHENG = ("郑敏", "zhengmin@ndbattery.example.cn")
GRACE = ("Grace Lim", "grace@sgtestlab.example.sg")
LIU = ("刘芳", "liufang@whauto.example.cn")


def due(day: str, at: str = "18:00:00", off: str = "+08:00") -> str:
    return f"{day}T{at}{off}"


def batch() -> None:
    """The cases of this folder."""
    case(
        "h01",
        "outlook-zh",
        SEP28,
        WANG,
        "9月28日供应商质量评审会纪要",
        "Mon, 28 Sep 2026 17:40:00 +0800",
        """
        各位好：

        9月28日供应商质量评审会纪要如下，请查阅。

        1. B2609批次电芯暂停使用，待复测结果再定。
        2. 提交8D报告，负责人：郑敏，完成时间：10月9日
        3. 补充B2609批次的来料检验记录，负责人：王建，完成时间：9月30日
        4. 新加坡实验室复测样品寄送，负责人：陈嘉慧，完成时间：10月12日

        王磊
        武汉整车 质量部
        """,
        [
            (D, "B2609批次电芯暂停使用", None, None),
            (T, "提交8D报告", "郑敏", due("2026-10-09")),
            (T, "来料检验记录", "王建", due("2026-09-30")),
            (T, "复测样品寄送", "陈嘉慧", due("2026-10-12")),
        ],
        "Numbered lines with 负责人/完成时间 fields and no headings; the first line states a "
        "decision with no owner.",
        charset="gbk",
    )

    case(
        "h02",
        "foxmail",
        SEP28,
        WANG,
        "会议纪要：电芯质量沟通会",
        "Mon, 28 Sep 2026 18:05:11 +0800",
        """
        会议纪要（9月28日 电芯质量沟通会）

        一、决议
        B2609批次电芯即日起暂停上线使用。
        复测由新加坡实验室独立完成，双方认可其结论。

        二、后续工作
        郑敏负责牵头完成8D报告，9月30日前完成。
        王建负责整理来料检验记录，10月9日前完成。
        Kwok先生负责出具复测报告，10月16日前完成。

        王磊
        """,
        [
            (D, "暂停上线使用", None, None),
            (D, "新加坡实验室独立完成", "新加坡实验室", None),
            (T, "8D报告", "郑敏", due("2026-09-30")),
            (T, "来料检验记录", "王建", due("2026-10-09")),
            (T, "复测报告", "Kwok先生", due("2026-10-16")),
        ],
        "'X负责…，9月30日前完成' lines under 后续工作; unbulleted decisions.",
        charset="gb18030",
    )

    case(
        "h03",
        "qqmail",
        JUL08,
        ("赵婷", "zhaoting@qq.example.com"),
        "今天对接会的要点",
        "Wed, 08 Jul 2026 16:10:00 +0800",
        """
        各位：
        今天的对接会要点如下：
        • 联合推广预算按4:6分摊
        • 乙方负责提供门店名单，7月15日前完成
        • 甲方市场部7月17日前确认宣传物料
        • 首场活动是否放在苏州，待双方领导确认
        谢谢
        """,
        [
            (D, "4:6", None, None),
            (T, "门店名单", "乙方", due("2026-07-15")),
            (T, "宣传物料", "甲方市场部", due("2026-07-17")),
            (Q, "苏州", None, None),
        ],
        "'要点如下：' then • bullets and no kind heading: the kind comes from each line.",
    )

    case(
        "h04",
        "gmail-en",
        OCT12,
        GRACE,
        "Notes - retest call",
        "Mon, 12 Oct 2026 11:40:00 +0800",
        """
        Hi all,

        Notes from today's call below.

        - Agreed to keep batch B2609 on hold until the retest results are in.
        - AI: the lab to send the retest report by next Fri
        - AI: Mr. Kwok to confirm the sample quantity by Wednesday
        - AI: Zheng Min to upload the 8D report by Oct 16

        Thanks,
        Grace
        """,
        [
            (D, "B2609 on hold", None, None),
            (T, "retest report", "the lab", due("2026-10-23")),
            (T, "sample quantity", "Mr. Kwok", due("2026-10-14")),
            (T, "upload the 8D report", "Zheng Min", due("2026-10-16")),
        ],
        "English 'AI:' lines; owners 'the lab' and 'Mr. Kwok'.",
        lang="en",
    )

    case(
        "h05",
        "outlook-en",
        "2026-10-12T16:00:00+08:00",
        HELEN,
        "Summary: supplier quality review",
        "Mon, 12 Oct 2026 16:45:00 +0800",
        """
        Dear all,

        Thank you for joining today. Summary of the meeting:

        The lab will send the revised test plan to both parties by Oct 14.
        Ningde Battery will replace the affected cells free of charge; this was agreed by all.
        Mr. Kwok will check whether the chamber can run at 60 degrees by Friday.
        It is still open who pays for the second round of testing.

        Best regards,
        Helen Tan
        Quality Engineer, SG Test Lab
        """,
        [
            (T, "revised test plan", "The lab", due("2026-10-14")),
            (D, "replace the affected cells free of charge", "Ningde Battery", None),
            (T, "chamber can run at 60 degrees", "Mr. Kwok", due("2026-10-16")),
            (Q, "who pays for the second round", None, None),
        ],
        "Prose summary in English with no headings; 'X will …' tasks, an agreed fact, an open point.",
        lang="en",
    )

    case(
        "h06",
        "apple",
        SEP28,
        WANG,
        "今天会议的纪要",
        "Mon, 28 Sep 2026 19:02:00 +0800",
        """
        大家好，

        今天会上大家一致同意B2609批次电芯先暂停使用。宁德时代的郑敏会在10月9日前提交8D报告，实验室那边Kwok先生下周三前给出复测方案。复测费用由谁承担还没有定，下次会议再议。

        王磊
        """,
        [
            (D, "B2609批次电芯先暂停使用", None, None),
            (T, "8D报告", "郑敏", due("2026-10-09")),
            (T, "复测方案", "Kwok先生", due("2026-10-07")),
            (Q, "复测费用由谁承担", None, None),
        ],
        "Prose minutes, one paragraph, no headings; 下周三 is Oct 7 (a holiday, taken as written).",
    )

    case(
        "h07",
        "outlook-zh",
        SEP28,
        LIU,
        "纪要",
        "Mon, 28 Sep 2026 17:30:00 +0800",
        """
        纪要：
        1、10月9日前提交8D报告（郑敏）
        2、9月30日前完成来料复检，王建
        3、10月12日前寄出复测样品 —— 陈嘉慧

        刘芳
        """,
        [
            (T, "提交8D报告", "郑敏", due("2026-10-09")),
            (T, "来料复检", "王建", due("2026-09-30")),
            (T, "寄出复测样品", "陈嘉慧", due("2026-10-12")),
        ],
        "Owner written after the deadline and the task, in three shapes.",
        charset="gbk",
    )

    case(
        "h08",
        "wecom",
        SEP30,
        LIU,
        "电芯评审会纪要",
        "Wed, 30 Sep 2026 17:20:00 +0800",
        """
        决议：B2609批次电芯暂停使用。
        决议：复测以新加坡实验室结论为准。
        任务：郑敏在10月9日前提交8D报告。
        任务：陈嘉慧在2个工作日内寄出复测样品。
        疑问：复测费用由哪方承担？
        """,
        [
            (D, "B2609批次电芯暂停使用", None, None),
            (D, "新加坡实验室结论为准", None, None),
            (T, "8D报告", "郑敏", due("2026-10-09")),
            (T, "寄出复测样品", "陈嘉慧", due("2026-10-09")),
            (Q, "复测费用由哪方承担", None, None),
        ],
        "Guide form with unowned decisions; 2个工作日内 from Wed Sep 30 skips 国庆: Oct 8, Oct 9.",
    )

    case(
        "h09",
        "gmail-en",
        OCT12,
        HELEN,
        "Action items from today",
        "Mon, 12 Oct 2026 12:00:00 +0800",
        """
        Action items
        No Item Owner Due
        1 Send revised test plan Mr. Kwok Oct 14
        2 Upload 8D report Zheng Min Oct 16
        3 Book the chamber for round two Helen Tan Oct 20
        """,
        [
            (T, "Send revised test plan", "Mr. Kwok", due("2026-10-14")),
            (T, "Upload 8D report", "Zheng Min", due("2026-10-16")),
            (T, "Book the chamber for round two", "Helen Tan", due("2026-10-20")),
        ],
        "Plain-text table with single spaces and multi-word cells.",
        lang="en",
    )

    case(
        "h10",
        "163",
        SEP28,
        LIU,
        "任务清单",
        "Mon, 28 Sep 2026 18:30:00 +0800",
        """
        任务清单
        序号 事项 负责人 截止时间
        1 提交 8D 报告 郑敏 10月9日
        2 更新 DFMEA 与控制计划 王建 10月14日
        3 寄出复测样品 陈嘉慧 9月30日
        """,
        [
            (T, "8D", "郑敏", due("2026-10-09")),
            (T, "DFMEA", "王建", due("2026-10-14")),
            (T, "寄出复测样品", "陈嘉慧", due("2026-09-30")),
        ],
        "Chinese plain-text table with single spaces; cells with spaces inside.",
        charset="gbk",
    )

    case(
        "h11",
        "foxmail",
        JUL08,
        ("孙悦", "sunyue@partner.example.cn"),
        "会后分工",
        "Wed, 08 Jul 2026 16:00:00 +0800",
        """
        会后分工：甲方负责场地预订，7月17日前；乙方负责嘉宾邀请，7月20日前。
        """,
        [(T, "场地预订", "甲方", due("2026-07-17")), (T, "嘉宾邀请", "乙方", due("2026-07-20"))],
        "'甲方负责A；乙方负责B' is two items.",
    )

    case(
        "h12",
        "gmail-en",
        JUL16,
        ("Tom Hughes", "tom@northwind.example.com"),
        "Minutes - pilot line review",
        "Thu, 16 Jul 2026 10:30:00 +0800",
        """
        Decisions
        - The pilot line audit, held before Jul 15 as planned, found no major issue; pilot production continues.

        Action items
        - Tom Hughes to circulate the audit report by Jul 17
        """,
        [
            (D, "pilot production continues", None, None),
            (T, "circulate the audit report", "Tom Hughes", due("2026-07-17")),
        ],
        "'held before Jul 15' is a past event, not a deadline.",
        lang="en",
    )

    case(
        "h13",
        "qqmail",
        JUL08,
        ("赵婷", "zhaoting@qq.example.com"),
        "样品会纪要",
        "Wed, 08 Jul 2026 16:20:00 +0800",
        """
        任务：
        1. 郑敏负责在7月15日前一天把样品送到实验室
        2. 实验室在7月15日前出具初测结果
        """,
        [
            (T, "样品送到实验室", "郑敏", due("2026-07-14")),
            (T, "初测结果", "实验室", due("2026-07-15")),
        ],
        "'7月15日前一天' is July 14.",
    )

    case(
        "h14",
        "outlook-zh",
        SEP28,
        WANG,
        "转发: 9月28日评审会纪要",
        "Mon, 28 Sep 2026 20:10:00 +0800",
        """
        请查收纪要。

        -----原始邮件-----
        发件人: 刘芳 <liufang@whauto.example.cn>
        发送时间: 2026年9月28日 17:58
        收件人: 王磊 <wanglei@whauto.example.cn>
        主题: 9月28日评审会纪要

        一、决议事项
        1. 宁德方承担B2609批次全部复测费用。
        二、待办事项
        1. 提交8D报告，负责人：郑敏，截止：10月9日
        2. 更新进料检验规范，负责人：王建，截止：10月14日
        三、待确认问题
        1. 是否需要对已装车的电池包追溯抽检？
        """,
        [
            (D, "全部复测费用", None, None),
            (T, "提交8D报告", "郑敏", due("2026-10-09")),
            (T, "进料检验规范", "王建", due("2026-10-14")),
            (Q, "追溯抽检", None, None),
        ],
        "Forwarded minutes; headings and numbered lines with fields.",
        charset="gbk",
    )

    case(
        "h15",
        "gmail-zh",
        SEP28,
        LIU,
        "Re: [M-0042] 请提交会议纪要",
        "Mon, 28 Sep 2026 18:40:00 +0800",
        """
        会议要点：
        1. 电芯批次B2609暂停使用
        2. 提交8D报告 —— 郑敏，10月9日
        3. 补充来料检验记录 —— 王建，9月30日

        刘芳

        2026年9月28日周一 17:05，会议助手 <assistant@meetloop.example.com> 写道：
        > 刘芳，您好：
        > 会议“电芯质量评审”已结束，请回复本邮件提交会议纪要。
        > 决议：……
        > 任务：……
        """,
        [
            (D, "B2609暂停使用", None, None),
            (T, "提交8D报告", "郑敏", due("2026-10-09")),
            (T, "来料检验记录", "王建", due("2026-09-30")),
        ],
        "Reply to the service's request; the quote is ours. 会议要点 then numbered lines, dash owner.",
    )

    case(
        "h16",
        "outlook-en",
        OCT12,
        HELEN,
        "Minutes: retest kickoff",
        "Mon, 12 Oct 2026 13:00:00 +0800",
        """
        Hi team,

        Action items:
        1. Send the retest plan by Oct 14 (Mr. Kwok)
        2. Confirm the shipping address by Oct 13 (Zheng Min)
        3. Share the cell teardown photos by Friday (Wang Jian)

        Regards,
        Helen
        """,
        [
            (T, "retest plan", "Mr. Kwok", due("2026-10-14")),
            (T, "shipping address", "Zheng Min", due("2026-10-13")),
            (T, "teardown photos", "Wang Jian", due("2026-10-16")),
        ],
        "Owner in parentheses after the deadline.",
        lang="en",
    )

    case(
        "h17",
        "163",
        SEP28,
        WANG,
        "会议情况",
        "Mon, 28 Sep 2026 18:00:00 +0800",
        """
        各位领导、同事：

        会议确定由宁德方负责更换全部B2609电芯，10月30日前完成；请武汉工厂质量部于10月9日前反馈已装车数量。

        王磊
        """,
        [
            (T, "更换全部B2609电芯", "宁德方", due("2026-10-30")),
            (T, "已装车数量", "武汉工厂质量部", due("2026-10-09")),
        ],
        "Prose, '由X负责' and '请X于…前' in one sentence.",
    )

    case(
        "h18",
        "outlook-zh",
        OCT12,
        ("陳嘉慧", "chan.kawai@hklab.example.hk"),
        "會議紀要",
        "Mon, 12 Oct 2026 15:00:00 +0800",
        """
        各位好，

        1. 提交測試報告，負責人：陳嘉慧，完成時間：10月14日
        2. 補充樣品編號清單，負責人：鄭敏，完成時間：10月13日
        3. 復測費用由哪方承擔，待下次會議確認

        陳嘉慧
        """,
        [
            (T, "提交測試報告", "陳嘉慧", due("2026-10-14")),
            (T, "樣品編號清單", "鄭敏", due("2026-10-13")),
            (Q, "復測費用由哪方承擔", None, None),
        ],
        "Traditional Chinese numbered lines with fields.",
        lang="zh-Hant",
        charset="big5hkscs",
    )

    case(
        "h19",
        "outlook-en",
        SEP28,
        HELEN,
        "Minutes 28 Sep",
        "Mon, 28 Sep 2026 17:45:00 +0800",
        """
        Hello,

        1. Submit the 8D report - owner: Zheng Min - due: Oct 9
        2. Ship the retest samples - owner: Chen Jiahui - due: Oct 12
        3. Batch B2609 stays on hold until further notice.

        Helen
        """,
        [
            (T, "Submit the 8D report", "Zheng Min", due("2026-10-09")),
            (T, "Ship the retest samples", "Chen Jiahui", due("2026-10-12")),
            (D, "B2609 stays on hold", None, None),
        ],
        "English numbered lines with owner/due fields after dashes.",
        lang="en",
    )

    case(
        "h20",
        "gmail-en",
        OCT12,
        GRACE,
        "Retest - decisions and actions",
        "Mon, 12 Oct 2026 12:10:00 +0800",
        """
        Decisions:
        * Retest at 45 and 60 degrees, 200 cycles each.
        * The lab's result is final for both parties.

        Actions:
        * Kwok: send the test plan by 14 Oct
        * Zheng Min: ship 20 spare cells by 16 Oct
        """,
        [
            (D, "200 cycles each", None, None),
            (D, "result is final", None, None),
            (T, "send the test plan", "Kwok", due("2026-10-14")),
            (T, "ship 20 spare cells", "Zheng Min", due("2026-10-16")),
        ],
        "'Name: task by date' action lines.",
        lang="en",
    )

    case(
        "h21",
        "feishu",
        SEP28,
        LIU,
        "9/28 评审会纪要",
        "Mon, 28 Sep 2026 17:50:00 +0800",
        """
        9/28 评审会纪要
        """,
        [
            (D, "暂停使用", None, None),
            (T, "提交8D报告", "郑敏", due("2026-10-09")),
            (T, "来料检验记录", "王建", due("2026-09-30")),
        ],
        "Feishu HTML with an ordered list and fields inside each item.",
        html_body="""<html><body><div><b>9/28 评审会纪要</b></div>
    <div>会议结论：</div>
    <ol><li>B2609批次电芯暂停使用</li></ol>
    <div>后续任务：</div>
    <ol><li>提交8D报告，负责人：郑敏，10月9日前</li>
    <li>补充来料检验记录，负责人：王建，9月30日前</li></ol>
    <div>刘芳</div></body></html>""",
    )

    case(
        "h22",
        "foxmail",
        SEP28,
        WANG,
        "会后跟进事项",
        "Mon, 28 Sep 2026 18:15:00 +0800",
        """
        以下事项请各方跟进：
        （1）王建：9月30日前补齐来料检验记录
        （2）郑敏：10月9日前提交8D报告
        （3）陈嘉慧：10月12日前寄出复测样品

        王磊
        """,
        [
            (T, "来料检验记录", "王建", due("2026-09-30")),
            (T, "8D报告", "郑敏", due("2026-10-09")),
            (T, "复测样品", "陈嘉慧", due("2026-10-12")),
        ],
        "'以下事项请各方跟进：' then '(1) 姓名：日期前任务'.",
    )

    case(
        "h23",
        "outlook-zh",
        SEP28,
        LIU,
        "评审会纪要",
        "Mon, 28 Sep 2026 17:35:00 +0800",
        """
        一、会议决定
        1. B2609批次暂停使用。
        2. 复测结果出来前不再接收新批次。
        二、行动项
        3. 提交8D报告，负责人：郑敏，完成时间：10月9日
        4. 更新控制计划，负责人：王建，完成时间：10月14日

        刘芳
        """,
        [
            (D, "B2609批次暂停使用", None, None),
            (D, "不再接收新批次", None, None),
            (T, "提交8D报告", "郑敏", due("2026-10-09")),
            (T, "更新控制计划", "王建", due("2026-10-14")),
        ],
        "The recorder numbers across sections (1-4).",
        charset="gbk",
    )

    case(
        "h24",
        "163",
        JUL08,
        ("孙悦", "sunyue@partner.example.cn"),
        "周例会纪要",
        "Wed, 08 Jul 2026 17:00:00 +0800",
        """
        决议事项：
        1. 下期活动定在苏州举办。
        2. 物料统一由甲方设计。
        待办：
        1. @张敏 7月10日前确认场地
        2. @李伟 7月13日前提交活动预算
        """,
        [
            (D, "苏州举办", None, None),
            (D, "统一由甲方设计", "甲方", None),
            (T, "确认场地", "张敏", due("2026-07-10")),
            (T, "活动预算", "李伟", due("2026-07-13")),
        ],
        "@-mentions as owners; '由甲方' names the decision's owner.",
    )

    case(
        "h25",
        "gmail-en",
        JUL08,
        ("Kevin Wu", "kevin@northwind.example.com"),
        "quick notes",
        "Wed, 08 Jul 2026 16:00:00 +0800",
        """
        Quick notes from today.

        We agreed to split the launch budget 40/60. Kevin will draft the press release by Friday, and Laura will book the venue by Jul 20. Still open: whether the event is streamed.

        Kevin
        """,
        [
            (D, "40/60", None, None),
            (T, "press release", "Kevin", due("2026-07-10")),
            (T, "book the venue", "Laura", due("2026-07-20")),
            (Q, "streamed", None, None),
        ],
        "English prose paragraph: agreed, two 'X will … by …', an open point.",
        lang="en",
    )

    case(
        "h26",
        "outlook-en",
        OCT12,
        HELEN,
        "Minutes",
        "Mon, 12 Oct 2026 14:00:00 +0800",
        """
        Action items
        1. By Oct 20 - book the climate chamber - Helen Tan
        2. By Oct 15 - confirm the cell count - Zheng Min
        """,
        [
            (T, "book the climate chamber", "Helen Tan", due("2026-10-20")),
            (T, "confirm the cell count", "Zheng Min", due("2026-10-15")),
        ],
        "Deadline first, task, owner last.",
        lang="en",
    )

    case(
        "h27",
        "qqmail",
        SEP28,
        LIU,
        "纪要",
        "Mon, 28 Sep 2026 18:20:00 +0800",
        """
        后续安排：
        1. 更新控制计划（负责：王建；时间：10月14日）
        2. 提交8D报告（负责：郑敏；时间：10月9日）
        """,
        [
            (T, "更新控制计划", "王建", due("2026-10-14")),
            (T, "提交8D报告", "郑敏", due("2026-10-09")),
        ],
        "'（负责：X；时间：Y）' after each task.",
    )

    case(
        "h28",
        "wecom",
        SEP28,
        WANG,
        "会议结论",
        "Mon, 28 Sep 2026 17:25:00 +0800",
        """
        会议结论：
        1. B2609批次电芯暂停使用；
        2. 以新加坡实验室复测结果为准；
        3. 复测期间武汉工厂改用B2610批次。
        """,
        [
            (D, "B2609批次电芯暂停使用", None, None),
            (D, "复测结果为准", None, None),
            (D, "改用B2610批次", None, None),
        ],
        "Decisions only, numbered, no owners.",
    )

    case(
        "h29",
        "gmail-en",
        OCT12,
        GRACE,
        "Action items",
        "Mon, 12 Oct 2026 11:50:00 +0800",
        """
        Action items

        1. Send the revised test plan to Ningde
           Owner: Mr. Kwok
           Due: Oct 14

        2. Upload the 8D report to the portal
           Owner: Zheng Min
           Due: Oct 16
        """,
        [
            (T, "revised test plan", "Mr. Kwok", due("2026-10-14")),
            (T, "8D report to the portal", "Zheng Min", due("2026-10-16")),
        ],
        "Owner and Due on their own indented lines under each item.",
        lang="en",
    )

    case(
        "h30",
        "outlook-zh",
        SEP28,
        LIU,
        "评审会任务",
        "Mon, 28 Sep 2026 17:55:00 +0800",
        """
        任务：
        1. 提交8D报告，完成时间：10月9日，负责人：郑敏
        2. 寄出复测样品，截止时间：10月12日，负责人：陈嘉慧
        """,
        [
            (T, "提交8D报告", "郑敏", due("2026-10-09")),
            (T, "寄出复测样品", "陈嘉慧", due("2026-10-12")),
        ],
        "Deadline field before the owner field.",
        charset="gbk",
    )


def write(folder: Path = HERE) -> None:
    (folder / "labels.json").write_text(
        json.dumps(CASES, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    print(f"{len(CASES)} cases written to {folder}")


if __name__ == "__main__":
    batch()
    write()
