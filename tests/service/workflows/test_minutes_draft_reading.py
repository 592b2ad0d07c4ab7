"""The draft says what it read and what it did not (issue 10, defect 7), end to end over
real SMTP: item numbers are the recorder's own 序号, titles drop the owner and deadline
wording, and lines that look like items but were not read are listed for the recorder."""

from __future__ import annotations

import html

import pytest

from store.models import MinutesVersion, Person
from tests.support.after_meeting import AFTER, held_meeting
from tests.support.flow import Flow

# As a recorder writes in Outlook: greeting, her own numbering running across the
# sections, fields after each task, a discussion point that reads like a task but names
# nobody, a signature.
ZH_MINUTES = """各位好：

联合营销方案对齐会纪要如下，请查阅。

一、会议决定
1. 联合推广预算按3:7分摊。
二、讨论要点
2. 宣传物料印刷的供应商报价待比较，下周三前出结果
三、后续任务
3. 整理数据对接标准文档，负责人：张伟，完成时间：11月26日
4. 提供投放渠道清单，负责人：吴工，完成时间：11月27日

李静
云启科技 市场部
电话：021-5555-0101
"""

EN_MINUTES = """Hi all,

Notes from today's call below.

Decisions
- Budget split 30/70 as proposed.

Action items
- AI: 林峰 to sign the supplementary agreement by Nov 27
- AI: 吴工 to send the channel list by Nov 26

Discussion
- Venue shortlist: quotes pending, by next Wed

Thanks,
Li Jing
"""


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def _outlook_html(text: str) -> str:
    paragraphs = "".join(
        f'<p class="MsoNormal">{html.escape(line) or "&nbsp;"}</p>' for line in text.splitlines()
    )
    return f'<html><body><div class="WordSection1">{paragraphs}</div></body></html>'


def test_zh_draft_numbers_titles_and_unread_lines(cfg, flow):
    held = held_meeting(cfg)
    flow.at(AFTER)
    flow.send(
        flow.mail(
            held.d.recorder, flow.address, "会议纪要", ZH_MINUTES, html=_outlook_html(ZH_MINUTES)
        )
    )
    [draft] = flow.outbox(to=held.d.recorder, kind="minutes_draft")
    version = MinutesVersion.get()
    assert [i["n"] for i in version.items] == [1, 3, 4]  # her numbers, not ours
    assert version.unread == ["宣传物料印刷的供应商报价待比较，下周三前出结果"]

    text = draft.text
    assert "3. [任务] 整理数据对接标准文档\n" in text  # no "负责人：张伟" in the title
    assert "4. [任务] 提供投放渠道清单\n" in text
    assert "负责人：张伟（云启科技）" in text  # the owner stands in its own field
    assert "以下 1 行未能识别为事项" in text
    assert "- 宣传物料印刷的供应商报价待比较，下周三前出结果" in text
    assert "李静" not in text.split("以下 1 行")[1]  # the signature is not an unread line

    # the title the tracked tasks will carry in every later mail
    titles = [i["title"] for i in version.items if i["kind"] == "task"]
    assert titles == ["整理数据对接标准文档", "提供投放渠道清单"]


def test_en_draft_lists_the_unread_line(cfg, flow):
    held = held_meeting(cfg)
    Person.update(language="en").where(Person.id == held.d.recorder.id).execute()
    flow.at(AFTER)
    flow.send(flow.mail(held.d.recorder, flow.address, "Minutes", EN_MINUTES))
    [draft] = flow.outbox(to=held.d.recorder, kind="minutes_draft")
    version = MinutesVersion.get()
    assert [(i["kind"], i["summary"]) for i in version.items] == [
        ("decision", "Budget split 30/70 as proposed"),
        ("task", "Sign the supplementary agreement"),
        ("task", "Send the channel list"),
    ]
    assert "1 line could not be read as items" in draft.text
    assert "- Venue shortlist: quotes pending, by next Wed" in draft.text
    assert "2. [Task] Sign the supplementary agreement\n" in draft.text


def test_minutes_read_whole_say_nothing_about_unread_lines(cfg, flow):
    held = held_meeting(cfg)
    flow.at(AFTER)
    body = "决议：联合推广预算按3:7分摊。\n任务：张伟在11月26日前整理数据对接标准文档。\n\n李静\n"
    flow.send(flow.mail(held.d.recorder, flow.address, "会议纪要", body))
    [draft] = flow.outbox(to=held.d.recorder, kind="minutes_draft")
    assert MinutesVersion.get().unread == []
    assert "未能识别" not in draft.text
    assert "2. [任务] 整理数据对接标准文档\n" in draft.text
