"""Minutes mail -> decisions, tasks and questions with owner and due (contract §4).

The reader walks the mail's lines once with a small state: the current
section (opened by a heading such as "一、决议事项" / "Action items"), an
open table (header row with 事项/负责人/截止时间 columns), and whether a
signature is running. Guide-form lines ("决议：…；任务：…") are items
wherever they stand. A forwarded original is content: its header block is
skipped and the signature zone ends there. All words live in
`parsers.minutes_vocab`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from parsers.business_calendar import BusinessCalendar
from parsers.charset import decode_bytes
from parsers.deadlines import (
    Deadline,
    deadline_spans,
    find_deadline,
    find_deadline_cell,
    is_date_cell,
    is_whole_date_cell,
)
from parsers.minutes_html import html_lines
from parsers.minutes_loose import STRONG, WEAK, clauses, loose_kind, sentences
from parsers.minutes_loose import item_like as _item_like
from parsers.minutes_owner import as_owner, clean_owner, find_owner, tail_deadline
from parsers.minutes_title import item_title
from parsers.minutes_vocab import (
    BULLET,
    CAPS_LABEL,
    EMPTY_CELLS,
    FORWARD_MARKERS,
    GENERIC_HEADING,
    GENERIC_HEADING_MAX,
    HEADER_FIELD,
    HEADING_FILLERS,
    KIND_WORDS,
    LABEL_SUFFIXES,
    LABEL_WORDS,
    LEAD_IN,
    NOTHING,
    OWNER_CONTEXT,
    QUOTE_HEADER,
    REPLY_SUBJECT,
    SIGNOFFS,
    TABLE_HEADERS,
    TASK,
)
from parsers.numerals import zh_number

if TYPE_CHECKING:
    from parsers.mime import ParsedMail

HEADING_MAX = 40  # a longer line is a sentence, not a heading
HEADING_TAIL_MAX = 12  # "评审结论": a few words before the kind word, no sentence
HEADER_CELL_MAX = 20
HARD_WRAP_MIN = 66  # clients hard-wrap plain text near 72-76 columns; a line this long may go on
_TERMINAL = (
    ".",
    "。",
    "!",
    "！",
    "?",
    "？",
    ";",
    "；",
    ":",
    "：",
)  # a longer cell is data, not a column name
UNSET = object()  # a table without that column


def _word_pattern(words) -> str:
    """Alternation, longest first; ASCII words bounded so "action" does not match "transaction"."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w)
        parts.append(rf"\b{esc}s?\b" if w.isascii() and w[-1].isalnum() else esc)
    return "|".join(parts)


