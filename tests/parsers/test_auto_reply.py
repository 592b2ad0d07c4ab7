"""Auto-replies by header (RFC 3834 and de-facto headers) and by subject."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsers.auto_reply import is_auto_reply
from parsers.mime import parse_mail
from parsers.reply import read_reply

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replies"
LABELS = {
    **json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8")),
    **json.loads((FIXTURES / "corpus_labels.json").read_text(encoding="utf-8")),
}
AUTO = sorted(n for n, c in LABELS.items() if c["intent"] == "auto_reply")


def load(name: str):
    return parse_mail((FIXTURES / f"{name}.eml").read_bytes())


@pytest.mark.parametrize("name", AUTO)
def test_auto_replies(name):
    mail = load(name)
    assert is_auto_reply(mail)
    reading = read_reply(mail, LABELS[name]["context"])
    assert reading.intent == "auto_reply" and reading.body is None


def test_each_recognition_path_has_a_mail():
    headers = {n: load(n).headers for n in AUTO}
    assert any("auto-submitted" in h for h in headers.values())
    assert any("x-autoreply" in h for h in headers.values())
    assert any("x-autorespond" in h for h in headers.values())
    assert any(h.get("precedence") == "auto_reply" for h in headers.values())
    assert any(
        not {"auto-submitted", "x-autoreply", "x-autorespond", "precedence"} & set(h)
        for h in headers.values()
    )


@pytest.mark.parametrize(
    "subject",
    [
        "自动回复：会议纪要",
        "自动答复: 会议纪要",
        "自動回覆: 驗收",
        "Automatic reply: Minutes",
        "Out of Office: Invite",
        "[Auto-Reply] x",
    ],
)
def test_subjects(subject):
    raw = f"From: a@b.example\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nx\r\n"
    assert is_auto_reply(parse_mail(raw.encode()))


@pytest.mark.parametrize("header", ["Auto-Submitted: no", "Precedence: bulk"])
def test_human_mail_is_not_an_auto_reply(header):
    raw = f"From: a@b.example\r\nSubject: Re: 会议纪要\r\n{header}\r\n\r\n收到\r\n"
    assert not is_auto_reply(parse_mail(raw.encode()))
    assert not is_auto_reply(load("c_r051"))
