"""Where the newly written text ends and the sender's signature begins.

A signature is found by its markers (the "-- " delimiter, a mobile tagline, a sign-off
formula near the end, rows of parsers.quote_patterns) and, when there is none, by
its shape: a closing block of short lines that name a person, a title, a department,
a company, a phone, an address or a URL.  The sender's own names (display name, its
parts, a Han given name, the address's local part) and the directory's names, titles
and companies are the strongest signal.  A salutation opening the text ("王总：",
"Dear Mr. Zhou,") belongs to the text and is never taken for a signature line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers.quote_patterns import NAME_LINE, SIGNATURE_LINE, SURNAMES, rows

DELIMITERS = rows("delimiter")
TAGLINES = rows("tagline")
SIGNOFFS = rows("signoff")

# A line drawn with one repeated mark: it separates, it says nothing.
RULE = re.compile(r"^\s*([_\-=*~·—+#])\1{2,}\s*$")
# Punctuation that only sentences carry; a line with it is never a signature line.
SENTENCE = re.compile(r"[。！？!?；;，]|\w{2,}[.]\s+\w|\s\w+\s\w+\s\w+\s\w+\s\w+\s\w+\s\w+\s")
# Words that signatures do not hold: three lower-case words in a row, or a person speaking.
PROSE = re.compile(r"(^|\s)[a-z]+\s+[a-z]+\s+[a-z]+|[我您你请]")
# A Han "name" holding one of these is an answer ("周三可以", "李明参加"), not a name.
ANSWER_WORDS = re.compile(
    r"可以|参加|參加|出席|不|没|沒|同意|收到|好的|行|周[一二三四五六日天末]|週[一二三四五六日天末]|星期|礼拜|"
    r"[今明后後]天|上午|下午|晚上|已|都|也|去|来|來|吧|吗|嗎|呢|了|的|在|是|会|會|能|要|想|派|代|由"
)
# A line ending as a sentence ends.
FULL_STOP = re.compile(r"[.。!?！？]\s*$")
# A name written with a dash in front, as some sign ("-Abhishek", "—— 赵磊", "~s").
DASH_NAME = re.compile(r"^\s*(-{1,2}|—{1,2}|~)\s*\S.{0,30}$")
# Phones, mail addresses and URLs inside a line ("赵敏 138-0013-8000").
CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+|(https?://|www\.)\S+|\+?\(?\d[\d\s\-().]{6,}\d(\s*(ext\.?|转|分机)\s*\d+)?"
)
# Separators between the parts of one signature line ("Name | Title", "Name / Company").
PARTS = re.compile(r"\s*[|/·,，]\s*|\s{2,}")
# An opening salutation: a short first line ending with a colon or comma ("王总：",
# "Dear Mr. Zhou,"), or with "!" after a greeting ("张总，您好！", "Hello Lisa!").
SALUTATION_END = re.compile(r"[：:,，]\s*$")
GREETING = re.compile(
    r"(您好|你好|大家好|各位好|早上好|下午好)[!！]\s*$"
    r"|^(dear|hi|hello|hey|good (morning|afternoon))\b.{0,30}[!！]\s*$",
    re.I,
)
MAX_SALUTATION_CHARS = 40
# Two-character Chinese surnames: the given name is what follows them.
COMPOUND_SURNAMES = (
    "欧阳",
    "歐陽",
    "司马",
    "司馬",
    "上官",
    "诸葛",
    "諸葛",
    "东方",
    "東方",
    "皇甫",
    "令狐",
)
# A signature block is only this long; a longer tail is text, not a signature.
MAX_SIGNATURE_LINES = 10
# A closing block of bare names (no title or phone) is a signature only this short.
MAX_NAME_LINES = 2
# A line under a sign-off formula this short, and not a sentence, is part of the signature.
MAX_SIGNATURE_LINE_CHARS = 40
# A line longer than this is text (a paragraph, a pasted or broken base64 blob),
# never a signature line; the signature patterns would take seconds over it.
LONGEST_SIGNATURE_LINE_CHARS = 500
# A signature line holds at most this many words when three of them run in lower case.
MAX_SIGNATURE_WORDS = 6
# Unrecognised short lines a signature block may hold between recognised ones.
MAX_UNKNOWN_SIGNATURE_LINES = 2
# ...and only this long: a company name, a department, a street.
MAX_FILLER_CHARS = 24
# A clock time: a line holding one is a schedule or an answer, not a signature.
CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")
# Motto lines allowed under a signature block.
MAX_TRAILING_MOTTOS = 2
# Lines after a rule line at the very end that may form a footer (mailing list, Foxmail <hr>).
MAX_FOOTER_LINES = 6


def _any(patterns: tuple, line: str) -> bool:
    return any(p.regex.search(line) for p in patterns)


def _fold(text: str) -> str:
    return text.casefold().strip(" ,.;:()")


def sender_names(
    display_name: str, address: str = "", directory: Iterable[str] = ()
) -> frozenset[str]:
    """How the sender may sign: full display name, its parts, a Han given name, the
    address's local parts, and the directory's names, titles and companies."""
    names = {_fold(display_name)} if display_name.strip() else set()
    names |= {p.casefold() for p in re.split(r"[\s,]+", display_name) if len(p) >= 2}
    for part in re.split(r"[\s,()（）]+", display_name):
        names |= _given_names(part)
    local = address.split("@", 1)[0]
    names |= {p.casefold() for p in re.split(r"[._\-]+", local) if len(p) >= 3 and p.isalpha()}
    names |= {_fold(x) for x in directory if len(x.strip()) >= 2}
    return frozenset(n for n in names if n)


def _given_names(name: str) -> set[str]:
    """'周晓峰' -> {'晓峰'}: a Han name of 3-4 characters is also signed with its given name."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{3,4}", name):
        return set()
    surname = 2 if name.startswith(COMPOUND_SURNAMES) else 1
    return {name[surname:]} if name[0] in SURNAMES and len(name) - surname >= 2 else set()