_KIND_OF_WORD = {w.lower(): kind for kind, words in KIND_WORDS.items() for w in words}
_KIND_OF_LABEL = {w.lower(): kind for kind, words in LABEL_WORDS.items() for w in words}
_KIND_WORD_RE = re.compile(_word_pattern(_KIND_OF_WORD), re.I)
_FILLER_RE = re.compile(_word_pattern(HEADING_FILLERS), re.I)
_LABEL_SUFFIX = "|".join(LABEL_SUFFIXES)
_LABEL_BODY = (
    rf"[【\[]?\s*(?P<label>{_word_pattern(_KIND_OF_LABEL)})(?:{_LABEL_SUFFIX})?"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2}|#\d{1,2})?\s*(?:[】\]]\s*[:：]?|[:：])\s*"
)
_LABEL_RE = re.compile("^" + _LABEL_BODY + r"(?P<rest>.*)$", re.I)
# "今天的纪要：决议：…；任务：…" — guide-form items after a preamble in the same paragraph
_LABEL_AFTER_PREAMBLE = re.compile(r"(?<=[：:。；;！!])\s*" + _LABEL_BODY + r"(?P<rest>.+)$", re.I)
# several guide-form items in one paragraph: "决议：A；任务：B", "任务：1. A；2. B"
_ANY_LABEL = _LABEL_BODY.replace("(?P<label>", "(?:")
_ITEM_SPLIT = re.compile(
    r"[；;]\s*(?=" + _ANY_LABEL + r"|\d{1,2}[.、)）]\s*)"
    r"|(?:(?<=[。！？!?])\s*|(?<=\.)\s+)(?=" + _ANY_LABEL + r")",
    re.I,
)
# several items in one sentence: "王磊7月15日前完成接口文档，张敏7月17日前整理反馈清单"
_CLAUSE_SPLIT = {"；": re.compile(r"[；;]\s*"), "，": re.compile(r"[，,]\s*")}
# "…by Friday, and Laura will book…", "…；请武汉工厂…": words that join the next item
_CONNECTOR = re.compile(r"^(?:and|then|also|并且|並且|并|並|同时|同時|另外|以及|另)\s*(?=\S)", re.I)
_ASKED = re.compile(r"^(?:请|請|由)")
_OPEN, _CLOSE = '（([【《“"', '）)]】》”"'
_HEADING_STRIP = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[.、．)]|[（(][一二三四五六七八九十\d]+[)）]|#+)\s*"
)
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]|#+)"
)
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE = re.compile(r"[，,。.？?！!；;]")
_LEADING_SYMBOLS = re.compile(r"^[^\w【\[（(#]+")
_PAREN = re.compile(r"[（(][^()（）]*[)）]")
_SEPARATORS = re.compile(r"[\s/|、,，&\-–—:：.。【】\[\]*_#]+")
_QUOTE = re.compile(r"^(?:\s*>)+ ?")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_STAR_AFTER_NAME = re.compile(r"(?<=[\w\u4e00-\u9fff])\*+")
_TRAILING = re.compile(r"[\s；;，,。、]+$")
_CONTACT = re.compile(
    r"@|\d{3,}[-\s]\d{3,}|电话|電話|手机|手機|tel\b|mobile|phone|传真|fax|地址|address", re.I
)
# a contact line of a signature (not "寄送地址是否改为…": a field, a phone, an address)
_CONTACT_LINE = re.compile(
    r"@|\d{3,}[-\s]\d{3,}|(?:电话|電話|手机|手機|传真|傳真|地址|tel|mobile|phone|fax|address)\s*[:：]", re.I
)
_TABLE_RULE = re.compile(r"^[\s|:\-—–+=]+$")
_SPACES_SPLIT = re.compile(r"\s{2,}|\t")
# "完成接口文档 / 王磊 / 7月15日前": cells separated by a spaced or full-width slash ("3/7" is no cell)
_SLASH_SPLIT = re.compile(r"\s+/\s+|\s*／\s*")
SLASH_ROW_MAX = 4  # text, owner, due and perhaps a status
_DASH_SPLIT = re.compile(r"\s+[-–—]{1,2}\s+")
DASH_ROW_CELLS = 3  # who, what, by when — in any order
# Stands between the covering note and a message attached whole, as a forward marker does.
FORWARD_ATTACHED = "-----Original Message-----"
# "会后分工：甲方负责…": a few words that make a heading, a colon, then the items
_PREFIX_LABEL = re.compile(r"^(?P<label>[^:：，,。；;]{2,12})[:：]\s*(?P<rest>\S.*)$")
_MARKER_NUMBER = re.compile(r"\d{1,2}")
_ZH_NUMBER = re.compile(r"[一二三四五六七八九]?十?[一二三四五六七八九]?(?=[、．.)）])")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FLOWED = re.compile(r"format\s*=\s*\"?flowed", re.I)
_HEADER_ROLE = {w.lower(): role for role, words in TABLE_HEADERS.items() for w in words}


@dataclass
class RawItem:
    """An item as read, before its owner and due are worked out."""

    kind: str
    text: str
    owner: object = UNSET  # str | None from a table column, UNSET when read from the text
    due: object = UNSET  # the deadline cell's text, UNSET when read from the text
    number: int | None = None  # the recorder's own 序号 ("3." / table column), when written
    loose: int = 0  # 0: read under a heading, label or table; else how strongly a loose line reads
    signal: bool = True  # a loose line said something an item says (owner, deadline, kind words)
    line: str = ""  # the line as written, to report it when it is not kept


# -- line classifiers -----------------------------------------------------------------
def heading_kind(line: str) -> str | None:
    """The kind a heading line opens ("二、待办事项" -> task), None when it is not one."""
    core = line.strip()
    bullet = BULLET.match(core)
    core = _HEADING_STRIP.sub("", core[bullet.end() :] if bullet else core)
    core = _LEADING_SYMBOLS.sub("", core)
    core = _PAREN.sub("", core).strip().strip("【】[]*_ ").rstrip(":：").strip()
    if not core or len(core) > HEADING_MAX or not _mentions(core, _KIND_OF_WORD):
        return None
    kinds = [_kind_of(m.group()) for m in _KIND_WORD_RE.finditer(core)]
    if not kinds:
        return None
    rest = _FILLER_RE.sub(" ", _KIND_WORD_RE.sub(" ", core))
    if not _SEPARATORS.sub("", rest):
        return kinds[-1]
    # "一、评审结论", "Partner decisions": a short heading whose last word is the kind
    tail = _FILLER_RE.sub("", core).rstrip(" /|、")
    last = list(_KIND_WORD_RE.finditer(tail))
    listed = bullet and not _ORDINAL.match(line.strip())  # "- 预算问题" is an item, not a heading
    if (
        not listed
        and _size(core) <= HEADING_TAIL_MAX
        and last
        and last[-1].end() == len(tail)
        and not _SENTENCE.search(core)
    ):
        return _kind_of(last[-1].group())
    return None


