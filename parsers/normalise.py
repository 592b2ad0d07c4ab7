"""One normalisation step before any vocabulary looks at a reply (issue 9).

People write the same answer in many scripts: full-width letters and digits, Traditional
characters, Cantonese function words, emoji, circled option numbers.  Rather than doubling
every vocabulary row, the text is brought to one form first:

1. per character: circled and parenthesised digits become separate numbers ("①③" → " 1  3 "),
   answer emoji become words (👍 ✅ ✔️ → "ok", ❌ → "不行", 🙏 → "谢谢"), NFKC turns full-width
   forms into ASCII, everything is lower-cased;
2. Cantonese function words become Mandarin (唔→不, 冇→没有, 係→是, 嗰→那, 咗→了, 睇→看,
   畀→给, 得→可以 where it answers "OK" …);
3. Traditional → Simplified with OpenCC (the reference converter, maintained by its project,
   phrase-aware and fast).

Every character of the result remembers which span of the original produced it, so a name
or topic found in the normalised text is cut from the original "as written".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

# Marks that only modify the previous emoji (variation selectors, joiner, skin tones).
_EMOJI_MODIFIERS = frozenset((0xFE0E, 0xFE0F, 0x200D, 0x20E3, *range(0x1F3FB, 0x1F400)))
# Answer emoji → the word they stand for.
EMOJI_WORDS = {
    "👍": " ok ",
    "👌": " ok ",
    "✅": " ok ",
    "✔": " ok ",
    "☑": " ok ",
    "🆗": " ok ",
    "🙆": " ok ",
    "❌": " 不行 ",
    "❎": " 不行 ",
    "✖": " 不行 ",
    "✗": " 不行 ",
    "✘": " 不行 ",
    "🚫": " 不行 ",
    "🙅": " 不行 ",
    "👎": " 不行 ",
    "🙏": " 谢谢 ",
}
# Circled, parenthesised, full-stop and negative-circled digits 1..20, each its own number.
_CIRCLED_RANGES = (0x2460, 0x2474, 0x2488, 0x24F5, 0x2776, 0x2780, 0x278A)


def _circled(ch: str) -> int | None:
    cp = ord(ch)
    for base in _CIRCLED_RANGES:
        size = 10 if base in (0x24F5, 0x2776, 0x2780, 0x278A) else 20
        if base <= cp < base + size:
            return cp - base + 1
    if 0x3251 <= cp <= 0x325F:  # ㉑..㉟
        return cp - 0x3251 + 21
    return None


# Cantonese written forms → Mandarin, applied in order on the NFKC'd text (before OpenCC,
# which would turn 嗰 into a rare character and 係 into 系).  Traditional and simplified
# spellings both, since people mix them.
CANTONESE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"唔得[閒闲]|冇時間|冇时间", "没空"),
        (r"得唔得", "行不行"),
        (r"搞唔掂|搞唔定", "搞不定"),
        (r"今[個个]", "这个"),
        (r"唔得", "不行"),
        (r"唔[啱岩]", "不对"),
        (r"唔[該该]", "谢谢"),
        (r"唔[喺系]度", "不在"),
        (r"[喺系]度", "在"),
        (r"搞掂|搞定", "搞定"),
        (r"[聽听]日", "明天"),
        (r"[琴尋寻]日", "昨天"),
        (r"[依而]家", "现在"),
        (r"點解|点解", "为什么"),
        (r"點樣|点样", "怎样"),
        (r"乜嘢", "什么"),
        # 得 as an answer ("得", "2同3都得", "得，到時見"), never 得 as a particle ("做得好").
        (r"(?:(?<=[都也就])|(?<![\w]))得(?=\s*(?:$|[,.!?;:~。啦喇呀啊吖嘅囉罗]))", "可以"),
        # 同 between options joins them ("2同3", "第一個同第三個"); 同意 stays.
        (r"(?<=[\d一二三四五六七八九十個个項项])\s*同\s*(?=[\d一二三四五六七八九十第選选])", "和"),
        # 緊 after a verb is the progressive ("寫緊" = writing); 紧张/紧急/抓紧 are not.
        (r"(?<=[\u4e00-\u9fff])(?<![抓要加赶趕很太打收绷繃拉])[緊紧](?![張张急密])", "着"),
        (r"唔", "不"),
        (r"冇", "没有"),
        (r"(?<![關关聯联干體体])係", "是"),
        (r"嗰", "那"),
        (r"咗", "了"),
        (r"睇", "看"),
        (r"畀", "给"),
        (r"哋", "们"),
        (r"佢", "他"),
        (r"嘅", "的"),
        (r"喺", "在"),
        (r"嚟", "来"),
        (r"啲", "些"),
        (r"咁", "这么"),
        (r"嘢", "东西"),
        (r"[遲迟](?=[一兩两幾几\d]?\s*[日天])", "晚"),
    )
)


@dataclass(frozen=True)
class Normalised:
    """The normalised text, and for each of its characters the original span it came from."""

    source: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, start: int, end: int) -> str:
        """The original text behind text[start:end]."""
        if start >= end:
            return ""
        return self.source[self.starts[start] : self.ends[end - 1]]


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.spans: list[tuple[int, int]] = []

    def add(self, piece: str, start: int, end: int) -> None:
        for ch in piece:
            self.chars.append(ch)
            self.spans.append((start, end))


def _characters(text: str) -> _Builder:
    out = _Builder()
    for i, ch in enumerate(text):
        cp = ord(ch)
        if cp < 128:
            out.add(ch.lower(), i, i + 1)
        elif cp in _EMOJI_MODIFIERS:
            continue
        elif ch in EMOJI_WORDS:
            out.add(EMOJI_WORDS[ch], i, i + 1)
        elif (n := _circled(ch)) is not None:
            out.add(f" {n} ", i, i + 1)
        else:
            out.add(unicodedata.normalize("NFKC", ch).lower().replace("ё", "е"), i, i + 1)
    return out


def _rewrite(b: _Builder, pattern: re.Pattern[str], replacement: str) -> _Builder:
    text = "".join(b.chars)
    if not pattern.search(text):
        return b
    out = _Builder()
    pos = 0
    for m in pattern.finditer(text):
        for k in range(pos, m.start()):
            out.chars.append(b.chars[k])
            out.spans.append(b.spans[k])
        if m.end() > m.start():
            out.add(replacement, b.spans[m.start()][0], b.spans[m.end() - 1][1])
        else:  # an empty match inserts nothing
            continue
        pos = m.end()
    out.chars.extend(b.chars[pos:])
    out.spans.extend(b.spans[pos:])
    return out


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _simplified(b: _Builder) -> _Builder:
    text = "".join(b.chars)
    if text.isascii():
        return b
    converted = _converter().convert(text)
    if len(converted) == len(text):
        b.chars = list(converted)
        return b
    out = _Builder()
    for ch, (start, end) in zip(b.chars, b.spans, strict=True):
        out.add(_converter().convert(ch) if ord(ch) > 0x2E7F else ch, start, end)
    return out


def normalise(text: str) -> Normalised:
    """The one form every vocabulary matches (see the module docstring)."""
    b = _characters(text)
    if not "".join(b.chars).isascii():
        for pattern, replacement in CANTONESE:
            b = _rewrite(b, pattern, replacement)
        b = _simplified(b)
    return Normalised(
        text,
        "".join(b.chars),
        tuple(s for s, _ in b.spans),
        tuple(e for _, e in b.spans),
    )
