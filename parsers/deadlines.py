"""Deadline phrases in Chinese and English -> an aware datetime, on a business calendar.

A small rule-based reader (dateparser reads "7月15日前" as "7 months 15 days
ago"). Every convention of the parsing contract §5 lives in the constants
below and the resolvers of the "resolution" section, nowhere else. Dates are
read in the anchor's local time and the result keeps the anchor's offset.
The day end comes from the calendar (18:00 by default). Conventions the
contract leaves open, decided here: a bare clock time already past on the
anchor's date means the next day; "本周内"/"月底前" whose last working day is
already behind the anchor mean the anchor's date; a year-less date takes the
first such date on or after the anchor's date.

An absolute date counts as a deadline only with a deadline marker
("前", "截止", "by", "before", …): "7月10日在苏州举办" is an event date, not a
deadline. A table's deadline column holds bare dates; `find_deadline_cell`
reads those.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from parsers.business_calendar import BusinessCalendar, UnknownYearError, default_calendar
from parsers.numerals import zh_value

# -- conventions (contract §5) ---------------------------------------------------
# "今天"/"today" when the anchor is already past the day end: the end of that date.
LATE_SAME_DAY = time(23, 59)
# A bare clock hour below this, written without 上午/下午/am/pm, is read as afternoon
# ("3点前" at work means 15:00).
PM_GUESS_BELOW_HOUR = 8
# How many years ahead a year-less date may roll (Feb 29 needs up to 4).
YEAR_ROLL_LIMIT = 4
PM_PREFIXES = frozenset({"下午", "晚上", "傍晚"})

CANDIDATE_CACHE_SIZE = 4096
# strength of a candidate: an explicit deadline marker beats a bare relative day
STRONG, MEDIUM = 2, 1

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-eight": 48,
    "seventy-two": 72,
}
_ZH_WEEKDAYS = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "1": 0,
    "2": 1,
    "3": 2,
    "4": 3,
    "5": 4,
    "6": 5,
    "7": 6,
}
_EN_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_EN_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


@dataclass(frozen=True)
class Deadline:
    due: datetime | None  # aware, in the anchor's offset
    phrase: str  # the text that was matched
    error: str | None  # e.g. "working days of 2027 are not known" when UnknownYearError


# -- regex building blocks ----------------------------------------------------------
NUM = r"(?:\d{1,3}|[零〇一二两兩三四五六七八九十百]{1,4})"
NUM_DAY = r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})"
EN_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True)) + r")"
GE = r"(?:个|個)?"
WITHIN_ZH = r"(?:内|內|之内|之內|以内|以內)"
WEEK_ZH = r"(?:周|週|星期|礼拜|禮拜)"
WD_ZH = r"(?P<wd>[一二三四五六日天1-7])"
MONTHS_EN = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAYS_EN = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b"
)

TIME_ZH = (
    r"(?P<tpre>上午|早上|中午|下午|晚上|傍晚)?\s*(?P<th>\d{1,2}|[一二两三四五六七八九十]{1,3})"
    r"\s*(?:[:：](?P<tm>\d{2})|(?:点|點|时|時)(?:(?P<half>半)|(?P<tm2>\d{1,2}|[一二三四五六七八九十]{1,3})分?)?)"
)
TIME_EN = (
    r"(?:(?P<eh>\d{1,2})(?::(?P<em>\d{2}))?\s*(?P<eap>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|(?P<noon>noon|midday))"
)
TIME_NOON_ZH = r"(?P<noonzh>中午|正午)(?!\s*(?:\d|[一二两三四五六七八九十]))"
TIME_ANY = rf"(?:{TIME_ZH}|{TIME_EN}|{TIME_NOON_ZH})"

# A date a due date is moved to: "推到7月24日", "改到下周三", "push it to July 24",
# "move the deadline to Friday", "postpone the retest plan to 24 Jul", "New date: Oct 16".
CHANGE_MARKERS_ZH = (
    "推到|推至|推后到|推後到|推迟到|推遲到|延到|延至|延后到|延後到|改到|改至|改成|改为|改為|"
    "调到|調到|调整到|調整到|调整为|調整為|挪到|放到|顺延到|順延到"
)
CHANGE_MARKERS_EN = (
    r"\b(?:push|mov|postpon|reschedul|shift|bump|delay|extend|slip)(?:e|es|ed|ing)?"
    r"(?:\s+(?:it|this|that|them|(?:the|our|my|this|that)(?:\s+[\w-]+){1,3}))?"
    r"(?:\s+(?:back|out|forward))?\s+(?:to|until|till)"
    r"|\bnew\s+(?:due\s+|delivery\s+)?date"
)
# Only where a due date is being moved (a reply to a task): in minutes "评审会改到2月25日"
# and "the launch moves to 1 September" move an event, not a deadline.
CHANGE_MARKER = re.compile(
    rf"(?:{CHANGE_MARKERS_ZH}|{CHANGE_MARKERS_EN})"
    r"(?:\s*(?:on|the|[:：]))*(?:\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)?\s*$",
    re.I,
)
# Text before a date that makes it a deadline.
PRE_MARKER = re.compile(
    r"(?:截止|截至|截止到|截至到|截止日期|截止时间|截止時間|最晚|最迟|最遲|不晚于|不晚於|期限|"
    r"完成时间|完成時間|完成日期|时间节点|時間節點|交付日期|(?<![议議])(?:时间|時間)(?=\s*[:：])|"
    r"延期|推迟|推遲|延后|延後|顺延|順延|延长|延長|预计|預計|"
    r"\bby|\bbefore|\buntil|\btill|\bdue|\bno later than|\bdeadline|\bpostponed?|"
    r"\bextended|\bdelayed|\bexpected|\beta|\bdue date|\btarget date)"
    r"(?:\s*(?:到|至|为|為|在|于|於|on|to|until|by|is|at|the|end of|[:：]))*"
    r"(?:\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)?\s*$",
    re.I,
)
# Text after a date that makes it a deadline.
POST_MARKER = re.compile(
    r"\s*(?:[（(]\s*(?:周|週|星期|礼拜|禮拜)?[一二三四五六日天1-7]\s*[)）])?\s*"
    r"(?:下班|中午)?(?:之前|以前|前|为止|為止|止|截止|before\b)"
    # "7月15日前往苏州" (goes to), "前后" (around), "前夕" (eve), "前来" (comes),
    # "之前的订单" (a scope): an event or a period, not a deadline
    r"(?![往来來后後夕的])",
    re.I,
)
DELIVER_VERBS_ZH = (
    "完成|提交|提供|交付|反馈|反饋|回复|回覆|答复|答覆|给出|給出|发出|發出|寄出|上传|上傳|"
    "出具|签订|簽訂|签署|簽署|确认|確認"
)
# "于7月15日提交": a date right before a delivering verb is when it is due…
POST_VERB = re.compile(rf"\s*(?=(?:{DELIVER_VERBS_ZH}))")
# …unless it is reported as done ("已于7月8日提交").
PAST_BEFORE = re.compile(r"(?:已|已经|已經|曾|均已|去年|前年|上个?月|上個?月)\s*(?:于|於|在)?\s*$")
# "截至7月8日，已完成60%", "截至6月底累计回款85%": 截至 ("as of") dating a status, not a deadline.
AS_OF = "截至"
# "7月15日前一天", "before Jul 15" after "two days": that many days earlier.
DAYS_BEFORE_ZH = re.compile(r"\s*(?P<n>一|两|兩|二|三|四|五|\d)\s*(?:天|日)")
DAYS_BEFORE_EN = re.compile(
    r"\b(?:the\s+day|(?P<n>one|two|three|four|five|\d)\s+(?:calendar\s+)?days?)\s+before\s*$", re.I
)
# "the audit, held before Jul 15": a past event dated, not a deadline ("to be held before" is).
EN_PAST_BEFORE = re.compile(
    r"(?<!\bbe\s)\b(?:held|took\s+place|happened|completed|finished|done|delivered|sent|signed|"
    r"received|closed|shipped|submitted|launched|released|approved|was|were)\s+(?:\w+\s+)?before\s*$",
    re.I,
)
STATUS_AFTER = re.compile(
    r"\s*[，,、]?\s*(?:已|已经|已經|共|累计|累計|合计|合計|总计|總計|总共|總共|尚|仍|还|還|目前|当前|當前|为|為|的)"
)


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    strength: int
    resolve: Callable[[datetime, BusinessCalendar], datetime]
    needs_marker: bool = False


def _num(s: str) -> int:
    """'12', '十二', '两', '二十五', '一百' -> int."""
    if s.isdigit():
        return int(s)
    if s.lower() in _EN_NUMBERS:
        return _EN_NUMBERS[s.lower()]
    return zh_value(s)


def _clock(m: re.Match) -> time | None:
    g = m.groupdict()
    if g.get("noon") or g.get("noonzh"):
        return time(12, 0)
    if g.get("eh"):
        hour, minute = int(g["eh"]), int(g.get("em") or 0)
        pm = g["eap"].lower().startswith("p")
        if pm and hour < 12:
            hour += 12
        if not pm and hour == 12:
            hour = 0
    elif g.get("th"):
        hour = _num(g["th"])
        minute = 30 if g.get("half") else _num(g.get("tm") or g.get("tm2") or "0")
        pre = g.get("tpre")
        afternoon = pre in PM_PREFIXES or (pre is None and 0 < hour < PM_GUESS_BELOW_HOUR)
        if afternoon and hour < 12:
            hour += 12
    else:
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


# -- resolution (the table's rows) ----------------------------------------------------
def _at(day: date, at: time | None, anchor: datetime, cal: BusinessCalendar) -> datetime:
    """A day at the given time or at the day end; same-day end already past -> 23:59."""
    if at is not None:
        return datetime.combine(day, at, tzinfo=anchor.tzinfo)
    due = datetime.combine(day, cal.day_end, tzinfo=anchor.tzinfo)
    if day == anchor.date() and due <= anchor:
        due = datetime.combine(day, LATE_SAME_DAY, tzinfo=anchor.tzinfo)
    return due


def _hours(n: int):
    return lambda anchor, cal: anchor + timedelta(hours=n)


def _working_days(n: int):
    return lambda anchor, cal: _at(cal.add_working_days(anchor.date(), n), None, anchor, cal)


def _calendar_days(n: int, at: time | None = None):
    return lambda anchor, cal: _at(anchor.date() + timedelta(days=n), at, anchor, cal)


def _this_weekday(wd: int, at: time | None = None):
    def resolve(anchor: datetime, cal: BusinessCalendar) -> datetime:
        day = anchor.date() + timedelta(days=wd - anchor.weekday())
        due = _at(day, at, anchor, cal)
        if due < anchor:  # already past: the same weekday next week
            due = _at(day + timedelta(days=7), at, anchor, cal)
        return due

    return resolve


def _next_weekday(wd: int, at: time | None = None, weeks: int = 1):
    def resolve(anchor: datetime, cal: BusinessCalendar) -> datetime:
        monday = anchor.date() - timedelta(days=anchor.weekday())
        return _at(monday + timedelta(days=7 * weeks + wd), at, anchor, cal)

    return resolve


def _period_end(finder: Callable[[BusinessCalendar, date], date | None]):
    """Last working day of a period; when it is already behind the anchor, the anchor's date."""

    def resolve(anchor: datetime, cal: BusinessCalendar) -> datetime:
        day = finder(cal, anchor.date())
        if day is None or day < anchor.date():
            day = anchor.date()
        return _at(day, None, anchor, cal)

    return resolve


