"""Readers in Hong Kong or Taiwan get Traditional Chinese: chosen per person
(language zh-Hant) or per company (a company in HK, TW or MO)."""

from __future__ import annotations

import pytest

from store.models import Company, MinutesAck, Person
from tests.support.after_meeting import AFTER, confirmed, formal_to, held_meeting
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def test_traditional_chinese_per_person_and_per_company(cfg, flow):
    held = held_meeting(cfg)
    Person.update(language="zh-Hant").where(Person.id == held.d.yi_pm.id).execute()
    Company.update(region="HK").where(Company.id == held.d.bing.id).execute()
    formal = confirmed(flow, held)
    for reader in (held.d.yi_pm, held.d.bing_boss):
        mail = formal_to(formal, reader)
        assert "會議紀要" in mail.subject, reader.name
        assert "基本資訊" in mail.text and "請回覆「收到，無異議」" in mail.text
        assert "会议" not in mail.text and "自動傳送" not in mail.text
    simplified = formal_to(formal, held.d.host)
    assert "会议纪要" in simplified.subject and "基本信息" in simplified.text
    # the answer, in Traditional too, is read as a receipt
    flow.reply_to(formal_to(formal, held.d.bing_boss), held.d.bing_boss, "收到，無異議。\n\n周總")
    [ack] = MinutesAck.select()
    assert ack.kind == "ack" and ack.person_id == held.d.bing_boss.id
