"""Items written outside any heading: numbered lines, bullets after "要点如下：", prose.

Recorders often send minutes without "决议/任务/疑问" headings: "1. 提交8D报告，负责人：
郑敏，完成时间：10月9日", "Kevin will draft the press release by Friday", "复测费用由谁承担
还没有定". Each such line (or sentence of a paragraph) is weighed here: which kind its words
say, and how strongly it reads as an item. The reader keeps the weak ones only when the
minutes have no structure at all, and reports the rest as not read.
"""

from __future__ import annotations

import re

from parsers.deadlines import deadline_spans
from parsers.minutes_owner import find_owner, tail_deadline
from parsers.minutes_vocab import (
    DECISION,
    DECISION_SIGNS,
    KIND_TAG,
    KIND_WORDS,
    META_LINE,
    OWNER_FIELD,
    QUESTION,
    QUESTION_SIGNS,
    TASK,
)

NONE, WEAK, STRONG = 0, 1, 2
_TAG_KIND = {w.lower(): kind for kind, words in KIND_WORDS.items() for w in words} | {"open": QUESTION}
DECISION_LEAD = 6  # "同意…", "Agreed to…": a decision word this close to the start opens it
# "负责" / "will" / "to" after the owner: an assignment even without a deadline
_ASSIGNED = re.compile(r"负责|負責|牵头|牽頭|跟进|跟進|\bwill\b|\bto\s+(?!be\b)\w", re.I)
_OPEN_QUESTION = re.compile(
    r"[？?]\s*$|待确认|待確認|待定|未定|没有定|沒有定|没定|再议|再議|still open|open question|\btbd\b",
    re.I,
)
# Sentence ends: Chinese marks, or ". " before a capital (not after "Mr." / "No.")
_ZH_END = re.compile(r"(?<=[。！？!?])")
# "…：一是A；二是B；三是C": the enumerated points of one sentence
_ENUMERATED = re.compile(r"[：:；;，,]\s*(?=[一二三四五六七八九十]是)")
_EN_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u4e00-\u9fff])")
_ABBREV = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|vs|e\.g|i\.e|approx|Co|Ltd|Inc)\.$", re.I)


def sentences(text: str) -> list[str]:
    """A prose line split into sentences, abbreviations kept whole; "定了三件事：一是…；二是…"
    is one sentence per point."""
    out: list[str] = []
    for chunk in (c for part in _ZH_END.split(text) for c in _ENUMERATED.split(part)):
        start = 0
        for m in _EN_END.finditer(chunk):
            if _ABBREV.search(chunk[start : m.start()]):
                continue
            out.append(chunk[start : m.start()])
            start = m.end()
        out.append(chunk[start:])
    return [s.strip() for s in out if s.strip()]


_ASKED_CLAUSE = re.compile(r"[，,]\s*(?=(?:请|請|由|并请|並請)\s*\S)")


def clauses(sentence: str) -> list[str]:
    """A prose sentence that decides and then assigns, split where the assignment starts:
    "会议商定由郑敏牵头成立8D小组，请郑敏在10月9日之前提交8D报告" is a decision and a task.
    Only a clause naming its own owner and deadline is split off."""
    pieces = _ASKED_CLAUSE.split(sentence)
    parts = [pieces[0]]
    for piece in pieces[1:]:
        if _owned_and_dated(piece) and loose_kind(parts[-1])[2]:
            parts.append(piece)
        else:
            parts[-1] = f"{parts[-1]}，{piece}"
    return [p.strip() for p in parts if p.strip()]


def _owned_and_dated(text: str) -> bool:
    return loose_kind(text)[:2] == (TASK, STRONG) and bool(deadline_spans(text))


def loose_kind(text: str, listed: bool = False) -> tuple[str, int, bool]:
    """(kind, strength, signal) of a line written outside any section.

    strength STRONG: an item even next to headings (an owner and a deadline, an owner named
    by "负责人：" or "负责", "Agreed…" at the start, a question left open). WEAK: an item
    when the minutes have no structure. `signal` says the line carries an item's marks,
    so that a line not kept is worth reporting as not read."""
    tag = KIND_TAG.search(text)
    if tag:  # "…（决议）": the writer said which kind
        return _TAG_KIND[tag["tag"].lower()], STRONG, True
    owner = find_owner(text, TASK)
    dated = bool(deadline_spans(text) or tail_deadline(text))  # "… —— 郑敏，10月9日"
    decided = DECISION_SIGNS.search(text)
    if owner and dated:
        at = text.find(owner)
        if at > 0 and QUESTION_SIGNS.search(text[:at]):  # "是否沿用…？X 下周五前答复"
            return QUESTION, STRONG, True
        return TASK, STRONG, True
    meta = bool(META_LINE.search(text))
    if QUESTION_SIGNS.search(text) and not meta:
        return QUESTION, STRONG if _OPEN_QUESTION.search(text) else WEAK, True
    if decided and not dated and not meta:
        strong = decided.start() <= DECISION_LEAD
        return DECISION, STRONG if strong else WEAK, True
    if owner and not meta and (OWNER_FIELD.search(text) or _ASSIGNED.search(text)):
        return TASK, STRONG, True
    # "年终复盘会定在12月23日": a subject and a verb, no one assigned and no deadline -- a
    # statement; only "负责"/"will"/a field makes an owner without a date
    if dated and not meta:
        return TASK, WEAK, True
    if listed and not meta:
        return DECISION, WEAK, False
    return DECISION, NONE, False


def item_like(text: str) -> bool:
    """Whether a line carries an item's marks (an owner field or a deadline)."""
    return bool(OWNER_FIELD.search(text) or deadline_spans(text))
