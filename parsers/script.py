"""Chinese in either script: Traditional folded to Simplified with OpenCC (the
maintained converter, phrase tables included), so that 陳嘉慧 in the directory
and 陈嘉慧 typed in the minutes are one name. Pure: no database, no network."""

from __future__ import annotations

from functools import cache

import opencc

TO_SIMPLIFIED = "t2s"
# Simplified to Traditional by the Taiwan character standard (为 → 為, 峰 stays
# 峰 in names), characters only: wording is the caller's (templates/zh-Hant).
TO_TRADITIONAL = "s2tw"


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def simplified(text: str) -> str:
    """`text` with Traditional characters written in Simplified (others unchanged)."""
    return _converter(TO_SIMPLIFIED).convert(text) if text else text


def name_key(name: str) -> str:
    """How two written names are compared: one script, one case, no spaces."""
    return "".join(simplified(name or "").split()).casefold()


def traditional(text: str) -> str:
    """`text` written in Traditional characters."""
    return _converter(TO_TRADITIONAL).convert(text) if text else text
