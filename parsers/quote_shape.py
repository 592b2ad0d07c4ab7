"""Quote headers recognised by their shape, in any language.

A client that starts quoted history writes one of two things: an attribution (one
line, sometimes wrapped onto two or three, that names who wrote and when, and ends
with a colon: "Op 8 jul. 2026 om 15:20 schreef X <x@y>:") or a header block (several
"Label: value" lines in a row, one naming an address, one a date: "Kimden: … /
Gönderildi: … / Kime: … / Konu: …").  The phrase table (parsers.quote_patterns) is one
signal here among several: a known verb or label counts, and so do an address, a
date and a clock time, so that a language no row lists is still recognised, while an
answer that merely has a colon ("时间：7月16日 10:00 / 地点：301") is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.quote_patterns import rows

WROTE = rows("wrote")
FROMS = rows("from")
FIELDS = rows("field")

ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|mailto:")
# A clock time: 15:20, 15.20, 3:20 PM, 15h30.
TIME = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])[:.h][0-5]\d(?![\d.])")
# A date: a year, or day/month numbers joined by / . -
DATE = re.compile(
    r"(?<!\d)(19|20)\d\d(?!\d)|(?<![\d.])\d{1,2}[./-]\d{1,2}([./-]\d{2,4})?(?![\d])|\d{1,2}\s*月\s*\d{1,2}\s*日"
)
# A line starting with a date and ending with an address: Gmail's old attribution, which
# sometimes has no colon ("2011/4/7 Nathan <support@example.com>").
DATE_THEN_ADDRESS = re.compile(
    r"^\d{4}[/\-.]\d{1,2}[/\-.]\d{1,2}\b.{0,120}<[^<>\s]+@[^<>\s]+>\s*:?$"
)
# An attribution framed by dashes ("---- John Smith wrote ----").
FRAMED = re.compile(r"^\W{0,2}-{2,}\s*(.+?)\s*-{2,}\W{0,2}$")
# A line that ends the way an attribution ends.
ENDS_COLON = re.compile(r"[:：]\s*$")
# "Label: value": a label of one to three words of letters, then a colon.
FIELD = re.compile(
    r"^\s*\*{0,2}([^\W\d_][^\W\d_'’-]*(?:[ '’-][^\W\d_]+){0,2})\s*\*{0,2}\s*[:：]\s*(.*)$"
)
# An attribution is one line; a longer one is prose.
MAX_ATTRIBUTION_CHARS = 300
# Lines an attribution may be wrapped onto (narrow plain-text clients wrap at ~76 chars).
MAX_ATTRIBUTION_LINES = 4
# A continuation line that a '>' quoting pass swallowed: ">:" or "> wrote:".
QUOTED_TAIL = re.compile(r"^>\s?(.{0,20}[:：])\s*$")


def _any(patterns: tuple, text: str) -> bool:
    return any(p.regex.search(text) for p in patterns)


def is_attribution(text: str) -> bool:
    """Does this (possibly joined) line read as 'who wrote, when' ending a quote's introduction?"""
    s = text.strip()
    if not s or len(s) > MAX_ATTRIBUTION_CHARS or s.startswith(">"):
        return False
    framed = FRAMED.match(s)
    if framed:
        inner = framed.group(1)
        return _any(WROTE, inner) or (bool(ADDRESS.search(inner)) and bool(TIME.search(inner)))
    if DATE_THEN_ADDRESS.match(s):
        return True
    if not ENDS_COLON.search(s):
        return False
    verb = _any(WROTE, s)
    address = bool(ADDRESS.search(s))
    when = bool(TIME.search(s) or DATE.search(s))
    if verb and (address or when):
        return True
    return address and bool(TIME.search(s)) and bool(DATE.search(s))


