"""The preparation form by mail: plain text, an Outlook table, and mistakes."""

from datetime import UTC, datetime
from pathlib import Path

from service import meetings
from service.workflows import prepare
from store.models import AgendaItem, Meeting, Poll, PollOption
from tests.support.before_meeting import make_directory
from tests.support.flow import Flow

FIXTURES = Path(__file__).parents[2] / "fixtures" / "before"
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)


def _eml(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_plain_text_form_creates_meeting_agenda_and_poll(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        flow.send(_eml("prep_form_text.eml"))
        m = Meeting.get()
        assert (m.title, m.duration_minutes, m.format) == ("联合营销方案对齐会", 90, "online")
        assert m.link == "https://meet.example.cn/j/8842"
        assert meetings.host_of(m) == d.host and meetings.recorder_of(m) == d.recorder
        assert [c.party for c in meetings.companies_of(m)] == ["甲方", "乙方", "丙方"]
        assert meetings.party_company(m, "丙方") == d.bing
        assert len(meetings.attendees(m)) == 7 and meetings.role_gaps(m) == []
        topics = [a.topic for a in AgendaItem.select().order_by(AgendaItem.position)]
        assert topics[0] == "背景与目标" and len(topics) == 4
        poll = Poll.get()
        assert PollOption.select().where(PollOption.poll == poll).count() == 3
        assert poll.deadline_at == datetime(2026, 9, 24, 10, 0, tzinfo=UTC)
        assert poll.auto_pick is False
        [created] = flow.outbox(to=d.host, kind="prep_created")
        assert created.subject == "[M-0001] 会议已创建：联合营销方案对齐会"
        assert "不适合" not in created.text  # all three options suit everyone
        assert len(flow.outbox(kind="poll")) == 7
        # the host may confirm from the creation mail too (a meeting thread)
        flow.reply_to(created, d.host, "选2")
        m = Meeting.get()
        assert m.status == "scheduled" and m.start_at == datetime(2026, 10, 12, 6, 0, tzinfo=UTC)
        assert len(flow.outbox(kind="invitation")) == 7


def test_outlook_table_form_offline_with_proposed_times(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        flow.send(_eml("prep_form_table.eml"))
        m = Meeting.get()
        assert (m.format, m.room, m.equipment_check) == ("offline", "云启大厦3楼会议室", True)
        assert m.duration_minutes == 60
        assert meetings.party_company(m, "乙方") == d.yi
        options = list(PollOption.select().order_by(PollOption.position))
        assert len(options) == 3  # proposed by the service: working days, all zones
        assert all(o.start_at > START for o in options)
        [created] = flow.outbox(to=d.host, kind="prep_created")
        assert "1. " in created.text


def test_candidate_time_outside_someones_hours_is_pointed_out(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        form = (
            _eml("prep_form_text.eml")
            .replace(b"1. 2026-10-09 14:00", b"1. 2026-10-01 14:00")  # 国庆
            .replace(b"2026-09-24 18:00", "2026-09-24 18:00 自动选定".encode())
        )
        flow.send(form)
        [created] = flow.outbox(to=d.host, kind="prep_created")
        # in the host's language: no English line in a Chinese mail (issue 11, defect 6)
        assert "选项1：王敏，其当地节假日或休息日" in created.text
        assert "working day" not in created.text
        assert Poll.get().auto_pick is True


def test_form_with_mistakes_names_each_and_creates_nothing(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        flow.send(_eml("prep_form_errors.eml"))
        assert Meeting.select().count() == 0
        [answer] = flow.outbox(to=d.host, kind="prep_errors")
        text = answer.text
        for expected in ("张无忌", "不存在公司", "会议链接", "一会儿", "下周三下午"):
            assert expected in text, expected
        assert "1. " in text and "5. " in text


def test_asking_for_the_form_gets_the_blank_one(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        flow.send(flow.mail(d.host, flow.address, "筹备表", "筹备表"))
        flow.send(flow.mail(d.berlin_boss, flow.address, "help", "Help!"))
        [english] = flow.outbox(to=d.berlin_boss, kind="prep_form")
        assert "Candidate times:" in english.text and "accept" in english.text
        [blank] = flow.outbox(to=d.host, kind="prep_form")
        assert "会议主题：" in blank.text and "候选时间：" in blank.text
        # filling it in by reply (the blank form quoted below) creates the meeting
        form = _eml("prep_form_text.eml").decode().split("\n\n", 1)[1]
        flow.reply_to(blank.row, d.host, form)
        assert Meeting.select().count() == 1


def test_blank_form_in_both_languages():
    assert prepare.blank_form("zh").startswith("会议筹备表")
    assert "Candidate times:" in prepare.blank_form("en")