def _size(text: str) -> int:
    """Heading length in words: a CJK character counts one, a Latin word two."""
    return len(_CJK_CHAR.findall(text)) + 2 * len(_LATIN_WORD.findall(text))


def _mentions(text: str, words: dict[str, str]) -> bool:
    """Cheap test before the big alternations: does any vocabulary word occur at all?"""
    low = text.lower()
    return any(w in low for w in words)


def _label_kind(label: str) -> str:
    low = label.lower()
    return _KIND_OF_LABEL.get(low) or _KIND_OF_LABEL[low.rstrip("s")]


def _is_generic_heading(line: str) -> bool:
    if GENERIC_HEADING.match(line):
        return True
    return len(line) <= GENERIC_HEADING_MAX and line.endswith((":", "："))


def _is_signoff(line: str) -> bool:
    return line.strip(" ,，.。!！~、").lower() in SIGNOFFS


def _indent(line: str) -> int:
    """Leading white space in columns (a tab counts 4); sub-points sit deeper than items."""
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4
        else:
            break
    return width


def _clean_text(text: str) -> str:
    return _TRAILING.sub("", text).strip()


def _kind_of(word: str) -> str:
    low = word.lower()
    return _KIND_OF_WORD.get(low) or _KIND_OF_WORD[low.rstrip("s")]


def _number(marker: str) -> int | None:
    """The recorder's own number in a list marker: "3." / "（3）" / "③" / "三、" -> 3; "-" -> None."""
    m = _MARKER_NUMBER.search(marker)
    if m:
        return int(m.group())
    for ch in marker:
        if ch in _CIRCLED:
            return _CIRCLED.index(ch) + 1
    zh = next((z for z in _ZH_NUMBER.finditer(marker) if z.group()), None)
    if zh:
        return zh_number(zh.group())
    return None


# -- tables -------------------------------------------------------------------------------
def _split_cells(line: str, mode: str) -> list[str]:
    if mode == "pipe":
        inner = line.strip()
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") else inner
        return [c.strip() for c in inner.split("|")]
    if mode == "tab":
        return [c.strip() for c in line.strip("\n").split("\t")]
    if mode == "single":
        return line.split()
    if mode == "slash":
        return [c.strip() for c in _SLASH_SPLIT.split(line.strip())]
    return [c.strip() for c in _SPACES_SPLIT.split(line.strip()) if c.strip()]


def _cell_mode(line: str) -> str:
    if "|" in line:
        return "pipe"
    if _SLASH_SPLIT.search(line):
        return "slash"
    if "\t" in line.strip():
        return "tab"
    return "spaces"


def _header_roles(line: str) -> tuple[str, list[str | None]] | None:
    """(split mode, role per column) when the line is an item table's header row."""
    mode = _cell_mode(line)
    cells = _split_cells(line, mode)
    if len(cells) < 2 and mode == "spaces":
        # "事项 负责人 截止时间": single spaces, every word a column name
        mode, cells = "single", line.split()
        if len(cells) < 2 or not all(_HEADER_ROLE.get(c.lower()) for c in cells):
            return None
    if len(cells) < 2:
        return None
    roles = [_column_role(c) for c in cells]
    if "text" not in roles or not {"owner", "due", "kind"} & set(roles):
        return None
    return mode, roles


def _column_role(cell: str) -> str | None:
    name = re.sub(r"[\s:：*]+", " ", cell).strip().lower()
    if name in _HEADER_ROLE:
        return _HEADER_ROLE[name]
    if not name or len(name) > HEADER_CELL_MAX:
        return None
    for role, words in TABLE_HEADERS.items():
        for w in words:
            low = w.lower()
            found = re.search(rf"\b{re.escape(low)}\b", name) if low.isascii() else low in name
            if len(low) > 1 and found:
                return role
    return None


