"""Chinese numerals ("十二", "两", "二十五", "一百"): one reading for every parser that
meets a number written in characters (deadlines, poll options, minutes item numbers,
one-line corrections)."""

from __future__ import annotations

ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100}
_ZH_CHARS = frozenset(ZH_DIGITS) | frozenset(_UNITS)


def zh_value(text: str) -> int:
    """The value of the numeral characters in `text`; other characters are passed over."""
    total, cur = 0, 0
    for ch in text:
        if ch in ZH_DIGITS:
            cur = ZH_DIGITS[ch]
        elif ch in _UNITS:
            total += (cur or 1) * _UNITS[ch]
            cur = 0
    return total + cur


def zh_number(text: str) -> int | None:
    """Digits or a Chinese numeral up to the hundreds; None when `text` is neither."""
    if text.isdigit():
        return int(text)
    if not text or not set(text) <= _ZH_CHARS:
        return None
    return zh_value(text)
