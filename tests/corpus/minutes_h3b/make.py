#!/usr/bin/env python3
"""Second batch of labelled minutes (*.eml and labels.json), written after the rules for
the first batch (../minutes_h3) were changed and scored BEFORE any rule was touched for
it: its first score is the honest one (first_score.txt).

    python3 tests/corpus/minutes_h3b/make.py
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("h3make", HERE.parent / "minutes_h3" / "make.py")
m = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(m)
case, due, D, T, Q = m.case, m.due, m.D, m.T, m.Q
SEP28, OCT12 = m.SEP28, m.OCT12
NOV18 = "2026-11-18T10:00:00+08:00"  # Wed
WANG, HELEN, GRACE, LIU = m.WANG, m.HELEN, m.GRACE, m.LIU
ZHAO = ("赵婷", "zhaoting@qq.example.com")


def batch() -> None:
    case(
        "b01", "outlook-zh", SEP28, WANG, "评审会纪要", "Mon, 28 Sep 2026 17:40:00 +0800",
        "评审会纪要\n",
        [(D, "暂停使用", None, None),
         (T, "提交8D报告", "郑敏", due("2026-10-09")),
         (T, "控制计划", "王建", due("2026-10-14"))],
        "Outlook HTML table with an unowned decision row (type column).",
        html_body="""<html><body><p class="MsoNormal">各位好，纪要如下：</p>
