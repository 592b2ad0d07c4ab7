"""Charset handling for the mail people actually send.

Chinese clients label GBK text as gb2312 and Big5 text with HKSCS characters
as big5, and some send raw 8-bit headers with no label at all.  Decoding
through the supersets (GB18030, Big5-HKSCS) and falling back through a short
list of likely charsets reads all of them without ever raising.
"""

from __future__ import annotations

import binascii
import codecs
import email.errors
import email.header
from email.header import Header

# Real-world labels that Python's codec registry does not know.
ALIASES: dict[str, str] = {
    "x-gbk": "gbk",
    "gb_2312-80": "gb2312",
    "gb_2312": "gb2312",
    "csgb2312": "gb2312",
    "x-euc-cn": "gb2312",
    "euc-cn": "gb2312",
    "windows-936": "gbk",
    "cp936": "gbk",
    "x-big5": "big5",
    "big-5": "big5",
    "x-x-big5": "big5",
    "cn-big5": "big5",
    "unicode-1-1-utf-7": "utf-7",
    "x-unknown": "",
    "unknown-8bit": "",
    "x-user-defined": "",
    "default": "",
}

# Labels read as their superset: the text is never wrong, only more is readable.
UPGRADE: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
}

# What unlabelled or mislabelled bytes most likely are, in order of trial.
FALLBACKS: tuple[str, ...] = ("utf-8", "gb18030", "big5hkscs")


def norm_charset(label: object) -> str | None:
    """Python codec name for a MIME charset label, upgraded to its superset; None if unknown."""
    if not label:
        return None
    text = str(label).strip().strip('"').strip("'").lower()
    text = ALIASES.get(text, text)
    if not text:
        return None
    try:
        name = codecs.lookup(text).name
    except LookupError:
        return None
    return UPGRADE.get(name, name)


def decode_bytes(data: bytes, label: object = None) -> str:
    """Decode bytes by their label, else by the likely charsets; never raises."""
    if not data:
        return ""
    tried: list[str] = []
    for cs in (norm_charset(label), *FALLBACKS):
        if cs and cs not in tried:
            tried.append(cs)
            try:
                return data.decode(cs)
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode(tried[0], "replace")


def _to_bytes(text: str) -> bytes | None:
    """Raw bytes behind a compat32 header string (8-bit bytes kept as surrogates)."""
    try:
        return text.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return None


def decode_header_value(value: object) -> str:
    """Decode a header value: RFC 2047 words (even split mid-character) and raw 8-bit bytes."""
    if value is None:
        return ""
    if isinstance(value, Header):
        chunks = email.header.decode_header(value)
    else:
        value = str(value)
        if "=?" not in value:
            raw = _to_bytes(value)
            return _unfold(decode_bytes(raw) if raw is not None else value)
        try:
            chunks = email.header.decode_header(value)
        except (email.errors.HeaderParseError, binascii.Error, ValueError):
            raw = _to_bytes(value)
            return _unfold(decode_bytes(raw) if raw is not None else value)
    out: list[str] = []
    for chunk, cs in chunks:
        if isinstance(chunk, str):
            raw = _to_bytes(chunk)
            out.append(chunk if raw is None else decode_bytes(raw))
        else:
            out.append(decode_bytes(chunk, cs))
    return _unfold("".join(out))


def _unfold(text: str) -> str:
    """Header folding (CRLF + white space) is not part of the value."""
    return (
        " ".join(text.replace("\r", "").replace("\n", " ").split())
        if "\n" in text
        else text.strip()
    )