def _row_item(cells: list[str], roles: list[str | None], section: str | None) -> RawItem | None:
    if len(cells) < len(roles) and "index" in roles and cells and not cells[0].isdigit():
        cells = ["", *cells]  # a row that left its number out
    values: dict[str, str] = {}
    for role, cell in zip(roles, cells, strict=False):
        if role and role not in values:
            values[role] = cell
    text = values.get("text", "").strip()
    if not text or text.lower() in _HEADER_ROLE:
        return None
    kind = section or TASK
    kind_cell = values.get("kind", "").strip().lower()
    if kind_cell:
        kind = (
            _KIND_OF_LABEL.get(kind_cell)
            or _KIND_OF_WORD.get(kind_cell)
            or heading_kind(kind_cell)
            or kind
        )
    item = RawItem(kind, _clean_text(text))
    index = _MARKER_NUMBER.fullmatch(values.get("index", "").strip().rstrip(".、"))
    item.number = int(index.group()) if index else None
    if "owner" in roles:
        owner = values.get("owner", "")
        item.owner = None if owner.strip().lower() in EMPTY_CELLS else clean_owner(owner)
    if "due" in roles:
        due = values.get("due", "")
        item.due = "" if due.strip().lower() in EMPTY_CELLS else due
    return item


NAME_WORDS_MAX = 3  # "Mr. Kwok", "Helen Tan", "Mary Ann Lee"
DATE_WORDS_MAX = 4  # "Oct 14", "14 Oct 2026", "by Fri 17:00"


def _fit_single(words: list[str], roles: list[str | None]) -> list[str]:
    """A row whose columns are single spaces, with spaces inside cells ("1 Send revised test
    plan Mr. Kwok Oct 14"): the columns before the text take a word each, those after it are
    taken from the end (a deadline as long as the words read as one date, a name of up to
    three capitalised words or one Chinese name), and the text keeps the rest."""
    at = roles.index("text")
    rest = words[at:]
    tail: list[str] = []
    for role in reversed(roles[at + 1 :]):
        take = _trailing_cell(rest, role)
        tail.insert(0, " ".join(rest[len(rest) - take :]))
        rest = rest[: len(rest) - take]
    return [*words[:at], " ".join(rest), *tail]


def _trailing_cell(words: list[str], role: str | None) -> int:
    """How many of the last words form the `role` column (at least one; one word is left)."""
    best = 1
    for k in range(1, min(len(words) - 1, max(NAME_WORDS_MAX, DATE_WORDS_MAX)) + 1):
        cell = " ".join(words[-k:])
        if role == "due" and k <= DATE_WORDS_MAX and is_whole_date_cell(cell):
            best = k
        elif role == "owner" and k <= NAME_WORDS_MAX and as_owner(cell):
            if k > 1 and _CJK_CHAR.search(words[-k]):
                break  # a Chinese name is one word: "报告 郑敏" is text and a name
            best = k
    return best


def _split_outside_brackets(text: str, sep: re.Pattern) -> list[str]:
    parts, depth, start = [], 0, 0
    for m in sep.finditer(text):
        depth = sum(text.count(c, 0, m.start()) for c in _OPEN) - sum(
            text.count(c, 0, m.start()) for c in _CLOSE
        )
        if depth <= 0:
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _starts_with_owner(part: str, kind: str) -> bool:
    part = _CONNECTOR.sub("", part)
    owner = find_owner(part, kind)
    if not owner:
        return False
    return OWNER_CONTEXT.sub("", _ASKED.sub("", part)).startswith(owner) or part.startswith(owner)


def split_items(text: str, kind: str) -> list[str]:
    """One written item, or several in one sentence, each with its own owner:
    "Li Wei to draft the doc by Jul 15; Sarah Chen to book the venue" (";" and each later
    part opens with its owner), "王磊7月15日前完成接口文档，张敏7月17日前整理反馈清单" (","
    and every part opens with its owner and states its own deadline). Else the text whole."""
    for sep, regex in _CLAUSE_SPLIT.items():
        if not regex.search(text):
            continue
        parts = _split_outside_brackets(text, regex)
        if len(parts) < 2:
            continue
        later = parts if sep == "，" else parts[1:]
        if not all(_starts_with_owner(p, kind) for p in later):
            continue
        if sep == "，" and not all(deadline_spans(p) for p in parts):
            continue
        return [_clean_text(_CONNECTOR.sub("", p)) for p in parts]
    return [text]


