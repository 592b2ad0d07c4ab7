"""Which options of an availability poll a reply can attend (contract §2, context poll).

The text arrives normalised (parsers.normalise: circled digits, emoji, Traditional and
Cantonese already brought to one form).  Each clause is read on its own; inside a clause
every option mention (a number, "选项二", "the 2nd one", "周三" when the options carry
weekdays, a range "3-5") is found with its place, neighbouring mentions joined only by
"和/、/and/or" form one group, and the words after a group (or before the first one) say
what holds for it: "1 ✔️ 2 ❌" is two groups with two verdicts.  A hedge ("1 要确认一下",
"not sure 2 works") counts the option neither way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.intent_vocab import (
    POLL_ALL,
    POLL_DAYS,
    POLL_EXCEPT,
    POLL_HEDGE,
    POLL_NEG,
    POLL_NONE,
    POLL_REST,
    POLL_YES,
    table,
)
from parsers.intent_vocab_intl import POLL_JOIN_WORDS, POLL_OPTION_WORDS
from parsers.normalise import normalise
from parsers.numerals import zh_number

_DATE_TIME = table(
    r"\d{1,4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*[日号]?",
    r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]?",
    r"\d{1,2}\s*月",
    r"\d{1,2}\s*[日号](?![码])",
    r"\d{1,2}\s*(点|时)(\d{1,2}分?|半)?",
    r"\d{1,2}:\d{2}",
    r"\d{1,2}\s*(am|pm)\b",
    r"\d+\s*(分钟|小时|个(?!时间|选项)|人|位|天|周|年|%|h\b|min)",
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?\b",
    r"\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    r"\b\d{1,2}(st|nd|rd|th)\b",
    r"第\s*\d+\s*(条|章|页|节|周|天)",
)
_EN_OPTION_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_N = r"(?:[一二三四五六七八九十]|\d{1,2}|\b(?:one|two|three|four|five|six)\b)"
_JOIN = rf"(?:\s*(?:和|、|及|与|跟|或|,|/|&|\band\b|\bor\b|\b(?:{POLL_JOIN_WORDS})\b)\s*)"
# "选项一和三", "第一个和第三个", "option 1 and 3": an option marker, then a list of numbers.
_ORDINAL_LIST = re.compile(
    rf"(?:第|选项|选|option|options|{POLL_OPTION_WORDS}|#|no\.)\s*{_N}\s*(?:个|项)?"
    rf"(?:{_JOIN}(?:第|选项|option|#)?\s*{_N}(?!\s*[点时月日号天周:])\s*(?:个|项)?)*",
    re.I,
)
_NUMERAL = re.compile(_N)
# "2号选项", "三号方案": a number named as an option after it.
_SUFFIX_OPTION = re.compile(rf"({_N})\s*号?\s*(?:选项|方案|时间段)")
# "the first and third (options)": English ordinals name options too.
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_EN_ORDINAL = re.compile(
    r"\b(" + "|".join(_EN_ORDINALS) + r")\b"
    r"(?=\s*(ones?|options?|slots?|times?|choices?|and|or|,|works?|is|are|please|\.|$))",
    re.I,
)
# "the 2nd one", "3rd option" (a bare "2nd" is a date and is left to _DATE_TIME).
_EN_NUMBERED = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+(?=(?:ones?|options?|slots?|choices?)\b)")
# "the last one", "最后一个": option N when the poll's size is known.
_LAST = re.compile(r"\b(?:the )?last (?:one|option|slot|choice)\b|最后(?:一个|那个|一项)")
# "1/3": options listed with slashes (a date would name a month above the poll's size).
_SLASH_LIST = re.compile(r"(?<![\d/])(\d{1,2})(\s*/\s*\d{1,2})+(?![\d/])")
_RANGE = re.compile(r"(?<![\d:])(\d{1,2})\s*(-|~|到|至|\bto\b)\s*(\d{1,2})(?![\d:])")
_NUMBER = re.compile(r"(?<![\d.:/-])(\d{1,2})(?![\d:/]|\.\d)")
_PAREN = re.compile(r"\([^()]*\)")
# A weekday named in the reply, and whether it opens a range ("周三及以后的", "wed or later").
_WEEKDAY = re.compile(
    r"(?:周|星期|礼拜)(?P<zh>[一二三四五六日天])"
    r"|\b(?P<en>mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
)
_ONWARDS = re.compile(
    r"^\s*(及|和|或)?(以后|之后|往后|以後|后面)|^\s*(or|and) (later|after)\b|^\s*onwards?\b"
)
_BEFORE = re.compile(r"^\s*(及|和|或)?(以前|之前|前面)|^\s*(or|and) (earlier|before)\b")
_WEEKDAY_INDEX = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Between two mentions of one group: only joining words.
_GROUP_GAP = re.compile(
    rf"^(?:\s|[,、/&+]|和|及|与|跟|或|\band\b|\bor\b|\b(?:{POLL_JOIN_WORDS})\b|都|也)*$"
)
_WORD_JOIN = re.compile(r"和|及|与|跟|或|\band\b|\bor\b|&")
# A comma between two option numbers lists them; any other comma ends a clause, and
# "but"/"however"/但/不过 always do (except "all but 2", which is one clause).
# A clause that says something about what it names (an exception, a refusal, "all").
VERDICT = table(POLL_EXCEPT.pattern, POLL_NEG.pattern, POLL_ALL.pattern, POLL_REST.pattern)
_CLAUSE = re.compile(
    r"(?<=[^\d\s])(?<![一二三四五六七八九十])\s*[,、:]\s*|(?<=\d)\s*,\s*(?=[^\d\s])|[。.!?;]"
    r"|(?<!\ball)(?<!\bany)(?<!\beverything)(?<!\banything)\s+but\s+|\s+however\s*|但是?|不过|可是"
)


def option_number(text: str) -> int | None:
    """An option number as written: digits, a Chinese numeral or "one" … "six"."""
    return _EN_OPTION_NUMBERS.get(text.lower()) or zh_number(text)


@dataclass
class _Mention:
    start: int
    end: int
    numbers: set[int]
    by_day: bool = False  # named by its weekday: counts only with a word saying it works


def _option_weekdays(options: Sequence[str] | None) -> list[int | None]:
    """The weekday (0 = Monday) each option's label names, None where it names none."""
    out: list[int | None] = []
    for label in options or ():
        m = _WEEKDAY.search(normalise(label).text)
        if m is None:
            out.append(None)
        elif m.group("zh"):
            out.append(_WEEKDAY_INDEX[m.group("zh")])
        else:
            out.append(_EN_WEEKDAYS.index(m.group("en")))
    return out


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _mentions(clause: str, size: int | None, weekdays: list[int | None]) -> list[_Mention]:
    """Every option mention in a clause, with its place, in order."""
    limit = size or 20
    found: list[_Mention] = []
    text = _PAREN.sub(lambda m: " " * len(m.group(0)), clause)

    def take(start: int, end: int, numbers: set[int], by_day: bool = False) -> None:
        nonlocal text
        numbers = {n for n in numbers if 1 <= n <= limit}
        if numbers:
            found.append(_Mention(start, end, numbers, by_day))
        text = _blank(text, start, end)

    for m in list(_ORDINAL_LIST.finditer(text)):
        nums = {option_number(x) for x in _NUMERAL.findall(m.group(0))}
        take(m.start(), m.end(), {n for n in nums if n is not None})
    for m in list(_SUFFIX_OPTION.finditer(text)):
        n = option_number(m.group(1))
        take(m.start(), m.end(), {n} if n is not None else set())
    for m in list(_EN_ORDINAL.finditer(text)):
        take(m.start(), m.end(), {_EN_ORDINALS[m.group(1).lower()]})
    for m in list(_EN_NUMBERED.finditer(text)):
        take(m.start(), m.end(), {int(m.group(1))})
    if any(d is not None for d in weekdays):
        for m in list(_WEEKDAY.finditer(text)):
            day = (
                _WEEKDAY_INDEX[m.group("zh")]
                if m.group("zh")
                else _EN_WEEKDAYS.index(m.group("en"))
            )
            hits = [i for i, d in enumerate(weekdays) if d == day]
            end = m.end()
            rest = text[end:]
            if hits and (r := _ONWARDS.search(rest)):
                hits = list(range(hits[0], len(weekdays)))
                end += r.end()
            elif hits and (r := _BEFORE.search(rest)):
                hits = list(range(0, hits[-1] + 1))
                end += r.end()
            take(m.start(), end, {i + 1 for i in hits}, by_day=True)
    if size:
        for m in list(_LAST.finditer(text)):
            take(m.start(), m.end(), {size})
    for m in list(_SLASH_LIST.finditer(text)):
        parts = {int(x) for x in re.findall(r"\d+", m.group(0))}
        if all(1 <= n <= limit for n in parts):
            take(m.start(), m.end(), parts)
    for m in list(_DATE_TIME.finditer(text)):
        text = _blank(text, m.start(), m.end())
    for m in list(_RANGE.finditer(text)):
        a, b = int(m.group(1)), int(m.group(3))
        if a < b <= limit:
            take(m.start(), m.end(), set(range(a, b + 1)))
    for m in list(_NUMBER.finditer(text)):
        take(m.start(), m.end(), {int(m.group(1))})
    return sorted(found, key=lambda x: x.start)