def _named_month_end(month: int):
    """ "7月底前" / "by the end of July": that month's last working day, this year or next."""

    def resolve(anchor: datetime, cal: BusinessCalendar) -> datetime:
        year = anchor.year if month >= anchor.month else anchor.year + 1
        day = cal.last_working_day_of_month(date(year, month, 1))
        return _at(day or date(year, month, 1), None, anchor, cal)

    return resolve


def _month_end(cal: BusinessCalendar, d: date) -> date | None:
    return cal.last_working_day_of_month(d)


def _next_month_end(cal: BusinessCalendar, d: date) -> date | None:
    return cal.last_working_day_of_month((d.replace(day=1) + timedelta(days=32)).replace(day=1))


def _year_end(cal: BusinessCalendar, d: date) -> date | None:
    return cal.last_working_day_of_month(date(d.year, 12, 1))


def _week_end(cal: BusinessCalendar, d: date) -> date | None:
    return cal.last_working_day_of_week(d)


def _next_week_end(cal: BusinessCalendar, d: date) -> date | None:
    return cal.last_working_day_of_week(d + timedelta(days=7))


def _absolute(year: int | None, month: int, day: int, at: time | None = None):
    def resolve(anchor: datetime, cal: BusinessCalendar) -> datetime:
        if year is not None:
            return _at(date(year, month, day), at, anchor, cal)
        for y in range(anchor.year, anchor.year + YEAR_ROLL_LIMIT + 1):
            try:
                d = date(y, month, day)
            except ValueError:
                continue
            if d >= anchor.date():
                return _at(d, at, anchor, cal)
        raise ValueError("no such date")

    return resolve