def _slash_row(kind: str, text: str) -> RawItem | None:
    """ "完成接口文档 / 王磊 / 7月15日前" with no header row: the item, then cells that are each
    a name or a deadline, one of them a deadline. Any other cell means the slashes belong
    to the text."""
    cells = _SLASH_SPLIT.split(text)
    if not 2 <= len(cells) <= SLASH_ROW_MAX or not cells[0].strip():
        return None
    item = RawItem(kind, _clean_text(cells[0]))
    for cell in (c.strip(" .。;；,，") for c in cells[1:]):
        if item.due is UNSET and is_date_cell(cell):
            item.due = cell
        elif item.owner is UNSET and as_owner(cell):
            item.owner = as_owner(cell)
        elif cell.lower() not in EMPTY_CELLS:
            return None
    if item.due is UNSET:  # "预算 / 人力 / 时间": without a date cell it is just text
        return None
    if item.owner is UNSET:
        item.owner = find_owner(item.text, kind)
    return item


def _dash_row(kind: str, text: str) -> RawItem | None:
    """ "Zheng Min - 8D report - Oct 16", "Helen - book the chamber - 20/10": three cells
    between spaced dashes, one a name, one wholly a date, the third what is to be done."""
    cells = [c.strip(" .。;；,，") for c in _DASH_SPLIT.split(text)]
    if len(cells) != DASH_ROW_CELLS or not all(cells):
        return None
    dates = [c for c in cells if is_whole_date_cell(c)]
    names = [c for c in cells if c not in dates and as_owner(c)]
    if len(dates) != 1 or not names:
        return None
    owner = names[0] if cells.index(names[0]) in (0, len(cells) - 1) else names[-1]
    rest = [c for c in cells if c not in (owner, dates[0])]
    if len(rest) != 1:
        return None
    item = RawItem(kind, rest[0])
    item.owner, item.due = as_owner(owner), dates[0]
    return item


