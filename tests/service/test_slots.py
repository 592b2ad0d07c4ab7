"""Slot finding across Shanghai, Singapore and Berlin around 2026's 国庆."""

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import meetings, slots
from tests.support.before_meeting import TITLE, make_directory

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 9, 15, 2, 0, tzinfo=UTC)


def _meeting(cfg, d, *people, minutes=90):
    m = meetings.create_meeting(
        cfg,
        now=NOW,
        actor="cli",
        title=TITLE,
        host=d.host,
        link="https://meet.example.cn/x",
        duration_minutes=minutes,
    )
    for p in people:
        meetings.add_attendee(cfg, m, p, now=NOW, actor="cli")
    return m


def test_three_zones_meet_in_the_shanghai_afternoon(cfg, store):
    d = make_directory()
    m = _meeting(cfg, d, d.yi_boss, d.berlin_boss)
    after = datetime(2026, 9, 29, 1, 0, tzinfo=UTC)
    found = slots.propose(cfg, m, after=after, count=4)
    days = [s.astimezone(SH).date() for s in found]
    # 9/30 Wed ok; 10/1-7 CN holiday; 10/8 Thu; 10/9 Fri; 10/10 Sat is a CN make-up day,
    # but Saturday in Berlin: never proposed.
    assert days == [date(2026, 9, 30), date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 12)]
    for start in found:
        local = start.astimezone(SH)
        berlin = start.astimezone(ZoneInfo("Europe/Berlin"))
        assert local.hour >= 15 and berlin.hour >= 9  # Berlin's morning is Shanghai's afternoon
        end = (start + timedelta(minutes=90)).astimezone(ZoneInfo("Europe/Berlin"))
        assert end.hour * 60 + end.minute <= 12 * 60  # before Berlin's lunch


def test_make_up_working_days_count_for_china_only_teams(cfg, store):
    d = make_directory()
    m = _meeting(cfg, d, d.jia_boss, minutes=60)
    # Sat 2026-10-10 and Sun 2026-09-20 are working days in mainland China
    sat = datetime(2026, 10, 10, 10, 0, tzinfo=SH)
    sun = datetime(2026, 9, 20, 10, 0, tzinfo=SH)
    holiday = datetime(2026, 10, 5, 10, 0, tzinfo=SH)
    assert slots.option_problems(cfg, m, [sat, sun]) == []
    problems = [p.text() for p in slots.option_problems(cfg, m, [holiday])]
    assert problems and all("not a working day" in p for p in problems)
    found = slots.propose(cfg, m, after=datetime(2026, 10, 9, 12, 0, tzinfo=SH), count=1)
    assert found[0].astimezone(SH).date() == date(2026, 10, 10)


def test_singapore_and_berlin_own_rules(cfg, store):
    d = make_directory()
    m = _meeting(cfg, d, d.yi_boss, d.berlin_boss, minutes=60)
    lunch_berlin = datetime(2026, 10, 9, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    early_shanghai = datetime(2026, 10, 9, 8, 0, tzinfo=SH)
    problems = [p.text() for p in slots.option_problems(cfg, m, [lunch_berlin, early_shanghai])]
    assert "1: Anna Berger: over lunch" in problems
    assert any(p.startswith("2: ") and "outside working hours" in p for p in problems)


def test_other_meetings_are_not_double_booked(cfg, store):
    d = make_directory()
    other = _meeting(cfg, d, d.yi_boss, minutes=60)
    meetings.set_time(other, datetime(2026, 9, 30, 9, 0, tzinfo=SH), now=NOW, actor="cli")
    m = _meeting(cfg, d, d.yi_boss, minutes=60)
    found = slots.propose(cfg, m, after=datetime(2026, 9, 29, 20, 0, tzinfo=SH), count=1)
    assert found == [datetime(2026, 9, 30, 10, 0, tzinfo=SH)]


UNIQUE = itertools.count()
ZONES = {
    "Asia/Shanghai": "CN",
    "Asia/Singapore": "SG",
    "Europe/Berlin": "DE",
    "Asia/Tokyo": "JP",
}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    zones=st.lists(st.sampled_from(sorted(ZONES)), min_size=1, max_size=3),
    day=st.integers(min_value=0, max_value=330),
    minutes=st.sampled_from([30, 60, 90]),
)
def test_every_proposal_suits_every_attendee(cfg, store, zones, day, minutes):
    """Checked independently of SlotChecker: the holidays package's working days
    (plus China's make-up days) and each attendee's local 09:00–18:00 outside lunch."""
    import holidays

    from store.db import write_txn
    from store.models import Company, Person

    with write_txn():
        people = []
        for i, zone in enumerate(zones):
            company = Company.create(name=f"c{next(UNIQUE)}", region=ZONES[zone], created_at=NOW)
            people.append(
                Person.create(
                    email=f"p{next(UNIQUE)}@example.org",
                    name=f"p{i}",
                    company=company,
                    tier="decision",
                    timezone=zone,
                    created_at=NOW,
                )
            )
    m = meetings.create_meeting(
        cfg,
        now=NOW,
        actor="cli",
        title="t",
        host=people[0],
        link="https://x",
        duration_minutes=minutes,
    )
    for p in people[1:]:
        meetings.add_attendee(cfg, m, p, now=NOW, actor="cli")
    after = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(days=day)
    found = slots.propose(cfg, m, after=after, count=3, days=14)
    if len(set(zones)) == 1:  # one zone: any 14 days of 2026 hold ≥ 4 working days
        assert len(found) == 3
    for start in found:
        assert start > after
        for p in people:
            local = start.astimezone(ZoneInfo(p.timezone))
            end = (start + timedelta(minutes=minutes)).astimezone(ZoneInfo(p.timezone))
            cal = holidays.country_holidays(ZONES[p.timezone], years=local.year)
            assert cal.is_working_day(local.date()), (p.timezone, local)
            begin, finish = local.hour * 60 + local.minute, end.hour * 60 + end.minute
            assert begin >= 9 * 60 and finish <= 18 * 60 and end.date() == local.date()
            assert finish <= 12 * 60 or begin >= 13 * 60 + 30  # lunch 12:00–13:30
