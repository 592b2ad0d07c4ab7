"""The minutes loop as recorders really write it: unowned decisions, corrections
after an objection (back to the recorder first), published version numbers,
late objections, one-line corrections and who attended."""

from __future__ import annotations

import pytest

from store.models import Item, MinutesVersion
from tests.support.after_meeting import AFTER, formal_to, held_meeting
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


OUTLOOK_SIGNATURE = "\n\n李静\n云启科技 项目管理办公室\n电话：010-6288 1234 | 手机：138 0000 0000\n"


def _filed(flow, held, body):
    flow.at(AFTER)
    flow.send(flow.mail(held.d.recorder, flow.address, "质量评审会纪要", body))
    return flow.outbox(to=held.d.recorder, kind="minutes_draft")[-1]


def test_an_unowned_decision_goes_out_in_the_formal_minutes(cfg, flow):
    held = held_meeting(cfg)
    body = (
        "各位好，\n\n今天质量评审会的纪要如下，请查收：\n\n"
        "决议：B2609批次电芯暂停使用。\n"
        "任务：张伟*在11月27日前提交8D报告\n" + OUTLOOK_SIGNATURE
    )
    draft = _filed(flow, held, body)
    assert "B2609" in draft.text
    flow.reply_to(draft, held.d.recorder, "确认")
    assert MinutesVersion.get().status == "sent"
    formal = flow.outbox(kind="minutes_formal")
    mail = formal_to(formal, held.d.yi_boss)
    decisions = mail.text.split("三、决议")[1].split("四、任务")[0]
    assert "B2609批次电芯暂停使用" in decisions
    [task] = Item.select().where(Item.kind == "task")
    assert task.ref in mail.text.split("四、任务")[1]
    assert "B2609" in mail.html
    assert Item.select().where(Item.kind == "decision").count() == 0  # nobody to chase
