"""Intents of a reply's new text, per context, by the contract's rules (§2).

The vocabularies are data (parsers.intent_vocab: one table per intent, zh and en),
applied in a fixed order where each table's matches are masked before the next one looks, so that
"无异议" is read as an ack before "异议" can read as an objection, and "不通过"
as a reject before "通过" can read as a pass.  Cues inside a question only ask;
cues inside a suggestion for "next time" do not set conditions.  When no table
decides, the answer is "unclear": the service asks back rather than guess.

Matching runs on a folded copy of the text (traditional → simplified, full-width →
ASCII, one character for one) so spans found there cut the original text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from parsers.intent_vocab import (
    ACCEPT,
    ACCEPT_WEAK,
    ACK,
    ACK_IDIOMS,
    ALONG,
    CONDITION,
    DECLINE,
    DEFER,
    DELAY,
    DELEGATE_PREFIX,
    DELEGATES,
    DONE,
    DONE_NEGATED,
    FUTURE,
    NOT_A_NAME,
    OBJECTION,
    PASS,
    PERCENT,
    POLL_ALL,
    POLL_DAYS,
    POLL_EXCEPT,
    POLL_NEG,
    POLL_NONE,
    POLL_REST,
    PROGRESS,
    QUESTION,
    REJECT,
    REJECT_IDIOMS,
    REQUEST,
    SENTENCE_END,
    STRONG_CORRECTION,
    TENTATIVE,
    TOPIC,
    VIA,
    fold,
    table,
)

# ---------------------------------------------------------------- results


@dataclass
class Reading:
    intent: str
    slots: list[int] | None = None
    percent: int | None = None
    topic: str | None = None
    delegate: str | None = None
    deadline_text: list[str] = field(default_factory=list)


@dataclass
class _Text:
    """The body split into sentences, each as (original, folded)."""

    original: str
    folded: str
    sentences: list[tuple[str, str]]

    @classmethod
    def of(cls, body: str) -> _Text:
        folded = fold(body)
        out = []
        pos = 0
        for m in SENTENCE_END.finditer(folded):
            end = m.end()
            if folded[pos:end].strip():
                out.append((body[pos:end].strip(), folded[pos:end].strip()))
            pos = end
        if folded[pos:].strip():
            out.append((body[pos:].strip(), folded[pos:].strip()))
        return cls(body, folded, out)

    def statements(self) -> list[str]:
        return [f for _, f in self.sentences if not QUESTION.search(f)]

    def questions(self) -> list[str]:
        return [f for _, f in self.sentences if QUESTION.search(f)]


def _mask(text: str, pattern: re.Pattern[str]) -> tuple[str, int]:
    """Text with the pattern's matches blanked out (same length), and how many there were."""
    hits = 0

    def blank(m: re.Match[str]) -> str:
        nonlocal hits
        hits += 1
        return "\x00" * len(m.group(0))

    return pattern.sub(blank, text), hits


def _scan(sentences: Iterable[str], tables: list[tuple[str, re.Pattern[str]]]) -> dict[str, int]:
    """Hits per table, each table masking its matches before the next one looks."""
    hits = {name: 0 for name, _ in tables}
    for s in sentences:
        for name, pattern in tables:
            s, n = _mask(s, pattern)
            hits[name] += n
    return hits


# ---------------------------------------------------------------- per context


def _minutes(t: _Text) -> str:
    stm = t.statements()
    h = _scan(
        stm, [("idiom", ACK_IDIOMS), ("objection", OBJECTION), ("defer", DEFER), ("ack", ACK)]
    )
    if h["objection"] or _asks_for(
        t, [("idiom", ACK_IDIOMS), ("objection", OBJECTION)], "objection"
    ):
        return "objection"
    if h["idiom"] or (h["ack"] and not h["defer"]):
        return "ack"
    return "question" if t.questions() else "unclear"


def _asks_for(t: _Text, tables: list[tuple[str, re.Pattern[str]]], wanted: str) -> bool:
    """A question that is really a request for a change ("Could you amend item 2?")."""
    asks = [q for q in t.questions() if REQUEST.search(q) or STRONG_CORRECTION.search(q)]
    return bool(asks) and _scan(asks, tables)[wanted] > 0


def _before_future(sentence: str) -> str:
    """The sentence up to the clause that speaks of next time ("同意，下次请早点发" -> "同意")."""
    m = FUTURE.search(sentence)
    if not m:
        return sentence
    cut = max(sentence.rfind(c, 0, m.start()) for c in ",:")
    return sentence[:cut] if cut >= 0 else ""


def _acceptance(t: _Text) -> str:
    stm = [c for c in map(_before_future, t.statements()) if c.strip()]
    h = _scan(
        stm,
        [
            ("via", VIA),
            ("reject_idiom", REJECT_IDIOMS),
            ("condition", CONDITION),
            ("reject", REJECT),
            ("defer", DEFER),
            ("pass", PASS),
        ],
    )
    if h["reject_idiom"] or h["condition"] or h["reject"]:
        return "reject"
    if _asks_for(t, [("reject", REJECT)], "reject"):
        return "reject"
    if h["pass"]:
        return "pass"
    if t.questions():
        return "question"
    return "unclear"