def _is_short_plain(line: str) -> bool:
    """A short line that is not a sentence: a name, a title, a department."""
    s = line.strip()
    return len(s) <= MAX_SIGNATURE_LINE_CHARS and not SENTENCE.search(s) and not PROSE.search(s)


def _is_bare_name(text: str, names: frozenset[str]) -> bool:
    """A person's name alone: the sender's or a directory name, or one by its shape."""
    s = text.strip()
    if not s:
        return False
    if _fold(s) in names:
        return True
    return bool(NAME_LINE.match(s)) and not ANSWER_WORDS.search(s)


def _made_of_signature_parts(line: str, names: frozenset[str]) -> bool:
    """A line built only of names, known titles/companies, phones, addresses and URLs,
    with at least one of them the sender's own or contact data ("赵敏 138-0013-8000",
    "Zhang Wei 张伟", "何家俊 Kevin Ho")."""
    s = line.strip()
    rest = CONTACT.sub(" ", s)
    contact = rest != s
    own = False
    for name in sorted((n for n in names if len(n) >= 2), key=len, reverse=True):
        at = rest.casefold().find(name)
        if at >= 0 and (at == 0 or not rest[at - 1].isalnum()):
            rest = rest[:at] + " " + rest[at + len(name) :]
            own = True
    if not (contact or own):
        return False
    parts = [p for p in PARTS.split(rest) if p.strip(" -")]
    return all(_is_bare_name(p, names) or SIGNATURE_LINE.search(p) for p in parts)


def signature_kind(line: str, names: frozenset[str] = frozenset()) -> str:
    """'strong' for contact/title/organisation lines, 'name' for a bare name, '' for text."""
    s = line.strip()
    if not s or len(s) > LONGEST_SIGNATURE_LINE_CHARS:
        return ""
    if _fold(s) in names:
        return "strong"  # the sender's own name (or a directory name), alone on its line
    if DASH_NAME.match(s) and _is_bare_name(s.lstrip("-—~ "), names):
        return "strong"
    if len(s) <= MAX_SIGNATURE_LINE_CHARS * 2 and _made_of_signature_parts(s, names):
        return "strong"
    if SENTENCE.search(s) and not SIGNATURE_LINE.search(s.split("，")[0]):
        return ""
    if len(s.split()) > MAX_SIGNATURE_WORDS and PROSE.search(s):
        return ""  # an English sentence that happens to hold "group" or "lead"
    if SIGNATURE_LINE.search(s):
        return "strong"
    if _is_bare_name(s, frozenset()):
        return "name"
    return ""


def text_start(lines: list[str]) -> int:
    """Index of the first line a signature may claim: after an opening salutation."""
    first = next((i for i, x in enumerate(lines) if x.strip()), None)
    if first is None:
        return 0
    s = lines[first].strip()
    more = any(x.strip() for x in lines[first + 1 :])
    if (
        more
        and len(s) <= MAX_SALUTATION_CHARS
        and (SALUTATION_END.search(s) or GREETING.search(s))
        and not _any(SIGNOFFS, s)
    ):
        return first + 1
    return 0


