"""One-line corrections of the minutes, as a recorder or host writes them by mail.

"第5条负责人改为刘芳", "T-0006 截止改为10月16日", "删除第3条", "第2条是疑问不是任务",
"参会：王敏、李静、陈总", "change the owner of item 5 to Liu Fang", "delete item 3", "item 2 is a question,
not a task". Pure: an item is named by its number in the minutes or by its task
reference; the caller finds the item, resolves the owner's name and reads the
deadline text. A line that says something else is returned as `other`, so the
caller can tell a correction from a mail that merely mentions an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.numerals import zh_number

OWNER, DUE, KIND, DELETE, ATTENDANCE = "owner", "due", "kind", "delete", "attendance"
KINDS = {
    "决议": "decision",
    "决定": "decision",
    "任务": "task",
    "待办": "task",
    "行动项": "task",
    "疑问": "question",
    "问题": "question",
    "待解决问题": "question",
    "decision": "decision",
    "task": "task",
    "action item": "task",
    "action": "task",
    "question": "question",
    "open question": "question",
}

_N_ZH = r"第\s*(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*[条项点个]"
_N_EN = r"(?:item|point|no\.?|number|#)\s*(?P<n2>\d{1,3})"
_REF = r"(?P<ref>[Tt]-?\d{3,})"
TARGET = rf"(?:{_N_ZH}|{_N_EN}|{_REF})"
_OF = r"(?:\s*(?:的|'s|[:：,，])?\s*)"
_SET_ZH = r"(?:应?(?:改为|改成|改到|换成|换为|变更为|调整为|更正为|延到|延期到|延至|推迟到|提前到|应为|应是|为|是)|[:：→]|->)"
_SET_EN = r"(?:(?:should|must)\s+be|is|to|->|→|:)"
_OWNER_WORD = r"(?:负责人|责任人|答复人|owner|assignee|responsible)"
_DUE_WORD = r"(?:截止时间|截止日期|截止|完成时间|期限|deadline|due\s+date|due)"
_KIND_WORD = "|".join(sorted(map(re.escape, KINDS), key=len, reverse=True))
_CHANGE_EN = r"(?:please\s+)?(?:change|set|move|update|correct)\s+(?:the\s+)?"
_DELETE_ZH = r"(?:删除|删掉|删去|去掉|去除|取消|撤销|作废)"
_DELETE_EN = r"(?:please\s+)?(?:delete|remove|drop|strike)"
_A = r"(?:an?\s+)?"

PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(p, re.I))
    for name, p in (
        (OWNER, rf"^{TARGET}{_OF}{_OWNER_WORD}\s*(?:{_SET_ZH}|{_SET_EN})\s*(?P<value>.+)$"),
        (OWNER, rf"^{_CHANGE_EN}{_OWNER_WORD}\s+(?:of|for)\s+{TARGET}\s+to\s+(?P<value>.+)$"),
        (OWNER, rf"^{TARGET}\s*(?:由|改由|换由)\s*(?P<value>.+?)\s*负责$"),
        (DUE, rf"^{TARGET}{_OF}{_DUE_WORD}\s*(?:{_SET_ZH}|{_SET_EN})\s*(?P<value>.+)$"),
        (DUE, rf"^{_CHANGE_EN}{_DUE_WORD}\s+(?:of|for)\s+{TARGET}\s+to\s+(?P<value>.+)$"),
        (DELETE, rf"^{_DELETE_ZH}\s*{TARGET}$"),
        (DELETE, rf"^{TARGET}\s*(?:请|应)?\s*{_DELETE_ZH}$"),
        (DELETE, rf"^{_DELETE_EN}\s+{TARGET}$"),
        (DELETE, rf"^{TARGET}\s+(?:should\s+be\s+|is\s+)?(?:deleted|removed|dropped)$"),
        (
            KIND,
            rf"^{TARGET}\s*(?:是|应是|应为|应该是|改为|改成|属于|算)\s*(?P<value>{_KIND_WORD})"
            rf"(?:\s*[，,]?\s*(?:不是|而不是|而非|并非|非)\s*(?:{_KIND_WORD}))?$",
        ),
        (
            KIND,
            rf"^{TARGET}\s+(?:is|should\s+be)\s+{_A}(?P<value>{_KIND_WORD})"
            rf"(?:\s*,?\s*(?:not|rather\s+than)\s+{_A}(?:{_KIND_WORD}))?$",
        ),
    )
)
# "参会：王敏、李静；星河数据：陈总" / "Attendees: Wang Min, Li Jing": who attended
_WHO_ZH = r"(?:参会人员|参会人|参会|出席人员|出席|与会人员|与会者|与会|实到人员|实到)"
_WHO_EN = r"(?:attendees|attendance|present|participants|attended)"
ATTENDANCE_LINE = re.compile(
    rf"^(?:{_WHO_ZH}|{_WHO_EN})\s*(?:(?:应为|应是|改为|改成|更正为|为|should\s+be|are)\s*[:：]?|[:：])"
    r"\s*(?P<value>.+)$",
    re.I,
)
NAME_SPLIT = re.compile(r"[、，,;；/]|\s+and\s+|和|及")
GROUP_SPLIT = re.compile(r"[;；]")
GROUP_LABEL = re.compile(r"^[^:：]{1,20}[:：]\s*")  # "星河数据：" before that company's names
BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
NAME_TRIM = " \t。.等"

# what is stripped around a line or a value: list marks, closing punctuation, thanks
LINE_STRIP = " \t-*•·>、，,;；。.!！"
VALUE_END = re.compile(r"[\s，,。.;；!！]*(?:(?:谢谢|多谢|thanks?|thank\s+you)[\s!！。.]*)?$", re.I)
# a question about an item asks, it does not correct: "第2条负责人是张伟吗？"
QUESTION = re.compile(r"(?:[?？]|[吗么呢嘛][。.!！]?)\s*$")
PLEASE = re.compile(r"^(?:请(?:把|将)?|麻烦(?:把|将)?|please\s+)", re.I)


@dataclass(frozen=True)
class Edit:
    """One correction: the item (number `n` or reference `ref`) and what changes."""

    field: str  # OWNER, DUE, KIND or DELETE
    n: int | None = None
    ref: str | None = None
    value: str = ""  # the owner's name, the deadline as written, or a kind
    names: tuple[str, ...] = ()  # who attended, as written


@dataclass
class Edits:
    edits: list[Edit] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # lines that are no correction


def _ref(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return f"T-{digits}"


def read_attendance(line: str) -> tuple[str, ...] | None:
    """The names a "参会：…" / "Attendees: …" line lists (company labels and
    bracketed notes dropped), or None when the line is no such list."""
    m = ATTENDANCE_LINE.match(line.strip().strip(LINE_STRIP))
    if m is None:
        return None
    names: list[str] = []
    for group in GROUP_SPLIT.split(BRACKETED.sub("", m.group("value"))):
        group = GROUP_LABEL.sub("", group.strip())
        for name in NAME_SPLIT.split(group):
            name = name.strip(NAME_TRIM)
            if name and name not in names:
                names.append(name)
    return tuple(names) or None


def read_edit(line: str) -> Edit | None:
    """The correction one line makes, or None."""
    if QUESTION.search(line.strip()):
        return None
    text = PLEASE.sub("", line.strip().strip(LINE_STRIP)).strip()
    for name, pattern in PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        groups = m.groupdict()
        number = groups.get("n") or groups.get("n2")
        value = VALUE_END.sub("", groups.get("value") or "").strip()
        if name == KIND:
            value = KINDS[value.lower()]
        if name in (OWNER, DUE) and not value:
            continue
        return Edit(
            name,
            n=zh_number(number) if number else None,
            ref=_ref(groups["ref"]) if groups.get("ref") else None,
            value=value,
        )
    return None


def read_edits(text: str) -> Edits:
    """Every correction in `text` (one a line or clause), and the lines that are none."""
    out = Edits()
    for whole in text.split("\n"):
        names = read_attendance(whole)
        if names:
            out.edits.append(Edit(ATTENDANCE, names=names))
            continue
        for line in GROUP_SPLIT.split(whole):
            if not line.strip(LINE_STRIP):
                continue
            edit = read_edit(line)
            if edit is None:
                out.other.append(line.strip())
            else:
                out.edits.append(edit)
    return out