<table border=1><tr><td>序号</td><td>类型</td><td>事项</td><td>负责人</td><td>完成时间</td></tr>
<tr><td>1</td><td>决议</td><td>B2609批次暂停使用</td><td></td><td></td></tr>
<tr><td>2</td><td>任务</td><td>提交8D报告</td><td>郑敏</td><td>10月9日</td></tr>
<tr><td>3</td><td>任务</td><td>更新控制计划</td><td>王建</td><td>10月14日</td></tr></table>
<p class="MsoNormal">王磊</p></body></html>""",
    )
    case(
        "b02", "wecom", SEP28, LIU, "会议纪要", "Mon, 28 Sep 2026 17:50:00 +0800", """
        会议纪要
        议题一：B2609批次电芯异常
        结论：该批次暂停使用，待复测后再议。
        行动：郑敏负责提交8D报告，10/9前完成。
        议题二：复测安排
        结论：由新加坡实验室负责复测。
        行动：陈嘉慧负责寄送样品，9/30前。
        """,
        [(D, "该批次暂停使用", None, None),
         (T, "提交8D报告", "郑敏", due("2026-10-09")),
         (D, "新加坡实验室负责复测", "新加坡实验室", None),
         (T, "寄送样品", "陈嘉慧", due("2026-09-30"))],
        "议题/结论/行动 lines; dates written 10/9.",
    )
    case(
        "b03", "gmail-en", OCT12, GRACE, "Next steps", "Mon, 12 Oct 2026 12:30:00 +0800", """
        Hi all, thanks for the call. Next steps:

        • Grace to ship the samples back by Oct 20
        • Ningde to issue the 8D report by 10/16
        • Wuhan plant to confirm the vehicle count by end of week

        Grace
        """,
        [(T, "ship the samples back", "Grace", due("2026-10-20")),
         (T, "8D report", "Ningde", due("2026-10-16")),
         (T, "vehicle count", "Wuhan plant", due("2026-10-16"))],
        "Next steps with party owners; 'by end of week' is Fri Oct 16.", lang="en",
    )
    case(
        "b04", "foxmail", SEP28, WANG, "纪要", "Mon, 28 Sep 2026 18:00:00 +0800", """
        【决议】B2609批次电芯暂停使用。
        【待办】郑敏：10月9日前提交8D报告。
        【待办】王建：9月30日前补齐检验记录。
        【问题】复测费用由哪方承担？
        """,
        [(D, "B2609批次电芯暂停使用", None, None),
         (T, "8D报告", "郑敏", due("2026-10-09")),
         (T, "检验记录", "王建", due("2026-09-30")),
         (Q, "复测费用", None, None)],
        "Bracketed labels.", charset="gb18030",
    )
    case(
        "b05", "163", SEP28, LIU, "今天的会", "Mon, 28 Sep 2026 19:00:00 +0800", """
        各位：

        今天会议商定，由郑敏牵头成立8D小组，请郑敏在10月9日之前提交8D报告。王建负责在9月30日之前补齐来料检验记录。另外，复测地点是否改在武汉，需要下次会议再确认。

        刘芳
        """,
        [(D, "成立8D小组", "郑敏", None),
         (T, "提交8D报告", "郑敏", due("2026-10-09")),
         (T, "来料检验记录", "王建", due("2026-09-30")),
         (Q, "复测地点是否改在武汉", None, None)],
        "Prose: 商定由X牵头 (a decision with an owner), 请X在…之前, X负责在…之前, an open question.",
    )
    case(
        "b06", "outlook-en", OCT12, HELEN, "Decisions and owners", "Mon, 12 Oct 2026 14:30:00 +0800", """
        Decisions made:
        1) Retest at 45 degrees only.
        2) Costs are shared 50/50.

        Owners / dates:
        - Zheng Min - 8D report - Oct 16
        - Helen Tan - book the chamber - Oct 20
        """,
        [(D, "45 degrees", None, None),
         (D, "50/50", None, None),
         (T, "8D report", "Zheng Min", due("2026-10-16")),
         (T, "book the chamber", "Helen Tan", due("2026-10-20"))],
        "'Owners / dates' heading with 'name - task - date' rows.", lang="en",
    )
    case(
        "b07", "foxmail", SEP28, WANG, "会议纪要", "Mon, 28 Sep 2026 18:10:00 +0800", """
        会议纪要：
        1.【郑敏】10月9日前提交8D报告
        2.【王建】9月30日前补齐来料检验记录
        3.【陈嘉慧】10月12日前寄出复测样品
        """,
        [(T, "8D报告", "郑敏", due("2026-10-09")),
         (T, "来料检验记录", "王建", due("2026-09-30")),
         (T, "复测样品", "陈嘉慧", due("2026-10-12"))],
        "Numbered lines opening with the owner in 【】.", charset="gbk",
    )
    case(
        "b08", "qqmail", NOV18, ZHAO, "周会待办", "Wed, 18 Nov 2026 11:00:00 +0800", """
        待办事项：
        - 11.20前 @张敏 确认场地
        - 11.25前 @李伟 提交活动预算
        - 下周一前 @孙悦 发出邀请函
        """,
        [(T, "确认场地", "张敏", due("2026-11-20")),
         (T, "活动预算", "李伟", due("2026-11-25")),
         (T, "邀请函", "孙悦", due("2026-11-23"))],
        "Date first, then @owner, then the task.",
    )
    case(
        "b09", "outlook-en", OCT12, HELEN, "Minutes", "Mon, 12 Oct 2026 15:00:00 +0800", """
        ACTION: Helen - book climate chamber - 20/10
        ACTION: Zheng Min - upload 8D report - 16/10
        DECISION: retest at 45 degrees
        """,
        [(T, "book climate chamber", "Helen", due("2026-10-20")),
         (T, "upload 8D report", "Zheng Min", due("2026-10-16")),
         (D, "retest at 45 degrees", None, None)],
        "Upper-case labels, dd/mm dates.", lang="en",
    )
    case(
        "b10", "gmail-zh", SEP28, LIU, "纪要", "Mon, 28 Sep 2026 18:30:00 +0800", """
        会议共识：
        1. B2609批次暂停使用
        2. 复测以新加坡实验室结果为准
        后续：郑敏（宁德）：10月9日前提交8D报告；王建（武汉）：10月14日前更新控制计划
        """,
        [(D, "B2609批次暂停使用", None, None),
         (D, "新加坡实验室结果为准", None, None),
         (T, "8D报告", "郑敏（宁德）", due("2026-10-09")),
         (T, "控制计划", "王建（武汉）", due("2026-10-14"))],
        "Two owner: task pairs after '后续：' on one line; owners with their company in brackets, as written (contract §4; first scored with the bracket dropped, relabelled).",
    )
    case(
        "b11", "gmail-en", OCT12, GRACE, "call notes", "Mon, 12 Oct 2026 13:10:00 +0800", """
        Zheng Min agreed to send the 8D report by Oct 16. The team also decided to retest at 45 degrees. Whether the customer pays for the retest is still TBD.

        Grace
        """,
        [(T, "8D report", "Zheng Min", due("2026-10-16")),
         (D, "retest at 45 degrees", None, None),
         (Q, "customer pays", None, None)],
        "English prose: 'X agreed to … by', 'decided', 'still TBD'.", lang="en",
    )
    case(
        "b12", "outlook-zh", SEP28, WANG, "会议纪要", "Mon, 28 Sep 2026 17:45:00 +0800", """
        一、提交8D报告，负责人：郑敏，10月9日前
        二、补齐来料检验记录，负责人：王建，9月30日前
        三、B2609批次暂停使用
        """,
        [(T, "提交8D报告", "郑敏", due("2026-10-09")),
         (T, "来料检验记录", "王建", due("2026-09-30")),
         (D, "B2609批次暂停使用", None, None)],
        "Chinese ordinals used for items, not headings.", charset="gbk",
    )
    case(
        "b13", "apple", OCT12, ("Kevin Wu", "kevin@northwind.example.com"), "Notes", "Mon, 12 Oct 2026 16:00:00 +0800", """
        Notes from the supplier review:

        - We agreed that batch B2609 stays quarantined.
        - Kevin will chase the replacement cells by Thursday.
        - Open point: who signs off the retest plan?
        """,
        [(D, "stays quarantined", None, None),
         (T, "replacement cells", "Kevin", due("2026-10-15")),
         (Q, "who signs off the retest plan", None, None)],
        "Bullets after a lead-in, no headings; 'Open point:' label.", lang="en",
    )
    case(
        "b14", "163", SEP28, LIU, "分工", "Mon, 28 Sep 2026 18:40:00 +0800", """
        会后分工如下：
        武汉质量部：9月30日前提供已装车清单
        宁德质量部：10月9日前提交8D报告
        新加坡实验室：10月16日前给出复测结论
        """,
        [(T, "已装车清单", "武汉质量部", due("2026-09-30")),
         (T, "8D报告", "宁德质量部", due("2026-10-09")),
         (T, "复测结论", "新加坡实验室", due("2026-10-16"))],
        "'部门：日期前任务' lines after a lead-in.",
    )
    case(
        "b15", "outlook-en", OCT12, HELEN, "Minutes", "Mon, 12 Oct 2026 15:30:00 +0800", """
        1. Decision: batch B2609 remains on hold.
        2. Action: upload the 8D report (Owner: Zheng Min, Due: Oct 16)
        3. Action: book the chamber (Owner: Helen Tan, Due: Oct 20)
        """,
        [(D, "B2609 remains on hold", None, None),
         (T, "upload the 8D report", "Zheng Min", due("2026-10-16")),
         (T, "book the chamber", "Helen Tan", due("2026-10-20"))],
        "Numbered 'Decision:'/'Action:' with owner and due in brackets.", lang="en",
    )


if __name__ == "__main__":
    m.OUT[0] = HERE
    batch()
    m.write(HERE)
