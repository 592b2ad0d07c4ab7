"""The guide's example end to end, by mail over real SMTP with time travel:
poll → votes → reminder → ranking → "选2" → invitation → T−3 agenda →
RSVPs by text and by calendar reply, a topic, a delegate → T−1 digest."""

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from service import meetings
from service.cli.meetings import meeting_state, print_state
from service.workflows import scheduling
from store.models import Participant, TopicRequest
from tests.support.before_meeting import TITLE, guide_meeting, make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)  # Mon 10:00 in Shanghai
OPTIONS = [datetime(2026, 10, d, 14, 0, tzinfo=SH) for d in (9, 12, 13)]
ITIP_REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "ORGANIZER", "ATTENDEE")


def _calendar_reply(invitation, person, partstat: str) -> str:
    """What Outlook sends when the attendee clicks Accept: METHOD:REPLY."""
    cal = Calendar.from_ical(invitation.calendar[0])
    event = cal.events[0]
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\n"
        "METHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        f"UID:{event['UID']}\r\nSEQUENCE:{event.sequence}\r\n"
        "DTSTAMP:20261009T080000Z\r\n"
        f"ORGANIZER:MAILTO:{str(event['ORGANIZER'])[7:]}\r\n"
        f"ATTENDEE;PARTSTAT={partstat};CN={person.name}:MAILTO:{person.email.upper()}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def test_guide_example_runs_end_to_end(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        deputy = flow.person(
            "huang.li@xinghe.example.sg",
            "黄丽",
            company=d.yi,
            tier="execution",
            timezone="Asia/Singapore",
        )
        m = guide_meeting(cfg, d, flow.now)
        poll = scheduling.open_poll(
            cfg, m, OPTIONS, now=flow.now, actor="cli", deadline=START + timedelta(days=3)
        )
        people = meetings.attendees(m)
        assert len(people) == 7
        polls = {p.id: flow.outbox(to=p, kind="poll")[0] for p in people}
        assert "[M-0001]" in polls[d.yi_boss.id].subject

        # votes by reply; the host's own vote counts too
        answers = {
            d.host: "1、2都可以",
            d.recorder: "2",
            d.jia_boss: "选项2和3可以",
            d.yi_boss: "2",
            d.yi_pm: "1,2,3都行",
            d.bing_boss: "第2个时间可以",
        }
        for person, body in answers.items():
            flow.reply_to(polls[person.id], person, body)
        assert scheduling.waiting(poll) == [d.bing_pm]

        # one reminder, once, to the one who has not answered
        flow.tick(START + timedelta(hours=25))
        flow.tick(START + timedelta(hours=30))
        reminders = flow.outbox(kind="poll_reminder")
        assert [r.to for r in reminders] == [[d.bing_pm.email]]

        flow.reply_to(reminders[0].row, d.bing_pm, "2")
        standings, ranking = flow.outbox(to=d.host, kind="poll_ranking")
        assert "6/7" in standings.text and "尚未答复：吴工" in standings.text
        assert "2. " in ranking.text and "7/7" in ranking.text
        assert "选2" in ranking.text  # option 2 suits all seven

        # the host confirms: invitation to everyone, with an iTIP REQUEST
        flow.reply_to(ranking.row, d.host, "选2")
        m = meetings.get_meeting(m.ref)
        assert m.status == "scheduled" and m.start_at == OPTIONS[1]
        invitations = flow.outbox(kind="invitation")
        assert len(invitations) == 7
        inv = next(i for i in invitations if d.yi_pm.email in i.to)
        cal = Calendar.from_ical(inv.calendar[0])
        assert cal["METHOD"] == "REQUEST"
        for prop in ITIP_REQUIRED:
            assert prop in cal.events[0], prop
        assert "14:00–14:20" in inv.text and "背景与目标" in inv.text

        # T − 3: agenda and material asking for topics
        t3 = m.start_at - timedelta(days=cfg.policy.agenda_days_before)
        flow.tick(t3 - timedelta(hours=1))
        assert flow.outbox(kind="agenda_t3") == []
        flow.tick(t3 + timedelta(minutes=5))
        agendas = {a.to[0]: a for a in flow.outbox(kind="agenda_t3")}
        assert len(agendas) == 7

        # RSVPs: text, topic, calendar Accept, decline, a delegate the host agrees to
        flow.reply_to(
            agendas[d.yi_boss.email].row, d.yi_boss, "参加。另外希望增加议题：预算分摊比例"
        )
        accept = flow.build_reply(inv, d.bing_boss, "", quote="none")
        bing_inv = next(i for i in invitations if d.bing_boss.email in i.to)
        accept.add_alternative(
            _calendar_reply(bing_inv, d.bing_boss, "ACCEPTED"),
            subtype="calendar",
            params={"method": "REPLY"},
        )
        flow.send(accept)
        flow.reply_to(agendas[d.jia_boss.email].row, d.jia_boss, "那天出差，不参加了。")
        flow.reply_to(agendas[d.yi_pm.email].row, d.yi_pm, "抱歉无法参加，请黄丽代我参加。")
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        assert "黄丽" in request.subject
        flow.reply_to(request.row, d.host, "同意")
        assert flow.outbox(to=deputy, kind="invitation")

        rsvp = {p.person.email: p.rsvp for p in Participant.select()}
        assert rsvp[d.yi_boss.email] == "accepted"
        assert rsvp[d.bing_boss.email] == "accepted"
        assert rsvp[d.jia_boss.email] == "declined"
        assert rsvp[d.yi_pm.email] == "delegated"
        assert [t.text for t in TopicRequest.select()] == ["预算分摊比例"]
        [gap] = flow.outbox(to=d.host, kind="role_gap")
        assert "甲方缺少决策层参会人" in gap.text

        # T − 1: the digest to the host
        flow.tick(m.start_at - timedelta(days=1) + timedelta(minutes=5))
        [digest] = flow.outbox(to=d.host, kind="rsvp_digest")
        text = digest.text
        assert "已接受（2）" in text and "陈总" in text and "周总" in text
        assert "林峰" in text and "代参：黄丽" in text
        assert "甲方缺少决策层参会人" in text
        assert "预算分摊比例" in text
        assert TITLE in digest.subject

        # `meetloop meeting show M-0001` prints the whole state
        out = io.StringIO()
        print_state(meeting_state(meetings.get_meeting(m.ref), cfg), out)
        shown = out.getvalue()
        for expected in (
            "M-0001  联合营销方案对齐会  [scheduled]",
            "2026-10-12 14:00 – 2026-10-12 15:30",
            "乙方",
            "星河数据",
            "decision",
            "delegated",
            "黄丽",
            "accepted",
            "14:00–14:20",
            "背景与目标",
            "预算分摊比例",
            "closed, chosen option 2",
            "甲方缺少决策层参会人",
            "poll_ranking",
            "rsvp_digest",
            "agenda_t3",
        ):
            assert expected in shown, expected
