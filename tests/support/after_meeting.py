"""The guide's meeting, held: for the after-the-meeting tests and the demo's checks.

On top of the before-meeting directory: 甲方's technical lead (whose manager
is 赵总) and legal specialist attend, so the guide's three records resolve
to one person each; 乙方's 林峰 is the only 财务经理.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from service import meetings
from store.db import write_txn
from store.models import Meeting, Person
from tests.support.before_meeting import Directory, guide_meeting, make_directory

# Tuesday 2026-11-24 14:00–15:30 in Shanghai
MEETING_START = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
MEETING_END = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
BEFORE = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
AFTER = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # 16:00 Shanghai, after the meeting

GUIDE_RECORD = (
    "决议：联合推广预算按3:7分摊（甲方30%，乙方70%），由财务经理*在2个工作日内签订补充协议；"
    "任务：技术负责人*需在会后整理《数据对接标准文档》，24小时内同步给乙方技术团队；"
    "疑问：丙方提出的'宣传物料版权归属'问题，需法务专员*在3个工作日内提供法律意见"
)
MINUTES_BODY = f"各位好，{'联合营销方案对齐会'}纪要如下：\n\n{GUIDE_RECORD}\n\n李静\n"


@dataclass
class Held:
    d: Directory
    meeting: Meeting
    tech: Person  # 技术负责人 张伟 (甲方), manager 赵总
    legal: Person  # 法务专员 刘洋 (甲方)


def held_meeting(cfg) -> Held:
    """The guide's meeting with parties 甲/乙/丙, scheduled for MEETING_START."""
    d = make_directory()
    with write_txn():
        tech = Person.create(
            email="zhang.cto@yunqi.example.cn",
            name="张伟",
            company=d.jia,
            tier="execution",
            title="技术负责人",
            manager=d.jia_boss,
            created_at=BEFORE,
        )
        legal = Person.create(
            email="liu.law@yunqi.example.cn",
            name="刘洋",
            company=d.jia,
            tier="support",
            title="法务专员",
            created_at=BEFORE,
        )
    meeting = guide_meeting(cfg, d, BEFORE)
    for company, party in ((d.jia, "甲方"), (d.yi, "乙方"), (d.bing, "丙方")):
        meetings.add_company(meeting, company, now=BEFORE, actor="cli", party=party)
    for person in (tech, legal):
        meetings.add_attendee(cfg, meeting, person, now=BEFORE, actor="cli")
    meetings.set_time(meeting, MEETING_START, now=BEFORE, actor="cli")
    return Held(d, Meeting.get_by_id(meeting.id), tech, legal)


def confirmed(flow, held: Held):
    """Minutes filed by the recorder and confirmed: the formal minutes are out."""
    flow.at(AFTER)
    flow.send(flow.mail(held.d.recorder, flow.address, "会议纪要", MINUTES_BODY))
    [draft] = flow.outbox(to=held.d.recorder, kind="minutes_draft")
    flow.reply_to(draft, held.d.recorder, "确认")
    return flow.outbox(kind="minutes_formal")


def formal_to(formal, person: Person):
    return next(m for m in formal if person.email in m.to)
