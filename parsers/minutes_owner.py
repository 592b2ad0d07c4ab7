"""Who must act on a minutes item, as written.

The patterns are tried from the most explicit ("负责人：X", "X*") to the
least ("X在…", "Tom to send…"); each candidate must look like a name or
a party, not a noun phrase of the item ("第二批样品", "沙龙是否…").
"""

from __future__ import annotations

import re

from parsers.deadlines import deadline_spans, is_date_cell
from parsers.minutes_vocab import (
    DAY_WORDS,
    DECISION,
    EMPTY_CELLS,
    HONORIFICS,
    OWNER_AFTER_ZH,
    OWNER_BEFORE_WEAK_ZH,
    OWNER_BEFORE_ZH,
    OWNER_BRACKET_START,
    OWNER_COMMA_END,
    OWNER_CONTEXT,
    OWNER_DASH_THEN_DUE,
    OWNER_END_ZH,
    OWNER_END_ZH_DECISION,
    OWNER_FIELD,
    OWNER_LEAD_STRIP,
    OWNER_MENTION,
    OWNER_PAREN,
    OWNER_PAREN_NAME,
    OWNER_STOP_EN,
    OWNER_STOP_ZH,
    OWNER_TRAILING,
    OWNER_TRAILING_VERB,
    OWNER_VERBS_EN,
    OWNER_VERBS_EN_DECISION,
    PARTY_NOUNS,
)

