"""Delegation is read whatever the verb (派/让/由…参加, "sending X instead");
a colleague brought along, or the sender themselves, is no delegate."""

import pytest

from parsers.intent import read_intent


@pytest.mark.parametrize(
    ("body", "delegate"),
    [
        ("我派李明参加", "李明"),
        ("我那周出差，派李明参加吧。", "李明"),
        ("这次由李明出席，谢谢！", "李明"),
        ("我让李明参加，有事请直接找他。", "李明"),
        ("I'm sending Kevin Wu instead.", "Kevin Wu"),
    ],
)
def test_any_verb_names_the_delegate(body, delegate):
    reading = read_intent(body, "invite")
    assert (reading.intent, reading.delegate) == ("delegate", delegate)


@pytest.mark.parametrize(
    "body", ["我参加，也让李明一起参加。", "由我参加。", "参加，会议由王敏主持。"]
)
def test_no_delegate_when_nobody_is_sent_instead(body):
    reading = read_intent(body, "invite")
    assert (reading.intent, reading.delegate) == ("accept", None)
