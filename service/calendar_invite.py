"""iTIP requests (RFC 5546) for a meeting, built with icalendar.

One event per meeting: its UID is stored (`Meeting.ical_uid`) and never
changes; `Meeting.ical_sequence` goes up on every change the attendees must
see, so calendar clients replace the old entry. ORGANIZER is the service
address, so Accept/Decline replies (METHOD:REPLY) come back to the service.
The same bytes go inline (text/calendar; method=…) and as invite.ics: see
`service.mail.compose`.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress

from service.config import Config
from service.mail import CalendarPart
from store.models import Meeting, Participant

PRODID = "-//meetloop//meetloop 0.1//EN"
# VTIMEZONE rules from this date on: compact, and enough for any meeting we plan.
TIMEZONE_FIRST_DATE = date(2020, 1, 1)
ROLE_PARAMS = {
    "host": "CHAIR",
    "recorder": "REQ-PARTICIPANT",
    "presenter": "REQ-PARTICIPANT",
    "attendee": "REQ-PARTICIPANT",
    "cc": "NON-PARTICIPANT",
}
PARTSTATS = {
    "needs-action": "NEEDS-ACTION",
    "accepted": "ACCEPTED",
    "declined": "DECLINED",
    "tentative": "TENTATIVE",
    "delegated": "DELEGATED",
}


def _role(p: Participant) -> str:
    if p.role in ("attendee", "presenter") and not p.required:
        return "OPT-PARTICIPANT"
    return ROLE_PARAMS.get(p.role, "REQ-PARTICIPANT")


def _attendee(p: Participant, listed: list[Participant], *, cancelled: bool) -> vCalAddress:
    """One ATTENDEE; a delegation between two listed attendees is written on both
    (DELEGATED-TO on the one who sent a delegate, DELEGATED-FROM on the delegate)."""
    address = vCalAddress.new(
        p.person.email,
        cn=p.person.name,
        role=_role(p),
        partstat=PARTSTATS.get(p.rsvp, "NEEDS-ACTION"),
        rsvp=not cancelled and p.role != "cc",
        cutype="INDIVIDUAL",
    )
    by_id = {q.id: q for q in listed}
    sent = [q for q in listed if q.delegate_for_id == p.id]
    if p.rsvp == "delegated" and sent:
        address.params["DELEGATED-TO"] = [f"mailto:{q.person.email}" for q in sent]
    origin = by_id.get(p.delegate_for_id)
    if origin is not None and origin.rsvp == "delegated":
        address.params["DELEGATED-FROM"] = [f"mailto:{origin.person.email}"]
    return address


def build_ics(
    cfg: Config,
    meeting: Meeting,
    *,
    listed: list[Participant],
    method: str,
    now: datetime,
    description: str,
    tz: str,
) -> bytes:
    """The VCALENDAR of `method` (REQUEST or CANCEL) listing `listed` as attendees.

    Times are written in `tz` (the meeting's zone) with its VTIMEZONE, so
    each client converts them to its own user's zone.
    """
    if meeting.start_at is None or meeting.end_at is None:
        raise ValueError(f"{meeting.ref} has no time yet")
    cancelled = method == "CANCEL"
    zone = ZoneInfo(tz)
    cal = Calendar.new(prodid=PRODID, method=method)
    if "UID" in cal:
        del cal["UID"]
    location = meeting.link if meeting.format == "online" else meeting.room
    event = Event.new(
        uid=meeting.ical_uid,
        sequence=meeting.ical_sequence,
        stamp=now,
        start=meeting.start_at.astimezone(zone),
        end=meeting.end_at.astimezone(zone),
        summary=f"[{meeting.ref}] {meeting.title}",
        location=location,
        description=description,
        organizer=vCalAddress.new(cfg.service.address, cn=cfg.service.name),
        attendees=[_attendee(p, listed, cancelled=cancelled) for p in listed],
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    if meeting.format == "online" and meeting.link:
        event.add("URL", meeting.link)
    cal.add_component(vtimezone(tz))
    cal.add_component(event)
    return cal.to_ical()


@cache
def vtimezone(tz: str) -> Timezone:
    """The VTIMEZONE of `tz` from TIMEZONE_FIRST_DATE on; built once per zone,
    since deriving the rules costs a fifth of a second each time."""
    return Timezone.from_tzid(tz, first_date=TIMEZONE_FIRST_DATE)


def request(cfg: Config, meeting: Meeting, **kw) -> CalendarPart:
    """METHOD:REQUEST: a new invitation, or an update when SEQUENCE has gone up."""
    return CalendarPart(build_ics(cfg, meeting, method="REQUEST", **kw), "REQUEST")


def decline_counter(cfg: Config, meeting: Meeting, **kw) -> CalendarPart:
    """METHOD:DECLINECOUNTER (RFC 5546 §3.2.8): the organizer keeps the current
    time; written with the current event so the client shows what stands."""
    return CalendarPart(build_ics(cfg, meeting, method="DECLINECOUNTER", **kw), "DECLINECOUNTER")


def cancellation(cfg: Config, meeting: Meeting, **kw) -> CalendarPart:
    """METHOD:CANCEL with STATUS:CANCELLED, same UID, the raised SEQUENCE."""
    return CalendarPart(build_ics(cfg, meeting, method="CANCEL", **kw), "CANCEL")
