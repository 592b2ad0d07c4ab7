"""The before-meeting state on the real PostgreSQL (the scale path): the same
functions, the same answers."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from service import meetings, slots
from service.cli.meetings import meeting_state
from service.workflows import agenda, invitations, rsvp, scheduling
from store.models import Outbox
from tests.support.before_meeting import guide_meeting, make_directory

pytestmark = pytest.mark.pg
NOW = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
SH = ZoneInfo("Asia/Shanghai")


def test_guide_meeting_on_postgres(cfg, pg_store):
    d = make_directory()
    m = guide_meeting(cfg, d, NOW)
    assert [c.party for c in meetings.companies_of(m)] == ["甲方", "乙方", "丙方"]
    found = slots.propose(cfg, m, after=datetime(2026, 9, 29, 1, 0, tzinfo=UTC), count=2)
    assert [s.astimezone(SH).date().isoformat() for s in found] == ["2026-09-30", "2026-10-08"]
    poll = scheduling.open_poll(cfg, m, found, now=NOW, actor="cli")
    scheduling.record_vote(cfg, poll, d.yi_boss, [2], now=NOW)
    assert scheduling.ranking(poll)[0].position == 2
    assert scheduling.confirm(cfg, poll, 2, now=NOW, actor="cli") == 7
    assert Outbox.select().where(Outbox.kind == "invitation").count() == 7
    state = meeting_state(meetings.get_meeting(m.ref), cfg)
    assert state["poll"]["chosen"] == 2 and len(state["agenda"]) == 4
    start = meetings.get_meeting(m.ref).start_at
    assert agenda.agenda_rule(start - timedelta(days=3) + timedelta(minutes=1), cfg) == 7
    assert rsvp.digest_rule(start - timedelta(days=1) + timedelta(minutes=1), cfg) == 1
    assert invitations.cancel(cfg, m, now=NOW, actor="cli") == 7
