"""A poll while the list or the options change: people added get the open poll,
a new poll replaces the open one with answers carried over where the times
recur, and an answer to the replaced poll lands in the new one (issue 11,
defect 5)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from service.workflows import invitations, scheduling
from store.models import Poll, Vote
from tests.support.before_meeting import guide_meeting, make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
A, B, C = (datetime(2026, 10, d, 15, 0, tzinfo=SH) for d in (12, 13, 14))


def _votes(poll):
    return {v.person.email: v.slots for v in Vote.select().where(Vote.poll == poll)}


def test_people_added_during_a_poll_get_it(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        scheduling.open_poll(cfg, m, [A, B], now=flow.now, actor="cli")
        [poll_mail] = flow.outbox(to=d.host, kind="poll")
        flow.reply_to(
            poll_mail,
            d.host,
            "请加上 Anna Berger（anna.berger@berger.example.de），她是总经理。\n\n王敏",
        )
        [anna] = flow.outbox(to=d.berlin_boss, kind="poll")
        assert "Europe/Berlin" in anna.text and "1. Mon 2026-10-12 09:00" in anna.text
        flow.reply_to(anna, d.berlin_boss, "Option 2 works for me.\n\nBest,\nAnna")
        assert _votes(scheduling.open_poll_of(m))[d.berlin_boss.email] == [2]
        # the same path the CLI's `meeting invite` takes
        kevin = flow.person(
            "kevin.wu@berger.example.de", "Kevin Wu", language="en", company=d.berlin
        )
        from service import meetings

        meetings.add_attendee(cfg, m, kevin, now=flow.now, actor="cli")
        assert invitations.welcome(cfg, m, [kevin], now=flow.now) == 1
        assert flow.outbox(to=kevin, kind="poll")


def test_a_new_poll_supersedes_the_open_one(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        first = scheduling.open_poll(cfg, m, [A, B], now=flow.now, actor="cli")
        old_mails = {p.to[0]: p for p in flow.outbox(kind="poll")}
        flow.reply_to(old_mails[d.yi_boss.email], d.yi_boss, "1、2都可以")
        flow.reply_to(old_mails[d.bing_boss.email], d.bing_boss, "只能选1")
        flow.reply_to(old_mails[d.yi_pm.email], d.yi_pm, "选项二\n\n林峰")
        flow.at(flow.now + timedelta(hours=2))
        second = scheduling.open_poll(cfg, m, [B, C], now=flow.now, actor="cli")
        assert Poll.get_by_id(first.id).status == "closed"
        assert Poll.select().where(Poll.status == "open").count() == 1
        # 林峰 named only a time offered again: kept (option 2 is now 1); 陈总 also
        # named a time no longer offered, so his answer is asked again
        assert _votes(second) == {d.yi_pm.email: [1]}
        new_mails = {p.to[0]: p for p in flow.outbox(kind="poll", since=flow.now)}
        assert len(new_mails) == 7  # everyone told once
        assert "此前的时间征询已作废" in new_mails[d.bing_pm.email].text
        # an answer to the replaced poll, naming a time offered again, counts in the new one
        assert "您之前的答复（选项1）已保留" in new_mails[d.yi_pm.email].text
        flow.reply_to(old_mails[d.jia_boss.email], d.jia_boss, "2可以\n\n赵")
        assert _votes(second)[d.jia_boss.email] == [1]
        assert d.jia_boss.email not in _votes(first)
        # one naming a time no longer offered gets the open poll again, once
        flow.reply_to(old_mails[d.bing_pm.email], d.bing_pm, "1")
        assert d.bing_pm.email not in _votes(second)
        [again] = flow.outbox(to=d.bing_pm, kind="poll", since=flow.now)[1:]
        assert "2026-10-14" in again.text


def test_options_impossible_for_someone_are_marked_in_their_poll(cfg):
    """A Berliner is not asked to vote for 03:00 or for Christmas without a word;
    the host's Chinese mail names who cannot make which option, in Chinese
    (issue 11, defect 6)."""
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        m = guide_meeting(cfg, d, flow.now)
        from service import meetings

        meetings.add_attendee(cfg, m, d.berlin_boss, now=flow.now, actor="cli")
        early = datetime(2026, 12, 16, 10, 0, tzinfo=SH)  # 03:00 in Berlin
        fine = datetime(2026, 12, 16, 16, 0, tzinfo=SH)  # 09:00 in Berlin
        christmas = datetime(2026, 12, 25, 16, 0, tzinfo=SH)  # a holiday in Germany
        scheduling.open_poll(cfg, m, [early, fine, christmas], now=flow.now, actor="cli")
        [anna] = flow.outbox(to=d.berlin_boss, kind="poll")
        lines = {
            line[:2]: line for line in anna.text.splitlines() if line[:2] in ("1.", "2.", "3.")
        }
        assert "03:00" in lines["1."] and "outside your working hours" in lines["1."]
        assert "⚠" not in lines["2."]
        assert "public holiday or day off where you are" in lines["3."]
        [chen] = flow.outbox(to=d.yi_boss, kind="poll")
        assert "⚠" not in chen.text.split("3.")[0]  # Singapore: 10:00 and 16:00 suit
        [host] = flow.outbox(to=d.host, kind="poll")
        assert "⚠" not in host.text