PLACEHOLDER = "*"
OWNER_MIN_POS = 2  # an owner has at least two characters before its verb
ZH_OWNER_MAX = 10  # longer "owners" are noun phrases ("宏昇精密交期滚动预测改为")
LEAD_CLAUSE_MAX = 10  # "自5月起，X…": an opening time clause this short is skipped

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_ZH_NAME = re.compile(rf"^[{_CJK}A-Za-z][{_CJK}A-Za-z·&、/\s（）()]*$")
_EN_NAME_STRICT = re.compile(
    rf"^(?:{HONORIFICS}\s*)?[A-Z][\w&'’-]*(?:\s+(?:(?:and|&)\s+)?[A-Z][\w&'’-]*){{0,3}}"
    rf"(?:\s+(?:{'|'.join(PARTY_NOUNS)}))?$"  # "Hengyue finance", "Wuhan plant"
)
_PARTY = "|".join(PARTY_NOUNS)
# "The lab will send…", "the supplier to confirm…" (not "the report will be sent")
_EN_PARTY_SUBJECT = re.compile(
    r"(?:^|(?<=[.?!;:]\s)|(?<=,\s)and\s+)(?P<x>(?:[Tt]he|[Oo]ur|[Tt]heir)\s+(?:[a-z]+\s+)?(?:"
    + _PARTY
    + r")s?)\s+(?:to|will|shall|must|should|needs?\s+to|is\s+to)\s+(?!be\b|not\b)[a-z]"
)
_EN_PARTY_NAME = re.compile(r"^(?:the|our|their)\s+(?:[a-z]+\s+)?(?:" + _PARTY + r")s?$", re.I)
_EN_NAME = re.compile(r"^[A-Z][\w.&'’-]*(?:\s+[\w.&'’/-]+){0,4}$")
# "采购部", "测试组": a verb followed by a unit word is part of a name, not its end
_UNIT_AFTER = r"(?![部处處科室院团團队隊方人员員商厂廠司局]|[组組](?![织織])|中心)"
_END_RE = re.compile(f"(?:{'|'.join(OWNER_END_ZH)}){_UNIT_AFTER}")
_END_RE_DECISION = re.compile(f"(?:{'|'.join(OWNER_END_ZH_DECISION)}){_UNIT_AFTER}")
_BEFORE_RE = re.compile("|".join(sorted(OWNER_BEFORE_ZH, key=len, reverse=True)))
# "安排X…" names an owner only when no subject stands first ("林志偉於…安排樣品寄送")
_ARRANGED_RE = re.compile("|".join(OWNER_BEFORE_WEAK_ZH))
_STAR_RUN = re.compile(rf"([{_CJK}A-Za-z·&]+(?:\s+[A-Za-z&]+)*)\s*\*")
# "Tom Hughes to send", "Emily (Northwind) will check", "Sarah, please book"
_EN_SUBJECT = (
    r"(?P<x>[A-Z][\w.&'’-]*(?:\s+(?:(?:and|&)\s+)?[A-Z][\w.&'’-]*){{0,3}}"
    r"(?:\s+(?:{party}|ops))?|[{cjk}]{{2,4}})"
    r"(?:\s*\([^()]{{1,30}}\))?(?:\s+{verbs}\b|,?\s+please\b)"
)
_SENTENCE_START = r"(?:^|(?<=[.?!;。？！；]\s)|(?<=[.?!;。？！；]))(?:[–—-]\s*)?"
_EN_OWNER = re.compile(
    _SENTENCE_START + _EN_SUBJECT.format(cjk=_CJK, verbs=OWNER_VERBS_EN, party=_PARTY)
)
_EN_OWNER_DECISION = re.compile(
    _SENTENCE_START + _EN_SUBJECT.format(cjk=_CJK, verbs=OWNER_VERBS_EN_DECISION, party=_PARTY)
)
_COLON_PREFIX = re.compile(r"^(?P<x>[^:：,，。；;]{2,30}?)\s*(?:[:：]|\s[—–-]{1,2}\s)\s*\S")
LATER_NAME_MAX = 4  # Chinese characters of a name found in a later clause
ANSWER_VERBS = "确认|確認|答复|答覆|回复|回覆|负责|負責|跟进|跟進|决定|決定|给出|給出|定|拍板|批准|审批|審批"
_ANSWER_VERB = re.compile(rf"\s*(?:{ANSWER_VERBS})")
_NAME_THEN_ANSWER = re.compile(rf"^(?P<x>[{_CJK}]{{2,{LATER_NAME_MAX}}}?)(?:{ANSWER_VERBS})\s*[.。]?$")
# "另外，吴敏下周三前…": a connector before the subject
_LEAD_CONNECTOR = re.compile(r"^(?:另外|此外|同时|同時|还有|還有|最后|最後|其次|然后|然後|并且|並且)[，,]?\s*")
# "…，王建国下周一前给出意见", "…？Frigoríficos Ibéricos 下周五前答复", "…，待周振华确认": an owner
# opening a later clause of the item
_LATER_CLAUSE = re.compile(r"[，,。？?！!；;：:]\s*(?:待|由|请|請|需|须|須)?\s*")
_LEAD_CLAUSE = re.compile(
    rf"^[^，,。；;]{{1,{LEAD_CLAUSE_MAX}}}(?:起|后|後|前|时|時|期间|期間|开始|開始)[，,]\s*"
)


def clean_owner(value: str | None) -> str | None:
    """Owner as written: trailing placeholder '*' and spaces removed; '' -> None."""
    if value is None:
        return None
    value = value.strip().rstrip(PLACEHOLDER).strip()
    return value or None


def _strict(name: str | None) -> str | None:
    """Latin names without a field label read as every word capitalised ("Tom Hughes")."""
    if name and name.isascii() and not _EN_NAME_STRICT.match(name):
        return None
    return name


def _valid(name: str) -> str | None:
    name = clean_owner(OWNER_TRAILING_VERB.sub("", OWNER_LEAD_STRIP.sub("", name.strip()).strip()))
    if name:
        name = OWNER_CONTEXT.sub("", name)
    if not name or len(name) < 2 or name.lower() in EMPTY_CELLS or DAY_WORDS.match(name):
        return None
    if re.search(rf"[{_CJK}]", name):
        if len(name) > ZH_OWNER_MAX or not _ZH_NAME.match(name):
            return None
        if any(stop in name for stop in OWNER_STOP_ZH):
            return None
        return name
    if _EN_NAME.match(name) and name.split()[0].lower() not in OWNER_STOP_EN:
        return name
    return None