def _percent(folded: str) -> int | None:
    m = PERCENT.search(folded)
    if not m:
        return None
    if m.group("n"):
        value = float(m.group("n"))
    else:
        value = _zh_number(m.group("zh"))
        if value is None:
            return None
    return int(value) if 0 <= value <= 100 else None


_ZH_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _zh_number(text: str) -> int | None:
    """Chinese numerals up to 100 ("八十", "六十五", "一百")."""
    if text.isdigit():
        return int(text)
    if text == "一百" or text == "百":
        return 100
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _ZH_DIGITS.get(tens, 1) if tens else 1
        o = _ZH_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    return _ZH_DIGITS.get(text)


def _task(t: _Text, percent: int | None) -> str:
    all_s = [f for _, f in t.sentences]
    if _scan(all_s, [("delay", DELAY)])["delay"]:
        return "delay"
    stm = t.statements()
    h = _scan(stm, [("negated", DONE_NEGATED), ("progress", PROGRESS), ("done", DONE)])
    if percent is not None and percent < 100:
        return "progress"
    if h["negated"] or h["progress"]:
        return "progress"
    if percent == 100 or h["done"]:
        return "done"
    if t.questions():
        return "question"
    return "unclear"


def _invite(t: _Text, delegate: str | None) -> str:
    stm = t.statements()
    h = _scan(stm, [("tentative", TENTATIVE), ("decline", DECLINE), ("accept", ACCEPT)])
    if delegate:
        return "delegate"
    if h["tentative"]:
        return "tentative"
    if h["decline"]:
        return "decline"
    if h["accept"] or any(ACCEPT_WEAK.search(s) for s in stm):
        return "accept"
    if t.questions():
        return "question"
    return "unclear"


def find_delegate(body: str) -> str | None:
    """The substitute named in the text, as written (name, title, address)."""
    folded = fold(body)
    for pattern in DELEGATES:
        for m in pattern.finditer(folded):
            sentence_start = max(folded.rfind(c, 0, m.start()) for c in "。!?;\n")
            sentence_end = min(
                (e for c in "。!?;\n" if (e := folded.find(c, m.end())) >= 0), default=len(folded)
            )
            if ALONG.search(folded[sentence_start + 1 : sentence_end]):
                continue
            raw = body[m.start("d") : m.end("d")].strip()
            cleaned = DELEGATE_PREFIX.sub("", raw, count=1).strip(" ,，、:：")
            cleaned = DELEGATE_PREFIX.sub("", cleaned, count=1).strip(" ,，、:：")
            if (
                len(cleaned) < 2
                or cleaned.startswith(("我", "i ", "I ", "他", "她"))
                or NOT_A_NAME.search(cleaned)
            ):
                continue
            return cleaned
    return None


def find_topic(body: str) -> str | None:
    """A topic the sender wants on the agenda, as written."""
    folded = fold(body)
    m = TOPIC.search(folded)
    if not m:
        return None
    key = next(k for k, g in m.groupdict().items() if g)
    topic = body[m.start(key) : m.end(key)].strip(" ,，:：")
    return topic or None


# ---------------------------------------------------------------- poll slots

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
# "2号选项", "三号方案": a number named as an option after it.
_SUFFIX_OPTION = re.compile(r"([一二三四五六七八九十]|\d{1,2})\s*号?\s*(选项|方案|时间段)")
# "1/3": options listed with slashes (a date would name a month above the poll's size).
_SLASH_LIST = re.compile(r"(?<![\d/])(\d{1,2})(\s*/\s*\d{1,2})+(?![\d/])")
_ORDINAL = re.compile(
    r"(第|选项|选|option|#|no\.)\s*([一二三四五六七八九十]|\d{1,2})\s*(个|项)?", re.I
)
# "the first and third (options)": English ordinals name options too.
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_EN_ORDINAL = re.compile(
    r"\b(" + "|".join(_EN_ORDINALS) + r")\b"
    r"(?=\s*(ones?|options?|slots?|times?|choices?|and|or|,|works?|is|are|please|\.|$))",
    re.I,
)
_RANGE = re.compile(r"(?<![\d:])(\d{1,2})\s*(-|~|到|至|\bto\b)\s*(\d{1,2})(?![\d:])")
_NUMBER = re.compile(r"(?<![\d.:/-])(\d{1,2})(?![\d:/]|\.\d)")
_PAREN = re.compile(r"\([^()]*\)")
# A comma between two option numbers lists them; any other comma ends a clause.
_CLAUSE = re.compile(r"(?<=[^\d\s])\s*[,、]\s*|(?<=\d)\s*,\s*(?=[^\d\s])|\s+but\s+|但是?|不过")


