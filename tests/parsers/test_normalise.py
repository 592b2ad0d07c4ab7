"""The one normalisation step: every script and spelling to one form, spans kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.normalise import normalise


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Ｏｋ，到時見！", "ok,到时见!"),
        ("驗收通過", "验收通过"),
        ("唔好意思，嗰日我冇辦法出席。", "不好意思,那日我没有办法出席。"),
        ("2同3都得", "2和3都可以"),
        ("得，到時見", "可以,到时见"),
        ("係，我會參加", "是,我会参加"),
        ("搞掂咗，已經send咗畀你", "搞定了,已经send了给你"),
        ("嗰日我唔得閒", "那日我没空"),
    ],
)
def test_one_form(text, normal):
    assert normalise(text).text == normal


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("做得好", "做得好"),
        ("同意", "同意"),
        ("關係很好", "关系很好"),
        ("我们都得参加", "我们都得参加"),
    ],
)
def test_mandarin_that_looks_cantonese_is_left_alone(text, normal):
    assert normalise(text).text == normal


def test_emoji_and_circled_digits_become_separate_tokens():
    assert normalise("①③可以").text.split() == ["1", "3", "可以"]
    assert normalise("1 ✔️ 2 ❌ 3 👍🏻").text.split() == ["1", "ok", "2", "不行", "3", "ok"]


def test_spans_cut_the_original_as_written():
    n = normalise("我嗰日唔喺度，派陳志明去。")
    i = n.text.index("陈志明")
    assert n.original(i, i + 3) == "陳志明"
    m = normalise("冇問題")
    assert m.text == "没有问题"
    assert m.original(0, 2) == "冇"


@given(st.text(max_size=200))
def test_every_character_maps_back_into_the_original(text):
    n = normalise(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    assert all(0 <= s < e <= len(text) for s, e in zip(n.starts, n.ends, strict=True))
