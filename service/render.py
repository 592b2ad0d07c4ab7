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
    select_autoescape,
)

import templates

TEMPLATE_DIR = Path(templates.__file__).parent
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
SUBJECT_PREFIX = "Subject:"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _fmt_dt(value: datetime | None, tz: str, lang: str) -> str:
    if value is None:
        return "—"
    local = value.astimezone(ZoneInfo(tz))
    if lang == "zh":
        weekday = "一二三四五六日"[local.weekday()]
        return f"{local:%Y-%m-%d}（周{weekday}）{local:%H:%M}"
    return f"{local:%a %Y-%m-%d %H:%M}"


@cache
def environment(lang: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATE_DIR / lang), str(TEMPLATE_DIR)]),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["dt"] = lambda v, tz="Asia/Shanghai": _fmt_dt(v, tz, lang)
    return env


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def render(name: str, lang: str | None, context: dict[str, Any]) -> Rendered:
    """Subject, text and HTML of mail `name` in `lang` (zh when unknown)."""
    env = environment(language(lang))
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
