"""service.meetings: creation, attendees, parties and the required-roles rule."""

import email
import email.policy
from datetime import UTC, datetime

import pytest

from service import meetings
from store.models import AuditLog, Meeting, MeetingCompany, Participant
from tests.support.before_meeting import TITLE, make_directory

NOW = datetime(2026, 9, 10, 2, 0, tzinfo=UTC)


def _meeting(cfg, d, **kw):
    return meetings.create_meeting(
        cfg,
        now=NOW,
        actor="cli",
        title=TITLE,
        host=d.host,
        recorder=d.recorder,
        link="https://meet.example.cn/abc",
        **kw,
    )


def test_create_gives_ref_uid_host_and_party(cfg, store):
    d = make_directory()
    m = _meeting(cfg, d)
    m2 = _meeting(cfg, d)
    assert (m.ref, m2.ref) == ("M-0001", "M-0002")
    assert m.ical_uid.endswith("@alliance.example.cn") and m.ical_uid != m2.ical_uid
    assert meetings.host_of(m) == d.host and meetings.recorder_of(m) == d.recorder
    assert meetings.party_company(m, "甲方") == d.jia
    assert meetings.meeting_by_ref("re: [m-0001] 邀请") == m
    assert m.timezone == "Asia/Shanghai"
    roles = {p.person.email: p.role for p in meetings.participants(m)}
    assert roles == {d.host.email: "host", d.recorder.email: "recorder"}
    assert AuditLog.select().where(AuditLog.action == "meeting.create").count() == 2


def test_offline_needs_room_and_gets_equipment_check(cfg, store):
    d = make_directory()
    with pytest.raises(meetings.MeetingError, match="room"):
        meetings.create_meeting(cfg, now=NOW, actor="cli", title="x", host=d.host, format="offline")
    m = meetings.create_meeting(
        cfg, now=NOW, actor="cli", title="x", host=d.host, format="offline", room="3楼会议室"
    )
    assert m.equipment_check is True
    with pytest.raises(meetings.MeetingError, match="link"):
        meetings.create_meeting(cfg, now=NOW, actor="cli", title="x", host=d.host)
    assert Meeting.select().count() == 1


def test_parties_follow_joining_order_and_gaps_are_named(cfg, store):
    d = make_directory()
    m = _meeting(cfg, d)
    meetings.add_attendee(cfg, m, d.yi_pm, now=NOW, actor="cli")
    meetings.add_attendee(cfg, m, d.bing_boss, now=NOW, actor="cli", role="presenter")
    assert [c.party for c in meetings.companies_of(m)] == ["甲方", "乙方", "丙方"]
    assert meetings.party_of(m, d.yi) == "乙方"
    gaps = [g.text("zh") for g in meetings.role_gaps(m)]
    assert gaps == ["甲方缺少决策层参会人", "乙方缺少决策层参会人"]
    assert meetings.role_gaps(m)[1].text("en") == "乙方 has no decision-level attendee"
    meetings.add_attendee(cfg, m, d.jia_boss, now=NOW, actor="cli")
    meetings.add_attendee(cfg, m, d.yi_boss, now=NOW, actor="cli")
    assert meetings.role_gaps(m) == []
    # a cc-only decision maker does not fill the gap
    meetings.add_attendee(cfg, m, d.yi_boss, now=NOW, actor="cli", role="cc")
    assert [g.text("zh") for g in meetings.role_gaps(m)] == ["乙方缺少决策层参会人"]


def test_per_meeting_rule_overrides_default(cfg, store):
    d = make_directory()
    m = _meeting(cfg, d, required_roles={"乙方": ["execution"]})
    meetings.add_attendee(cfg, m, d.yi_boss, now=NOW, actor="cli")
    assert [g.text("zh") for g in meetings.role_gaps(m)] == ["乙方缺少执行层参会人"]
    with pytest.raises(meetings.MeetingError):
        meetings.validate_required_roles({"*": ["boss"]})


def test_remove_attendee_and_host_is_kept(cfg, store):
    d = make_directory()
    m = _meeting(cfg, d)
    meetings.add_attendee(cfg, m, d.yi_pm, now=NOW, actor=d.host)
    assert meetings.remove_attendee(m, d.yi_pm, now=NOW, actor=d.host)
    assert not meetings.remove_attendee(m, d.yi_pm, now=NOW, actor=d.host)
    with pytest.raises(meetings.MeetingError):
        meetings.remove_attendee(m, d.host, now=NOW, actor=d.host)
    assert Participant.select().count() == 2
    assert MeetingCompany.select().count() == 2  # the company stays a party


def test_schedule_then_move_raises_sequence(cfg, store):
    d = make_directory()
    m = _meeting(cfg, d)
    start = datetime(2026, 10, 9, 6, 0, tzinfo=UTC)
    assert meetings.set_time(m, start, now=NOW, actor="cli") is False
    assert (m.status, m.ical_sequence) == ("scheduled", 0)
    assert meetings.set_time(m, start.replace(hour=7), now=NOW, actor="cli") is True
    assert m.ical_sequence == 1
    meetings.cancel(m, now=NOW, actor="cli")
    assert (Meeting.get_by_id(m.id).status, m.ical_sequence) == ("cancelled", 2)


def test_offline_meeting_gets_an_equipment_check_reminder_once(cfg, store):
    from service.workflows import invitations, rsvp
    from store.models import Outbox

    d = make_directory()
    m = meetings.create_meeting(
        cfg,
        now=NOW,
        actor="cli",
        title=TITLE,
        host=d.host,
        recorder=d.recorder,
        format="offline",
        room="云启大厦3楼",
    )
    start = datetime(2026, 10, 12, 6, 0, tzinfo=UTC)
    invitations.schedule(cfg, m, start, now=NOW, actor="cli")
    assert rsvp.equipment_rule(datetime(2026, 10, 10, 6, 0, tzinfo=UTC), cfg) == 0
    day_before = datetime(2026, 10, 11, 7, 0, tzinfo=UTC)
    assert rsvp.equipment_rule(day_before, cfg) == 2  # host and recorder
    assert rsvp.equipment_rule(day_before, cfg) == 0
    row = Outbox.get(Outbox.kind == "equipment_check")
    body = email.message_from_bytes(row.raw, policy=email.policy.default).get_body(("plain",))
    assert "云启大厦3楼" in body.get_content() and row.subject.endswith(TITLE)
