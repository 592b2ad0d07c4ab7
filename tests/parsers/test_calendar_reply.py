"""iTIP REPLY parts: PARTSTAT decides an invitation reply; the comment is the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.calendar_reply import read_calendar_reply
from parsers.mime import parse_mail
from parsers.reply import read_reply

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replies"


def load(name: str):
    return parse_mail((FIXTURES / f"{name}.eml").read_bytes())


def test_outlook_accept_with_comment():
    mail = load("c_r022")
    reply = read_calendar_reply(mail.calendar_parts, mail.from_addr)
    assert reply is not None
    assert reply.partstat == "ACCEPTED" and reply.intent == "accept"
    assert reply.attendee == "zhoutao@chengchuan.example.cn"
    assert reply.uid == "meetloop-inv.t5-20260605112000@meetloop.example.com"
    assert reply.sequence == 0
    assert reply.comment == "准时参加，我会准备第3章的大纲。"


def test_apple_tentative_mixed_case_mailto_and_sequence():
    mail = load("apple_ical_tentative")
    reply = read_calendar_reply(mail.calendar_parts, mail.from_addr)
    assert reply.attendee == "mark.lee@example.com"
    assert reply.partstat == "TENTATIVE"
    assert reply.sequence == 2


def test_delegated_names_the_substitute():
    mail = load("c_r026")
    reply = read_calendar_reply(mail.calendar_parts, mail.from_addr)
    assert reply.partstat == "DELEGATED"
    assert reply.delegated_to == "linhao@yunxiu.example.cn"
    reading = read_reply(mail, "invite")
    assert (reading.intent, reading.delegate, reading.body) == (
        "delegate",
        "linhao@yunxiu.example.cn",
        "",
    )


@pytest.mark.parametrize(
    ("name", "intent", "body"),
    [
        ("c_r022", "accept", "准时参加，我会准备第3章的大纲。"),
        (
            "c_r023",
            "tentative",
            "Depends on a client call that may overrun; I'll confirm on the day.",
        ),
        ("c_r025", "accept", ""),  # Google's generated text is not something the sender wrote
        ("apple_ical_tentative", "tentative", ""),
    ],
)
def test_partstat_decides_the_invite_reply(name, intent, body):
    reading = read_reply(load(name), "invite")
    assert reading.intent == intent
    assert reading.body == body


def test_no_reply_method_no_reading():
    request = (
        b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:a@b.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert read_calendar_reply([request]) is None
    assert read_calendar_reply([b"not a calendar at all"]) is None
