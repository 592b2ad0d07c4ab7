"""One reply mail -> what it says, in the contract's JSON fields (§1, §2, §3).

Order of evidence: a bounce is a bounce (even with Auto-Submitted); an iTIP REPLY
decides an invitation by PARTSTAT; an auto-reply is recognised by header or
subject; everything else is read from the newly written text only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from parsers.auto_reply import is_auto_reply
from parsers.bounce import read_bounce
from parsers.business_calendar import BusinessCalendar
from parsers.calendar_reply import CalendarReply, read_calendar_reply
from parsers.deadlines import find_deadline_cell, find_new_deadline
from parsers.intent import CONTEXTS, read_intent
from parsers.mime import ParsedMail
from parsers.normalise import normalise
from parsers.poll_slots import options_from_quote
from parsers.reply_body import reply_body, sender_names

# Contexts in which a calendar REPLY's PARTSTAT decides (contract §2).
CALENDAR_CONTEXTS = frozenset({"invite", "any"})
# Contexts in which the poll's options may be read from the quoted poll.
POLL_CONTEXTS = frozenset({"poll", "any"})
# Contexts in which a stated date is a new due date for the task answered.
DUE_CONTEXTS = frozenset({"task", "any"})
# Clauses that say what will NOT happen ("今天交不了") name the old date, not the new one.
MISSED = re.compile(
    r"不了|不出来|不完|不行|来不及|赶不|恐怕|原定|原计划|没法|无法|不能|won't|will not|can't|cannot|"
    r"not make|miss(ed)?\b|original(ly)?\b",
    re.I,
)
# In a delay, a bare date next to one of these verbs is the date asked for ("推到7月24日").
NEW_DATE_VERBS = re.compile(
    r"推|延|改到|改在|改为|交|给|提交|发|完成|出来|补齐|到位|deliver|push|move|send|submit|finish|"
    r"complete|ready|have it|get it|shift",
    re.I,
)
CLAUSES = re.compile(r"[，。；！？!?;\n]+|,\s*(?=[^\d\s])|\.\s+")


@dataclass(frozen=True)
class ReplyReading:
    intent: str
    body: str | None
    slots: list[int] | None = None
    percent: int | None = None
    new_due: datetime | None = None
    topic: str | None = None
    delegate: str | None = None
    failed_recipient: str | None = None

    def to_json(self) -> dict:
        """The contract's JSON object (without "file")."""
        out = asdict(self)
        out["new_due"] = self.new_due.isoformat() if self.new_due else None
        return out

    def to_json_line(self, file: str) -> str:
        return json.dumps({"file": file, **self.to_json()}, ensure_ascii=False)


def read_reply(
    mail: ParsedMail,
    context: str,
    poll_size: int | None = None,
    calendar: BusinessCalendar | None = None,
    directory: tuple[str, ...] = (),
    poll_options: Sequence[str] | None = None,
) -> ReplyReading:
    """Read one reply in the context of what it answers.

    `directory`: names, titles and company names the service knows for the sender's
    side; a closing line made of them is signature, never text.
    `poll_options`: the poll's option labels as sent, so that "周三及以后的" can be read.
    """
    if context not in CONTEXTS:
        raise ValueError(f"unknown context {context!r}; one of {', '.join(CONTEXTS)}")
    bounce = read_bounce(mail)
    if bounce is not None:
        return ReplyReading("bounce", None, failed_recipient=bounce.failed_recipient)
    cal = None
    if context in CALENDAR_CONTEXTS:
        cal = read_calendar_reply(mail.calendar_parts, mail.from_addr)
    if cal is None and is_auto_reply(mail):
        return ReplyReading("auto_reply", None)
    if cal is not None and cal.intent:
        body = reply_body(cal.comment) or _typed_beside(mail, cal)
        text = read_intent(body, "invite", poll_size)
        delegate = text.delegate
        if cal.intent == "delegate":
            delegate = delegate or cal.delegated_to
        return ReplyReading(cal.intent, body, topic=text.topic, delegate=delegate)
    body = reply_body(mail.text, sender_names(mail.from_name, mail.from_addr), directory)
    if poll_options is None and context in POLL_CONTEXTS:
        poll_options = options_from_quote(mail.text, poll_size)
    reading = read_intent(body, context, poll_size, options=poll_options)
    new_due = None
    if context in DUE_CONTEXTS and reading.intent in ("delay", "progress", "done", "unclear"):
        new_due = _new_due(body, mail.date, calendar, bare_dates=reading.intent == "delay")
    return ReplyReading(
        reading.intent,
        body,
        slots=reading.slots,
        percent=reading.percent if context in ("task", "any") else None,
        new_due=new_due,
        topic=reading.topic,
        delegate=reading.delegate if context in ("invite", "any") else None,
    )


def _typed_beside(mail: ParsedMail, cal: CalendarReply) -> str:
    """What the sender typed in the text part of a calendar reply with no COMMENT.

    A client's own notice ("林浩已接受此邀请。", "Nina has accepted this invitation.")
    names the attendee in its first line; the sender's own words do not.
    """
    body = reply_body(mail.text, sender_names(mail.from_name, mail.from_addr))
    first = body.split("\n", 1)[0].casefold()
    marks = (mail.from_name, mail.from_addr, cal.attendee_name, cal.attendee)
    return "" if any(m and len(m) >= 2 and m.casefold() in first for m in marks) else body


def _new_due(
    body: str, anchor: datetime | None, calendar: BusinessCalendar | None, bare_dates: bool
) -> datetime | None:
    """The new date a reply states: the last deadline phrase outside a 'cannot make it' clause.

    With bare_dates (the reply asks for a delay), a plain date next to a delivery verb
    counts too: "Can we push it to 24 July?" names the date asked for.
    """
    if anchor is None or not body:
        return None
    clauses = [c for c in CLAUSES.split(normalise(body).text) if c.strip() and not MISSED.search(c)]
    finders = [find_new_deadline] + ([find_deadline_cell] if bare_dates else [])
    for finder in finders:
        for clause in reversed(clauses):
            if finder is find_deadline_cell and not NEW_DATE_VERBS.search(clause):
                continue
            try:
                found = finder(clause, anchor, calendar)
            except Exception:  # a deadline bug must not lose the reply; no date is safer
                found = None
            if found is not None and found.due is not None:
                return found.due
    return None
