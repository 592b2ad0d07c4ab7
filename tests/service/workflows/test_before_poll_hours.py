"""Poll reminders wait for the recipient's working hours, like every reminder."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from service import meetings
from service.workflows import scheduling
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 13, 0, tzinfo=UTC)  # Mon 21:00 in Shanghai
OPTIONS = [datetime(2026, 10, d, 14, 0, tzinfo=SH) for d in (9, 12, 13)]


def test_a_reminder_due_at_night_goes_the_next_working_morning_once(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        poll = scheduling.open_poll(
            cfg, m, OPTIONS, now=flow.now, actor="cli", deadline=START + timedelta(days=3)
        )
        polls = {p.id: flow.outbox(to=p, kind="poll")[0] for p in meetings.attendees(m)}
        for person in meetings.attendees(m):
            if person != d.bing_pm:
                flow.reply_to(polls[person.id], person, "2")
        assert scheduling.waiting(poll) == [d.bing_pm]

        due = START + timedelta(hours=cfg.policy.poll_reminder_hours, minutes=30)
        flow.tick(due)  # Tue 21:30 in Shanghai
        assert flow.outbox(kind="poll_reminder") == []

        morning = datetime(2026, 9, 23, 9, 30, tzinfo=SH)  # Wed
        flow.tick(morning)
        flow.tick(morning + timedelta(hours=2))
        reminders = flow.outbox(kind="poll_reminder")
        assert [r.to for r in reminders] == [[d.bing_pm.email]]
