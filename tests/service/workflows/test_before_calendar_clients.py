"""Calendar messages as Outlook/Exchange, Google, Apple and Thunderbird send
them: REPLY (accept, tentative, delegated, decline) matched by UID even without
our tag or token; COUNTER to the host, accepted by reply (→ reschedule) or
declined (→ DECLINECOUNTER); REFRESH re-sends the invitation (issue 11,
defect 10)."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from service import meetings
from service.workflows import invitations
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow
from tests.support.ical_check import check_calendar

FIXTURES = Path(__file__).parents[2] / "fixtures" / "before"
FIXTURE_UID = "040000008200E00074C5B7101A82E008-m0001@alliance.example.cn"
SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)
PROPOSED = datetime(2026, 10, 13, 15, 0, tzinfo=SH)


def _scheduled(cfg, flow):
    d = make_directory()
    m = guide_meeting(cfg, d, flow.now)
    m.ical_uid = FIXTURE_UID  # the event the fixtures answer
    m.save()
    invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
    return d, m


def _send(flow, name):
    return flow.send((FIXTURES / name).read_bytes())


def test_replies_from_four_clients_are_read_by_uid(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        deputy = flow.person("huang.li@xinghe.example.sg", "黄丽", company=d.yi, tier="decision")
        for name in (
            "google_accept_untagged.eml",
            "apple_tentative.eml",
            "thunderbird_delegated.eml",
            "exchange_decline_untagged.eml",
        ):
            row = _send(flow, name)
            assert row.route and row.intent != "help", name
        rsvp = {p.person.email: p.rsvp for p in meetings.participants(m)}
        assert rsvp[d.bing_boss.email] == "accepted"
        assert rsvp[d.yi_pm.email] == "tentative"
        assert rsvp[d.yi_boss.email] == "delegated"
        assert rsvp[d.jia_boss.email] == "declined"
        assert meetings.participant_of(m, d.jia_boss).comment == "Travelling that week, sorry."
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        assert deputy.email in request.text


def test_counter_reaches_the_host_who_accepts_it_by_reply(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        _send(flow, "outlook_counter.eml")
        assert meetings.get_meeting(m.ref).start_at == WHEN  # nothing moves by itself
        [proposal] = flow.outbox(to=d.host, kind="counter_proposal")
        assert "陈总" in proposal.text and "2026-10-13（周二）15:00" in proposal.text
        assert "能否改到13日下午三点" in proposal.text
        flow.reply_to(proposal, d.host, "接受，就改到13日吧。\n\n王敏\n项目经理")
        m = meetings.get_meeting(m.ref)
        assert m.start_at == PROPOSED
        updates = flow.outbox(kind="update")
        assert len(updates) == 7
        for update in updates:
            check_calendar(update.calendar[0])
        assert meetings.participant_of(m, d.host).rsvp == "needs-action"


def test_counter_declined_by_the_host_answers_declinecounter(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        _send(flow, "outlook_counter.eml")
        [proposal] = flow.outbox(to=d.host, kind="counter_proposal")
        flow.reply_to(proposal, d.host, "不接受，时间不变，谢谢。")
        assert meetings.get_meeting(m.ref).start_at == WHEN
        [declined] = flow.outbox(to=d.yi_boss, kind="counter_declined")
        cal = check_calendar(declined.calendar[0])
        assert str(cal["METHOD"]) == "DECLINECOUNTER"
        assert "2026-10-12" in declined.text and flow.outbox(kind="update") == []


def test_refresh_resends_the_current_invitation(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        row = _send(flow, "thunderbird_refresh.eml")
        assert row.intent == "calendar_refresh"
        sent = flow.outbox(to=d.bing_pm)
        assert [s.kind for s in sent] == ["invitation", "invitation"]
        cal = check_calendar(sent[-1].calendar[0])
        assert str(cal["METHOD"]) == "REQUEST"
        assert cal.walk("VEVENT")[0]["SEQUENCE"] == m.ical_sequence