def _groups(clause: str, mentions: list[_Mention]) -> list[tuple[set[int], str, bool]]:
    """Mentions joined by 和/、/and/or as groups, each with the words that follow it.

    After a word like "or" has joined a group, a comma starts a new one ("1 or 2, 3 clashes").
    """
    # numbers, end, joined by a word, all named by weekday
    groups: list[tuple[set[int], int, bool, bool]] = []
    for m in mentions:
        if groups:
            nums, end, worded, by_day = groups[-1]
            gap = clause[end : m.start]
            if _GROUP_GAP.match(gap) and not (worded and "," in gap):
                worded = worded or bool(_WORD_JOIN.search(gap))
                groups[-1] = (nums | m.numbers, m.end, worded, by_day and m.by_day)
                continue
        groups.append((set(m.numbers), m.end, False, m.by_day))
    out = []
    for nums, end, _, by_day in groups:
        following = [m.start for m in mentions if m.start >= end]
        out.append((nums, clause[end : following[0] if following else len(clause)], by_day))
    return out


_OPTION_LINE = re.compile(r"^[\s>]*(\d{1,2})\s*[.、)）:：]\s*(\S.*?)\s*$")


def options_from_quote(text: str, size: int | None = None) -> list[str] | None:
    """The poll's option labels as quoted in a reply ("> 2. Wed 4 Nov, 16:00"), if there.

    A run of lines numbered 1, 2, 3 … (quote marks allowed); with a known poll size the
    run must have exactly that many.  Among several runs, the one whose labels name
    weekdays wins: those are what a reply like "周三及以后的" needs.
    """
    runs: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        m = _OPTION_LINE.match(line)
        if m and int(m.group(1)) == len(current) + 1:
            current.append(m.group(2))
            continue
        if m and int(m.group(1)) == 1:
            runs.append(current)
            current = [m.group(2)]
            continue
        if line.strip(" >\t") and current:
            runs.append(current)
            current = []
    runs.append(current)
    fitting = [r for r in runs if len(r) >= 2 and (size is None or len(r) == size)]
    named = [r for r in fitting if all(d is not None for d in _option_weekdays(r))]
    return (named or fitting or [None])[0]


