"""What the sender newly wrote: quoted history, forwarded originals and signatures removed.

Handles top-posted replies (cut at the quote header), bottom-posted and inline
replies (the sender's own lines outside '>' blocks, in order), and signatures
(delimiter, mobile taglines, sign-off formulas, closing contact blocks).  The
markers themselves are rows of parsers.quote_patterns.
"""

from __future__ import annotations

import re

from parsers.quote_patterns import (
    HEADER_BLOCK_SPAN,
    INVISIBLE,
    NAME_LINE,
    SIGNATURE_LINE,
    rows,
)

HEADERS = rows("header")
FROMS = rows("from")
FIELDS = rows("field")
SEPARATORS = rows("separator")
DELIMITERS = rows("delimiter")
TAGLINES = rows("tagline")
SIGNOFFS = rows("signoff")

QUOTED = re.compile(r"^\s*>")
# A line drawn with one repeated mark: it separates, it says nothing.
RULE = re.compile(r"^\s*([_\-=*~·—])\1{2,}\s*$")
# Punctuation that only sentences carry; a line with it is never a signature line.
SENTENCE = re.compile(r"[。！？!?；;，]|\w{2,}[.]\s+\w|\s\w+\s\w+\s\w+\s\w+\s\w+\s\w+\s\w+\s")
# Words that signatures do not hold: three lower-case words in a row, or a person speaking.
PROSE = re.compile(r"(^|\s)[a-z]+\s+[a-z]+\s+[a-z]+|[我您你请]")
# A signature block is only this long; a longer tail is text, not a signature.
MAX_SIGNATURE_LINES = 10
# A closing block of bare names (no title or phone) is a signature only this short.
MAX_NAME_LINES = 2
# A line under a sign-off formula this short, and not a sentence, is part of the signature.
MAX_SIGNATURE_LINE_CHARS = 40
# Motto lines allowed under a signature block.
MAX_TRAILING_MOTTOS = 2


def _any(patterns: tuple, line: str) -> bool:
    return any(p.regex.search(line) for p in patterns)


def normalise(text: str) -> list[str]:
    """Lines with line ends, no-break spaces and invisible characters made plain."""
    text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    return [line.rstrip() for line in text.split("\n")]


def _next_nonblank(lines: list[str], start: int, span: int) -> list[int]:
    out = []
    i = start
    while i < len(lines) and len(out) < span:
        if lines[i].strip():
            out.append(i)
        i += 1
    return out


def _is_header_block(lines: list[str], i: int) -> bool:
    """A From-like line with a Sent/Date/To-like line right after it."""
    if not _any(FROMS, lines[i].strip()):
        return False
    return any(
        _any(FIELDS, lines[j].strip()) for j in _next_nonblank(lines, i + 1, HEADER_BLOCK_SPAN)
    )


def header_at(lines: list[str], i: int) -> int:
    """How many lines the quote header starting at line i spans (0: none)."""
    line = lines[i].strip()
    if not line or QUOTED.match(line):
        return 0
    if _any(HEADERS, line):
        return 1
    # an attribution wrapped onto the next line ("On … <\nmail@x> wrote:")
    if i + 1 < len(lines) and lines[i + 1].strip() and len(line) < 300:
        joined = line + " " + lines[i + 1].strip()
        if _any(HEADERS, joined) and not _any(HEADERS, lines[i + 1].strip()):
            return 2
    if _is_header_block(lines, i):
        return 1
    if _any(SEPARATORS, line):
        nxt = _next_nonblank(lines, i + 1, 2)
        if any(_any(FROMS, lines[j].strip()) or _any(HEADERS, lines[j].strip()) for j in nxt):
            return 1
    return 0


def split_quote(lines: list[str]) -> tuple[list[str], list[str]]:
    """(new lines, quoted lines) of a reply."""
    new: list[str] = []
    quoted: list[str] = []
    i = 0
    while i < len(lines):
        span = header_at(lines, i)
        if span:
            follow = _next_nonblank(lines, i + span, 1)
            if follow and QUOTED.match(lines[follow[0]]):
                # an attribution for a '>' block: the sender may write below it
                quoted.extend(lines[i : i + span])
                i += span
                continue
            quoted.extend(lines[i:])
            break
        if QUOTED.match(lines[i]):
            quoted.append(lines[i])
        else:
            new.append(lines[i])
        i += 1
    return new, quoted


def _is_short_plain(line: str) -> bool:
    """A short line that is not a sentence: a name, a title, a department."""
    s = line.strip()
    return len(s) <= MAX_SIGNATURE_LINE_CHARS and not SENTENCE.search(s) and not PROSE.search(s)