def _add_months(d: date, n: int) -> date:
    month = d.month - 1 + n
    year, month = d.year + month // 12, month % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError("no such date")


def _months(n: int):
    return lambda anchor, cal: _at(_add_months(anchor.date(), n), None, anchor, cal)


def _day_of_month(months_ahead: int | None, day: int, at: time | None):
    """ "本月20日" / "下月5日" / "20号前" (this month's, or next month's when already past)."""

    def resolve(anchor: datetime, cal: BusinessCalendar) -> datetime:
        first = anchor.date().replace(day=1)
        for ahead in (months_ahead,) if months_ahead is not None else (0, 1):
            try:
                d = _add_months(first, ahead).replace(day=day)
            except ValueError:
                continue
            if months_ahead is not None or d >= anchor.date():
                return _at(d, at, anchor, cal)
        raise ValueError("no such date")

    return resolve


def _valid_md(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


# -- patterns ---------------------------------------------------------------------------
# Each rule: (compiled regex, builder(match, at) -> resolver or None, strength, needs_marker).
# `at` is an optional clock time read next to the match (only for day-level rules).
_Rule = tuple[re.Pattern, Callable, int, bool, tuple[str, ...]]
_RULES: list[_Rule] = []


def _rule(pattern: str, strength: int, needs_marker: bool = False, when: tuple[str, ...] = ()):
    """Register a rule; `when` lists substrings (lower case) without which it cannot match,
    so that the regex is skipped for most text (the reader runs on every line of a mail)."""

    def deco(fn):
        _RULES.append((re.compile(pattern, re.I), fn, strength, needs_marker, when))
        return fn

    return deco


# durations ------------------------------------------------------------------------
@_rule(
    rf"(?P<n>{NUM}|半)\s*{GE}\s*(?:小时|小時|钟头|鐘頭)\s*{WITHIN_ZH}",
    STRONG,
    when=("小时", "小時", "钟头", "鐘頭"),
)
def _zh_hours(m, at):
    n = m["n"]
    return None if n == "半" else _hours(_num(n))


@_rule(
    rf"(?P<n>{NUM})\s*{GE}\s*(?:工作日|工作天|workday)\s*{WITHIN_ZH}?",
    STRONG,
    when=("工作", "workday"),
)
def _zh_working_days(m, at):
    return _working_days(_num(m["n"]))


@_rule(
    rf"(?P<n>{NUM})\s*{GE}\s*(?:自然日|天|日)\s*{WITHIN_ZH}",
    STRONG,
    when=("内", "內"),
)
def _zh_days(m, at):
    return _calendar_days(_num(m["n"]))


@_rule(
    rf"(?P<n>{NUM}|半)\s*{GE}\s*月\s*{WITHIN_ZH}",
    STRONG,
    when=("内", "內"),
)
def _zh_months(m, at):
    return None if m["n"] == "半" else _months(_num(m["n"]))


@_rule(
    rf"\b(?:within|in)(?:\s+the)?(?:\s+next)?\s+(?P<n>{EN_NUM})\s+months?\b",
    STRONG,
    when=("month",),
)
def _en_months(m, at):
    return _months(_num(m["n"]))


@_rule(
    rf"(?P<rel>本|这个|這個|下|下个|下個)月\s*(?P<d>{NUM})\s*(?:日|号|號)",
    STRONG,
    True,
    when=("月",),
)
def _zh_month_day(m, at):
    day = _num(m["d"])
    return _day_of_month(1 if m["rel"].startswith("下") else 0, day, at) if 1 <= day <= 31 else None


@_rule(
    rf"(?<![月\d年/.\-]){NUM_DAY}\s*(?:日|号|號)",
    STRONG,
    True,
    when=("日", "号", "號"),
)
def _zh_day_only(m, at):
    day = _num(m["d"])
    return _day_of_month(None, day, at) if 1 <= day <= 31 else None


@_rule(
    rf"(?P<n>{NUM})\s*{GE}\s*(?:周|週|星期|礼拜|禮拜)\s*{WITHIN_ZH}",
    STRONG,
    when=("内", "內"),
)
def _zh_weeks(m, at):
    return _calendar_days(7 * _num(m["n"]))


@_rule(
    rf"\b(?:(?:within|in)(?:\s+the)?(?:\s+next)?|next)\s+(?P<n>{EN_NUM})\s+(?:business|working|work)\s+days?\b",
    STRONG,
    when=("day",),
)
def _en_working_days(m, at):
    return _working_days(_num(m["n"]))


@_rule(
    rf"\b(?:(?:within|in)(?:\s+the)?(?:\s+next)?|next)\s+(?P<n>{EN_NUM})\s+(?:hours?|hrs?|h)\b",
    STRONG,
    when=("h",),
)
def _en_hours(m, at):
    return _hours(_num(m["n"]))


@_rule(
    rf"\b(?:within|in)(?:\s+the)?(?:\s+next)?\s+(?P<n>{EN_NUM})\s+(?:calendar\s+)?days?\b",
    STRONG,
    when=("day",),
)
def _en_days(m, at):
    return _calendar_days(_num(m["n"]))


@_rule(
    rf"\b(?:within|in)(?:\s+the)?(?:\s+next)?\s+(?P<n>{EN_NUM})\s+weeks?\b",
    STRONG,
    when=("week",),
)
def _en_weeks(m, at):
    return _calendar_days(7 * _num(m["n"]))


# periods --------------------------------------------------------------------------
@_rule(
    rf"(?P<mo>{NUM})\s*月(?:份)?\s*(?:底|末)(?:之前|以前|前)?",
    STRONG,
    when=("底", "末"),
)
def _zh_named_month_end(m, at):
    month = _num(m["mo"])
    return _named_month_end(month) if 1 <= month <= 12 else None


@_rule(
    rf"\b(?:by|before|until)\s+(?:the\s+)?end\s+of\s+{MONTHS_EN}",
    STRONG,
    when=("end",),
)
def _en_named_month_end(m, at):
    return _named_month_end(_EN_MONTHS[m["mon"][:3].lower()])


@_rule(
    r"(?:本月|这个月|這個月)?(?:月底|月末)(?:之前|以前|前)?|本月(?:内|內|之内|之內)",
    STRONG,
    when=("月",),
)
def _zh_month_end(m, at):
    return _period_end(_month_end)


@_rule(
    r"下(?:个|個)?月(?:底|末)(?:之前|以前|前)?",
    STRONG,
    when=("月",),
)
def _zh_next_month_end(m, at):
    return _period_end(_next_month_end)


@_rule(
    r"(?:今年)?年底(?:之前|以前|前)?",
    STRONG,
    when=("年底",),
)
def _zh_year_end(m, at):
    return _period_end(_year_end)


@_rule(
    rf"(?:本|这|這)(?:个|個)?{WEEK_ZH}(?:内|內|之内|之內|以内|以內)|(?:本|这|這){WEEK_ZH}末?(?:之前|以前|前)",
    STRONG,
    when=("周", "週", "星期", "礼拜", "禮拜"),
)
def _zh_week_end(m, at):
    return _period_end(_week_end)


@_rule(
    rf"下(?:个|個)?{WEEK_ZH}末?(?:内|內|之内|之內|之前|以前|前)"
    rf"|下(?:个|個)?{WEEK_ZH}(?=\s*(?:{DELIVER_VERBS_ZH}))",
    STRONG,
    when=("周", "週", "星期", "礼拜", "禮拜"),
)
def _zh_next_week_end(m, at):
    return _period_end(_next_week_end)


@_rule(
    r"\b(?:by\s+|before\s+|until\s+)?(?:the\s+)?end\s+of\s+next\s+month\b",
    STRONG,
    when=("month",),
)
def _en_next_month_end(m, at):
    return _period_end(_next_month_end)


@_rule(
    r"\b(?:by\s+|before\s+|until\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+)?month|month[- ]end|eom)\b",
    STRONG,
    when=("month", "eom"),
)
def _en_month_end(m, at):
    return _period_end(_month_end)


@_rule(
    r"\b(?:by\s+|before\s+|until\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+)?week|week[- ]end|eow)\b|"
    r"\b(?:within|during)\s+this\s+week\b|\bby\s+this\s+week\b",
    STRONG,
    when=("week", "eow"),
)
def _en_week_end(m, at):
    return _period_end(_week_end)


@_rule(
    r"\b(?:by\s+)?(?:the\s+)?end\s+of\s+next\s+week\b|\b(?:by\s+|during\s+|within\s+)?(?<!day\s)(?<![a-z]{3}\.\s)next\s+week\b(?!'s)",
    STRONG,
    when=("week",),
)
def _en_next_week_end(m, at):
    return _period_end(_next_week_end)


# relative days -----------------------------------------------------------------------
@_rule(
    # "今天会上大家同意…" dates the meeting, not a deadline
    r"会后当天|會後當天|当天|當天|当日|當日|今晚"
    r"|(?:今天|今日)(?!\s*的?[^，。,；;\d]{0,4}(?:会|會)(?!后|後)|\s*的?(?:讨论|討論|大家|我们|我們))",
    MEDIUM,
    when=("天", "日", "今"),
)
def _zh_today(m, at):
    return _calendar_days(0, at)


@_rule(
    r"\b(?:eod|cob|end\s+of\s+(?:the\s+)?(?:business\s+)?day|close\s+of\s+business|today(?!'s))\b"
    r"(?!\s+(?:tomorrow|on\b|mon|tue|wed|thu|fri|sat|sun|next))",
    MEDIUM,
    when=("eod", "cob", "day", "close", "today"),
)
def _en_today(m, at):
    return _calendar_days(0, at)


@_rule(
    r"明天|明日|明早|明晚|次日|翌日|第二天|tomorrow(?!'s)",
    MEDIUM,
    when=("明", "次日", "翌日", "第二天", "tomorrow"),
)
def _tomorrow(m, at):
    return _calendar_days(1, at)


@_rule(
    r"大后天|大後天",
    MEDIUM,
    when=("后天", "後天"),
)
def _in_three_days(m, at):
    return _calendar_days(3, at)


@_rule(
    r"(?<!大)后天|(?<!大)後天|\bthe\s+day\s+after\s+tomorrow\b",
    MEDIUM,
    when=("后天", "後天", "tomorrow"),
)
def _day_after_tomorrow(m, at):
    return _calendar_days(2, at)


# weekdays ---------------------------------------------------------------------------
@_rule(
    rf"(?<![每本这這下上]){WEEK_ZH}{WD_ZH}",
    STRONG,
    True,
    when=("周", "週", "星期", "礼拜", "禮拜"),
)
def _zh_bare_weekday(m, at):
    """ "周五" alone: a deadline only with a marker or in a deadline cell."""
    return _this_weekday(_ZH_WEEKDAYS[m["wd"]], at)


@_rule(
    rf"(?<!next\s)(?<!every\s)\b{WEEKDAYS_EN}(?!\.?,?\s*(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    STRONG,
    True,
    when=("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
)
def _en_bare_weekday(m, at):
    return _this_weekday(_EN_WEEKDAYS[m["wd"][:3].lower()], at)


@_rule(
    rf"(?:本|这|這)(?:个|個)?{WEEK_ZH}{WD_ZH}",
    MEDIUM,
    when=("周", "週", "星期", "礼拜", "禮拜"),
)
def _zh_this_weekday(m, at):
    return _this_weekday(_ZH_WEEKDAYS[m["wd"]], at)


@_rule(
    rf"(?<![每本这這下上]){WEEK_ZH}{WD_ZH}(?=\s*(?:下班|中午)?(?:之前|以前|前))",
    STRONG,
    when=("周", "週", "星期", "礼拜", "禮拜"),
)
def _zh_bare_weekday_before(m, at):
    return _this_weekday(_ZH_WEEKDAYS[m["wd"]], at)


@_rule(
    rf"下下(?:个|個)?{WEEK_ZH}{WD_ZH}",
    MEDIUM,
    when=("周", "週", "星期", "礼拜", "禮拜"),
)
def _zh_weekday_after_next(m, at):
    return _next_weekday(_ZH_WEEKDAYS[m["wd"]], at, weeks=2)


@_rule(
    rf"下(?:个|個)?{WEEK_ZH}{WD_ZH}",
    MEDIUM,
    when=("周", "週", "星期", "礼拜", "禮拜"),
)
def _zh_next_weekday(m, at):
    return _next_weekday(_ZH_WEEKDAYS[m["wd"]], at)


@_rule(
    rf"\bnext\s+{WEEKDAYS_EN}",
    MEDIUM,
    when=("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
)
def _en_next_weekday(m, at):
    return _next_weekday(_EN_WEEKDAYS[m["wd"][:3].lower()], at)


@_rule(
    rf"(?:\b(?:by|before|on|until)\s+)?{WEEKDAYS_EN}\s+(?:of\s+)?next\s+week\b",
    MEDIUM,
    when=("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
)
def _en_weekday_next_week(m, at):
    return _next_weekday(_EN_WEEKDAYS[m["wd"][:3].lower()], at)


@_rule(
    rf"\b(?:(?:by|before|until|till|on|due|eod|cob)\s*[:：]?\s+(?:this\s+)?|this\s+(?:coming\s+)?){WEEKDAYS_EN}",
    MEDIUM,
    when=("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
)
def _en_this_weekday(m, at):
    return _this_weekday(_EN_WEEKDAYS[m["wd"][:3].lower()], at)


# absolute dates (need a deadline marker outside table cells) -------------------------
@_rule(
    rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?P<mo>{NUM})\s*月\s*(?P<d>{NUM})\s*(?:日|号|號)",
    STRONG,
    True,
    when=("月",),
)
def _zh_date(m, at):
    y, mo, d = (int(m["y"]) if m["y"] else None), _num(m["mo"]), _num(m["d"])
    return _absolute(y, mo, d, at) if _valid_md(mo, d) else None


@_rule(
    r"(?<![\d.\-/:])(?P<y>20\d{2})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d%])",
    STRONG,
    True,
    when=("20",),
)
def _iso_date(m, at):
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    return _absolute(y, mo, d, at) if _valid_md(mo, d) else None


@_rule(
    r"(?<![\d.\-/:])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>20\d{2})(?![\d%])",
    STRONG,
    True,
    when=("20",),
)
def _numeric_date_with_year(m, at):
    """15.07.2026 / 15/07/2026 / 07/15/2026: an impossible month decides; else '.' is D.M, '/' M/D."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    day_first = a > 12 or (b <= 12 and m["sep"] == ".")
    mo, d = (b, a) if day_first else (a, b)
    return _absolute(y, mo, d, at) if _valid_md(mo, d) else None


@_rule(
    r"(?<![A-Za-z0-9.\-/:])(?P<mo>\d{1,2})[./](?P<d>\d{1,2})(?![\d%./A-Za-z])",
    STRONG,
    True,
    when=(".", "/"),
)
def _dotted_date(m, at):
    """7.15 / 7/15 (month first, as Chinese and US writers do); 15/7 when 15 cannot be a month."""
    mo, d = int(m["mo"]), int(m["d"])
    if mo > 12 >= d:
        mo, d = d, mo
    return _absolute(None, mo, d, at) if _valid_md(mo, d) else None


@_rule(
    rf"\b{MONTHS_EN}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<y>20\d{{2}})\b)?",
    STRONG,
    True,
    when=("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
)
def _en_month_day(m, at):
    return _en_date(m, at)


@_rule(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS_EN}(?![a-z])(?:,?\s*(?P<y>20\d{{2}})\b)?",
    STRONG,
    True,
    when=("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
)
def _en_day_month(m, at):
    return _en_date(m, at)


def _en_date(m, at):
    mo, d = _EN_MONTHS[m["mon"][:3].lower()], int(m["d"])
    y = int(m["y"]) if m["y"] else None
    return _absolute(y, mo, d, at) if _valid_md(mo, d) else None


_TIME_RE = re.compile(TIME_ANY, re.I)
_CLOCK_HINTS = (
    ":",
    "：",
    "点",
    "點",
    "时",
    "時",
    "am",
    "a.m",
    "pm",
    "p.m",
    "noon",
    "midday",
    "中午",
    "正午",
)
# a clock time right after a day: "7月15日17:00", "明天下午3点", "July 15 at 5pm", "Friday, 17:00"
_TIME_AFTER = re.compile(
    r"(?:\s*[（(]\s*(?:周|週|星期|礼拜|禮拜)?[一二三四五六日天1-7]\s*[)）])?"
    rf"(?:\s*(?:的|,|，|at|@|before|by)?\s*)(?:{TIME_ANY})",
    re.I,
)
# a clock time right before an English day: "5pm on July 15", "17:00 on Friday"
_TIME_BEFORE = re.compile(rf"(?:{TIME_ANY})\s*(?:on|,)?\s*(?:the\s+)?$", re.I)
# a clock time alone with a marker: "17:00前", "by 5pm"
_TIME_ALONE_PRE = re.compile(r"(?:今天|今日|\bby|\bbefore|\buntil|截止|截至|最晚)\s*$", re.I)


def _normalize(text: str) -> str:
    """Full-width digits, letters and colons to ASCII; same length, so spans stay valid."""
    return text.translate(_FULLWIDTH)


@lru_cache(maxsize=CANDIDATE_CACHE_SIZE)
def _candidates(text: str, cell: bool, moved: bool = False) -> tuple[_Cand, ...]:
    """Every deadline phrase in `text`; cached because owners and dues read the same text.
    With `moved`, a date a change verb points at ("推到7月24日") is a deadline too."""
    found: list[_Cand] = []
    low = text.lower()
    for regex, build, strength, needs_marker, when in _RULES:
        if when and not any(w in low for w in when):
            continue
        for m in regex.finditer(text):
            start, end, at = m.start(), m.end(), None
            t_after = _TIME_AFTER.match(text, end)
            if t_after:
                at = _clock(t_after)
                if at is not None:
                    end = t_after.end()
            if at is None:
                t_before = _TIME_BEFORE.search(text[max(0, start - 25) : start])
                if t_before and t_before.group().strip():
                    at = _clock(t_before)
                    if at is not None:
                        start = max(0, start - 25) + t_before.start()
            resolver = build(m, at)
            if resolver is None:
                continue
            pre = PRE_MARKER.search(text[max(0, start - 24) : start])
            if pre and not cell and EN_PAST_BEFORE.search(text[max(0, start - 40) : start]):
                continue
            earlier = DAYS_BEFORE_EN.search(text[max(0, start - 30) : start])
            if moved and not pre:
                pre = CHANGE_MARKER.search(text[max(0, start - 32) : start])
            post = POST_MARKER.match(text, end)
            past = needs_marker and PAST_BEFORE.search(text[max(0, start - 6) : start])
            if needs_marker and not post and not past:
                post = POST_VERB.match(text, end)
            if needs_marker and not (pre or post or cell):
                continue
            if past and not (pre and pre.group().strip()) and not cell:
                continue  # "已于7月8日前完成": reported done, not due
            if (
                pre
                and AS_OF in pre.group()
                and STATUS_AFTER.match(text, post.end() if post else end)
            ):
                continue
            if pre and pre.group().strip():
                start = max(0, start - len(pre.string)) + pre.start()
            if post:
                end = post.end()
                before = (
                    DAYS_BEFORE_ZH.match(text, end) if post.group().strip().endswith("前") else None
                )
                if before:
                    earlier, end = before, before.end()
            if earlier:
                resolver = _days_earlier(resolver, _num(earlier["n"] or "1"))
            found.append(_Cand(start, end, max(strength, STRONG if (pre or post) else 0), resolver))
    has_clock = any(w in low for w in _CLOCK_HINTS)
    for m in _TIME_RE.finditer(text) if has_clock else ():
        at = _clock(m)
        if at is None:
            continue
        pre = _TIME_ALONE_PRE.search(text[max(0, m.start() - 10) : m.start()])
        post = POST_MARKER.match(text, m.end())
        if pre or post or cell:
            start = m.start() - (len(pre.group()) if pre else 0)
            end = post.end() if post else m.end()
            found.append(_Cand(start, end, STRONG, _clock_today(at)))
    return tuple(found)


def _days_earlier(resolve, days: int):
    """ "7月15日前一天": the date `resolve` reads, `days` earlier."""
    return lambda anchor, cal: resolve(anchor, cal) - timedelta(days=days)


def _clock_today(at: time):
    """A bare clock time: that time on the anchor's date, or the next day when already past."""

    def resolve(anchor: datetime, cal: BusinessCalendar) -> datetime:
        due = datetime.combine(anchor.date(), at, tzinfo=anchor.tzinfo)
        return due if due > anchor else due + timedelta(days=1)

    return resolve


def _pick(cands: list[_Cand]) -> _Cand | None:
    """Longest non-overlapping candidates; then the strongest, earliest one."""
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    if not kept:
        return None
    return min(kept, key=lambda c: (-c.strength, c.start))


def _read(
    text: str, anchor: datetime, calendar: BusinessCalendar | None, cell: bool, moved: bool = False
) -> Deadline | None:
    if anchor.tzinfo is None:
        raise ValueError("anchor must be an aware datetime")
    norm = _normalize(text)
    best = _pick(_candidates(norm, cell, moved))
    if best is None:
        return None
    phrase = text[best.start : best.end].strip()
    try:
        due = best.resolve(anchor, calendar or default_calendar())
    except UnknownYearError as exc:
        return Deadline(None, phrase, str(exc))
    except ValueError:
        return None
    return Deadline(due, phrase, None)


def find_deadline(
    text: str, anchor: datetime, calendar: BusinessCalendar | None = None
) -> Deadline | None:
    """The deadline a sentence states, counted from `anchor` (aware); None when it states none."""
    return _read(text, anchor, calendar, cell=False)


def find_new_deadline(
    text: str, anchor: datetime, calendar: BusinessCalendar | None = None
) -> Deadline | None:
    """Like find_deadline, for a reply about a task's due date: the date it is moved to
    counts ("能否推到7月24日", "Can we push it to July 24?", "改到下周三")."""
    return _read(text, anchor, calendar, cell=False, moved=True)


def find_deadline_cell(
    text: str, anchor: datetime, calendar: BusinessCalendar | None = None
) -> Deadline | None:
    """Like find_deadline, for a table's deadline column: a bare date ("6月30日", "19 Aug") counts."""
    return _read(text, anchor, calendar, cell=True)


# Any fixed instant: "is this text a date?" does not depend on when it is asked.
_PROBE_ANCHOR = datetime(2026, 1, 1, tzinfo=UTC)


def is_date_cell(text: str) -> bool:
    """Whether `text` reads as a deadline in a table cell ("7月15日前", "Jul 24")."""
    return find_deadline_cell(text, _PROBE_ANCHOR) is not None


def is_whole_date_cell(text: str) -> bool:
    """Whether all of `text` is one deadline ("Oct 14", "10月9日"), not text around one."""
    found = find_deadline_cell(text, _PROBE_ANCHOR)
    return found is not None and len(found.phrase) >= len(text.strip()) - 1


def deadline_spans(text: str) -> list[tuple[int, int]]:
    """Where deadline phrases stand in `text` (for readers that need to cut around them)."""
    return sorted({(c.start, c.end) for c in _candidates(_normalize(text), cell=False)})
