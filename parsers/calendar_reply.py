"""iTIP messages from attendees (RFC 5546) read with icalendar: who answered
what to which event.

A calendar client's Accept/Decline button sends METHOD:REPLY with the answering
attendee's PARTSTAT; that decides an invitation reply whatever the text says.
"Propose new time" sends METHOD:COUNTER (the proposed DTSTART/DTEND), and a
client that lost the event asks for it again with METHOD:REFRESH.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar

# PARTSTAT -> reply intent (contract §2, invite context).
PARTSTAT_INTENTS: dict[str, str] = {
    "ACCEPTED": "accept",
    "DECLINED": "decline",
    "TENTATIVE": "tentative",
    "DELEGATED": "delegate",
}


REPLY = "REPLY"
COUNTER = "COUNTER"
REFRESH = "REFRESH"
ATTENDEE_METHODS = (REPLY, COUNTER, REFRESH)


@dataclass(frozen=True)
class CalendarReply:
    uid: str
    sequence: int
    attendee: str  # lower-case address of the attendee who answered
    attendee_name: str
    partstat: str
    delegated_to: str | None  # lower-case address, for PARTSTAT=DELEGATED
    comment: str
    method: str = REPLY
    start: datetime | None = None  # COUNTER: the proposed time (aware when the part says a zone)
    end: datetime | None = None

    @property
    def intent(self) -> str | None:
        return PARTSTAT_INTENTS.get(self.partstat)


def _addr(value: object) -> str:
    text = str(value or "").strip().strip('"')
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def _answering(attendees: list, sender: str) -> object | None:
    """The attendee who answered: the sender if listed, else the one with a decided PARTSTAT."""
    if sender:
        for a in attendees:
            if _addr(a) == sender:
                return a
    decided = [
        a for a in attendees if str(a.params.get("PARTSTAT", "")).upper() in PARTSTAT_INTENTS
    ]
    return decided[0] if decided else (attendees[0] if attendees else None)


def read_calendar_reply(parts: list[bytes], sender: str = "") -> CalendarReply | None:
    """The first METHOD:REPLY event among the calendar parts; None when there is none."""
    return read_calendar_message(parts, sender, (REPLY,))


def read_calendar_message(
    parts: list[bytes], sender: str = "", methods: tuple[str, ...] = ATTENDEE_METHODS
) -> CalendarReply | None:
    """The first event of an attendee's iTIP message (REPLY, COUNTER or REFRESH
    by default) among the calendar parts; None when there is none."""
    for data in parts:
        try:
            cals = Calendar.from_ical(data, multiple=True)
        except Exception:  # a broken calendar part is ignored like any other attachment
            continue
        for cal in cals:
            method = str(cal.get("METHOD", "")).upper()
            if method not in methods:
                continue
            for ev in cal.walk("VEVENT"):
                reply = _event_reply(ev, sender.lower(), method)
                if reply is not None:
                    return reply
    return None


def _decoded_time(ev, name: str) -> datetime | None:
    try:
        value = ev.decoded(name)
    except (KeyError, ValueError, TypeError):
        return None
    return value if isinstance(value, datetime) else None


def _event_reply(ev, sender: str, method: str = REPLY) -> CalendarReply | None:
    raw = ev.get("ATTENDEE")
    if raw is None:
        return None
    attendees = raw if isinstance(raw, list) else [raw]
    who = _answering(attendees, sender)
    if who is None:
        return None
    params = who.params
    comment = ev.get("COMMENT")
    if isinstance(comment, list):
        comment = "\n".join(str(c) for c in comment)
    try:
        sequence = int(ev.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        sequence = 0
    delegated = params.get("DELEGATED-TO")
    return CalendarReply(
        uid=str(ev.get("UID", "")),
        sequence=sequence,
        attendee=_addr(who),
        attendee_name=str(params.get("CN", "")),
        partstat=str(params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
        delegated_to=_addr(delegated) if delegated else None,
        comment=str(comment or "").strip(),
        method=method,
        start=_decoded_time(ev, "DTSTART") if method == COUNTER else None,
        end=_decoded_time(ev, "DTEND") if method == COUNTER else None,
    )