def _cut_signature_markers(lines: list[str], names: frozenset[str]) -> list[str]:
    """Cut at a signature delimiter or tagline, and at a sign-off formula near the end."""
    for i, line in enumerate(lines):
        s = line.strip()
        if (
            s
            and (_any(DELIMITERS, line) or _any(TAGLINES, s))
            and any(x.strip() for x in lines[:i])
        ):
            lines = lines[:i]
            break
    for i, line in enumerate(lines):
        s = line.strip()
        if s and _any(SIGNOFFS, s) and any(x.strip() for x in lines[:i]):
            tail = [x for x in lines[i + 1 :] if x.strip()]
            if len(tail) <= MAX_SIGNATURE_LINES and all(
                _signature_kind(x, names) or _any(SIGNOFFS, x.strip()) or _is_short_plain(x)
                for x in tail
            ):
                return lines[:i]
    return lines


def _signature_kind(line: str, names: frozenset[str] = frozenset()) -> str:
    """'strong' for contact/title/organisation lines, 'name' for a bare name, '' for text."""
    s = line.strip()
    if not s:
        return ""
    if s.casefold().strip(" ,.") in names:
        return "strong"  # the sender's own name, alone on its line
    if SENTENCE.search(s) and not SIGNATURE_LINE.search(s.split("，")[0]):
        return ""
    if SIGNATURE_LINE.search(s):
        return "strong"
    if NAME_LINE.match(s):
        return "name"
    return ""


def _cut_contact_block(lines: list[str], names: frozenset[str]) -> list[str]:
    """Drop a closing block of name/title/company/phone lines at the end.

    A slogan or motto line or two under the block ("诚信 · 创新 · 共赢") goes with
    it when what is above them is a signature block by the same rules.
    """
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    tail = end
    while tail and end - tail < MAX_TRAILING_MOTTOS and _is_motto(lines[tail - 1], names):
        tail -= 1
    if tail < end:
        cut = _cut_block(lines, tail, names)
        if cut is not None:
            return cut
    return _cut_block(lines, end, names) or lines[:end]


def _is_motto(line: str, names: frozenset[str]) -> bool:
    s = line.strip()
    return bool(s) and _is_short_plain(s) and not _signature_kind(s, names)


def _cut_block(lines: list[str], end: int, names: frozenset[str]) -> list[str] | None:
    """lines without the signature block ending at `end`; None when there is none."""
    start = end
    strong = 0
    while start > 0:
        line = lines[start - 1]
        if not line.strip() or RULE.match(line):
            start -= 1
            continue
        kind = _signature_kind(line, names)
        if not kind:
            break
        strong += kind == "strong"
        start -= 1
    names = [x for x in lines[start:end] if x.strip()]
    after_blank = start > 0 and not lines[start].strip() if start < end else False
    if not strong and not (after_blank and 0 < len(names) <= MAX_NAME_LINES):
        return None
    if end - start > MAX_SIGNATURE_LINES + 4:
        return None
    if not any(x.strip() for x in lines[:start]):
        # everything looks like a signature: keep the first paragraph as the text
        first = next(i for i, x in enumerate(lines) if x.strip())
        stop = next((i for i in range(first, end) if not lines[i].strip()), first + 1)
        return lines[:stop] if stop < end else lines[: first + 1]
    return lines[:start]


def sender_names(display_name: str, address: str = "") -> frozenset[str]:
    """How the sender may sign: full display name, its parts, the address's local parts."""
    names = {display_name.casefold().strip()} if display_name.strip() else set()
    names |= {p.casefold() for p in re.split(r"[\s,]+", display_name) if len(p) >= 2}
    local = address.split("@", 1)[0]
    names |= {p.casefold() for p in re.split(r"[._\-]+", local) if len(p) >= 3 and p.isalpha()}
    return frozenset(names)


def strip_signature(lines: list[str], names: frozenset[str] = frozenset()) -> list[str]:
    lines = _cut_contact_block(_cut_signature_markers(lines, names), names)
    while lines and (not lines[-1].strip() or RULE.match(lines[-1])):
        lines = lines[:-1]  # a rule line above a removed signature (Foxmail's <hr>)
    return lines


def reply_body(text: str, sender: frozenset[str] = frozenset()) -> str:
    """The newly written text of a reply, without quoted history or signature.

    `sender` (see sender_names) lets a bare first name under the text go too.
    """
    new, _ = split_quote(normalise(text or ""))
    body = strip_signature(new, sender)
    out = "\n".join(body).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def quoted_parts(text: str) -> str:
    """The quoted history of a reply (for readers that need what was answered)."""
    _, quoted = split_quote(normalise(text or ""))
    return "\n".join(re.sub(r"^\s*>+ ?", "", q) for q in quoted).strip()
