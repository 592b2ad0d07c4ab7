"""Bounces: RFC 3464 reports and the common non-standard ones, with the failed address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers.bounce import read_bounce
from parsers.mime import parse_mail
from parsers.reply import read_reply

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replies"
LABELS = {
    **json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8")),
    **json.loads((FIXTURES / "corpus_labels.json").read_text(encoding="utf-8")),
}
BOUNCES = sorted(n for n, c in LABELS.items() if c["intent"] == "bounce")


def load(name: str):
    return parse_mail((FIXTURES / f"{name}.eml").read_bytes())


def test_fixtures_cover_standard_and_non_standard_bounces():
    assert {"c_r132", "c_r133", "c_r134", "c_r135", "c_r136"} <= set(BOUNCES)
    assert {"bounce_qmail", "bounce_exim", "bounce_exchange_legacy", "bounce_aliyun_zh"} <= set(
        BOUNCES
    )


@pytest.mark.parametrize("name", BOUNCES)
def test_failed_recipient_lower_case(name):
    bounce = read_bounce(load(name))
    assert bounce is not None
    assert bounce.failed_recipient == LABELS[name]["failed_recipient"].lower()


@pytest.mark.parametrize("name", BOUNCES)
def test_bounce_wins_over_auto_submitted(name):
    reading = read_reply(load(name), LABELS[name]["context"])
    assert reading.intent == "bounce"
    assert reading.body is None


def test_dsn_status_and_diagnostic():
    bounce = read_bounce(load("c_r136"))
    assert bounce.status == "5.2.2"
    assert "Mailbox full" in bounce.diagnostic


@pytest.mark.parametrize("name", ["not_bounce_person", "c_r001", "c_r124"])
def test_other_mail_is_not_a_bounce(name):
    assert read_bounce(load(name)) is None


def test_delayed_dsn_is_not_a_failure():
    raw = (
        b"From: MAILER-DAEMON@mx.example.net\r\nTo: a@meetloop.example.com\r\nSubject: Delayed Mail\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nStill trying.\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns;mx\r\n\r\n"
        b"Final-Recipient: rfc822;x@y.example\r\nAction: delayed\r\nStatus: 4.4.1\r\n\r\n--b--\r\n"
    )
    assert read_bounce(parse_mail(raw)) is None
