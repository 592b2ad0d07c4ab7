"""Chinese numerals, read once for deadlines, poll options, minutes numbers and corrections."""

import pytest

from parsers.numerals import zh_number, zh_value


@pytest.mark.parametrize(
    ("text", "value"),
    [("三", 3), ("两", 2), ("兩", 2), ("十", 10), ("十二", 12), ("二十", 20), ("二十五", 25),
     ("一百", 100), ("百", 100), ("零", 0), ("12", 12)],
)  # fmt: skip
def test_numerals_and_digits(text, value):
    assert zh_number(text) == value


@pytest.mark.parametrize("text", ["", "three", "第三", "3个"])
def test_anything_else_is_no_number(text):
    assert zh_number(text) is None


def test_the_value_passes_over_other_characters():
    assert zh_value("两个") == 2
