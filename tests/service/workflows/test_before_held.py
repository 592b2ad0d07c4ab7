"""After its end time a scheduled meeting is held: once, audited, by tick;
the rules after the meeting still see it, and its time can no longer change."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from service import meetings
from service.meetings import MeetingError
from service.workflows import invitations, scheduling
from store.models import AuditLog, Meeting
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)  # 90 minutes: ends 15:30


def _status(m):
    return Meeting.get_by_id(m.id).status


def test_meeting_is_held_once_after_its_end_and_later_rules_still_run(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
        draft = meetings.create_meeting(
            cfg, now=flow.now, actor="cli", title="未定时间", host=d.host, link="https://x.cn/1"
        )
        gone = guide_meeting(cfg, d, flow.now)
        invitations.schedule(cfg, gone, WHEN, now=flow.now, actor="cli")
        invitations.cancel(cfg, gone, now=flow.now, actor="cli")
        flow.tick(WHEN + timedelta(minutes=89))  # still in the meeting
        assert _status(m) == "scheduled"
        flow.tick(WHEN + timedelta(minutes=91))
        flow.tick(WHEN + timedelta(minutes=95))  # a second tick changes nothing
        assert (_status(m), _status(draft), _status(gone)) == ("held", "draft", "cancelled")
        [held] = flow.audits("meeting.held")
        assert (held.object_id, held.actor_text) == (m.id, "system")
        assert held.at == WHEN + timedelta(minutes=91)
        # minutes due and the retrospective request read held meetings too
        flow.tick(WHEN + timedelta(minutes=90, hours=cfg.policy.minutes_due_hours, seconds=60))
        assert flow.outbox(to=d.recorder, kind="minutes_due")
        after = timedelta(days=cfg.policy.retrospective_days_after, minutes=91)
        flow.tick(WHEN + after)
        assert flow.outbox(to=d.host, kind="retro_request")


def test_a_held_meeting_cannot_be_moved_cancelled_or_polled(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
        [inv] = flow.outbox(to=d.host, kind="invitation")
        flow.tick(WHEN + timedelta(hours=2))
        later = WHEN + timedelta(days=7)
        flow.reply_to(inv, d.host, "改期到 2026-10-19 14:00")
        [refused] = flow.outbox(to=d.host, kind="command_refused")
        assert "请另建会议" in refused.text
        m = Meeting.get_by_id(m.id)
        assert (m.status, m.start_at, m.ical_sequence) == ("held", WHEN, 0)
        for change in (
            lambda: invitations.cancel(cfg, m, now=flow.now, actor="cli"),
            lambda: scheduling.open_poll(cfg, m, [later], now=flow.now, actor="cli"),
        ):
            try:
                change()
            except MeetingError as e:
                assert "held" in str(e)
            else:
                raise AssertionError("a held meeting changed")
        assert _status(m) == "held" and flow.outbox(kind="cancellation") == []
        assert AuditLog.select().where(AuditLog.action == "meeting.cancel").count() == 0