def read_slots(
    statements: Sequence[str], size: int | None, options: Sequence[str] | None = None
) -> list[int] | None:
    """Option numbers the sender can attend; [] for none; None when the text names none."""
    weekdays = _option_weekdays(options)
    slots: set[int] = set()
    refused: set[int] = set()
    everything = nothing = unresolved = False
    for sentence in statements:
        for clause in _CLAUSE.split(sentence):
            if not clause or not clause.strip():
                continue
            mentions = _mentions(clause, size, weekdays)
            nums = set().union(*(m.numbers for m in mentions)) if mentions else set()
            if POLL_EXCEPT.search(clause) and nums:
                everything = True
                refused |= nums
                continue
            if not nums:
                if (
                    POLL_DAYS.search(clause)
                    and VERDICT.search(clause)
                    and not any(d is not None for d in weekdays)
                ):
                    unresolved = True  # "除了周五": a verdict on days, no labels to map them
                if POLL_HEDGE.search(clause):
                    continue
                if POLL_NONE.search(clause):
                    nothing = True
                elif POLL_ALL.search(clause) or POLL_REST.search(clause):
                    if POLL_DAYS.search(clause):
                        continue  # "周二周三都可以" names days, not options: nothing to count
                    everything = True
                continue
            prefix = clause[: mentions[0].start]
            for n, (group, after, by_day) in enumerate(_groups(clause, mentions)):
                said = after if (POLL_NEG.search(after) or POLL_HEDGE.search(after)) else ""
                if not said and n == 0:
                    said = prefix
                if POLL_HEDGE.search(said):
                    continue
                if POLL_NEG.search(said):
                    refused |= group
                elif not by_day or POLL_YES.search(after + " " + prefix):
                    slots |= group
    if unresolved and (everything or refused):
        return None
    if everything and size:
        slots |= set(range(1, size + 1))
    slots -= refused
    if slots:
        return sorted(slots)
    if nothing or (everything and not size and refused):
        return []
    return None