def attribution_span(lines: list[str], i: int) -> int:
    """How many lines the attribution starting at line i spans (0: none).

    A wrapped attribution is joined over blank lines and a '>'-swallowed tail; its first
    line must already name a date, a time or an address, so two lines of prose are
    never joined into a header.
    """
    first = lines[i].strip()
    if not first or first.startswith(">"):
        return 0
    if is_attribution(first):
        return 1
    if ENDS_COLON.search(first) or not (
        TIME.search(first) or DATE.search(first) or "<" in first or ADDRESS.search(first)
    ):
        return 0
    joined = first
    taken = 0
    gap = False
    j = i + 1
    while (
        j < len(lines) and taken < MAX_ATTRIBUTION_LINES - 1 and len(joined) < MAX_ATTRIBUTION_CHARS
    ):
        s = lines[j].strip()
        j += 1
        if not s:
            gap = True
            continue
        was_gap, gap = gap, False
        tail = QUOTED_TAIL.match(s)
        if s.startswith(">") and not tail:
            return 0
        if was_gap and (is_attribution(s) or _field(s)):
            return 0  # past a blank line, a header of its own: not this line's wrapped end
        joined += " " + (tail.group(1) if tail else s)
        taken += 1
        if is_attribution(joined):
            return j - i
        if ENDS_COLON.search(s):
            return 0
    return 0


@dataclass(frozen=True)
class Field:
    label: str
    value: str


def _field(line: str) -> Field | None:
    m = FIELD.match(line)
    return Field(m.group(1), m.group(2)) if m else None


def _is_known_from(line: str) -> bool:
    return _any(FROMS, line.strip())


def _is_known_label(line: str) -> bool:
    return _any(FROMS, line.strip()) or _any(FIELDS, line.strip())


def header_block_span(lines: list[str], i: int) -> int:
    """Lines of a header block starting at line i (0: none), judged by the block's shape.

    A block is two or more "Label: value" lines in a row (a value wrapped onto a line
    of its own is allowed).  It is a quote header when it names an address or a date
    and its labels say so: a known From label first and another known label, or known
    labels with both an address and a date, or three known labels, or, whatever the
    language, three lines whose first value holds an address and another a date.
    """
    fields: list[tuple[str, Field]] = []
    j = i
    while j < len(lines):
        raw = lines[j].strip()
        f = _field(raw) if raw else None
        if f is None:
            nxt = lines[j + 1].strip() if j + 1 < len(lines) else ""
            if fields and raw and not raw.startswith(">") and _field(nxt) and len(raw) < 80:
                j += 1  # a long value wrapped onto its own line
                continue
            break
        fields.append((raw, f))
        j += 1
    if len(fields) < 2:
        return 0
    values = " ".join(f.value for _, f in fields)
    address = bool(ADDRESS.search(values))
    when = bool(TIME.search(values) or DATE.search(values))
    if not (address or when):
        return 0
    known = sum(_is_known_label(raw) for raw, _ in fields)
    shaped = (
        (_is_known_from(fields[0][0]) and known >= 2)
        or (known >= 2 and address and when)
        or known >= 3
        or (len(fields) >= 3 and ADDRESS.search(fields[0][1].value) and when)
    )
    return j - i if shaped else 0


# Where an attribution may start in the middle of a line ("reply--- On … wrote:").
LEADS = re.compile(r"(?<=\S)\s*-*\s*(?=\b(On|Le|Am|El|Il|Op|Em|W dniu|Den|På|Vào|At)\s)")


# A line that opens like an attribution: its own lead word or a date.
OPENS_ATTRIBUTION = re.compile(r"^\W*(On|Le|Am|El|Il|Op|Em|W dniu|Den|På|Vào|At)\s|^\W*\d")


def split_shared_line(line: str) -> list[str]:
    """A line holding both the reply and an attribution, split in two; else the line."""
    if not ENDS_COLON.search(line) or OPENS_ATTRIBUTION.match(line):
        return [line]
    for m in LEADS.finditer(line):
        head, tail = line[: m.start()], line[m.end() :]
        if head.strip() and is_attribution(tail):
            return [head.rstrip(" -"), tail]
    return [line]
