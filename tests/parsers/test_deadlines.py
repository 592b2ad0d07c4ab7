"""Deadline phrases: one test per row of the contract's §5 table, in Chinese and English."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.business_calendar import BusinessCalendar, default_calendar
from parsers.deadlines import (
    Deadline,
    deadline_spans,
    find_deadline,
    find_deadline_cell,
    find_new_deadline,
)

CST = timezone(timedelta(hours=8))
# Wed 2026-07-08 15:30 +08:00, the guide's meeting end
ANCHOR = datetime(2026, 7, 8, 15, 30, tzinfo=CST)


def due(
    text: str, anchor: datetime = ANCHOR, calendar: BusinessCalendar | None = None
) -> str | None:
    found = find_deadline(text, anchor, calendar)
    return found.due.isoformat() if found and found.due else None


def at(day: str, clock: str = "18:00", offset: str = "+08:00") -> str:
    return f"{day}T{clock}:00{offset}"


@pytest.mark.parametrize(
    "text", ["24小时内", "会后24小时内同步", "within 24 hours", "二十四小时内"]
)
def test_hours_are_exact(text):
    assert due(text) == "2026-07-09T15:30:00+08:00"


@pytest.mark.parametrize(
    "text",
    ["2个工作日内", "两个工作日内", "２个工作日内", "2個工作日內", "within 2 business days",
     "within two working days"],
)  # fmt: skip
def test_working_days_count_from_the_next_working_day(text):
    assert due(text) == at("2026-07-10")


def test_working_days_skip_the_weekend():
    assert due("3个工作日内") == at("2026-07-13")
    assert due("within 3 business days") == at("2026-07-13")


@pytest.mark.parametrize("text", ["3天内", "三天内", "3日内", "within 3 days", "in 3 days"])
def test_calendar_days(text):
    assert due(text) == at("2026-07-11")


@pytest.mark.parametrize(
    "text",
    ["7月15日前", "7月15日之前", "截止7月15日", "7.15前", "７月１５日前", "于7月15日前完成",
     "by July 15", "by 15 Jul", "before 2026-07-15", "by Jul 15th", "due 15 July"],
)  # fmt: skip
def test_dates_at_day_end(text):
    assert due(text) == at("2026-07-15")


def test_year_less_date_rolls_to_the_first_one_on_or_after_the_anchor():
    assert due("7月1日前") == at("2027-07-01")
    assert due("十二月一日前") == at("2026-12-01")
    assert due("1月8日前", datetime(2026, 12, 28, 16, tzinfo=CST)) == at("2027-01-08")


@pytest.mark.parametrize(
    "text", ["7月15日17:00前", "7月15日下午5点前", "by 5pm on July 15", "by July 15 at 5pm"]
)
def test_dates_with_a_time(text):
    assert due(text) == at("2026-07-15", "17:00")


@pytest.mark.parametrize("text", ["今天", "会后当天", "today", "EOD", "end of day"])
def test_today(text):
    assert due(text) == at("2026-07-08")


@pytest.mark.parametrize("text", ["今天", "会后当天", "today", "EOD"])
def test_today_after_the_day_end_is_midnight_minus_one(text):
    evening = datetime(2026, 7, 21, 20, 30, tzinfo=CST)
    assert due(text, evening) == at("2026-07-21", "23:59")


@pytest.mark.parametrize(("text", "day"), [("明天", "2026-07-09"), ("tomorrow", "2026-07-09"),
                                           ("后天", "2026-07-10"), ("the day after tomorrow", "2026-07-10")])  # fmt: skip
def test_tomorrow_and_the_day_after(text, day):
    assert due(text) == at(day)


@pytest.mark.parametrize(
    "text", ["本周五", "这周五前", "周五前", "this Friday", "by Friday", "by this Friday"]
)
def test_this_weekday(text):
    assert due(text) == at("2026-07-10")


def test_this_weekday_already_past_is_next_weeks():
    assert due("本周二") == at("2026-07-14")
    assert due("by Monday") == at("2026-07-13")


@pytest.mark.parametrize(
    "text", ["下周三", "下週三", "下星期三", "next Wednesday", "by next Wednesday"]
)
def test_next_weekday_is_in_the_following_week(text):
    assert due(text) == at("2026-07-15")


@pytest.mark.parametrize("text", ["月底前", "本月底", "by end of month", "by the end of the month"])
def test_end_of_month_is_its_last_working_day(text):
    assert due(text) == at("2026-07-31")
    # October 2026 ends on a Saturday
    assert due(text, datetime(2026, 10, 9, 16, tzinfo=CST)) == at("2026-10-30")


@pytest.mark.parametrize("text", ["本周内", "本週內", "by end of week", "by the end of this week"])
def test_end_of_week_is_its_last_working_day(text):
    assert due(text) == at("2026-07-10")
    # the week before Spring Festival 2026 ends on a worked Saturday
    assert due(text, datetime(2026, 2, 13, 16, tzinfo=CST)) == at("2026-02-14")


def test_explicit_dates_are_kept_even_on_a_holiday():
    assert due("截止9月25日", datetime(2026, 9, 18, 17, tzinfo=CST)) == at("2026-09-25")
    assert due("后天", datetime(2026, 9, 30, 11, tzinfo=CST)) == at("2026-10-02")


def test_dates_are_read_in_the_anchors_offset():
    pacific = datetime(2026, 7, 9, 9, 30, tzinfo=timezone(timedelta(hours=-7)))
    assert due("within 24 hours", pacific) == "2026-07-10T09:30:00-07:00"
    assert due("by 5pm on July 14", pacific) == "2026-07-14T17:00:00-07:00"


def test_clock_times():
    assert due("明天下午3点") == at("2026-07-09", "15:00")
    assert due("本周五下午3点前") == at("2026-07-10", "15:00")
    assert due("17:00前") == at("2026-07-08", "17:00")
    assert due("tomorrow 10am") == at("2026-07-09", "10:00")
    assert due("7月10日（周五）17:00前") == at("2026-07-10", "17:00")
    assert due("次日上午10点前") == at("2026-07-09", "10:00")
    assert due("本周五中午前") == at("2026-07-10", "12:00")


def test_unknown_year_gives_an_error_not_a_day():
    found = find_deadline("5个工作日内", datetime(2026, 12, 30, 17, tzinfo=CST))
    assert found == Deadline(None, "5个工作日内", "working days of 2027 are not known")
    found = find_deadline("by end of month", datetime(2027, 1, 5, 10, tzinfo=CST))
    assert found.due is None and "2027" in found.error


def test_calendar_days_need_no_calendar_data():
    assert due("3天内", datetime(2026, 12, 30, 10, tzinfo=CST)) == at("2027-01-02")


def test_another_region():
    singapore = BusinessCalendar("SG")
    sg_anchor = datetime(2026, 12, 31, 10, tzinfo=timezone(timedelta(hours=8)))
    assert due("within 1 business day", sg_anchor, singapore) == at("2027-01-04")


@pytest.mark.parametrize(
    "text",
    ["首场沙龙定于7月10日在苏州举办", "宏昇精密每周一提供预测", "改到2月25日（周三）",
     "Minutes of today's kickoff", "预算按3:7分摊", "V0.9测试包", "召回率≥95%", "尽快补充",
     "The meetup will be held on 24 September", "客诉单CS-0413", "第1-2章", "提供7×24小时技术支持",
     "下周的例会", "every Monday", "已于7月8日提交报告"],
)  # fmt: skip
def test_not_deadlines(text):
    assert find_deadline(text, ANCHOR) is None


def test_table_cells_take_bare_dates():
    assert find_deadline_cell("6月30日", ANCHOR).due.isoformat() == at("2027-06-30")
    assert find_deadline_cell("19 Aug", ANCHOR).due.isoformat() == at("2026-08-19")
    assert find_deadline_cell("2026-07-24", ANCHOR).due.isoformat() == at("2026-07-24")
    assert find_deadline_cell("7月31日 17:00", ANCHOR).due.isoformat() == at("2026-07-31", "17:00")
    assert find_deadline_cell("—", ANCHOR) is None


def test_phrase_is_the_matched_text():
    found = find_deadline("技术负责人需在会后整理文档，24小时内同步给乙方", ANCHOR)
    assert found.phrase == "24小时内"
    assert deadline_spans("由财务经理在2个工作日内签订") == [(6, 12)]


def test_naive_anchor_is_refused():
    with pytest.raises(ValueError):
        find_deadline("明天", datetime(2026, 7, 8, 15, 30))


WORKING_DAY_PHRASES = [
    "{n}个工作日内",
    "{n}個工作日內",
    "within {n} business days",
    "{n} working days",
]


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(date(2025, 1, 1), date(2026, 11, 30)),
    minute=st.integers(0, 24 * 60 - 1),
    n=st.integers(1, 12),
    phrase=st.sampled_from(WORKING_DAY_PHRASES),
)
def test_every_working_day_deadline_lands_on_a_working_day_at_its_end(day, minute, n, phrase):
    anchor = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=CST)
    found = find_deadline(phrase.format(n=n), anchor)
    if phrase == "{n} working days":  # without "within"/"内" English needs the preposition
        assert found is None
        return
    cal = default_calendar()
    assert found.error is None
    assert cal.is_working_day(found.due.date())
    assert found.due.timetz() == cal.day_end.replace(tzinfo=CST)
    assert cal.working_days_between(anchor.date(), found.due.date()) == n


def test_national_day_2026_working_days_reach_the_saturday_make_up_day():
    anchor = datetime(2026, 9, 30, 11, tzinfo=CST)
    assert due("3个工作日内", anchor) == at("2026-10-10")
    assert due("within 3 business days", anchor) == at("2026-10-10")
    assert due("会后当天", anchor) == at("2026-09-30")


def test_a_date_before_a_delivering_verb_is_due_unless_already_done():
    assert due("张三于7月15日提交方案") == at("2026-07-15")
    assert find_deadline("已于7月8日提交报告", ANCHOR) is None
    assert find_deadline("会议于7月10日在苏州举办", ANCHOR) is None


def test_more_english_forms():
    assert due("by 15/7") == at("2026-07-15")
    assert due("by end of next month") == at("2026-08-31")
    assert due("by the end of July") == at("2026-07-31")
    assert due("by COB tomorrow") == at("2026-07-09")
    assert due("by Monday next week") == at("2026-07-13")


@pytest.mark.parametrize(
    "text", ["下周完成", "下周内", "下周末前", "next week", "by end of next week"]
)
def test_next_week_is_its_last_working_day(text):
    assert due(text) == at("2026-07-17")


@pytest.mark.parametrize(
    ("text", "day"),
    [("能否推到7月24日", "2026-07-24"), ("想把截止日期挪到7月17日，可以吗", "2026-07-17"),
     ("交付能否改到下周三", "2026-07-15"), ("申请延期到7月20日", "2026-07-20"),
     ("Can we push it to July 24?", "2026-07-24"), ("could we move the deadline to 24 July", "2026-07-24"),
     ("let's postpone it to Friday", "2026-07-10"), ("reschedule the handover to 7/20", "2026-07-20"),
     ("push back to Monday 20 July", "2026-07-20"),
     ("we need to postpone the retest plan to 24 July", "2026-07-24"),
     ("could we move the final test report to 7/20", "2026-07-20"),
     ("New date: July 20.", "2026-07-20"), ("new due date: 24 July", "2026-07-24")],
)  # fmt: skip
def test_a_reply_moving_the_due_date_gives_the_new_date(text, day):
    found = find_new_deadline(text, ANCHOR)
    assert found.due.isoformat() == at(day)


@pytest.mark.parametrize(
    "text", ["评审会改到7月20日", "German launch moves to 1 September", "发布会推到7月20日举行"]
)
def test_in_minutes_a_moved_event_is_not_a_deadline(text):
    """Change verbs count only where a due date is being moved (find_new_deadline)."""
    assert find_deadline(text, ANCHOR) is None


@pytest.mark.parametrize(
    "text",
    ["7月15日前往苏州拜访客户", "7月15日前后召开评审会", "7月15日前夕发布新版本",
     "7月15日之前的订单按旧价执行", "请于7月15日前来参会", "7月1日以前的数据不再迁移"],
)  # fmt: skip
def test_qian_that_is_not_before(text):
    """前往 (go to), 前后 (around), 前夕 (eve), 前来 (come), 之前的… (a scope): no deadline."""
    assert find_deadline(text, ANCHOR) is None


def test_qian_before_a_verb_is_still_a_deadline():
    assert due("7月15日前提交方案") == at("2026-07-15")
    assert due("7月15日之前，完成联调") == at("2026-07-15")


@pytest.mark.parametrize(
    "text",
    ["截至7月8日，已完成60%", "截至7月6日累计回款85%", "截至6月30日的库存为1200件",
     "已于7月8日前完成初稿", "去年12月31日前签订的合同继续有效"],
)  # fmt: skip
def test_a_status_date_or_a_past_date_is_no_deadline(text):
    """截至 dating a status ("as of"), and dates reported as past (已于…前完成, 去年…)."""
    assert find_deadline(text, ANCHOR) is None


def test_jiezhi_before_a_task_is_still_a_deadline():
    assert due("截至7月15日提交") == at("2026-07-15")
    assert due("截止7月15日，已提交的可不再提交") == at("2026-07-15")
    assert find_new_deadline("已经延期到7月24日", ANCHOR).due.isoformat() == at("2026-07-24")
