"""The Friday sync's calendar objects: a VTIMEZONE for the zone they name, the
meeting's [M-…] tag in SUMMARY (so a client's "Accepted: …" is routed), and a
CANCEL for the entry people have when the sync will not take place (issue 11,
defect 11)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from service.workflows import friday_sync
from store.models import Item
from tests.support.after_meeting import confirmed, held_meeting
from tests.support.flow import Flow
from tests.support.ical_check import check_calendar

THURSDAY_1605 = datetime(2026, 11, 26, 8, 5, tzinfo=UTC)  # 24 h before Fri 16:00 Shanghai


@pytest.fixture
def flow(cfg):
    with Flow(cfg) as f:
        yield f


def test_sync_invitation_is_valid_tagged_and_cancelled_when_all_is_done(cfg, flow):
    held = held_meeting(cfg)
    confirmed(flow, held)
    flow.tick(THURSDAY_1605)
    invites = flow.outbox(kind="sync_invite")
    assert len(invites) == 4  # the host and the owners of the three open items
    for mail in invites:
        cal = check_calendar(mail.calendar[0])
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
        [event] = cal.walk("VEVENT")
        assert str(event["SUMMARY"]).startswith(f"[{held.meeting.ref}] ")
    uid = str(check_calendar(invites[0].calendar[0]).walk("VEVENT")[0]["UID"])

    # Outlook's Accept, its subject built from SUMMARY, no token: routed to the meeting
    host = held.d.host
    summary = str(check_calendar(invites[0].calendar[0]).walk("VEVENT")[0]["SUMMARY"])
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:Microsoft Exchange Server 2010\r\n"
        "METHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nSEQUENCE:0\r\nDTSTAMP:20261126T090000Z\r\n"
        f"ATTENDEE;PARTSTAT=ACCEPTED;CN={host.name}:mailto:{host.email}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    accept = flow.mail(host, flow.address, f"已接受: {summary}", "", calendar=(ics, "REPLY"))
    row = flow.send(accept)
    assert row.route.startswith("meeting:")

    # everything is done before Friday: the entries people have are cancelled, once
    Item.update(status="accepted").execute()
    flow.tick(THURSDAY_1605 + timedelta(hours=1))
    flow.tick(THURSDAY_1605 + timedelta(hours=2))
    cancels = flow.outbox(kind="sync_cancelled")
    assert {c.to[0] for c in cancels} == {m.to[0] for m in invites}
    for mail in cancels:
        cal = check_calendar(mail.calendar[0])
        [event] = cal.walk("VEVENT")
        assert str(cal["METHOD"]) == "CANCEL" and str(event["UID"]) == uid
        assert event["SEQUENCE"] == friday_sync.SYNC_CANCEL_SEQUENCE
        assert str(event["STATUS"]) == "CANCELLED"
    zh = next(c for c in cancels if c.to[0] == host.email)
    assert "同步会" in zh.subject and "取消" in zh.text