# -- the walk -------------------------------------------------------------------------------
class _Reader:
    def __init__(self, reply: bool = False) -> None:
        self.reply = reply
        self.done = False
        self.items: list[RawItem] = []
        self.section: str | None = None
        self.bulleted = False  # the section's items carry list markers
        self.plain_open = False  # unbulleted items may follow directly under the heading
        self.in_signature = False
        self.table: tuple[str, list[str | None]] | None = None
        self.last_from_section = False
        self.item_indent = 0
        self.section_items = 0
        self.previous = ""  # the raw line before, to see hard-wrapped items
        self.loose_indent: int | None = None  # indent of the last listed loose item
        self.quoted = False  # in a reply, past the quote of what it answers
        self.ordinal_items = False  # "一、" lines were items, so the next one is no heading

    def open_section(self, kind: str | None) -> None:
        self.section, self.bulleted, self.plain_open = kind, False, kind is not None
        self.section_items = 0
        self.table = None

    def feed(self, raw: str) -> None:
        try:
            self._feed(raw)
        finally:
            self.previous = raw

    def _feed(self, raw: str) -> None:
        line = _BOLD.sub(lambda m: m.group(1) or m.group(2), _QUOTE.sub("", raw)).rstrip()
        line = line.replace("｜", "|")
        stripped = line.strip().replace("\u00a0", " ")
        if not stripped:
            self.plain_open = False
            self.table = None
            return
        quote = bool(
            FORWARD_MARKERS.match(stripped) or QUOTE_HEADER.match(stripped) or _QUOTE.match(raw)
        )
        if self.reply and quote:
            if self.items:
                self.done = True
                return
            self.quoted = True  # what the reply answers: only headed or labelled items count
        if FORWARD_MARKERS.match(stripped):
            self.in_signature = False
            self.open_section(None)
            return
        if line in ("--", "-- ") or raw.rstrip("\r\n") == "-- ":
            self.in_signature = True
            return
        if self.in_signature:
            return
        if HEADER_FIELD.match(stripped) and self.section is None:
            return
        if _is_signoff(stripped):
            self.in_signature = True
            return
        if self.table is not None and self._table_row(stripped):
            return
        header = _header_roles(stripped)
        if header:
            self.table = header
            self.plain_open = False
            return
        self._line(line, stripped)

    def _table_row(self, line: str) -> bool:
        mode, roles = self.table
        if _TABLE_RULE.match(line):
            return True
        cells = _split_cells(line, mode)
        if len(cells) < 2:
            self.table = None
            return False
        if mode == "single" and len(cells) > len(roles) and "text" in roles:
            cells = _fit_single(cells, roles)
        item = _row_item(cells, roles, self.section)
        if item:
            self.items.append(item)
        return True

    def _line(self, line: str, stripped: str) -> None:
        kind = heading_kind(stripped)
        if kind:
            self.open_section(kind)
            return
        bullet = BULLET.match(stripped)
        body = stripped[bullet.end() :] if bullet else stripped
        label = _mentions(body, _KIND_OF_LABEL) and (
            _LABEL_RE.match(body) or _LABEL_AFTER_PREAMBLE.search(body)
        )
        if label:
            self._labelled(_label_kind(label["label"]), label["rest"], listed=bool(bullet))
            return
        caps = CAPS_LABEL.match(body)
        if caps:  # "ACTION Pieter – check … – by 9 Oct", "DECISION – …"
            self._labelled(_label_kind(caps["label"].split()[0]), caps["rest"], listed=bool(bullet))
            return
        prefix = _PREFIX_LABEL.match(body)
        kind = prefix and heading_kind(prefix["label"])
        if kind:  # "会后分工：甲方负责…", "后续安排：…": a heading and its items on one line
            self._labelled(kind, prefix["rest"], listed=bool(bullet))
            return
        if (
            self.section
            and not self.section_items
            and (stripped.endswith((":", "：")) or (not bullet and LEAD_IN.search(stripped)))
        ):
            return  # "经讨论，会议确定如下：" leads into the section's list
        if (
            _is_generic_heading(stripped)
            and not _item_like(body)
            and not (self.ordinal_items and _ORDINAL.match(stripped))
        ):
            self.open_section(None)
            return
        if self.section is None:
            if not self.quoted:
                self._loose(line, stripped, bullet, body)
            return
        indent = _indent(line)
        if (
            bullet
            and body
            and self.bulleted
            and indent > self.item_indent
            and self.last_from_section
        ):
            self.items[-1].text = f"{self.items[-1].text}；{_clean_text(body)}"  # a sub-point
        elif bullet and body:
            self._add(self.section, body, number=_number(bullet.group()))
            self.bulleted, self.plain_open, self.item_indent = True, False, indent
        elif self.bulleted and self.last_from_section and self.items and self._continues(line):
            self.items[-1].text = f"{self.items[-1].text} {_clean_text(stripped)}"
        elif self.plain_open and not self.bulleted and not _CONTACT.search(stripped):
            self._add(self.section, stripped)
        else:
            self.open_section(None)
            if not self.quoted:
                self._loose(line, stripped, bullet, body)

    def _loose(self, line: str, stripped: str, bullet: re.Match | None, body: str) -> None:
        """A line outside any section: a listed line is one item, prose is read sentence by
        sentence; each keeps how strongly it reads as an item (decided in `finish`)."""
        indent = _indent(line)
        if (
            not bullet
            and self.loose_indent is not None
            and indent > self.loose_indent
            and self.items
            and self.items[-1].loose
        ):
            last = self.items[-1]  # "   Owner: Mr. Kwok" under a listed item
            last.text = f"{last.text} {_clean_text(stripped)}"
            last.kind, last.loose, last.signal = loose_kind(last.text, listed=True)
            return
        if not bullet and _CONTACT_LINE.search(stripped):
            self.loose_indent = None  # a signature's phone, mail or address line
            return
        listed = bool(bullet) and bool(body)
        self.loose_indent = indent if listed else None
        number = _number(bullet.group()) if listed else None
        if listed and _ORDINAL.match(stripped):
            self.ordinal_items = True  # "一、提交8D报告，负责人：…": ordinals number items here
        parts = [body] if listed else [c for s in sentences(stripped) for c in clauses(s)]
        for part in parts:
            marker = None if listed else BULLET.match(part)  # "…：一是A；二是B"
            sentence = part[marker.end() :] if marker else part
            kind, strength, signal = loose_kind(sentence, listed or bool(marker))
            row = _slash_row(TASK, sentence) or _dash_row(TASK, sentence)
            if row is not None and row.owner:  # "Zheng Min - 8D report - Oct 16"
                kind, strength, signal = TASK, STRONG, True
            if strength or signal:
                self._add(kind, sentence, False, number=number, loose=strength or 1, signal=signal)

    def _continues(self, line: str) -> bool:
        """An item's next line: indented, or after a line hard-wrapped by the mail client."""
        if line[:1] in (" ", "\t"):
            return True
        prev = self.previous.rstrip()
        # Latin text only: clients do not hard-wrap Chinese lines at a column
        return len(prev) >= HARD_WRAP_MIN and prev.isascii() and not prev.endswith(_TERMINAL)

    def _labelled(self, kind: str, rest: str, listed: bool = False) -> None:
        rest = rest.strip()
        if not rest:
            self.open_section(kind)
            return
        if listed and self.section:
            self.bulleted = True  # "- Decision: X" inside a list: the list goes on
        else:
            self.open_section(None)  # a guide-form line stands alone; what follows is not its list
        for part in _ITEM_SPLIT.split(rest):
            if not part or not part.strip():
                continue
            inner = _LABEL_RE.match(part.strip())
            if inner and inner["rest"].strip():
                self._add(_label_kind(inner["label"]), inner["rest"], from_section=False)
            elif not (inner or _KIND_WORD_RE.fullmatch(part.strip())):
                bullet = BULLET.match(part.strip())
                self._add(
                    kind,
                    part.strip()[bullet.end() :] if bullet else part,
                    from_section=False,
                    number=_number(bullet.group()) if bullet else None,
                )

    def _add(
        self,
        kind: str,
        text: str,
        from_section: bool = True,
        number: int | None = None,
        loose: int = 0,
        signal: bool = True,
    ) -> None:
        text = _clean_text(text)
        if text and text.strip("()（）").lower() not in NOTHING:
            for part in split_items(text, kind):
                item = _slash_row(kind, part) or _dash_row(kind, part) or RawItem(kind, part)
                item.number, item.loose, item.signal, item.line = number, loose, signal, text
                self.items.append(item)
                self.section_items += from_section
            self.last_from_section = from_section

    def finish(self) -> tuple[list[RawItem], list[str]]:
        """The items to keep, and the item-like lines that were not kept. Loose lines count
        as items in minutes without any structure; next to headings, labels or a table
        only the ones that read strongly (an owner and a deadline, "Agreed …") do."""
        structured = any(not i.loose for i in self.items)
        level = STRONG if structured else WEAK
        kept, unread = [], []
        for item in self.items:
            if item.loose and item.loose < level:
                if item.signal and item.line not in unread:
                    unread.append(item.line)
            else:
                kept.append(item)
        return kept, unread


