#!/usr/bin/env python3
"""Third batch of labelled minutes (*.eml and labels.json), written after every rule change
of this session (batches h3, h3b and batch1's misses) and scored before touching anything
for it: its first_score.txt is the honest figure.

    python3 tests/corpus/minutes_h3c/make.py
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("h3make", HERE.parent / "minutes_h3" / "make.py")
m = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(m)
case, due, D, T, Q = m.case, m.due, m.D, m.T, m.Q
DEC02 = "2026-12-02T15:00:00+08:00"  # Wed
MAR11 = "2026-03-11T10:30:00+08:00"  # Wed
XU = ("许晴", "xuqing@lanhai.example.cn")
PAUL = ("Paul Meyer", "paul.meyer@alpen.example.ch")
TANG = ("唐亮", "tangliang@chengfeng.example.cn")


def batch() -> None:
    case(
        "c01", "outlook-zh", DEC02, XU, "12月2日 包装方案讨论会 纪要", "Wed, 02 Dec 2026 16:10:00 +0800", """
        各位：

        今天讨论了新包装方案，结论和分工如下。

        1. 新包装采用可回收蜂窝纸板，取消泡沫内衬。
        2. 打样由澄风包装负责，12月9日前交付3套样品。
        3. 跌落测试，负责人：许晴，完成时间：12月16日
        4. 成本核算表，完成时间：12月11日，负责人：唐亮
        5. 是否需要客户现场确认，待王总定

        许晴
        蓝海电器 包装工程部
        手机：138-0000-1111
        """,
        [(D, "可回收蜂窝纸板", None, None),
         (T, "打样", "澄风包装", due("2026-12-09")),
         (T, "跌落测试", "许晴", due("2026-12-16")),
         (T, "成本核算表", "唐亮", due("2026-12-11")),
         (Q, "客户现场确认", "王总", None)],
        "Numbered lines mixing a decision, 'X负责…前', fields in both orders, an open point.",
        charset="gbk",
    )
    case(
        "c02", "gmail-en", MAR11, PAUL, "Kick-off notes", "Wed, 11 Mar 2026 11:20:00 +0800", """
        Hi everyone,

        A few notes from this morning.

        We agreed to use the Zurich warehouse for the pilot. Tang Liang will send the packaging drawings by Friday, and the supplier will quote the pallet boxes by Mar 18. Still open: whether customs clearance happens in Basel.

        Cheers,
        Paul
        """,
        [(D, "Zurich warehouse", None, None),
         (T, "packaging drawings", "Tang Liang", due("2026-03-13")),
         (T, "pallet boxes", "the supplier", due("2026-03-18")),
         (Q, "customs clearance", None, None)],
        "English prose; 'the supplier will'; 'Still open:' inside a paragraph.", lang="en",
    )
    case(
        "c03", "qqmail", DEC02, TANG, "会后事项", "Wed, 02 Dec 2026 17:00:00 +0800", """
        会议要点如下：
        • 样品数量定为每款5套
        • 唐亮负责联系物流公司，12月4日前完成
        • 蓝海方12月8日前确认收货地址
        • 运输保险由哪方购买，下次再议
        """,
        [(D, "每款5套", None, None),
         (T, "联系物流公司", "唐亮", due("2026-12-04")),
         (T, "收货地址", "蓝海方", due("2026-12-08")),
         (Q, "运输保险由哪方购买", None, None)],
        "'要点如下：' then bullets.",
    )
    case(
        "c04", "outlook-en", MAR11, PAUL, "Minutes 11 Mar", "Wed, 11 Mar 2026 12:00:00 +0800", """
        Decisions
        - Pilot volume is 2,000 units.

        Action items
        - AI: the warehouse team to reserve 40 pallet places by next Wed
        - AI: Ms. Xu to share the label spec by Mar 13
        - Prepare the customs documents - Paul Meyer - Mar 20

        Open questions
        - Who signs the quality agreement?
        """,
        [(D, "2,000 units", None, None),
         (T, "40 pallet places", "the warehouse team", due("2026-03-18")),
         (T, "label spec", "Ms. Xu", due("2026-03-13")),
         (T, "customs documents", "Paul Meyer", due("2026-03-20")),
         (Q, "quality agreement", None, None)],
        "Headings with AI lines, a dash row, an honorific.", lang="en",
    )
    case(
        "c05", "163", DEC02, XU, "纪要", "Wed, 02 Dec 2026 16:30:00 +0800", """
        今天的评审会定了三件事：一是纸板厚度改为5mm；二是印刷改为单色；三是唐亮在12月10日前重新报价。

        许晴
        """,
        [(D, "5mm", None, None),
         (D, "单色", None, None),
         (T, "重新报价", "唐亮", due("2026-12-10"))],
        "'一是…；二是…；三是…' inside one sentence.",
    )
    case(
        "c06", "foxmail", DEC02, TANG, "分工", "Wed, 02 Dec 2026 17:20:00 +0800", """
        会后分工：蓝海负责提供产品尺寸，12月4日前；澄风负责出结构图，12月9日前。
        """,
        [(T, "产品尺寸", "蓝海", due("2026-12-04")),
         (T, "结构图", "澄风", due("2026-12-09"))],
        "Two owners in one line split by '；'.", charset="gb18030",
    )
    case(
        "c07", "gmail-en", MAR11, PAUL, "Actions", "Wed, 11 Mar 2026 13:00:00 +0800", """
        ACTION Tang Liang - send the drawings - by Mar 13
        ACTION Paul - book the truck - Mar 19
        DECISION - the pilot starts on 1 April
        """,
        [(T, "send the drawings", "Tang Liang", due("2026-03-13")),
         (T, "book the truck", "Paul", due("2026-03-19")),
         (D, "pilot starts on 1 April", None, None)],
        "Capital labels with dashes; 'starts on 1 April' is an event date, not a deadline.",
        lang="en",
    )
    case(
        "c08", "wecom", DEC02, XU, "周例会纪要", "Wed, 02 Dec 2026 16:40:00 +0800", """
        本周例会纪要
        议题：包装成本
        结论：成本上限每套12元（决议）
        唐亮：12月7日前提交降本方案
        许晴：12月9日前复核方案
        """,
        [(D, "12元", None, None),
         (T, "降本方案", "唐亮", due("2026-12-07")),
         (T, "复核方案", "许晴", due("2026-12-09"))],
        "'结论：' and 'name：date前task' lines.",
    )
    case(
        "c09", "outlook-zh", DEC02, XU, "包装评审纪要", "Wed, 02 Dec 2026 16:50:00 +0800", """
        一、会议结论
        1. 包装方案B通过评审。
        二、讨论要点
        2. 包装外箱颜色还需要市场部意见，下周一前给出
        三、后续任务
        3. 更新包装BOM，负责人：唐亮，完成时间：12月8日
        """,
        [(D, "方案B通过评审", None, None),
         (T, "包装BOM", "唐亮", due("2026-12-08"))],
        "A discussion point with a date but no owner stays out of the items (reported unread).",
    )
    case(
        "c10", "apple", MAR11, PAUL, "notes", "Wed, 11 Mar 2026 14:00:00 +0800", """
        Notes:
        1. Xu Qing to confirm the carton size by Mar 16.
        2. The lab will run the drop test by Mar 20.
        3. Budget stays at CHF 40k.
        """,
        [(T, "carton size", "Xu Qing", due("2026-03-16")),
         (T, "drop test", "The lab", due("2026-03-20")),
         (D, "CHF 40k", None, None)],
        "Numbered English notes without headings.", lang="en",
    )


if __name__ == "__main__":
    m.OUT[0] = HERE
    batch()
    m.write(HERE)
