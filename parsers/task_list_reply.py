"""Which tasks a reply to a numbered task list names, and the words about each.

Pure: the caller gives the list as it was sent (each task's position, reference
number and title) and resolves what this returns to its own records. A task is
named by reference ("T-0012 已完成"), by its number in the list ("2 已完成",
"#3 80%", "第2项 需延期至12月5日") or by its title ("数据对接标准文档已完成");
one reply may name several, one per line or clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# A list number at the start of a clause: "#3", "第3项", "No. 3", or "3." /
# "3、" / "3)" / "3 " followed by words. Not a percentage, a date, a decimal or
# an amount: "80%", "12月2日", "1.5", "2 天".
NUMBER = re.compile(
    r"^\s*(?:(?:#|＃|第|No\.?\s*|序号\s*)(\d{1,3})(?!\d)\s*(?:项|条|[.、:：)）])?"
    r"|(\d{1,3})(?:\s*(?:项|条)|[.、:：)）](?!\d)|\s+(?![月日号天周个小时点%％\d])))"
    r"\s*",
    re.I,
)
CLAUSE_SPLIT = re.compile(r"[\n；;]+")
BOOK_TITLE = re.compile(r"《([^《》]{2,})》")
TITLE_MIN_CHARS = 4
TEXT_STRIP = " ,，、:：-—\t"

HOW_REF, HOW_NUMBER, HOW_TITLE = "ref", "number", "title"


@dataclass(frozen=True)
class ListedTask:
    """One line of the list as sent: its reference number (T-0012 → 12) and title."""

    ref_number: int
    title: str


@dataclass
class NamedTask:
    """A task the reply names: its position in the list (None for a reference to a
    task that was not listed), its reference number, how it was named, the words."""

    position: int | None
    ref_number: int
    how: str
    text: str


@lru_cache(maxsize=8)
def _ref_pattern(prefix: str) -> re.Pattern[str]:
    """A reference anywhere: "T-0012", "t-12" for prefix "T" (not inside a longer
    word or number)."""
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(prefix)}\s*-\s*(\d{{1,6}})(?!\d)", re.I)


def _names(task: ListedTask) -> list[str]:
    title = task.title.strip()
    names = [title] if len(title) >= TITLE_MIN_CHARS else []
    names += [m.group(1) for m in BOOK_TITLE.finditer(title)]
    return [n.casefold() for n in names]


def _position(ref_number: int, listed: Sequence[ListedTask]) -> int | None:
    return next((n for n, t in enumerate(listed) if t.ref_number == ref_number), None)


def _clause_marks(
    clause: str, listed: Sequence[ListedTask], ref: re.Pattern[str]
) -> list[tuple[int, int, NamedTask]]:
    """(start, end, task) of every task named in one clause, in order."""
    marks = [
        (
            m.start(),
            m.end(),
            NamedTask(_position(int(m.group(1)), listed), int(m.group(1)), HOW_REF, ""),
        )
        for m in ref.finditer(clause)
    ]
    if not marks:
        m = NUMBER.match(clause)
        number = int(m.group(1) or m.group(2)) if m else 0
        if m and 1 <= number <= len(listed):
            task = listed[number - 1]
            marks.append(
                (m.start(), m.end(), NamedTask(number - 1, task.ref_number, HOW_NUMBER, ""))
            )
    if not marks:
        folded = clause.casefold()
        for position, task in enumerate(listed):
            for name in _names(task):
                at = folded.find(name)
                if at >= 0:
                    named = NamedTask(position, task.ref_number, HOW_TITLE, "")
                    marks.append((at, at + len(name), named))
                    break
    return sorted(marks, key=lambda mark: mark[0])


def named_tasks(body: str, listed: Sequence[ListedTask], ref_prefix: str) -> list[NamedTask]:
    """The tasks a reply names, each with the words that are about it; references
    are `ref_prefix`-NNNN (the service's own format, "T" for T-0012).

    A clause (line, or part between "；") naming a task starts its text; the
    clauses after it that name none continue it ("原因：……" on the next line).
    The words naming the task are left out of its text, so "2" or "T-0012" is
    never read as a figure. Text before the first named task is a greeting.
    """
    found: list[NamedTask] = []
    for clause in CLAUSE_SPLIT.split(body or ""):
        if not clause.strip():
            continue
        marks = _clause_marks(clause, listed, _ref_pattern(ref_prefix))
        if not marks:
            if found:
                found[-1].text += "\n" + clause.strip()
            continue
        for n, (start, end, named) in enumerate(marks):
            stop = marks[n + 1][0] if n + 1 < len(marks) else len(clause)
            before = clause[:start] if n == 0 else ""
            named.text = (before + " " + clause[end:stop]).strip(TEXT_STRIP)
            same = next((f for f in found if f.ref_number == named.ref_number), None)
            if same is not None:
                same.text += "\n" + named.text
            else:
                found.append(named)
    return found
