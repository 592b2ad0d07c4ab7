"""Every outbound calendar part reads in two independent parsers (icalendar and
vobject) with a VTIMEZONE for every TZID: invitation, update and cancellation,
to Chinese and English readers (issue 11, calendar target)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from service import meetings
from service.workflows import invitations
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow
from tests.support.ical_check import check_calendar

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)


def test_invitation_update_and_cancel_in_both_languages(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        meetings.add_attendee(cfg, m, d.berlin_boss, now=flow.now, actor="cli")
        invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
        [inv] = flow.outbox(to=d.host, kind="invitation")
        flow.reply_to(inv, d.host, "改期到 2026-10-13 15:00")
        flow.reply_to(inv, d.host, "取消会议")
        for kind, method in (
            ("invitation", "REQUEST"),
            ("update", "REQUEST"),
            ("cancellation", "CANCEL"),
        ):
            mails = flow.outbox(kind=kind)
            assert {d.berlin_boss.email, d.yi_boss.email} <= {x.to[0] for x in mails}
            for mail in mails:
                [part] = mail.calendar
                cal = check_calendar(part)
                assert str(cal["METHOD"]) == method
                assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
