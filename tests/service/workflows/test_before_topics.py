"""Topics proposed by reply reach the host as they arrive (batched within an
hour); the host's "同意加入议程" puts them on the agenda and the attendees get
the update naming them (issue 11, defect 9)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from service import meetings
from service.workflows import invitations, topics
from store.models import AgendaItem
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 10, 12, 14, 0, tzinfo=SH)


def _agenda(m):
    return [
        a.topic
        for a in AgendaItem.select().where(AgendaItem.meeting == m).order_by(AgendaItem.position)
    ]


def test_topics_reach_the_host_batched_and_join_the_agenda_on_acceptance(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        meetings.add_attendee(cfg, m, d.berlin_boss, now=flow.now, actor="cli")
        invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
        invites = {i.to[0]: i for i in flow.outbox(kind="invitation")}
        flow.reply_to(
            invites[d.yi_boss.email],
            d.yi_boss,
            "参加。另外希望增加议题：预算分摊比例\n\n陈志远\nCEO | 星河数据",
        )
        flow.tick(flow.now + timedelta(minutes=1))
        [first] = flow.outbox(to=d.host, kind="topics_proposed")
        assert "1. 预算分摊比例（陈总）" in first.text and "同意加入议程" in first.text

        # two more within the hour: one mail after it, not two at once
        flow.at(flow.now + timedelta(minutes=10))
        flow.reply_to(invites[d.yi_pm.email], d.yi_pm, "参加，议题：投放渠道数据口径")
        flow.reply_to(
            invites[d.berlin_boss.email],
            d.berlin_boss,
            "Happy to join. Could we also discuss the EU launch timeline?\n\nBest,\nAnna",
        )
        flow.tick(flow.now + timedelta(minutes=20))
        assert len(flow.outbox(to=d.host, kind="topics_proposed")) == 1
        flow.tick(flow.now + timedelta(minutes=45))
        [_, second] = flow.outbox(to=d.host, kind="topics_proposed")
        assert "2. 投放渠道数据口径（林峰）" in second.text
        assert "3. " in second.text and "EU launch timeline" in second.text
        assert _agenda(m)[-1] == "总结与任务分配"  # nothing added before the host agrees

        flow.reply_to(second, d.host, "同意加入议程\n\n王敏\n项目经理")
        assert _agenda(m)[-2] == "投放渠道数据口径" and "EU launch timeline" in _agenda(m)[-1]
        assert "预算分摊比例" not in _agenda(m)  # that mail's topics only
        [update] = flow.outbox(to=d.bing_pm, kind="update")
        assert "新增议题：投放渠道数据口径" in update.text
        [en] = flow.outbox(to=d.berlin_boss, kind="update")
        assert "Agenda item added: 投放渠道数据口径" in en.text
        assert meetings.participant_of(m, d.host).rsvp == "needs-action"

        # the first one by the same path the CLI takes
        added = topics.accept(cfg, meetings.get_meeting(m.ref), [1], now=flow.now, actor="cli")
        assert [t.text for t in added] == ["预算分摊比例"]
        assert _agenda(m)[-1] == "预算分摊比例"
        assert topics.accept(cfg, meetings.get_meeting(m.ref), [1], now=flow.now, actor="cli") == []
