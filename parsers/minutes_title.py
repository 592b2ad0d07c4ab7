"""An item's title: what is to be done, without who and by when.

"提交8D报告，负责人：郑敏，完成时间：10月9日" is tracked as "提交8D报告" owned by 郑敏 and due
on Oct 9; mails show the owner and the date in their own columns, so the title must not
repeat them. The contract's `text` stays the item as written; `title` is derived from it,
the owner and the deadline phrase the other readers found.
"""

from __future__ import annotations

import re

from parsers.minutes_vocab import OWNER_CONTEXT

TITLE_MIN = 2  # fewer characters left means the item was nothing but its owner and date

_SEP = r"(?:[，,;；/|]|\s[-–—]{1,2}\s|^|(?<=[（(])|\s)"
# "负责人：郑敏", "完成时间：10月9日", "- owner: Zheng Min", "Due: Oct 9"
_FIELD = re.compile(
    _SEP
    + r"\s*(?:负责人|負責人|责任人|責任人|执行人|執行人|负责|負責|完成时间|完成時間|截止时间|截止時間|"
    r"截止日期|截止|时间|時間|期限|owners?|responsible|assignee|assigned\s+to|due(?:\s+date)?|"
    r"deadline|by\s+when|target\s+date)\s*[:：=]\s*[^，,;；/|（）()\n]*?(?=\s[-–—]{1,2}\s|[，,;；/|（）()]|$)",
    re.I,
)
_EMPTY_BRACKETS = re.compile(r"[（(]\s*[；;，,、\s]*[)）]")
_EDGE = re.compile(r"^[\s，,;；:：、.。\-–—]+|[\s，,;；:：、.。\-–—]+$")
_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[.,;:!?，。；：])")
_DOUBLE_SEP = re.compile(r"([，,;；])\s*[，,;；]+")
# what ties an owner to the task after it: "郑敏负责…", "Tom to …", "Kevin will …"
_AFTER_OWNER = re.compile(
    r"^\s*(?:to|will|shall|should|must|needs?\s+to|is\s+to)\s+"
    r"|^\s*(?:负责|負責|牵头|牽頭|跟进|跟進|会|會|将|將|要|需要|需|须|須|来|來)?\s*"
    r"(?:(?:在|于|於)?\s*(?:会后|會後))?\s*",
    re.I,
)
_BEFORE_OWNER = re.compile(r"(?:由|请|請|需要|需|须|須|@)\s*$")
_BEFORE_DEADLINE = re.compile(r"(?:在|于|於)\s*$")
_AFTER_DEADLINE = re.compile(r"^\s*(?:完成|办结|辦結|done)(?=$|[，,;；。.\s])")


def item_title(text: str, owner: str | None, deadline_phrase: str | None) -> str:
    """`text` without its owner and deadline wording; `text` itself when nothing is left."""
    title = _FIELD.sub("", text)
    if deadline_phrase and deadline_phrase in title:
        at = title.index(deadline_phrase)
        before, after = title[:at], title[at + len(deadline_phrase) :]
        before = _BEFORE_DEADLINE.sub("", before)
        after = _AFTER_DEADLINE.sub("", after)
        title = before + after
    if owner:
        title = _drop_owner(title, owner)
    title = _EMPTY_BRACKETS.sub("", title)
    title = _DOUBLE_SEP.sub(r"\1", title)
    title = _EDGE.sub("", _SPACE_BEFORE_MARK.sub("", title)).strip()
    if title[:1].isascii() and title[:1].islower():
        title = title[0].upper() + title[1:]
    return title if len(title) >= TITLE_MIN else text


def _drop_owner(title: str, owner: str) -> str:
    for bracket in (f"（{owner}）", f"({owner})", f"【{owner}】", f"[{owner}]"):
        title = title.replace(bracket, "")
    at = title.find(owner)
    if at < 0:
        return title
    before, after = title[:at], title[at + len(owner) :]
    if _EDGE.sub("", after) == "" or re.fullmatch(r"\s*(?:负责|負責)?\s*[.。]?", after):
        # "… —— 陈嘉慧", "…，王建", "…（王磊负责）" already gone: the owner closes the item
        return before
    context = OWNER_CONTEXT.search(before + owner)
    lead = before
    if context and context.end() == len(before):
        lead = ""  # "宁德时代的郑敏会在…": the organisation goes with its person
    lead = _BEFORE_OWNER.sub("", lead)
    if not _EDGE.sub("", lead) or lead.rstrip().endswith(("，", ",", "；", ";", "：", ":")):
        after = re.sub(r"^\s*[:：]\s*", "", after)
        return lead + _AFTER_OWNER.sub("", after, count=1)
    if re.match(r"\s*(?:负责|負責)", after):  # "会议确定由宁德方负责更换…"
        return lead + re.sub(r"^\s*(?:负责|負責)", "", after)
    return title
