"""Intents of a reply's new text, per context, by the contract's rules (§2).

The vocabularies are data (parsers.intent_vocab: one table per intent, zh and en),
applied in a fixed order where each table's matches are masked before the next one looks, so that
"无异议" is read as an ack before "异议" can read as an objection, and "不通过"
as a reject before "通过" can read as a pass.  Cues inside a question only ask;
cues inside a suggestion for "next time" do not set conditions.  When no table
decides, the answer is "unclear": the service asks back rather than guess.

Matching runs on the normalised text (parsers.normalise: one form for full-width,
Traditional, Cantonese and emoji), which keeps for each character the original span it
came from, so a delegate or topic is cut from the original as written.  The text is cut
into sentences and clauses (punctuation, 但/不过/可是/but/however); where answers pull both
ways, clauses after a "but" weigh more ("I can't come in person, but I'll join online"),
and evidence that stays balanced is "unclear": a confident wrong intent costs more than a
question back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from parsers.intent_vocab import (
    ACCEPT,
    ACCEPT_IDIOMS,
    ACCEPT_WEAK,
    ACK,
    ACK_IDIOMS,
    ALONG,
    CONDITION,
    DECLINE,
    DEFER,
    DELAY,
    DELAY_APPROVE,
    DELAY_REFUSE,
    DELEGATE_PREFIX,
    DELEGATES,
    DELEGATES_IF_ABSENT,
    DONE,
    DONE_NEGATED,
    ELSEWHERE,
    FUTURE,
    IN_MY_PLACE,
    NOT_A_NAME,
    OBJECTION,
    PASS,
    PASS_WEAK,
    PERCENT,
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
    table,
)
from parsers.normalise import Normalised, normalise
from parsers.numerals import zh_number
from parsers.poll_slots import read_slots

# ---------------------------------------------------------------- results


@dataclass
class Reading:
    intent: str
    slots: list[int] | None = None
    percent: int | None = None
    topic: str | None = None
    delegate: str | None = None
    deadline_text: list[str] = field(default_factory=list)


# Words that turn what follows against what came before: the later clause weighs more.
CONTRAST = table(
    r"但是?", r"不过", r"可是", r"只是", r"然而", r"\bbut\b", r"\bhowever\b", r"\bthough\b"
)
_CLAUSE_END = re.compile(r"[,:]")


@dataclass
class _Text:
    """The body split into sentences (original, normalised) and weighted clauses."""

    norm: Normalised
    sentences: list[tuple[str, str]]

    @property
    def folded(self) -> str:
        return self.norm.text

    @classmethod
    def of(cls, body: str) -> _Text:
        norm = normalise(body)
        text = norm.text
        out = []
        pos = 0
        for m in SENTENCE_END.finditer(text):
            end = m.end()
            if text[pos:end].strip():
                out.append((norm.original(pos, end).strip(), text[pos:end].strip()))
            pos = end
        if text[pos:].strip():
            out.append((norm.original(pos, len(text)).strip(), text[pos:].strip()))
        return cls(norm, out)

    def statements(self) -> list[str]:
        return [f for _, f in self.sentences if not QUESTION.search(f)]

    def questions(self) -> list[str]:
        return [f for _, f in self.sentences if QUESTION.search(f)]

    def clauses(self) -> list[tuple[str, int]]:
        """Clauses of the statements, each with its weight: 1, plus 1 per "but" before it."""
        out = []
        weight = 1
        for sentence in self.statements():
            pos = 0
            cuts = sorted(
                [(m.start(), m.end(), True) for m in CONTRAST.finditer(sentence)]
                + [(m.start(), m.end(), False) for m in _CLAUSE_END.finditer(sentence)]
            )
            for start, end, contrast in cuts:
                if start < pos:
                    continue
                if sentence[pos:start].strip():
                    out.append((sentence[pos:start], weight))
                weight += contrast
                pos = end
            if sentence[pos:].strip():
                out.append((sentence[pos:], weight))
        return out


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
    if not h["defer"] and any(PASS_WEAK.search(c) for c, _ in t.clauses()):
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
        value = zh_number(m.group("zh"))
        if value is None:
            return None
    return int(value) if 0 <= value <= 100 else None



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


def _weigh(
    clauses: Iterable[tuple[str, int]], tables: list[tuple[str, re.Pattern[str]]]
) -> dict[str, int]:
    """Weighted hits per table over clauses, each table masking its matches for the next."""
    total = {name: 0 for name, _ in tables}
    for clause, weight in clauses:
        for name, n in _scan([clause], tables).items():
            total[name] += n * weight
    return total


def _invite(t: _Text, delegate: str | None) -> str:
    stm = t.statements()
    clauses = [(c, w) for c, w in t.clauses() if not FUTURE.search(c)]
    h = _weigh(
        clauses,
        [
            ("idiom", ACCEPT_IDIOMS),
            ("tentative", TENTATIVE),
            ("elsewhere", ELSEWHERE),
            ("decline", DECLINE),
            ("accept", ACCEPT),
        ],
    )
    accept, decline = h["accept"] + h["idiom"], h["decline"] + h["elsewhere"]
    if delegate:
        return "delegate"
    if h["tentative"]:
        return "tentative"
    if decline or accept:
        if decline == accept:
            return "unclear"
        return "decline" if decline > accept else "accept"
    if any(ACCEPT_WEAK.search(c.strip()) for c, _ in clauses) or any(
        ACCEPT_WEAK.search(s) for s in stm
    ):
        return "accept"
    if t.questions():
        return "question"
    return "unclear"


def find_delegate(body: str | Normalised) -> str | None:
    """The substitute named in the text, as written (name, title, address)."""
    norm = body if isinstance(body, Normalised) else normalise(body)
    text = norm.text
    absent = bool(DECLINE.search(text) or IN_MY_PLACE.search(text))
    for pattern in DELEGATES + (DELEGATES_IF_ABSENT if absent else ()):
        for m in pattern.finditer(text):
            sentence_start = max(text.rfind(c, 0, m.start()) for c in "。!?;\n")
            sentence_end = min(
                (e for c in "。!?;\n" if (e := text.find(c, m.end())) >= 0), default=len(text)
            )
            if ALONG.search(text[sentence_start + 1 : sentence_end]):
                continue
            raw = norm.original(m.start("d"), m.end("d")).strip()
            cleaned = DELEGATE_PREFIX.sub("", raw, count=1).strip(" ,，、:：")
            cleaned = DELEGATE_PREFIX.sub("", cleaned, count=1).strip(" ,，、:：")
            if (
                len(cleaned) < 2
                or cleaned.startswith(("我", "i ", "I ", "他", "她"))
                or NOT_A_NAME.search(normalise(cleaned).text)
            ):
                continue
            return cleaned
    return None


def find_topic(body: str | Normalised) -> str | None:
    """A topic the sender wants on the agenda, as written."""
    norm = body if isinstance(body, Normalised) else normalise(body)
    m = TOPIC.search(norm.text)
    if not m:
        return None
    key = next(k for k, g in m.groupdict().items() if g)
    topic = norm.original(m.start(key), m.end(key)).strip(" ,，:：")
    return topic or None


def read_delay_answer(body: str) -> bool | None:
    """A requester's answer to a delay request: True approves, False refuses, None unclear.

    Clauses after a "but" weigh more ("可以，但最晚周五" still approves; "OK, but no, we
    need it Friday" refuses); balanced evidence is None, and the service asks back.
    """
    t = _Text.of(body or "")
    h = _weigh(t.clauses(), [("refuse", DELAY_REFUSE), ("approve", DELAY_APPROVE)])
    if h["refuse"] == h["approve"]:
        return None
    return h["approve"] > h["refuse"]


# ---------------------------------------------------------------- entry point

CONTEXTS = ("invite", "poll", "minutes", "task", "acceptance", "any")
# For context "any": which reader may decide, tried in this order, gated by its words.
ANY_GATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("acceptance", table(r"验收", r"通过", r"\bapprov", r"\breject", r"\baccepted\b")),
    ("minutes", table(r"纪要", r"异议", r"第\s*\d+\s*条", r"\bminutes\b", r"\bobjection")),
    (
        "task",
        table(
            DELAY.pattern,
            PERCENT.pattern,
            r"已(经)?(全部|都)?(完成|做完|写完|搞定|提交|交付|上传|发(给|送|出)|寄出|发货)",
            r"\b(done|finished|completed|submitted|uploaded|delivered|shipped)\b",
            r"进度",
        ),
    ),
    (
        "invite",
        table(DECLINE.pattern, TENTATIVE.pattern, ACCEPT.pattern, ACCEPT_IDIOMS.pattern, r"代"),
    ),
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


def read_intent(
    body: str,
    context: str,
    poll_size: int | None = None,
    options: Sequence[str] | None = None,
) -> Reading:
    """Intent and structured fields of a reply's new text in a context (contract §2).

    options: the poll's option labels as sent, when the caller has them; a reply naming
    weekdays ("周三及以后的") is read against them, and is unclear without them.
    """
    if options and not poll_size:
        poll_size = len(options)
    t = _Text.of(body or "")
    percent = _percent(t.folded)
    topic = find_topic(t.norm)
    delegate = find_delegate(t.norm)
    reading = Reading("unclear", percent=percent, topic=topic, delegate=delegate)
    if not t.sentences:
        return reading
    if context == "any":
        reading.intent = _any(t, percent, delegate, poll_size, options)
        if reading.intent == "availability":
            reading.slots = read_slots(t.statements(), poll_size, options)
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
        slots = read_slots(t.statements(), poll_size, options)
        if slots is not None:
            reading.intent, reading.slots = "availability", slots
        else:
            reading.intent = "question" if t.questions() else "unclear"
    return reading


def _any(
    t: _Text,
    percent: int | None,
    delegate: str | None,
    poll_size: int | None,
    options: Sequence[str] | None,
) -> str:
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
            found = read_slots(t.statements(), poll_size, options)
            intent = "availability" if found is not None else "unclear"
        else:
            intent = _invite(t, delegate)
        if intent not in ("unclear", "question"):
            return intent
    return "question" if t.questions() else "unclear"


def questions_in(body: str) -> list[str]:
    """The sentences of a reply that ask something, as written: an update may
    carry a question ("已完成60%。报告需要中英文两版吗？") that must not be lost."""
    return [
        original for original, folded in _Text.of(body or "").sentences if QUESTION.search(folded)
    ]
