"""Delegation as people write it, and what follows from it: the host is asked,
key roles count the delegate's own tier, and the T−3 agenda goes to whoever
actually comes (issue 11: defects 1, 2 and 12)."""

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from service import meetings
from service.cli.meetings import meeting_state, print_state
from service.workflows import invitations
from store.models import Participant
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)
OUTLOOK_SIGNATURE = "\n\n陈志远\n首席执行官 | 星河数据\nM: +65 9123 4567\n"


def _scheduled(cfg, flow):
    d = make_directory()
    m = guide_meeting(cfg, d, flow.now)
    invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
    return d, m


def _li_ming(flow, d):
    """乙方's support-level assistant: a delegate below the decision level."""
    return flow.person(
        "li.ming@xinghe.example.sg",
        "李明",
        company=d.yi,
        tier="support",
        timezone="Asia/Singapore",
        title="总裁助理",
    )


@pytest.mark.parametrize(
    "body",
    [
        "王经理好，\n\n我那周在外地出差，派李明参加吧。" + OUTLOOK_SIGNATURE,
        "这次由李明出席，谢谢！" + OUTLOOK_SIGNATURE,
        "我让李明参加，有事请直接找他。",
    ],
)
def test_delegation_with_any_verb_asks_the_host(cfg, body):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        li = _li_ming(flow, d)
        [inv] = flow.outbox(to=d.yi_boss, kind="invitation")
        flow.reply_to(inv, d.yi_boss, body)
        part = meetings.participant_of(m, d.yi_boss)
        assert (part.rsvp, part.delegate_text) == ("delegated", "李明")
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        assert "陈总" in request.text and "李明" in request.text
        assert flow.outbox(to=li) == []
        flow.reply_to(request, d.host, "同意")
        [invited] = flow.outbox(to=li, kind="invitation")
        assert "METHOD:REQUEST" in invited.calendar[0]


def test_delegation_in_english_from_gmail(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        meetings.add_attendee(cfg, m, d.berlin_boss, now=flow.now, actor="cli")
        invitations.send_invitations(cfg, m, now=flow.now, people=[d.berlin_boss])
        kevin = flow.person(
            "kevin.wu@berger.example.de",
            "Kevin Wu",
            company=d.berlin,
            tier="decision",
            timezone="Europe/Berlin",
            language="en",
        )
        [inv] = flow.outbox(to=d.berlin_boss, kind="invitation")
        flow.reply_to(
            inv,
            d.berlin_boss,
            "Hi Min,\n\nI'm travelling that week, so I'm sending Kevin Wu instead.\n\n"
            "Best regards,\nAnna\n--\nAnna Berger | Managing Director",
        )
        part = meetings.participant_of(m, d.berlin_boss)
        assert (part.rsvp, part.delegate_text) == ("delegated", "Kevin Wu")
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        flow.reply_to(request, d.host, "同意，谢谢")
        assert flow.outbox(to=kevin, kind="invitation")


def test_a_support_level_delegate_leaves_the_decision_gap_open(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        li = _li_ming(flow, d)
        assert meetings.role_gaps(m) == []
        [inv] = flow.outbox(to=d.yi_boss, kind="invitation")
        flow.reply_to(inv, d.yi_boss, "抱歉，那天有董事会，请李明代我参加。")
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        [gap] = flow.outbox(to=d.host, kind="role_gap")
        assert "乙方缺少决策层参会人" in gap.text
        flow.reply_to(request, d.host, "同意")
        assert meetings.participant_of(m, li).delegate_for_id is not None
        # the delegate counts with their own tier: the gap stays, told once
        assert [g.text("zh") for g in meetings.role_gaps(m)] == ["乙方缺少决策层参会人"]
        assert len(flow.outbox(to=d.host, kind="role_gap")) == 1
        out = io.StringIO()
        print_state(meeting_state(meetings.get_meeting(m.ref), cfg), out)
        assert "乙方缺少决策层参会人" in out.getvalue()
        flow.tick(m.start_at - timedelta(days=1) + timedelta(minutes=5))
        [digest] = flow.outbox(to=d.host, kind="rsvp_digest")
        assert "关键角色：乙方缺少决策层参会人" in digest.text
        assert "齐全" not in digest.text


def test_agenda_goes_to_who_comes_not_to_who_declined_or_sent_someone(cfg):
    with Flow(cfg, start=START) as flow:
        d, _ = _scheduled(cfg, flow)
        li = _li_ming(flow, d)
        invites = {i.to[0]: i for i in flow.outbox(kind="invitation")}
        flow.reply_to(invites[d.yi_boss.email], d.yi_boss, "我派李明参加。")
        [request] = flow.outbox(to=d.host, kind="delegate_request")
        flow.reply_to(request, d.host, "同意")
        flow.reply_to(invites[d.bing_pm.email], d.bing_pm, "那天请假了，参加不了，抱歉。")
        assert Participant.get(Participant.person == d.bing_pm).rsvp == "declined"
        flow.tick(WHEN - timedelta(days=3) + timedelta(minutes=1))
        got = {a.to[0] for a in flow.outbox(kind="agenda_t3")}
        assert li.email in got
        assert d.yi_boss.email not in got and d.bing_pm.email not in got
        assert {d.host.email, d.jia_boss.email, d.bing_boss.email} <= got