def read_items(lines: list[str], reply: bool = False) -> list[RawItem]:
    """Items in the order written (see `read_lines`)."""
    return read_lines(lines, reply)[0]


def read_lines(lines: list[str], reply: bool = False) -> tuple[list[RawItem], list[str]]:
    """Items in the order written, with table owners/deadline cells when a table gave them,
    and the item-like lines that were not read as items.

    In a reply (the recorder answering the service's "minutes due" mail) the quoted
    history is the service's own request: once items were read, a quote ends the minutes.
    A forward's original, by contrast, is the content and is always read.
    """
    reader = _Reader(reply)
    for line in lines:
        if reader.done:
            break
        reader.feed(line)
    return reader.finish()


def is_reply(subject: str) -> bool:
    return bool(REPLY_SUBJECT.match(subject or ""))


def minutes_lines(mail: ParsedMail) -> list[str]:
    """The lines to read: our own HTML rendering when tables or HTML-only, else the text part."""
    html = getattr(mail, "html", None)
    text = getattr(mail, "text", "") or ""
    content_type = (getattr(mail, "content_type", "") or "").lower()
    if html and ("<table" in html.lower() or content_type == "text/html" or not text.strip()):
        return html_lines(html)
    headers = getattr(mail, "headers", None) or {}
    if _FLOWED.search(headers.get("content-type", "")):
        return unflow(text)
    return text.splitlines()


def unflow(text: str) -> list[str]:
    """RFC 3676 format=flowed: a line ending in a space continues on the next one
    (Thunderbird and Apple Mail wrap long items that way); "-- " stays a signature mark."""
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = raw[1:] if raw.startswith(" ") else raw  # space-stuffing
        if line.endswith(" ") and line != "-- ":
            pending += line
            continue
        lines.append(pending + line)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCX_MAX_BYTES = 20_000_000  # a minutes document is small; never inflate a huge archive
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w_text(element: ElementTree.Element) -> str:
    """A Word paragraph's text: its runs, tabs and line breaks."""
    out = []
    for node in element.iter():
        if node.tag == _W + "t":
            out.append(node.text or "")
        elif node.tag == _W + "tab":
            out.append("\t")
        elif node.tag in (_W + "br", _W + "cr"):
            out.append("\n")
    return "".join(out)


def _w_cell(cell: ElementTree.Element) -> str:
    return " ".join(" ".join(_w_text(p) for p in cell.iter(_W + "p")).split())


