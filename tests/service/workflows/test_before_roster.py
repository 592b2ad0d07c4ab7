"""The host changes the attendee list by replying, as hosts write it; a host's
reply is never their own RSVP unless it answers their invitation (issue 11,
defect 3)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from service import meetings
from service.workflows import invitations
from store.models import Person
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow
from tests.support.ical_check import check_calendar

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)
HOST_SIGNATURE = "\n\n王敏\n项目经理 | 云启科技\n电话：021-5555 0101\n"


def _scheduled(cfg, flow):
    d = make_directory()
    m = guide_meeting(cfg, d, flow.now)
    invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
    return d, m


def _rsvp(m, person):
    return meetings.participant_of(m, person).rsvp


def test_host_adds_a_new_person_by_replying_to_the_role_gap_mail(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        [inv] = flow.outbox(to=d.bing_boss, kind="invitation")
        flow.reply_to(inv, d.bing_boss, "抱歉，那周我在国外，不参加了。")
        [gap] = flow.outbox(to=d.host, kind="role_gap")
        assert "丙方缺少决策层参会人" in gap.text and "请加上" in gap.text
        flow.reply_to(
            gap,
            d.host,
            "丙方请加上 Katrin Weber（k.weber@mingdao-media.example.com），"
            "她是明道传媒的总经理。" + HOST_SIGNATURE,
        )
        katrin = Person.get(Person.email == "k.weber@mingdao-media.example.com")
        assert (katrin.name, katrin.company_id, katrin.tier) == (
            "Katrin Weber",
            d.bing.id,
            "decision",
        )
        assert katrin.title == "总经理" and katrin.language == "en"
        [invited] = flow.outbox(to=katrin, kind="invitation")
        check_calendar(invited.calendar[0])
        assert meetings.role_gaps(m) == []
        assert _rsvp(m, d.host) == "needs-action"  # not the host's own acceptance
        [done] = flow.outbox(to=d.host, kind="roster_changed")
        assert "Katrin Weber（丙方 明道传媒，决策层）" in done.text or "Katrin Weber" in done.text
        assert "关键角色：齐全" in done.text
        assert [a.detail["person"] for a in flow.audits("meeting.attendee.add")][-1] == katrin.email


def test_host_removes_and_replaces_by_name_and_is_asked_back_for_unknowns(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        huang = flow.person(
            "huang.li@mingdao.example.cn",
            "黄丽",
            company=d.bing,
            tier="execution",
            timezone="Asia/Shanghai",
        )
        [inv] = flow.outbox(to=d.host, kind="invitation")
        flow.reply_to(
            inv,
            d.host,
            "去掉林峰，他不用参加了。\n请把吴工换成黄丽。\n另外加上张伟。" + HOST_SIGNATURE,
        )
        on = {p.person.email for p in meetings.participants(m)}
        assert d.yi_pm.email not in on and d.bing_pm.email not in on and huang.email in on
        for person in (d.yi_pm, d.bing_pm):
            [told] = flow.outbox(to=person, kind="attendee_removed")
            cal = check_calendar(told.calendar[0])
            assert str(cal["METHOD"]) == "CANCEL"
            assert "无需参加" in told.text
        assert flow.outbox(to=huang, kind="invitation")
        [done] = flow.outbox(to=d.host, kind="roster_changed")
        assert "张伟" in done.text and "请附上邮箱" in done.text
        assert "林峰" in done.text and "黄丽" in done.text
        assert _rsvp(m, d.host) == "needs-action"


def test_host_writes_in_english_from_gmail(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        [inv] = flow.outbox(to=d.host, kind="invitation")
        flow.reply_to(
            inv,
            d.host,
            "Hi,\n\nPlease add Anna Berger (anna.berger@berger.example.de) to the meeting, "
            "she is their Managing Director.\n\nThanks,\nMin",
            quote="gmail_en",
        )
        [invited] = flow.outbox(to=d.berlin_boss, kind="invitation")
        assert "Invitation" in invited.subject  # in her language
        check_calendar(invited.calendar[0])
        assert meetings.participant_of(m, d.berlin_boss) is not None


def test_a_host_reply_is_an_rsvp_only_to_their_own_invitation(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        [inv] = flow.outbox(to=d.yi_pm, kind="invitation")
        flow.reply_to(inv, d.yi_pm, "抱歉无法参加，请黄丽代我参加。")
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        flow.reply_to(request, d.host, "好的，收到，我参加。")  # no pending delegate is found
        assert _rsvp(m, d.host) == "needs-action"
        [own] = flow.outbox(to=d.host, kind="invitation")
        flow.reply_to(own, d.host, "好的，我参加。" + HOST_SIGNATURE)
        assert _rsvp(m, d.host) == "accepted"
