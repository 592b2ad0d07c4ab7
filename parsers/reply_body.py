"""What the sender newly wrote: quoted history, forwarded originals and signatures removed.

Handles top-posted replies (cut at the quote header), bottom-posted and inline
replies (the sender's own lines outside '>' blocks, in order), and signatures
(delimiter, mobile taglines, sign-off formulas, closing contact blocks).  The
markers themselves are rows of parsers.quote_patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers.quote_patterns import HEADER_BLOCK_SPAN, INVISIBLE, rows
from parsers.quote_shape import attribution_span, header_block_span, split_shared_line
from parsers.signature import sender_names, strip_signature

__all__ = [
    "normalise",
    "quoted_parts",
    "reply_body",
    "sender_names",
    "split_quote",
    "strip_signature",
]

HEADERS = rows("header")
FROMS = rows("from")
FIELDS = rows("field")
SEPARATORS = rows("separator")

QUOTED = re.compile(r"^\s*>")
# Header labels that alone (with no address or date) make a block: 发件人/寄件者/From.
BLOCK_LANGS = frozenset({"zh", "zh-tw", "en"})
# A long URL that a '>' quoting pass wrapped onto an unquoted line of its own.
# A quoted line this long was wrapped by the client; a shorter one ended where the writer did.
WRAP_WIDTH = 60
URL_FRAGMENT = re.compile(r"^\s*\(?\S*(https?://|=)\S*\)?\s*>?\s*$")


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
    """A From-like line with a Sent/Date/To-like line right after it, in a language whose
    labels are never words of an answer (foreign blocks are judged by their shape)."""
    if not any(p.regex.search(lines[i].strip()) for p in FROMS if BLOCK_LANGS & set(p.langs)):
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
    span = attribution_span(lines, i)
    if span:
        return span
    if _is_header_block(lines, i) or header_block_span(lines, i):
        return 1
    if _any(SEPARATORS, line):
        nxt = _next_nonblank(lines, i + 1, 2)
        if any(
            _any(FROMS, lines[j].strip())
            or _any(HEADERS, lines[j].strip())
            or header_block_span(lines, j)
            for j in nxt
        ):
            return 1
    return 0


def split_quote(lines: list[str]) -> tuple[list[str], list[str]]:
    """(new lines, quoted lines) of a reply."""
    lines = [part for line in lines for part in split_shared_line(line)]
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
        if QUOTED.match(lines[i]) or _wrapped_into_quote(lines, i):
            quoted.append(lines[i])
        else:
            new.append(lines[i])
        i += 1
    return new, quoted


def _wrapped_into_quote(lines: list[str], i: int) -> bool:
    """A quoted line's wrapped tail: between two quoted lines with no blank line, a URL
    fragment or a line going on in lower case ("ignissim odio?")."""
    s = lines[i].strip()
    return (
        0 < i < len(lines) - 1
        and bool(URL_FRAGMENT.match(s) or (s[:1].islower() and len(lines[i - 1]) >= WRAP_WIDTH))
        and bool(QUOTED.match(lines[i - 1]))
        and bool(QUOTED.match(lines[i + 1]))
    )


def reply_body(
    text: str, sender: frozenset[str] = frozenset(), directory: Iterable[str] = ()
) -> str:
    """The newly written text of a reply, without quoted history or signature.

    `sender` (see sender_names) lets the sender's own name under the text go too;
    `directory` adds the names, titles and companies the service knows for them.
    """
    names = sender | sender_names("", "", directory) if directory else sender
    new, _ = split_quote(normalise(text or ""))
    body = strip_signature(new, names)
    out = "\n".join(body).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def quoted_parts(text: str) -> str:
    """The quoted history of a reply (for readers that need what was answered)."""
    _, quoted = split_quote(normalise(text or ""))
    return "\n".join(re.sub(r"^\s*>+ ?", "", q) for q in quoted).strip()
