"""Answers to an invitation that is out of date (RFC 5546: an older SEQUENCE, or a
mail reply to the invitation of a time since moved) change no RSVP; when the
time moved, the attendee is asked to answer the current one, at most daily."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from service import meetings
from service.workflows import agenda, invitations
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)
MOVED = datetime(2026, 10, 15, 14, 0, tzinfo=SH)
FIXTURES = Path(__file__).parents[2] / "fixtures" / "before"
FIXTURE_UID = "040000008200E00074C5B7101A82E008-m0001@alliance.example.cn"


def _scheduled(cfg, flow):
    d = make_directory()
    m = guide_meeting(cfg, d, flow.now)
    m.ical_uid = FIXTURE_UID  # the event the Outlook fixture answers (SEQUENCE:0)
    m.save()
    invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
    return d, m


def _rsvp(m, person):
    return meetings.participant_of(m, person).rsvp


def _outlook_accept(n: int) -> bytes:
    """周总's Outlook Accept of the first invitation, as the n-th distinct message."""
    raw = (FIXTURES / "outlook_accept.eml").read_bytes()
    return raw.replace(b"<TYZPR06MB41234ACCEPT0001@", f"<TYZPR06MB41234ACCEPT010{n}@".encode())


def _apple_reply(m, person, partstat: str, sequence: int) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.0//EN\r\n"
        "METHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        f"UID:{m.ical_uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20261001T080000Z\r\n"
        f"ATTENDEE;PARTSTAT={partstat}:mailto:{person.email}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_calendar_accept_of_the_old_time_is_not_recorded_and_the_attendee_is_told(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        invitations.schedule(cfg, m, MOVED, now=flow.now, actor="cli")  # SEQUENCE 1
        flow.send(_outlook_accept(1))
        assert _rsvp(m, d.bing_boss) == "needs-action"
        [stale] = flow.audits("meeting.rsvp.stale")
        assert stale.detail == {
            "person": d.bing_boss.email,
            "rsvp": "accepted",
            "sequence": 0,
            "current_sequence": 1,
            "time_moved": True,
        }
        [told] = flow.outbox(to=d.bing_boss, kind="stale_answer")
        assert "未被记录" in told.text and "参加" in told.text
        assert "2026-10-15" in told.text  # the current time, in his zone
        # the same answer again that day: audited, not told twice; the next day: told
        flow.send(_outlook_accept(2))
        flow.at(flow.now + timedelta(days=1))
        flow.send(_outlook_accept(3))
        assert len(flow.audits("meeting.rsvp.stale")) == 3
        assert len(flow.outbox(to=d.bing_boss, kind="stale_answer")) == 2
        assert _rsvp(m, d.bing_boss) == "needs-action"
        # the answer to the current request counts
        [update] = flow.outbox(to=d.bing_boss, kind="update")
        accept = flow.build_reply(update, d.bing_boss, "", quote="none")
        accept.add_alternative(
            _apple_reply(m, d.bing_boss, "ACCEPTED", 1),
            subtype="calendar",
            params={"method": "REPLY"},
        )
        flow.send(accept)
        assert _rsvp(m, d.bing_boss) == "accepted"


def test_calendar_answer_older_than_an_agenda_change_still_counts(cfg):
    """Clients often do not ask again after an agenda update: the answer is still
    about the same time, so it is recorded."""
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        agenda.set_agenda(
            cfg,
            m,
            agenda.parse_lines("14:00-15:30 | 方案讨论 | 王敏 | 方案确认"),
            now=flow.now,
            actor="cli",
        )
        invitations.send_update(cfg, m, now=flow.now)
        assert meetings.get_meeting(m.ref).ical_sequence == 1
        flow.send(_outlook_accept(1))
        assert _rsvp(m, d.bing_boss) == "accepted"
        assert flow.audits("meeting.rsvp.stale") == []
        assert flow.outbox(kind="stale_answer") == []


def test_mail_reply_to_the_invitation_of_a_moved_time_is_not_recorded(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        [old] = flow.outbox(to=d.yi_pm, kind="invitation")
        [jia_old] = flow.outbox(to=d.jia_boss, kind="invitation")
        flow.reply_to(jia_old, d.jia_boss, "参加")  # before the move: counts
        flow.at(flow.now + timedelta(hours=1))
        [host_inv] = flow.outbox(to=d.host, kind="invitation")
        flow.reply_to(host_inv, d.host, "改期到 2026-10-15 14:00")
        assert meetings.get_meeting(m.ref).start_at == MOVED
        flow.reply_to(old, d.yi_pm, "参加，另外希望增加议题：预算分摊比例")
        assert _rsvp(m, d.yi_pm) == "needs-action"
        [told] = flow.outbox(to=d.yi_pm, kind="stale_answer")
        assert "2026-10-15（周四）14:00" in told.text  # Singapore: same offset
        [stale] = flow.audits("meeting.rsvp.stale")
        assert (stale.detail["rsvp"], stale.detail["sequence"]) == ("accepted", 0)
        # the topic is not about the time: it is kept
        assert [t.text for t in meetings.get_meeting(m.ref).topic_requests] == ["预算分摊比例"]
        # an answer recorded before the move was about the old time: asked again
        # (RFC 5546 §2.1.4, issue 11 defect 8); answering the notice counts
        assert _rsvp(m, d.jia_boss) == "needs-action"
        flow.reply_to(told, d.yi_pm, "不参加")
        assert _rsvp(m, d.yi_pm) == "declined"


def test_mail_reply_to_an_invitation_whose_time_did_not_change_counts(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        [old] = flow.outbox(to=d.yi_pm, kind="invitation")
        invitations.send_update(cfg, m, now=flow.now)  # SEQUENCE 1, same time
        flow.reply_to(old, d.yi_pm, "参加")
        assert _rsvp(m, d.yi_pm) == "accepted"
        assert flow.audits("meeting.rsvp.stale") == [] and flow.outbox(kind="stale_answer") == []