def _cut_points(text: str, kind: str | None = None) -> list[int]:
    """Positions where a written-before owner ends: '*', connectors/verbs, deadline phrases."""
    ends = _END_RE_DECISION if kind == DECISION else _END_RE
    points = [m.start() for m in ends.finditer(text)]
    points += [start for start, _ in deadline_spans(text)]
    star = text.find(PLACEHOLDER)
    if star >= 0:
        points.append(star)
    return sorted(p for p in points if p >= OWNER_MIN_POS)


def _name_before(text: str, cut: int) -> str | None:
    """text[:cut] as an owner; a verb or deadline inside means a sentence ("季度评审会固定在…")."""
    name = _valid(text[:cut])
    if name and (_END_RE.search(name) or deadline_spans(name)):
        return None
    return name


def as_owner(cell: str) -> str | None:
    """A table-like cell as an owner when it reads as a name or a party; None otherwise."""
    return _strict(_not_a_date(_valid(cell)))


def _subject(clause: str, kind: str) -> str | None:
    """The owner written first in a Chinese clause: "宏昇精密在2个工作日内提交…" -> 宏昇精密."""
    star = clause.find(PLACEHOLDER)
    if 0 < star <= ZH_OWNER_MAX + 2:
        return _valid(clause[:star])
    cuts = _cut_points(clause, kind)
    if not cuts:
        return None
    name = _name_before(clause, cuts[0])
    if name and name.isascii() and not re.match(rf"[{_CJK}]", clause[cuts[0] :]):
        return None  # "Confirm the printing vendor by 15 Jul": English is read by _en_subject
    return name


def _field(text: str, kind: str) -> str | None:
    m = OWNER_FIELD.search(text)
    if m and _EN_PARTY_NAME.match(m["x"].strip()):
        return m["x"].strip()  # "Owner: the lab"
    return _valid(m["x"]) if m else None


def _star(text: str, kind: str) -> str | None:
    m = _STAR_RUN.search(text)
    return _valid(m.group(1)) if m else None


def _before_words(text: str, kind: str, regex: re.Pattern = _BEFORE_RE) -> str | None:
    for m in regex.finditer(text):
        if text[max(0, m.start() - 2) : m.start()].endswith(("是否", "否")):
            continue  # "是否需要KTT复核": a question about a need, not "需X…"
        rest = text[m.end() :]
        cuts = _cut_points(rest)
        if cuts:
            name = _name_before(rest, cuts[0])
            if name:
                return name
    return None


def _arranged(text: str, kind: str) -> str | None:
    return _before_words(text, kind, _ARRANGED_RE)


def _zh_subject(text: str, kind: str) -> str | None:
    text = _LEAD_CLAUSE.sub("", _LEAD_CONNECTOR.sub("", text, count=1), count=1)
    return _subject(text, kind) if re.match(rf"[{_CJK}A-Za-z]", text) else None


def _en_subject(text: str, kind: str) -> str | None:
    regex = _EN_OWNER_DECISION if kind == DECISION else _EN_OWNER
    for m in regex.finditer(text):
        name = _valid(m["x"])
        if name:
            return name
    if kind != DECISION:
        m = _EN_PARTY_SUBJECT.search(text)
        if m:
            return m["x"]
    return None


def _not_a_date(name: str | None) -> str | None:
    """ "（周三）" or "(Friday)" is a day, not a person."""
    if name and not DAY_WORDS.match(name) and not is_date_cell(name):
        return name
    return None


def _paren(text: str, kind: str) -> str | None:
    for m in OWNER_PAREN.finditer(text):
        if deadline_spans(m["rest"]) or is_date_cell(m["rest"]):
            name = _not_a_date(_valid(m["x"]))
            if name:
                return name
    if kind == DECISION:
        return None
    for m in OWNER_PAREN_NAME.finditer(text):
        if _only_deadline(text[m.end() :]):
            name = as_owner(m["x"])
            if name:
                return name
    return None


def _only_deadline(rest: str) -> bool:
    """Nothing but punctuation and a deadline phrase: "… (Emily Clarke) by Friday"."""
    rest = rest.strip(" .。;；,，")
    if not rest:
        return True
    spans = deadline_spans(rest)
    return bool(spans) and spans[0][0] == 0 and max(end for _, end in spans) >= len(rest)


