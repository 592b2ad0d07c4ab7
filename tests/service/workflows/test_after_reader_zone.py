"""Every time a mail shows is in its reader's own zone, named when it is not the
meeting's: a Tokyo reader never sees a bare Shanghai "14:00"."""

from __future__ import annotations

import pytest

from store.models import Person
from tests.support.after_meeting import AFTER, confirmed, formal_to, held_meeting
from tests.support.flow import Flow


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def test_minutes_show_the_meeting_in_each_readers_zone(cfg, flow):
    held = held_meeting(cfg)
    Person.update(timezone="Asia/Tokyo").where(Person.id == held.d.yi_pm.id).execute()
    Person.update(timezone="Asia/Tokyo", language="en").where(
        Person.id == held.d.yi_boss.id
    ).execute()
    formal = confirmed(flow, held)
    tokyo = formal_to(formal, held.d.yi_pm)
    assert "2026-11-24（周二）15:00 日本时间" in tokyo.text  # 14:00 in Shanghai
    assert "14:00" not in tokyo.text
    english = formal_to(formal, held.d.yi_boss)
    assert "Tue 2026-11-24 15:00 Japan Time" in english.text
    shanghai = formal_to(formal, held.d.host)
    assert "2026-11-24（周二）14:00" in shanghai.text and "日本时间" not in shanghai.text


def test_the_weekly_list_shows_due_times_in_the_owners_zone(cfg, flow):
    from datetime import UTC, datetime

    held = held_meeting(cfg)
    Person.update(timezone="Asia/Tokyo").where(Person.id == held.tech.id).execute()
    confirmed(flow, held)
    flow.tick(datetime(2026, 11, 30, 1, 5, tzinfo=UTC))  # Monday 10:05 in Tokyo
    [own] = flow.outbox(to=held.tech, kind="weekly_own")
    assert "2026-11-25 16:30" in own.text and "日本时间" in own.text  # 15:30 Shanghai
    [table] = flow.outbox(to=held.d.host, kind="weekly_table")
    assert "2026-11-25 15:30" in table.text
