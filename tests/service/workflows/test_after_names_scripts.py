"""Names match across Chinese scripts when owners are resolved: 陈嘉慧 typed in
the minutes is the directory's 陳嘉慧 (a Hong Kong colleague)."""

from __future__ import annotations

import pytest

from service import meetings
from store.db import write_txn
from store.models import MinutesVersion, Person
from tests.support.after_meeting import AFTER, BEFORE, held_meeting
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def test_owner_written_in_simplified_is_the_traditional_directory_name(cfg, flow):
    held = held_meeting(cfg)
    with write_txn():
        chan = Person.create(
            email="chan.kw@xinghe.example.sg",
            name="陳嘉慧",
            company=held.d.yi,
            tier="execution",
            title="測試工程師",
            timezone="Asia/Hong_Kong",
            created_at=BEFORE,
        )
    meetings.add_attendee(cfg, held.meeting, chan, now=BEFORE, actor="cli")
    body = (
        "各位好，纪要如下：\n\n"
        "任务：陈嘉慧*需在3个工作日内提交B2609批次电芯测试报告\n\n"
        "李静\n助理 | 云启科技\n"
    )
    flow.send(flow.mail(held.d.recorder, flow.address, "会议纪要", body))
    [entry] = MinutesVersion.get().items
    assert entry["owner_id"] == chan.id and entry["problem"] == ""