def _bracket(text: str, kind: str) -> str | None:
    m = OWNER_BRACKET_START.match(text)
    return as_owner(m["x"]) if m else None


def _colon_prefix(text: str, kind: str) -> str | None:
    if kind == DECISION and not deadline_spans(text):  # "预算：按3:7分摊" is a topic, not an owner
        return None
    m = _COLON_PREFIX.match(text)
    return _strict(_valid(m["x"])) if m else None


def _trailing(text: str, kind: str) -> str | None:
    """ "完成接口文档——张三", "Update the deck - Tom": the owner signs the end of a task."""
    if kind == DECISION:
        return None
    m = OWNER_TRAILING.search(text)
    return as_owner(m["x"]) if m else None


def _after_zh(text: str, kind: str) -> str | None:
    """ "完成接口文档，王磊负责，7月15日前": "X负责" written after the item."""
    for m in OWNER_AFTER_ZH.finditer(text):
        name = _not_a_date(_valid(m["x"]))
        if name:
            return name
    return None


def _dash_then_due(text: str, kind: str) -> str | None:
    """ "Draft the API doc — Li Wei, Jul 15": a name after a dash, then only its deadline."""
    if kind == DECISION:
        return None
    for m in OWNER_DASH_THEN_DUE.finditer(text):
        if _only_deadline(m["rest"]) or is_date_cell(m["rest"].strip(" .。")):
            name = as_owner(m["x"])
            if name:
                return name
    return None


def _comma_end(text: str, kind: str) -> str | None:
    """ "9月30日前完成来料复检，王建": a name closing a dated task after a comma."""
    if kind == DECISION:
        return None
    m = OWNER_COMMA_END.search(text)
    if not m or not deadline_spans(text[: m.start()]) or _END_RE.search(m["x"]):
        return None
    return as_owner(m["x"])


def tail_deadline(text: str) -> str | None:
    """The bare date that closes an item after its owner: "— Hannah Wright, Jul 24",
    "[Tom Hughes, 14 Jul]", "（王磊，7月15日）". It reads as a table cell would; None when the
    item does not end that way."""
    for regex in (OWNER_DASH_THEN_DUE, OWNER_PAREN):
        for m in regex.finditer(text):
            rest = m["rest"].strip(" .。;；,，")
            if rest and _valid(m["x"]) and is_date_cell(rest):
                return rest
    return None


def _later_clause(text: str, kind: str) -> str | None:
    """The owner opening a later clause: "是否调整价格条款，王建国下周一前给出意见"."""
    for m in _LATER_CLAUSE.finditer(text):
        clause = text[m.end() :]
        name = _subject(clause, kind) if re.match(rf"[{_CJK}A-Za-z]", clause) else None
        closing = _NAME_THEN_ANSWER.match(clause)
        if not name and closing:  # "…，待王总定": the name, then only the answering verb
            name = _valid(closing["x"])
        if not name or not clause.startswith(name) or not _person_like(name):
            continue
        if deadline_spans(clause) or _ANSWER_VERB.match(clause, len(name)):
            return name
    return None


def _person_like(name: str) -> bool:
    """A short name ("王建国", "Frigoríficos Ibéricos", "Kwok先生"), not a noun phrase."""
    cjk = len(re.findall(rf"[{_CJK}]", name))
    return cjk <= LATER_NAME_MAX if cjk else bool(_EN_NAME.match(name))


def _mention(text: str, kind: str) -> str | None:
    m = OWNER_MENTION.search(text)
    return _valid(m["x"]) if m else None


# Tried in this order; the first name found is the owner.
OWNER_READERS = (
    _field,
    _star,
    _bracket,
    _before_words,
    _dash_then_due,
    _colon_prefix,
    _zh_subject,
    _arranged,
    _after_zh,
    _en_subject,
    _paren,
    _trailing,
    _comma_end,
    _mention,
    _later_clause,
)


def find_owner(text: str, kind: str) -> str | None:
    """The owner an item's text names, as written; None when it names none."""
    for reader in OWNER_READERS:
        name = reader(text, kind)
        if name:
            return name
    return None
