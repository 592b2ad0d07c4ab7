"""The host's changes to a meeting's attendee list, as written in a reply:
"丙方请加上 Katrin Weber（k.weber@…），她是总经理", "去掉林峰", "请把吴工换成黄丽",
"Please add Kevin Wu (kevin.wu@…)", "Replace Lin Feng with Huang Li",
"Katrin Weber 是决策层".

Pure: each change names people as written (a name, a title, an address) and
the party and title said around it; the workflow finds or creates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ADD = "add"
REMOVE = "remove"
REPLACE = "replace"
TIER = "tier"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PARTY = re.compile(r"([甲乙丙丁戊己])方")
SENTENCES = re.compile(r"[。；;!！?？\n]+|\.(?=\s|$)")
# A sentence about the agenda adds a topic, not a person.
AGENDA_WORDS = re.compile(r"议题|议程|agenda|topic|item", re.IGNORECASE)
_STOP = r"[^。，,;；!！?？]"
ADD_ZH = re.compile(
    rf"(?:加上|添加|增加|加入|邀请|拉上|补上|补充|再加|加一下)(?:一下|一位)?\s*(?P<who>{_STOP}+)"
)
REMOVE_ZH = (
    re.compile(rf"(?:去掉|删掉|删除|移除|拿掉|不用邀请|不要邀请|取消邀请)\s*(?P<who>{_STOP}+)"),
    re.compile(rf"(?:把|将)(?P<who>{_STOP}{{2,40}}?)(?:去掉|删掉|删除|移除|拿掉)"),
    re.compile(
        rf"^\s*(?P<who>{_STOP}{{2,30}}?)(?:就)?(?:不用|无需|不必|不需要)再?(?:参加|参会|出席|来)"
    ),
)
REPLACE_ZH = (
    re.compile(
        rf"(?:把|将)(?P<old>{_STOP}{{2,40}}?)(?:换成|换为|替换为|替换成|改为|改成|改邀)"
        rf"\s*(?P<new>{_STOP}+)"
    ),
    re.compile(
        rf"(?:用|由|让)(?P<new>{_STOP}{{2,40}}?)(?:替换|替代|代替|换掉|顶替)(?P<old>{_STOP}+)"
    ),
)
_TAIL_EN = r"(?:\s+(?:to|on|in|from|off)\s+(?:the\s+)?(?:meeting|invite|invitation|list|call))?"
ADD_EN = re.compile(
    rf"\b(?:add|invite|include|loop in)\s+(?P<who>[^,;!?]+?){_TAIL_EN}(?:\s+(?:as well|too))?"
    r"\s*(?=[,;]|$)",
    re.IGNORECASE,
)
REMOVE_EN = (
    re.compile(
        rf"\b(?:remove|drop|uninvite)\s+(?P<who>[^,;!?]+?){_TAIL_EN}\s*(?=[,;]|$)", re.IGNORECASE
    ),
    re.compile(
        r"\btake\s+(?P<who>[^,;!?]+?)\s+off(?:\s+(?:the\s+)?(?:meeting|invite|invitation|list|call))?"
        r"\s*(?=[,;]|$)",
        re.IGNORECASE,
    ),
)
REPLACE_EN = (
    re.compile(r"\breplace\s+(?P<old>.+?)\s+(?:with|by)\s+(?P<new>[^;!?]+)", re.IGNORECASE),
    re.compile(r"\binvite\s+(?P<new>.+?)\s+instead of\s+(?P<old>[^;!?]+)", re.IGNORECASE),
)
TIER_WORDS = {
    "决策层": "decision",
    "执行层": "execution",
    "支持层": "support",
    "decision": "decision",
    "execution": "execution",
    "support": "support",
}
TIER_LINE = re.compile(
    r"^\s*(?P<who>[^。，,;；]{2,60}?)\s*(?:是|为|is)\s*(?:a\s+|the\s+)?"
    r"(?P<tier>决策层|执行层|支持层|decision|execution|support)(?:[- ]level)?",
    re.IGNORECASE,
)
# "她是明道传媒的总经理" / "she is our Managing Director": the newcomer's title.
TITLE_SAID = (
    re.compile(r"(?:他|她|其|对方)(?:是|为|任|担任)(?P<title>[^。，,;；!！?？]{2,40})"),
    re.compile(
        r"\b(?:s?he|who)(?:'s| is)\s+(?:the\s+|our\s+|their\s+|a\s+|an\s+)?(?P<title>[^.,;!?]{2,60})",
        re.IGNORECASE,
    ),
)
LEADING = re.compile(
    r"^(?:请|麻烦|帮忙|帮我|再|一下|他们的|他们|我们的|我们|对方的|their|our|the|mr\.?|ms\.?)\s*",
    re.IGNORECASE,
)
TRAILING = re.compile(
    r"\s*(?:一下|吧|了|的邀请|进来|进会议|到会议|参会|参加|与会|as well|too|please|thanks)\s*$",
    re.IGNORECASE,
)
BRACKETED = re.compile(r"[（(<\[]\s*[^()（）<>\[\]]*[)）>\]]")
PRONOUNS = {"他", "她", "他们", "她们", "我", "我们", "him", "her", "them", "me", "us"}


@dataclass
class Named:
    """A person as written: a name or title, an address, the party said with it."""

    text: str = ""
    address: str = ""
    party: str = ""


@dataclass
class RosterChange:
    action: str  # ADD, REMOVE, REPLACE or TIER
    person: Named  # who comes (ADD), who leaves (REMOVE, REPLACE), who is meant (TIER)
    replacement: Named | None = None  # REPLACE: who comes instead
    title: str = ""  # the newcomer's title, when the mail says it
    tier: str = ""  # TIER: a TIERS value


def _clean(text: str) -> str:
    text = BRACKETED.sub(" ", EMAIL.sub(" ", text))
    text = re.sub(r"\s+", " ", text).strip(" :：,，、\"'“”")
    for _ in range(3):
        text = TRAILING.sub("", LEADING.sub("", text)).strip(" :：,，、\"'“”")
    text = PARTY.sub("", text).strip(" 的")
    return text


def _named(written: str, sentence: str, body_party: str) -> Named | None:
    found = EMAIL.search(written)
    addresses = EMAIL.findall(sentence)
    address = found.group(0) if found else (addresses[0] if len(addresses) == 1 else "")
    party = PARTY.search(written) or PARTY.search(sentence)
    text = _clean(written)
    if text.lower() in PRONOUNS or (not text and not address):
        return None
    return Named(text, address.lower(), party.group(0) if party else body_party)


def _title(sentences: list[str], at: int) -> str:
    """A title said in this sentence or the next one."""
    for sentence in sentences[at : at + 2]:
        for pattern in TITLE_SAID:
            found = pattern.search(sentence)
            if found:
                return found.group("title").strip()
    return ""


def read_roster_changes(body: str) -> list[RosterChange]:
    """Every attendee change the text asks for, in order; [] when it asks none."""
    sentences = [s for s in SENTENCES.split(body or "") if s.strip()]
    whole_party = PARTY.search(body or "")
    body_party = whole_party.group(0) if whole_party else ""
    changes: list[RosterChange] = []
    for i, sentence in enumerate(sentences):
        if AGENDA_WORDS.search(sentence):
            continue
        change = _change(sentence, body_party)
        if change is None:
            continue
        if change.action in (ADD, REPLACE):
            change.title = _title(sentences, i)
        changes.append(change)
    return changes


def _change(sentence: str, body_party: str) -> RosterChange | None:
    for pattern in (*REPLACE_ZH, *REPLACE_EN):
        found = pattern.search(sentence)
        if found:
            old = _named(found.group("old"), "", body_party)
            new = _named(found.group("new"), sentence, body_party)
            if old and new:
                return RosterChange(REPLACE, old, new)
    for pattern in (*REMOVE_ZH, *REMOVE_EN):
        found = pattern.search(sentence)
        if found:
            who = _named(found.group("who"), sentence, body_party)
            if who:
                return RosterChange(REMOVE, who)
    for pattern in (ADD_ZH, ADD_EN):
        found = pattern.search(sentence)
        if found:
            who = _named(found.group("who"), sentence, body_party)
            if who:
                return RosterChange(ADD, who)
    found = TIER_LINE.search(sentence)
    if found:
        who = _named(found.group("who"), sentence, body_party)
        if who:
            return RosterChange(TIER, who, tier=TIER_WORDS[found.group("tier").lower()])
    return None
