"""Finding times every attendee can make.

A slot is acceptable when, for EVERY attendee, it lies on a working day of
their company's region (statutory holidays and make-up working days
included), inside the configured working hours in their own time zone,
clear of the configured lunch break, and clear of their other meetings in
the service. Candidates step through the host's days; the proposals are
spread over different days first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from parsers.business_calendar import UnknownYearError
from service import meetings
from service.business import company_calendar
from service.config import Config
from store.models import Meeting, Participant, Person

# Why a slot does not suit someone: codes each mail words in its reader's language.
SPANS_MIDNIGHT = "midnight"
UNKNOWN_YEAR = "unknown_year"
NOT_WORKING_DAY = "holiday"
OUTSIDE_HOURS = "hours"
OVER_LUNCH = "lunch"
OTHER_MEETING = "busy"
# The admin's words for them (the CLI speaks English).
PROBLEM_TEXT = {
    SPANS_MIDNIGHT: "spans midnight",
    UNKNOWN_YEAR: "the working days of that year are not known yet",
    NOT_WORKING_DAY: "not a working day",
    OUTSIDE_HOURS: "outside working hours",
    OVER_LUNCH: "over lunch",
    OTHER_MEETING: "another meeting",
}
SLOT_STEP = timedelta(minutes=30)
DEFAULT_PROPOSALS = 3
DEFAULT_SEARCH_DAYS = 14


@dataclass(frozen=True)
class Busy:
    start: datetime
    end: datetime


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def busy_times(person: Person, exclude: Meeting | None = None) -> list[Busy]:
    """The person's other scheduled meetings (the one being planned excluded)."""
    rows = (
        Meeting.select(Meeting.start_at, Meeting.end_at)
        .join(Participant)
        .where(
            (Participant.person == person)
            & (Meeting.status == "scheduled")
            & Meeting.start_at.is_null(False)
        )
    )
    if exclude is not None:
        rows = rows.where(Meeting.id != exclude.id)
    return [Busy(m.start_at, m.end_at) for m in rows]


class SlotChecker:
    """Whether a [start, end) interval suits every one of `people`."""

    def __init__(self, cfg: Config, people: Iterable[Person], exclude: Meeting | None = None):
        self.cfg = cfg
        self.people = list(people)
        work_start, work_end = cfg.work_hours()
        self.work = (_minutes(work_start), _minutes(work_end))
        self.lunch = (
            _minutes(time.fromisoformat(cfg.calendar.lunch_start)),
            _minutes(time.fromisoformat(cfg.calendar.lunch_end)),
        )
        self.zones = {p.id: ZoneInfo(meetings.person_timezone(p, cfg)) for p in self.people}
        self.calendars = {p.id: company_calendar(cfg, p.company) for p in self.people}
        self.busy = {p.id: busy_times(p, exclude) for p in self.people}

    def problem(self, person: Person, start: datetime, end: datetime) -> str:
        """Why the slot does not suit `person`: one of the codes above ("" when it does)."""
        zone = self.zones[person.id]
        ls, le = start.astimezone(zone), end.astimezone(zone)
        if ls.date() != le.date() and _minutes(le.time()) != 0:
            return SPANS_MIDNIGHT
        try:
            working = self.calendars[person.id].is_working_day(ls.date())
        except UnknownYearError:
            return UNKNOWN_YEAR
        if not working:
            return NOT_WORKING_DAY
        s, e = _minutes(ls.time()), _minutes(le.time()) or 24 * 60
        if s < self.work[0] or e > self.work[1]:
            return OUTSIDE_HOURS
        if s < self.lunch[1] and e > self.lunch[0]:
            return OVER_LUNCH
        for busy in self.busy[person.id]:
            if start < busy.end and end > busy.start:
                return OTHER_MEETING
        return ""

    def fits(self, start: datetime, end: datetime) -> bool:
        return all(not self.problem(p, start, end) for p in self.people)


def propose(
    cfg: Config,
    meeting: Meeting,
    *,
    after: datetime,
    count: int = DEFAULT_PROPOSALS,
    days: int = DEFAULT_SEARCH_DAYS,
) -> list[datetime]:
    """Up to `count` start times after `after` within `days` that suit every attendee:
    one per day first, earliest first."""
    people = meetings.attendees(meeting)
    checker = SlotChecker(cfg, people, exclude=meeting)
    length = timedelta(minutes=meeting.duration_minutes)
    tz = ZoneInfo(meetings.meeting_timezone(meeting, cfg))
    first_day = after.astimezone(tz).date() + timedelta(days=1)
    by_day: dict[date, list[datetime]] = {}
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        # every instant of the host's day, since other zones' hours may fall anywhere in it
        t = datetime.combine(day, time(0, 0), tzinfo=tz)
        end_of_day = t + timedelta(days=1)
        while t < end_of_day:
            if t > after and checker.fits(t, t + length):
                by_day.setdefault(day, []).append(t)
            t += SLOT_STEP
    chosen = [starts[0] for starts in by_day.values()][:count]
    if len(chosen) < count:
        rest = sorted(s for starts in by_day.values() for s in starts[1:])
        chosen = sorted(chosen + rest[: count - len(chosen)])
    return chosen


@dataclass(frozen=True)
class OptionProblem:
    """Option `position` does not suit `person`, for `reason` (a code above)."""

    position: int
    person: Person
    reason: str

    def text(self) -> str:
        """The admin's line: "2: Anna Berger: outside working hours"."""
        return f"{self.position}: {self.person.name}: {PROBLEM_TEXT[self.reason]}"


def option_problems(cfg: Config, meeting: Meeting, starts: list[datetime]) -> list[OptionProblem]:
    """For host-given candidates: who cannot make which (empty when all suit)."""
    checker = SlotChecker(cfg, meetings.attendees(meeting), exclude=meeting)
    length = timedelta(minutes=meeting.duration_minutes)
    problems = []
    for n, start in enumerate(starts, 1):
        for person in checker.people:
            why = checker.problem(person, start, start + length)
            if why:
                problems.append(OptionProblem(n, person, why))
    return problems


def marks_for(
    cfg: Config, meeting: Meeting, person: Person, starts: list[datetime]
) -> dict[int, str]:
    """One person's poll: {option position: why it does not suit them}."""
    checker = SlotChecker(cfg, [person], exclude=meeting)
    length = timedelta(minutes=meeting.duration_minutes)
    marks = {}
    for n, start in enumerate(starts, 1):
        why = checker.problem(person, start, start + length)
        if why:
            marks[n] = why
    return marks
