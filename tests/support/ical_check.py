"""Outbound calendar parts read by two independent parsers: icalendar (what we
build with) and vobject (written separately), plus the structure strict
clients insist on: a VTIMEZONE for every TZID the object names."""

from __future__ import annotations

import re

import vobject
from icalendar import Calendar

TZID_PARAM = re.compile(r";TZID=\"?([^\":;]+)\"?[:;]")


def check_calendar(text: str) -> Calendar:
    """Both parsers read it, agree on METHOD/UID/SEQUENCE/DTSTART, and every TZID
    has its VTIMEZONE; the icalendar object, for further assertions."""
    cal = Calendar.from_ical(text)
    other = vobject.readOne(text)
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    named = set(TZID_PARAM.findall(unfolded))
    defined = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert named <= defined, f"TZID without VTIMEZONE: {sorted(named - defined)}"
    assert str(cal["METHOD"]) == other.method.value
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == other.vevent.uid.value
    assert int(event.get("SEQUENCE", 0)) == int(other.vevent.sequence.value)
    assert event.decoded("DTSTART") == other.vevent.dtstart.value
    return cal
