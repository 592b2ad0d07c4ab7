"""Invitations: the iCalendar object (RFC 5545/5546) and the MIME structure clients need."""

import email
import email.policy
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from service import meetings
from service.workflows import invitations
from store.models import Outbox
from tests.support.before_meeting import guide_meeting, make_directory

NOW = datetime(2026, 9, 20, 2, 0, tzinfo=UTC)
START = datetime(2026, 10, 9, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
REQUIRED_VEVENT = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "ORGANIZER", "SUMMARY")


def _mail_to(person, kind):
    row = (
        Outbox.select()
        .where((Outbox.person == person) & (Outbox.kind == kind))
        .order_by(Outbox.id.desc())
        .first()
    )
    return row, email.message_from_bytes(row.raw, policy=email.policy.default)


def _calendar(msg):
    parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0], Calendar.from_ical(parts[0].get_content())


def test_invitation_is_an_itip_request_clients_show_buttons_for(cfg, store):
    d = make_directory()
    m = guide_meeting(cfg, d, NOW)
    meetings.add_attendee(cfg, m, d.berlin_boss, now=NOW, actor="cli", required=False)
    sent = invitations.schedule(cfg, m, START, now=NOW, actor="cli")
    assert sent == 8  # host, recorder and six attendees, one mail each
    row, msg = _mail_to(d.berlin_boss, "invitation")
    # multipart/mixed → alternative(text, html, calendar;method=REQUEST) + invite.ics
    assert msg.get_content_type() == "multipart/mixed"
    alternative, ics_file = msg.get_payload()
    assert [p.get_content_type() for p in alternative.get_payload()] == [
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    part, cal = _calendar(msg)
    assert part.get_param("method") == "REQUEST" == str(cal["METHOD"])
    assert ics_file.get_filename() == "invite.ics"
    assert Calendar.from_ical(ics_file.get_payload(decode=True))["METHOD"] == "REQUEST"
    assert cal["VERSION"] == "2.0" and "PRODID" in cal
    [event] = cal.events
    for prop in REQUIRED_VEVENT:
        assert prop in event, prop
    assert str(event["UID"]) == m.ical_uid and event.sequence == 0
    assert event.start == START and (event.end - event.start).total_seconds() == 90 * 60
    assert cal.timezones and str(cal.timezones[0]["TZID"]) == "Asia/Shanghai"
    assert str(event["ORGANIZER"]).lower() == "mailto:meet@alliance.example.cn"
    assert "meet.example.cn/j/8842" in str(event["LOCATION"])
    me = [a for a in event.attendees if a.email.lower() == d.berlin_boss.email]
    assert me and me[0].params["RSVP"] == "TRUE" and me[0].params["PARTSTAT"] == "NEEDS-ACTION"
    assert me[0].params["ROLE"] == "OPT-PARTICIPANT" and me[0].params["CN"] == "Anna Berger"
    # English recipient: English subject and body, times in Berlin
    assert row.subject == f"[{m.ref}] Invitation: 联合营销方案对齐会"
    text = alternative.get_payload()[0].get_content()
    assert "When: Fri 2026-10-09 08:00 – Fri 2026-10-09 09:30 (Europe/Berlin)" in text
    assert "08:20–09:00  联合营销方案讲解" in text  # the agenda in her zone
    # nobody's address in the body: names only
    assert "chen.ceo@" not in text and "chen.ceo@" not in alternative.get_payload()[1].get_content()


def test_chinese_recipient_and_move_and_cancel(cfg, store):
    d = make_directory()
    m = guide_meeting(cfg, d, NOW)
    invitations.schedule(cfg, m, START, now=NOW, actor="cli")
    row, msg = _mail_to(d.yi_pm, "invitation")
    assert row.subject == f"[{m.ref}] 会议邀请：联合营销方案对齐会"
    text = msg.get_body(("plain",)).get_content()
    assert "乙方（星河数据）" in text and "决策层" in text
    assert "14:00–14:20  背景与目标" in text  # Singapore shares Shanghai's offset
    # a move is an update with the same UID and a higher SEQUENCE
    invitations.schedule(cfg, m, START.replace(day=12), now=NOW, actor="cli")
    _, update = _mail_to(d.yi_pm, "update")
    _, cal = _calendar(update)
    assert str(cal.events[0]["UID"]) == m.ical_uid and cal.events[0].sequence == 1
    invitations.cancel(cfg, m, now=NOW, actor="cli", reason="方案延期")
    _, cancel = _mail_to(d.yi_pm, "cancellation")
    part, cal = _calendar(cancel)
    assert part.get_param("method") == "CANCEL" == str(cal["METHOD"])
    assert str(cal.events[0]["STATUS"]) == "CANCELLED" and cal.events[0].sequence == 2
    assert Outbox.select().where(Outbox.kind == "cancellation").count() == 7
    assert meetings.get_meeting(m.ref).status == "cancelled"


def test_scheduling_again_at_the_same_time_sends_nothing_new(cfg, store):
    d = make_directory()
    m = guide_meeting(cfg, d, NOW)
    invitations.schedule(cfg, m, START, now=NOW, actor="cli")
    assert invitations.send_invitations(cfg, m, now=NOW) == 0


def test_cc_only_gets_the_calendar_without_rsvp_and_others_do_not_list_them(cfg, store):
    d = make_directory()
    m = guide_meeting(cfg, d, NOW)
    meetings.add_attendee(cfg, m, d.berlin_boss, now=NOW, actor="cli", role="cc")
    invitations.schedule(cfg, m, START, now=NOW, actor="cli")
    _, msg = _mail_to(d.berlin_boss, "invitation")
    _, cal = _calendar(msg)
    [me] = [a for a in cal.events[0].attendees if a.email.lower() == d.berlin_boss.email]
    assert me.params["ROLE"] == "NON-PARTICIPANT" and me.params["RSVP"] == "FALSE"
    _, other = _mail_to(d.yi_pm, "invitation")
    _, cal = _calendar(other)
    assert d.berlin_boss.email not in [a.email.lower() for a in cal.events[0].attendees]


def _headers(raw: bytes) -> list[str]:
    """The top-level header names of a raw message, in order, repeats kept."""
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    return [line.split(b":", 1)[0].decode() for line in head.splitlines() if line[:1].isalpha()]


def test_calendar_part_header_is_the_one_outlook_and_gmail_write(cfg, store):
    d = make_directory()
    m = guide_meeting(cfg, d, NOW)
    invitations.schedule(cfg, m, START, now=NOW, actor="cli")
    invitations.cancel(cfg, m, now=NOW, actor="cli")
    for kind, method in (("invitation", "REQUEST"), ("cancellation", "CANCEL")):
        row, msg = _mail_to(d.yi_boss, kind)
        # one MIME-Version and one Content-Type at the top, as RFC 2045 wants
        names = _headers(row.raw)
        assert names.count("MIME-Version") == 1 and names.count("Content-Type") == 1
        [line] = [
            line
            for line in row.raw.decode("ascii").splitlines()
            if line.lower().startswith("content-type: text/calendar")
        ]
        assert line == f'Content-Type: text/calendar; charset="utf-8"; method={method}'
        # the inline part is the alternative's last (the richest) part; the file is
        # the same object for clients that only offer attachments
        alternative, ics_file = msg.get_payload()
        assert alternative.get_payload()[-1].get_content_type() == "text/calendar"
        assert ics_file.get_content_type() == "application/ics"
        assert ics_file.get_content_disposition() == "attachment"
        assert ics_file.get_payload(decode=True) == alternative.get_payload()[-1].get_payload(
            decode=True
        )
