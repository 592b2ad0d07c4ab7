"""Replies to meeting and poll mails that are not the happy path: strangers,
host commands by mail, moved meetings, material, unclear answers."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from service import meetings
from service.workflows import invitations, scheduling
from store.models import AuditLog, Participant, StoredFile, Vote
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)


def _scheduled(cfg, flow):
    d = make_directory()
    m = guide_meeting(cfg, d, flow.now)
    invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
    return d, m


def _rsvps():
    return {p.person.email: p.rsvp for p in Participant.select()}


def test_stranger_and_outsider_change_nothing(cfg):
    with Flow(cfg, start=START) as flow:
        d, _ = _scheduled(cfg, flow)
        [inv] = flow.outbox(to=d.yi_boss, kind="invitation")
        before = _rsvps()
        flow.reply_to(inv, d.outsider, "参加")  # known, but not on this meeting
        flow.reply_to(inv, "eve@evil.example.com", "不参加")  # unknown
        assert _rsvps() == before
        [told] = flow.outbox(to=d.outsider, kind="not_entitled")
        assert "[M-0001]" in told.text or "M-0001" in told.subject + told.text
        assert AuditLog.select().where(AuditLog.action == "mail.not_entitled").count() == 1


def test_host_moves_meeting_by_reply_and_reminders_follow(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        flow.tick(WHEN - timedelta(days=3) + timedelta(minutes=1))
        assert len(flow.outbox(kind="agenda_t3")) == 7
        [inv] = flow.outbox(to=d.host, kind="invitation")
        flow.reply_to(inv, d.host, "改期到 2026-10-15 14:00，谢谢")
        m = meetings.get_meeting(m.ref)
        assert m.start_at == datetime(2026, 10, 15, 14, 0, tzinfo=SH)
        updates = flow.outbox(kind="update")
        assert len(updates) == 7
        cal = Calendar.from_ical(updates[0].calendar[0])
        assert cal.events[0].sequence == 1 and str(cal.events[0]["UID"]) == m.ical_uid
        # the T−3 agenda comes again for the new time, once
        flow.tick(m.start_at - timedelta(days=3) + timedelta(minutes=1))
        flow.tick(m.start_at - timedelta(days=3) + timedelta(minutes=30))
        assert len(flow.outbox(kind="agenda_t3")) == 14


def test_host_cancels_by_reply_then_a_move_is_refused(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        [inv] = flow.outbox(to=d.host, kind="invitation")
        flow.reply_to(inv, d.host, "取消会议")
        assert meetings.get_meeting(m.ref).status == "cancelled"
        cancels = flow.outbox(kind="cancellation")
        assert len(cancels) == 7 and all("METHOD:CANCEL" in c.calendar[0] for c in cancels)
        flow.reply_to(inv, d.host, "改期到 2026-10-15 14:00")
        [refused] = flow.outbox(to=d.host, kind="command_refused")
        assert "已取消" in refused.text
        assert meetings.get_meeting(m.ref).status == "cancelled"
        # nothing is due for a cancelled meeting
        flow.tick(WHEN - timedelta(days=1) + timedelta(minutes=1))
        assert flow.outbox(kind="agenda_t3") == [] and flow.outbox(kind="rsvp_digest") == []


def test_host_material_goes_out_with_the_agenda(cfg):
    with Flow(cfg, start=START) as flow:
        d, _ = _scheduled(cfg, flow)
        [inv] = flow.outbox(to=d.host, kind="invitation")
        deck = b"%PDF-1.4 marketing plan"
        flow.reply_to(
            inv,
            d.host,
            "背景材料见附件。",
            attachments=[("../联合营销方案v1.pdf", "application/pdf", deck)],
        )
        [stored] = StoredFile.select()
        assert stored.filename == "联合营销方案v1.pdf" and stored.data == deck
        assert flow.outbox(to=d.host, kind="material_stored")
        flow.tick(WHEN - timedelta(days=3) + timedelta(minutes=1))
        [agenda] = flow.outbox(to=d.bing_pm, kind="agenda_t3")
        assert agenda.attachments == [("联合营销方案v1.pdf", "application/pdf", deck)]


def test_unclear_answer_is_asked_back_and_a_question_goes_to_the_host(cfg):
    with Flow(cfg, start=START) as flow:
        d, _ = _scheduled(cfg, flow)
        [inv] = flow.outbox(to=d.yi_pm, kind="invitation")
        flow.reply_to(inv, d.yi_pm, "好的好的，我看看再说吧")
        assert _rsvps()[d.yi_pm.email] == "needs-action"
        [asked] = flow.outbox(to=d.yi_pm, kind="rsvp_unclear")
        assert "参加" in asked.text
        flow.reply_to(inv, d.yi_pm, "请问会议需要准备什么材料？")
        [question] = flow.outbox(to=d.host, kind="rsvp_question")
        assert "需要准备什么材料" in question.text and "林峰" in question.text
        assert flow.outbox(to=d.yi_pm, kind="rsvp_question_noted")
        assert _rsvps()[d.yi_pm.email] == "needs-action"


def test_poll_in_each_zone_none_works_and_auto_pick(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        meetings.add_attendee(cfg, m, d.berlin_boss, now=flow.now, actor="cli", required=False)
        options = [WHEN, WHEN + timedelta(days=1)]
        poll = scheduling.open_poll(
            cfg,
            m,
            options,
            now=flow.now,
            actor="cli",
            deadline=START + timedelta(days=2),
            auto_pick=True,
        )
        [berlin] = flow.outbox(to=d.berlin_boss, kind="poll")
        assert "1. Mon 2026-10-12 08:00" in berlin.text and "Europe/Berlin" in berlin.text
        [shanghai] = flow.outbox(to=d.yi_boss, kind="poll")
        assert "1. 2026-10-12（周一）14:00" in shanghai.text
        flow.reply_to(berlin, d.berlin_boss, "None of these work for me, sorry.")
        flow.reply_to(shanghai, d.yi_boss, "2")
        flow.reply_to(shanghai, d.outsider, "1")  # not asked: no vote
        assert {v.person_id: v.slots for v in Vote.select()} == {
            d.berlin_boss.id: [],
            d.yi_boss.id: [2],
        }
        flow.tick(START + timedelta(days=2, minutes=1))
        m = meetings.get_meeting(m.ref)
        assert m.status == "scheduled" and m.start_at == options[1]
        assert len(flow.outbox(kind="invitation")) == 8
        assert scheduling.open_poll_of(m) is None and poll.id


def test_host_confirms_by_replying_to_the_poll(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        scheduling.open_poll(cfg, m, [WHEN, WHEN + timedelta(days=1)], now=flow.now, actor="cli")
        [poll_mail] = flow.outbox(to=d.host, kind="poll")
        flow.reply_to(poll_mail, d.host, "选5")
        [refused] = flow.outbox(to=d.host, kind="command_refused")
        assert "投票没有选项5" in refused.text
        assert meetings.get_meeting(m.ref).status == "polling"
        flow.reply_to(poll_mail, d.host, "选2")
        assert meetings.get_meeting(m.ref).start_at == WHEN + timedelta(days=1)
        flow.reply_to(poll_mail, d.host, "选1")  # too late: the poll is closed
        assert len(flow.outbox(to=d.host, kind="command_refused")) == 2
        assert meetings.get_meeting(m.ref).start_at == WHEN + timedelta(days=1)


FIXTURES = __import__("pathlib").Path(__file__).parents[2] / "fixtures" / "before"
FIXTURE_UID = "040000008200E00074C5B7101A82E008-m0001@alliance.example.cn"


def test_calendar_replies_from_outlook_and_gmail(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        m.ical_uid = FIXTURE_UID  # the event the fixtures answer
        m.save()
        flow.send((FIXTURES / "outlook_accept.eml").read_bytes())
        flow.send((FIXTURES / "gmail_decline.eml").read_bytes())
        rsvp = _rsvps()
        assert rsvp[d.bing_boss.email] == "accepted" and rsvp[d.yi_pm.email] == "declined"
        zhou = meetings.participant_of(m, d.bing_boss)
        assert zhou.comment == "准时参加。" and zhou.rsvp_at is not None
        # without the subject tag (nothing to route by) the event's UID finds the meeting
        untagged = (
            (FIXTURES / "outlook_accept.eml")
            .read_bytes()
            .replace(b"<TYZPR06MB41234ACCEPT0001@", b"<TYZPR06MB41234ACCEPT0005@")
        )
        untagged = untagged.replace(untagged.split(b"Subject: ")[1].split(b"\r\n")[0], b"Accepted")
        zhou.rsvp = "needs-action"
        zhou.save()
        row = flow.send(untagged)
        assert _rsvps()[d.bing_boss.email] == "accepted" and row.route != ""
        # a reply for another event changes nothing
        other = (
            (FIXTURES / "outlook_accept.eml")
            .read_bytes()
            .replace(b"<TYZPR06MB41234ACCEPT0001@", b"<TYZPR06MB41234ACCEPT0009@")
        )
        m.ical_uid = "someone-else@alliance.example.cn"
        m.save()
        zhou.rsvp = "needs-action"
        zhou.save()
        flow.send(other)
        assert _rsvps()[d.bing_boss.email] == "needs-action"


def test_calendar_delegation_asks_the_host_then_invites_the_delegate(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        deputy = flow.person(
            "huang.li@xinghe.example.sg",
            "黄丽",
            company=d.yi,
            tier="decision",
            timezone="Asia/Singapore",
        )
        [inv] = flow.outbox(to=d.yi_boss, kind="invitation")
        reply = flow.build_reply(inv, d.yi_boss, "", quote="none")
        ics = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 15.0//EN\r\n"
            "METHOD:REPLY\r\nBEGIN:VEVENT\r\n"
            f"UID:{m.ical_uid}\r\nSEQUENCE:0\r\nDTSTAMP:20261009T080000Z\r\n"
            f'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:{deputy.email}":'
            f"mailto:{d.yi_boss.email}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        reply.add_alternative(ics, subtype="calendar", params={"method": "REPLY"})
        flow.send(reply)
        part = meetings.participant_of(m, d.yi_boss)
        assert (part.rsvp, part.delegate_text) == ("delegated", deputy.email)
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        assert flow.outbox(to=deputy) == []  # not before the host agrees
        flow.reply_to(request, d.host, "同意")
        [invited] = flow.outbox(to=deputy, kind="invitation")
        assert "METHOD:REQUEST" in invited.calendar[0]
        assert meetings.participant_of(m, deputy).delegate_for_id == part.id
        # the delegate is a decision maker of 乙方: no key-role gap
        assert meetings.role_gaps(m) == []