def _cut_markers(lines: list[str], names: frozenset[str], floor: int) -> list[str]:
    """Cut at a signature delimiter or tagline, and at a sign-off formula near the end."""
    for i, line in enumerate(lines):
        s = line.strip()
        if (
            s
            and (_any(DELIMITERS, line) or _any(TAGLINES, s))
            and any(x.strip() for x in lines[floor:i])
        ):
            lines = lines[:i]
            break
    for i, line in enumerate(lines):
        s = line.strip()
        if i >= floor and s and _any(SIGNOFFS, s) and any(x.strip() for x in lines[:i]):
            tail = [x for x in lines[i + 1 :] if x.strip()]
            if len(tail) <= MAX_SIGNATURE_LINES and all(
                signature_kind(x, names) or _any(SIGNOFFS, x.strip()) or _is_short_plain(x)
                for x in tail
            ):
                return lines[:i]
    return lines


def _cut_footer(lines: list[str], names: frozenset[str], floor: int) -> list[str]:
    """A rule line near the end with only short, non-sentence lines under it (a mailing
    list's footer, a signature under Foxmail's <hr>): it and all under it go."""
    rules = [i for i, x in enumerate(lines) if i >= floor and RULE.match(x)]
    if not rules or not any(x.strip() for x in lines[floor : rules[-1]]):
        return lines
    at = rules[-1]
    tail = [x for x in lines[at + 1 :] if x.strip()]
    if len(tail) > MAX_FOOTER_LINES:
        return lines
    if all(signature_kind(x, names) or _is_short_plain(x) or RULE.match(x) for x in tail):
        return lines[:at]
    return lines


def _cut_contact_block(lines: list[str], names: frozenset[str], floor: int) -> list[str]:
    """Drop a closing block of name/title/company/phone lines at the end.

    A slogan or motto line or two under the block ("诚信 · 创新 · 共赢") goes with
    it when what is above them is a signature block by the same rules.
    """
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    tail = end
    while tail > floor and end - tail < MAX_TRAILING_MOTTOS and _is_motto(lines[tail - 1], names):
        tail -= 1
    if tail < end:
        cut = _cut_block(lines, tail, names, floor)
        if cut is not None:
            return cut
    return _cut_block(lines, end, names, floor) or lines[:end]


def _is_motto(line: str, names: frozenset[str]) -> bool:
    s = line.strip()
    return bool(s) and _is_short_plain(s) and not signature_kind(s, names)


def _is_signature_filler(line: str) -> bool:
    """A short line that is neither a sentence nor an answer: an unknown company name,
    a department, a street ("启辰热控 仿真组", "苏州工业园区星湖街328号")."""
    s = line.strip()
    return (
        len(s) <= MAX_FILLER_CHARS
        and s.count("|") <= 1
        and _is_short_plain(s)
        and not ANSWER_WORDS.search(s)
        and not FULL_STOP.search(s)
        and not CLOCK.search(s)
    )


def _cut_block(lines: list[str], end: int, names: frozenset[str], floor: int) -> list[str] | None:
    """lines without the signature block ending at `end`; None when there is none."""
    start = end
    solid = end  # where the block starts counting only lines it is sure of
    strong = 0
    pending = 0  # plain short lines passed over, kept only if a strong line lies above them
    while start > floor:
        line = lines[start - 1]
        if not line.strip() or RULE.match(line):
            start -= 1
            continue
        kind = signature_kind(line, names)
        if not kind:
            if strong and pending < MAX_UNKNOWN_SIGNATURE_LINES and _is_signature_filler(line):
                pending += 1
                start -= 1
                continue
            break
        start -= 1
        strong += kind == "strong"
        if kind == "strong" or not pending:
            pending = 0
            solid = start
    if pending:
        start = solid  # the passed-over lines had no strong line above: they are text
    block = [x for x in lines[start:end] if x.strip()]
    after_blank = start > 0 and not lines[start].strip() if start < end else False
    if not strong and not (after_blank and 0 < len(block) <= MAX_NAME_LINES):
        return None
    if end - start > MAX_SIGNATURE_LINES + 4:
        return None
    if not any(x.strip() for x in lines[floor:start]):
        # everything looks like a signature: keep the first paragraph as the text
        first = next(i for i, x in enumerate(lines) if i >= floor and x.strip())
        stop = next((i for i in range(first, end) if not lines[i].strip()), first + 1)
        return lines[:stop] if stop < end else lines[: first + 1]
    return lines[:start]


def strip_signature(lines: list[str], names: frozenset[str] = frozenset()) -> list[str]:
    """The text lines without the signature (names: see sender_names)."""
    floor = text_start(lines)
    lines = _cut_markers(lines, names, floor)
    lines = _cut_footer(lines, names, floor)
    lines = _cut_contact_block(lines, names, floor)
    while lines and (not lines[-1].strip() or RULE.match(lines[-1])):
        lines = lines[:-1]  # a rule line above a removed signature (Foxmail's <hr>)
    return lines
