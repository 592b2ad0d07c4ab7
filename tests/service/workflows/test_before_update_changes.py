"""An update says what changed — time, place or link, agenda items — in each
recipient's zone and language (issue 11, defect 7)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from service import meetings
from service.workflows import agenda, invitations
from tests.support.before_meeting import AGENDA, guide_meeting, make_directory
from tests.support.flow import Flow
from tests.support.ical_check import check_calendar

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
WHEN = datetime(2026, 12, 16, 14, 0, tzinfo=SH)


def _scheduled(cfg, flow):
    d = make_directory()
    m = guide_meeting(cfg, d, flow.now)
    meetings.add_attendee(cfg, m, d.berlin_boss, now=flow.now, actor="cli", required=False)
    invitations.schedule(cfg, m, WHEN, now=flow.now, actor="cli")
    return d, m


def test_a_moved_time_is_shown_old_to_new_in_each_zone(cfg):
    with Flow(cfg, start=START) as flow:
        d, _ = _scheduled(cfg, flow)
        [inv] = flow.outbox(to=d.host, kind="invitation")
        flow.reply_to(inv, d.host, "改期到 2026-12-17 15:00，谢谢\n\n王敏")
        [zh] = flow.outbox(to=d.yi_boss, kind="update")
        assert (
            "时间：2026-12-16（周三）14:00 → 2026-12-17（周四）15:00（Asia/Singapore）" in zh.text
        )
        assert "请重新答复" in zh.text
        [en] = flow.outbox(to=d.berlin_boss, kind="update")
        assert "Time: Wed 2026-12-16 07:00 → Thu 2026-12-17 08:00 (Europe/Berlin)" in en.text
        assert "What changed:" in en.text and "本次变更" not in en.text
        for mail in (zh, en):
            check_calendar(mail.calendar[0])


def test_place_link_and_agenda_changes_are_listed(cfg):
    with Flow(cfg, start=START) as flow:
        d, m = _scheduled(cfg, flow)
        meetings.update_meeting(m, now=flow.now, actor="cli", link="https://meet.example.cn/j/9911")
        lines = AGENDA.replace(
            "15:00-15:20 | 数据对接与投放渠道 | 周总 | 对接负责人与时间表",
            "15:00-15:20 | 预算分摊 | 陈总 | 分摊比例",
        )
        agenda.set_agenda(cfg, m, agenda.parse_lines(lines), now=flow.now, actor="cli")
        invitations.send_update(cfg, m, now=flow.now)
        [zh] = flow.outbox(to=d.bing_pm, kind="update")
        assert "链接：https://meet.example.cn/j/8842 → https://meet.example.cn/j/9911" in zh.text
        assert "新增议题：预算分摊" in zh.text and "删除议题：数据对接与投放渠道" in zh.text
        assert "时间：" not in zh.text.split("以下为最新信息")[0]
        [en] = flow.outbox(to=d.berlin_boss, kind="update")
        assert "Link: https://meet.example.cn/j/8842 → https://meet.example.cn/j/9911" in en.text
        assert "Agenda item added: 预算分摊" in en.text
        assert "Agenda item removed: 数据对接与投放渠道" in en.text