def docx_lines(data: bytes) -> list[str]:
    """The paragraphs of a Word .docx in order; a table's rows as tab-separated cells."""
    if len(data) > DOCX_MAX_BYTES:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > DOCX_MAX_BYTES:
                return []
            body = ElementTree.fromstring(z.read(info)).find(_W + "body")
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        RuntimeError,
        ValueError,
        ElementTree.ParseError,
    ):
        return []
    lines: list[str] = []
    for block in body if body is not None else ():
        if block.tag == _W + "tbl":
            rows = [
                "\t".join(_w_cell(c) for c in r.findall(_W + "tc"))
                for r in block.findall(_W + "tr")
            ]
            lines += ["", *rows, ""]
        elif block.tag == _W + "p":
            lines.extend(_w_text(block).split("\n"))
    return lines


def attachment_lines(mail: ParsedMail) -> list[str]:
    """Minutes sent as a file: text, HTML and Word (.docx) attachments, each after a marker."""
    lines: list[str] = []
    for att in getattr(mail, "attachments", None) or ():
        name = (att.filename or "").lower()
        ctype = (att.content_type or "").lower()
        if ctype == "text/plain" or name.endswith((".txt", ".md")):
            read = decode_bytes(att.payload).splitlines()
        elif ctype == "text/html" or name.endswith((".html", ".htm")):
            read = html_lines(decode_bytes(att.payload))
        elif ctype == _DOCX or name.endswith(".docx"):
            read = docx_lines(att.payload)
        else:
            continue
        lines += ["", FORWARD_ATTACHED, *read]
    return lines


def _due(item: RawItem, anchor: datetime, calendar: BusinessCalendar | None) -> Deadline | None:
    if item.due is UNSET:
        found = find_deadline(item.text, anchor, calendar)
        tail = None if found else tail_deadline(item.text)
        return find_deadline_cell(tail, anchor, calendar) if tail else found
    return find_deadline_cell(item.due, anchor, calendar) if item.due else None


EVIDENT_LOOSE_ITEMS = 2


@dataclass
class MinutesRead:
    """What a minutes mail says: its items, and the lines that looked like items but were
    not read as any (the draft lists them so that the recorder sees what was missed)."""

    items: list[dict]
    unread: list[str]
    structured: bool = False  # some items stood under headings, labels or in a table

    @property
    def evident(self) -> bool:
        """Whether the mail reads as minutes on its own: structure, or several items; one
        sentence with a date ("明天下午3点前我把资料发给大家") is a mail, not minutes."""
        return self.structured or len(self.items) >= EVIDENT_LOOSE_ITEMS


def parse_minutes(
    mail: ParsedMail, meeting_end: datetime, calendar: BusinessCalendar | None = None
) -> list[dict]:
    """Decisions, tasks and questions of a minutes mail, deadlines counted from `meeting_end`
    (aware: relative deadlines are counted in its offset's local time)."""
    return read_minutes(mail, meeting_end, calendar).items


def read_minutes(
    mail: ParsedMail, meeting_end: datetime, calendar: BusinessCalendar | None = None
) -> MinutesRead:
    """Items as `parse_minutes` gives them, each with `title` (the text without its owner
    and deadline wording) and `number` (the recorder's own 序号, or None), and the
    item-like lines that were not read."""
    if meeting_end.tzinfo is None:
        raise ValueError("meeting_end needs a UTC offset, e.g. 2026-07-08T15:30:00+08:00")
    out = []
    lines = minutes_lines(mail)
    for attached in getattr(mail, "forwarded", None) or ():  # forwarded as attachment
        lines += ["", FORWARD_ATTACHED, *minutes_lines(attached)]
    reply = is_reply(getattr(mail, "subject", ""))
    items, unread = read_lines(lines, reply=reply)
    if not items:  # "纪要见附件": the minutes are the attached file
        items, unread = read_lines(attachment_lines(mail), reply=False)
    structured = any(not item.loose for item in items)
    for item in items:
        owner = find_owner(item.text, item.kind) if item.owner is UNSET else item.owner
        deadline = _due(item, meeting_end, calendar)
        text = _STAR_AFTER_NAME.sub("", item.text)
        entry = {
            "kind": item.kind,
            "text": text,
            "title": item_title(text, owner, deadline.phrase if deadline else None),
            "number": item.number,
            "owner": owner,
            "due": deadline.due.isoformat(timespec="seconds")
            if deadline and deadline.due
            else None,
        }
        if deadline and deadline.error:
            entry["due_error"] = deadline.error
        out.append(entry)
    return MinutesRead(out, unread, structured)
