"""The agenda: read from lines and CSV, checked against the meeting as a whole."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from service import meetings
from service.meetings import MeetingError
from service.workflows import agenda, invitations
from store.models import AgendaItem, Meeting, Outbox
from tests.support.before_meeting import AGENDA, guide_meeting, make_directory

NOW = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)


def test_lines_in_the_guides_table_form():
    rows = agenda.parse_lines(AGENDA)
    assert [(r.start, r.minutes, r.presenter) for r in rows] == [
        (time(14, 0), 20, "王敏"),
        (time(14, 20), 40, "陈总"),
        (time(15, 0), 20, "周总"),
        (time(15, 20), 10, "王敏"),
    ]
    assert rows[1].topic == "联合营销方案讲解" and rows[1].output == "方案初稿确认"
    [row] = agenda.parse_lines("- 14：00～14：30｜开场｜王敏")
    assert (row.minutes, row.topic) == (30, "开场")
    [row] = agenda.parse_lines("14:00 | 25分钟 | 开场")
    assert (row.minutes, row.topic, row.presenter) == (25, "开场", "")


def test_csv_with_chinese_or_english_header():
    rows = agenda.parse_csv(
        "开始,时长,议题,汇报人,预期产出\n14:00,20,背景,王敏,对齐\n14:20,70,方案,陈总,\n"
    )
    assert [(r.start, r.minutes, r.topic) for r in rows] == [
        (time(14, 0), 20, "背景"),
        (time(14, 20), 70, "方案"),
    ]
    rows = agenda.parse_csv("start,topic,presenter\n14:00-14:30,Intro,Anna\n")
    assert rows[0].minutes == 30 and rows[0].presenter == "Anna"
    with pytest.raises(MeetingError, match="header"):
        agenda.parse_csv("a,b\n1,2\n")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("14:00-15:40 | 太长 | 王敏", "超出会议时长90分钟"),
        ("14:00-14:40 | 一 | 王敏\n14:30-14:50 | 二 | 王敏", "与上一项重叠"),
        ("14:00-14:20 | 一 | 张三", "不在参会名单中"),
    ],
)
def test_problems_are_named_and_nothing_changes(cfg, store, text, problem):
    d = make_directory()
    m = guide_meeting(cfg, d, NOW)
    before = [a.topic for a in AgendaItem.select().order_by(AgendaItem.position)]
    with pytest.raises(MeetingError, match=problem):
        agenda.set_agenda(cfg, m, agenda.parse_lines(text), now=NOW, actor="cli")
    assert [a.topic for a in AgendaItem.select().order_by(AgendaItem.position)] == before


def test_scheduled_meeting_checks_against_its_start_and_sends_an_update(cfg, store):
    d = make_directory()
    m = guide_meeting(cfg, d, NOW)
    invitations.schedule(
        cfg,
        m,
        datetime(2026, 10, 12, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
        now=NOW,
        actor="cli",
    )
    with pytest.raises(MeetingError, match="早于会议开始"):
        agenda.set_agenda(
            cfg, m, agenda.parse_lines("13:30-14:00 | 早 | 王敏"), now=NOW, actor="cli"
        )
    agenda.set_agenda(cfg, m, agenda.parse_lines("14:30-15:30 | 方案 | 陈总"), now=NOW, actor="cli")
    assert AgendaItem.get().start_offset_minutes == 30
    assert invitations.send_update(cfg, m, now=NOW + timedelta(minutes=1)) == 7
    assert Meeting.get_by_id(m.id).ical_sequence == 1
    assert Outbox.select().where(Outbox.kind == "update").count() == 7
    # the presenter became one
    assert meetings.participant_of(m, d.yi_boss).role == "presenter"