def _option_numbers(clause: str, size: int | None) -> set[int]:
    limit = size or 20
    found: set[int] = set()

    def take(n: int) -> None:
        if 1 <= n <= limit:
            found.add(n)

    text = _PAREN.sub(" ", clause)
    for pattern, group in ((_ORDINAL, 2), (_SUFFIX_OPTION, 1)):
        for m in pattern.finditer(text):
            n = _zh_number(m.group(group))
            if n is not None:
                take(n)
        text = pattern.sub(" ", text)
    for m in _EN_ORDINAL.finditer(text):
        take(_EN_ORDINALS[m.group(1).lower()])
    text = _EN_ORDINAL.sub(" ", text)
    for m in _SLASH_LIST.finditer(text):
        parts = [int(x) for x in re.findall(r"\d+", m.group(0))]
        if all(1 <= n <= limit for n in parts):
            found.update(parts)
            text = text.replace(m.group(0), " ", 1)
    text, _ = _mask(text, _DATE_TIME)
    for m in _RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        if a < b <= limit:
            for n in range(a, b + 1):
                take(n)
    text = _RANGE.sub(" ", text)
    for m in _NUMBER.finditer(text):
        take(int(m.group(1)))
    return found


def read_slots(t: _Text, size: int | None) -> list[int] | None:
    """Option numbers the sender can attend; [] for none; None when the text names none."""
    slots: set[int] = set()
    refused: set[int] = set()
    everything = nothing = False
    for folded in t.statements():
        for clause in _CLAUSE.split(_PAREN.sub(" ", folded)):
            if not clause or not clause.strip():
                continue
            nums = _option_numbers(clause, size)
            neg = bool(POLL_NEG.search(clause))
            if POLL_EXCEPT.search(clause) and nums:
                everything = True
                refused |= nums
            elif POLL_NONE.search(clause) and not nums:
                nothing = True
            elif (POLL_ALL.search(clause) or POLL_REST.search(clause)) and not nums:
                if POLL_DAYS.search(clause):
                    continue  # "周二周三都可以" names days, not options: nothing to count
                everything = True
            elif neg:
                refused |= nums
            elif nums:
                slots |= nums
    if everything and size:
        slots |= set(range(1, size + 1))
    slots -= refused
    if slots:
        return sorted(slots)
    if nothing or (everything and not size and refused):
        return []
    return None


# ---------------------------------------------------------------- entry point

CONTEXTS = ("invite", "poll", "minutes", "task", "acceptance", "any")
# For context "any": which reader may decide, tried in this order, gated by its words.
ANY_GATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("acceptance", table(r"验收", r"通过", r"\bapprov", r"\breject", r"\baccepted\b")),
    ("minutes", table(r"纪要", r"异议", r"第\s*\d+\s*条", r"\bminutes\b", r"\bobjection")),
    (
        "task",
        table(
            DELAY.pattern, PERCENT.pattern, r"已(经)?完成", r"\bdone\b", r"\bfinished\b", r"进度"
        ),
    ),
    ("invite", table(DECLINE.pattern, TENTATIVE.pattern, r"参加", r"出席", r"\battend")),
    (
        "poll",
        table(
            r"选项",
            r"\boptions?\s*#?\d",
            r"#\d",
            r"第[一二三四五六七八九十\d]个",
            r"^\s*\d[\d\s,、和及与/&-]*(都|也)?(可以|行|ok|works?|fine)\W*$",
        ),
    ),
)


def read_intent(body: str, context: str, poll_size: int | None = None) -> Reading:
    """Intent and structured fields of a reply's new text in a context (contract §2)."""
    t = _Text.of(body or "")
    percent = _percent(t.folded)
    topic = find_topic(body or "")
    delegate = find_delegate(body or "")
    reading = Reading("unclear", percent=percent, topic=topic, delegate=delegate)
    if not t.sentences:
        return reading
    if context == "any":
        reading.intent = _any(t, percent, delegate, poll_size)
        if reading.intent == "availability":
            reading.slots = read_slots(t, poll_size)
        return reading
    if context == "minutes":
        reading.intent = _minutes(t)
    elif context == "acceptance":
        reading.intent = _acceptance(t)
    elif context == "task":
        reading.intent = _task(t, percent)
    elif context == "invite":
        reading.intent = _invite(t, delegate)
    elif context == "poll":
        slots = read_slots(t, poll_size)
        if slots is not None:
            reading.intent, reading.slots = "availability", slots
        else:
            reading.intent = "question" if t.questions() else "unclear"
    return reading


def _any(t: _Text, percent: int | None, delegate: str | None, poll_size: int | None) -> str:
    folded, _ = _mask(t.folded, VIA)
    for name, gate in ANY_GATES:
        if not gate.search(folded):
            continue
        if name == "acceptance":
            intent = _acceptance(t)
        elif name == "minutes":
            intent = _minutes(t)
        elif name == "task":
            intent = _task(t, percent)
        elif name == "poll":
            intent = "availability" if read_slots(t, poll_size) is not None else "unclear"
        else:
            intent = _invite(t, delegate)
        if intent not in ("unclear", "question"):
            return intent
    return "question" if t.questions() else "unclear"
