"""Each company's management reads the formal minutes in the company's language,
as Cc of its lead's mail (reply-all keeps one thread), one mail per group."""

from __future__ import annotations

import pytest

from store.models import Company, Person
from tests.support.after_meeting import AFTER, confirmed, held_meeting
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def test_management_gets_the_minutes_in_its_language_as_cc(cfg, flow):
    held = held_meeting(cfg)
    # the Singapore side reads English and has two management addresses
    Person.update(language="en").where(Person.company == held.d.yi).execute()
    Company.update(management_cc=["board@xinghe.example.sg", "Ops@xinghe.example.sg"]).where(
        Company.id == held.d.yi.id
    ).execute()
    formal = confirmed(flow, held)
    carrying = [m for m in formal if "board@xinghe.example.sg" in m.header("Cc")]
    assert len(carrying) == 1  # one mail for the group, not one per address
    [lead_mail] = carrying
    assert lead_mail.to == [held.d.yi_boss.email]  # 陈总, 乙方's decision maker
    assert "ops@xinghe.example.sg" in lead_mail.header("Cc")
    assert lead_mail.subject.startswith(f"[{held.meeting.ref}] Minutes")
    # nobody gets a mail of their own for a management address
    assert all(
        "board@xinghe.example.sg" not in m.to and "ops@xinghe.example.sg" not in m.to
        for m in formal
    )
    jia = next(m for m in formal if "mgmt@yunqi.example.cn" in m.header("Cc"))
    assert "会议纪要" in jia.subject
    delivered_to = {a for m in formal for a in m.row.recipients}
    assert {"board@xinghe.example.sg", "ops@xinghe.example.sg"} <= delivered_to
