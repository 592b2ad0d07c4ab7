"""A moved time asks everyone again (RFC 5546: a significant change resets
participation to NEEDS-ACTION), and delegations are written into the calendar
object on both sides (issue 11, defect 8)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from service import meetings
from service.workflows import invitations
from store.models import Participant
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow
from tests.support.ical_check import check_calendar

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)
MOVED = datetime(2026, 10, 15, 15, 0, tzinfo=SH)


def _params(cal, email):
    [event] = cal.walk("VEVENT")
    [who] = [a for a in event.get("ATTENDEE", []) if a.lower() == f"mailto:{email}"]
    return who.params


def _calendar_accept(invitation, person, sequence):
    """Thunderbird's Accept: METHOD:REPLY, mailto in lower case, no SUMMARY."""
    cal = check_calendar(invitation.calendar[0])
    [event] = cal.walk("VEVENT")
    return (
        "BEGIN:VCALENDAR\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
        "VERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        f"UID:{event['UID']}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20261001T080000Z\r\n"
        f"ORGANIZER:mailto:{str(event['ORGANIZER'])[7:]}\r\n"
        f"ATTENDEE;CN={person.name};PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:"
        f"mailto:{person.email}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_a_time_move_asks_everyone_again_and_delegations_are_written(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
        deputy = flow.person(
            "huang.li@xinghe.example.sg",
            "黄丽",
            company=d.yi,
            tier="execution",
            timezone="Asia/Singapore",
        )
        invites = {i.to[0]: i for i in flow.outbox(kind="invitation")}
        flow.reply_to(invites[d.yi_boss.email], d.yi_boss, "好的，准时参加。\n\n陈志远\nCEO")
        flow.reply_to(
            invites[d.yi_pm.email], d.yi_pm, "抱歉那天在外地，请黄丽代我参加。", quote="gmail_en"
        )
        flow.reply_to(invites[d.bing_pm.email], d.bing_pm, "不好意思，那天参加不了。")
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        flow.reply_to(request, d.host, "同意")
        # the delegate's invitation names the delegation on both ATTENDEE lines
        [invited] = flow.outbox(to=deputy, kind="invitation")
        cal = check_calendar(invited.calendar[0])
        lin = _params(cal, d.yi_pm.email)
        assert lin["PARTSTAT"] == "DELEGATED"
        assert lin["DELEGATED-TO"].lower() == f"mailto:{deputy.email}"
        assert _params(cal, deputy.email)["DELEGATED-FROM"].lower() == f"mailto:{d.yi_pm.email}"
        assert _params(cal, d.yi_boss.email)["PARTSTAT"] == "ACCEPTED"

        flow.reply_to(invites[d.host.email], d.host, "改期到 2026-10-15 15:00，谢谢")
        m = meetings.get_meeting(m.ref)
        assert m.start_at == MOVED
        assert {p.rsvp for p in Participant.select()} == {"needs-action"}
        updates = flow.outbox(kind="update")
        assert len(updates) == 8
        for update in updates:
            cal = check_calendar(update.calendar[0])
            [event] = cal.walk("VEVENT")
            assert {a.params["PARTSTAT"] for a in event["ATTENDEE"]} == {"NEEDS-ACTION"}
            assert all("DELEGATED-TO" not in a.params for a in event["ATTENDEE"])

        # an Accept to the old invitation does not count; one to the update does
        stale = flow.build_reply(invites[d.bing_boss.email], d.bing_boss, "", quote="none")
        stale.add_alternative(
            _calendar_accept(invites[d.bing_boss.email], d.bing_boss, 0),
            subtype="calendar",
            params={"method": "REPLY"},
        )
        flow.send(stale)
        assert meetings.participant_of(m, d.bing_boss).rsvp == "needs-action"
        [update] = flow.outbox(to=d.bing_boss, kind="update")
        fresh = flow.build_reply(update, d.bing_boss, "", quote="none")
        fresh.add_alternative(
            _calendar_accept(update, d.bing_boss, m.ical_sequence),
            subtype="calendar",
            params={"method": "REPLY"},
        )
        flow.send(fresh)
        assert meetings.participant_of(m, d.bing_boss).rsvp == "accepted"

        # the digest counts answers for the current time only
        flow.tick(MOVED - timedelta(days=1) + timedelta(minutes=5))
        [digest] = flow.outbox(to=d.host, kind="rsvp_digest")
        assert "已接受（1）：周总" in digest.text and "已拒绝（0）" in digest.text
        assert [a.detail["answers_reset"] for a in flow.audits("meeting.reschedule")] == [3]
