"""Jinja2 rendering of the service's mails, one template tree per language.

A mail is `templates/<lang>/<name>.txt`, whose first line is
`Subject: …`, and optionally `<name>.html`; without one the HTML
alternative is the text inside `<lang>/base.html`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    pass_context,
    select_autoescape,
)

import templates

TEMPLATE_DIR = Path(templates.__file__).parent
TRADITIONAL = "zh-Hant"
LANGUAGES = ("zh", "en", TRADITIONAL)
DEFAULT_LANGUAGE = "zh"
# A language written from another's templates: zh-Hant is the zh mail converted
# to Traditional characters (parsers.script), then its own wording applied.
WRITTEN_FROM = {TRADITIONAL: "zh"}
# templates/zh-Hant/wording.txt: "converted => preferred" per line, applied in order.
WORDING_FILE = "wording.txt"
WORDING_ARROW = "=>"
SUBJECT_PREFIX = "Subject:"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


# The context value that names the reader's own time zone (set by the mailer):
# every time a mail shows is in that zone, named when the template meant another.
READER_ZONE = "reader_tz"
ZONE_LOCALES = {"zh": "zh_CN", "en": "en"}


@cache
def zone_name(tz: str, lang: str) -> str:
    """How a reader names a zone: "新加坡时间", "Japan Time"."""
    from babel.dates import get_timezone, get_timezone_location

    return get_timezone_location(get_timezone(tz), locale=ZONE_LOCALES.get(lang, "zh_CN"))


def _fmt_dt(value: datetime | None, tz: str, lang: str, named: bool = False) -> str:
    if value is None:
        return "—"
    local = value.astimezone(ZoneInfo(tz))
    zone = f" {zone_name(tz, lang)}" if named else ""
    if lang == "zh":
        weekday = "一二三四五六日"[local.weekday()]
        return f"{local:%Y-%m-%d}（周{weekday}）{local:%H:%M}{zone}"
    return f"{local:%a %Y-%m-%d %H:%M}{zone}"


@cache
def environment(lang: str) -> Environment:
    """The templates of `lang` (for zh-Hant: those it is written from)."""
    lang = WRITTEN_FROM.get(lang, lang)
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATE_DIR / lang), str(TEMPLATE_DIR)]),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    @pass_context
    def dt(ctx: Any, value: datetime | None, tz: str = "Asia/Shanghai") -> str:
        """A time in the reader's zone when the mailer knows it, else in `tz`; named
        when it is not the zone the template shows (which may say so itself)."""
        reader = ctx.get(READER_ZONE) or tz
        return _fmt_dt(value, reader, lang, named=reader != tz)

    env.filters["dt"] = dt
    return env


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@cache
def wording(lang: str) -> tuple[tuple[str, str], ...]:
    """The (converted, preferred) phrase pairs of a converted language."""
    path = TEMPLATE_DIR / lang / WORDING_FILE
    if not path.exists():
        return ()
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if WORDING_ARROW in line and not line.lstrip().startswith("#"):
            converted, _, preferred = line.partition(WORDING_ARROW)
            pairs.append((converted.strip(), preferred.strip()))
    return tuple(pairs)


def _converted(text: str, lang: str) -> str:
    from parsers.script import traditional

    text = traditional(text)
    for converted, preferred in wording(lang):
        text = text.replace(converted, preferred)
    return text


def render(name: str, lang: str | None, context: dict[str, Any]) -> Rendered:
    """Subject, text and HTML of mail `name` in `lang` (zh when unknown)."""
    lang = language(lang)
    if lang in WRITTEN_FROM:
        base = render(name, WRITTEN_FROM[lang], context)
        return Rendered(
            _converted(base.subject, lang), _converted(base.text, lang), _converted(base.html, lang)
        )
    env = environment(lang)
    text = env.get_template(f"{name}.txt").render(context)
    first, _, body = text.partition("\n")
    if not first.startswith(SUBJECT_PREFIX):
        raise ValueError(f"template {name}.txt must start with '{SUBJECT_PREFIX}'")
    subject = " ".join(first[len(SUBJECT_PREFIX) :].split())
    body = body.lstrip("\n")
    try:
        html = env.get_template(f"{name}.html").render(context, subject=subject)
    except TemplateNotFound:
        html = env.get_template("base.html").render(subject=subject, text=body)
    return Rendered(subject, body, html)
