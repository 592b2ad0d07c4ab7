"""Every template renders in every language with every optional value absent.

Rendering uses the service's own environment (StrictUndefined), so a template
that reads a field its caller may leave out fails here, not in a user's mail.
Each template gets only the variables it names (following includes), set to
their leanest value: objects carry their always-present fields with optional
ones None or empty, list entries carry only their required keys. A template
that names a variable this table does not know fails too: add it here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from jinja2 import meta

from parsers.script import traditional
from service.render import (
    LANGUAGES,
    SUBJECT_PREFIX,
    TEMPLATE_DIR,
    WRITTEN_FROM,
    environment,
    render,
)

WHEN = datetime(2026, 10, 9, 6, 0, tzinfo=UTC)
COMPANY = NS(name="宁德电池")
PERSON = NS(name="陈工", email="chen@ningde.example.cn", company=None, title="", tier="execution")
MEETING = NS(
    ref="M-0001",
    title="质量评审会",
    goal="",
    background="",
    host=None,
    recorder=None,
    start_at=None,
    end_at=None,
    duration_minutes=60,
    equipment_check=False,
    format="online",
    link="",
    room="",
)
MINUTES = NS(version=1, changes="", recorder=None, window_ends_at=None, sent_at=None)
# a minutes entry as the reader gives it before owners and references exist
ENTRY = {
    "n": 1,
    "kind": "decision",
    "text": "B2609批次电芯暂停使用。",
    "title": "B2609批次电芯暂停使用。",
}
ITEM = NS(
    ref="T-0001",
    kind="task",
    text="提交8D报告",
    title="8D报告",
    status="open",
    percent=0,
    due_at=None,
    owner=None,
    requester=None,
)
ROW = {
    "no": 1,
    "ref": "T-0001",
    "title": "8D报告",
    "owner": "陈工",
    "company": "",
    "due": "",
    "status": "",
    "percent": "",
    "last_update": "",
    "overdue": 0,
    "overdue_flag": "",
    "name": "陈工",
    "email": "chen@ningde.example.cn",
}

# the leanest value of every variable a template names
LEAN: dict[str, object] = {
    "recipient": NS(name="陈工", address="chen@ningde.example.cn", language="zh", person=None),
    "service": NS(address="meet@alliance.example.cn", name=""),
    "lang": "zh",
    "meeting": MEETING,
    "minutes": MINUTES,
    "number": 2,
    "changes": [
        {"change": "added", "n": 1, "kind": "task", "text": "提交8D报告"},
        {
            "change": "changed",
            "n": 2,
            "kind": "task",
            "text": "提交8D报告",
            "fields": [
                {"field": "kind", "old": "task", "new": "question"},
                {"field": "owner", "old": "", "new": "刘芳"},
                {"field": "due", "old": None, "new": WHEN},
            ],
        },
    ],
    "ref": "M-0001",
    "title": "质量评审会",
    "tz": "Asia/Shanghai",
    "subject": "",
    "text": "",
    "unread": ["王工跟进一下供应商的事"],
    "body": "",
    "state": "",
    "refusals": [{"address": "chen@ningde.example.cn", "subject": "", "id": 1, "reply": ""}],
    "item": ITEM,
    "by": PERSON,
    "who": PERSON,
    "person": PERSON,
    "asker": PERSON,
    "about": ITEM,
    "holiday_skipped": None,
    "zone_label": "",
    "objector": PERSON,
    "host": PERSON,
    "recorder": PERSON,
    "delegate": PERSON,
    "company": "",
    "owner_name": "",
    "items": [ENTRY],
    "decisions": [ENTRY],
    "tasks": [{**ENTRY, "kind": "task"}],
    "questions": [{**ENTRY, "kind": "question"}],
    "problems": [],
    "lacking": [],
    "rows": [ROW],
    "headers": ["序号", "事项"],
    "by_company": {},
    "agenda": [],
    "companies": [],
    "files": [],
    "materials": [],
    "options": [],
    "ranking": [],
    "accepted": [],
    "declined": [],
    "tentative": [],
    "waiting": [],
    "topics": [],
    "gap_list": [],
    "gaps": [],
    "errors": [],
    "names": [],
    "people": [],
    "checklist": [],
    "added": ["张三"],
    "removed": [],
    "tiers": [],
    "guessed": ["张三"],
    "carried": [],
    "superseded": False,
    "proposed": WHEN,
    "comment": "",
    "marks": {},
    "time_moved": False,
    "refused": [],
    "published": False,
    "acks": 0,
    "answered": 0,
    "asked": 0,
    "required_weight": 1,
    "best": 1,
    "open_count": 0,
    "days": 0,
    "hours": 24,
    "window_hours": 12,
    "limit_mb": 25,
    "window_open": False,
    "online": False,
    "approved": False,
    "start": None,
    "end": None,
    "due": None,
    "new_due": None,
    "old_due": None,
    "deadline": None,
    "week": "",
    "link": "",
    "location": "",
    "reason": "",
    "note": "",
    "answer": "",
    "question": "",
    "topic": "",
    "answerers": "",
    "context": "",
    "understood": "",
    "error": "",
    "address": "",
    "original_subject": "",
    "what": "",
    "who_can_act": "",
    "host_name": "",
    "series": "",
    "series_title": "",
    "retro": NS(worked="", improve=""),
    "message": NS(id=1, subject="", sender="", attempts=1),
}


# where one name means another thing: the Friday sync's questions are table rows
LEAN_FOR = {
    "sync_invite": {"questions": [ROW]},
    # a meeting update's changes are of the meeting, not of the minutes
    "_changes": {"changes": [{"what": "time", "old": WHEN, "new": WHEN}]},
    "update": {"changes": [{"what": "time", "old": WHEN, "new": WHEN}]},
    "minutes_corrected": {
        "refused": [{"edit": NS(ref=None, n=3, value="刘芳"), "reason": "owner_unknown"}]
    },
}


def _templates() -> list[tuple[str, str]]:
    return [
        (lang, path.name)
        for lang in LANGUAGES  # zh-Hant: the zh templates, converted
        for path in sorted((TEMPLATE_DIR / WRITTEN_FROM.get(lang, lang)).iterdir())
        if path.suffix in (".txt", ".html")
    ]


def _names(lang: str, name: str, seen: set[str] | None = None) -> set[str]:
    """The variables `name` reads, with those of the templates it includes or extends."""
    seen = seen if seen is not None else set()
    if name in seen:
        return set()
    seen.add(name)
    env = environment(lang)
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    found = set(meta.find_undeclared_variables(tree))
    for other in meta.find_referenced_templates(tree):
        if other:
            found |= _names(lang, other, seen)
    return found


@pytest.mark.parametrize(("lang", "name"), _templates())
def test_renders_with_every_optional_value_absent(lang, name):
    wanted = _names(lang, name)
    unknown = wanted - LEAN.keys()
    assert not unknown, f"{lang}/{name} reads {sorted(unknown)}: give them a lean value in LEAN"
    stem = Path(name).stem
    context = {key: LEAN[key] for key in wanted} | LEAN_FOR.get(stem, {})
    if name.endswith(".txt") and not name.startswith("_"):
        rendered = render(stem, lang, context)
        assert rendered.subject and rendered.text.strip()
        assert not rendered.subject.startswith(SUBJECT_PREFIX)
    else:
        # a part included by other mails, or an HTML alternative
        part = environment(lang).get_template(name).render(context, subject="s", text="t")
        assert part.strip() or name.startswith("_")  # a part may hold only macros


@pytest.mark.parametrize("kind", ["decision", "task", "question"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_minutes_with_bare_items_of_each_kind(lang, kind):
    """An item with only its kind and text (no owner, reference or deadline) in every
    minutes mail: the draft, the formal minutes (text and HTML)."""
    entry = {**ENTRY, "kind": kind}
    context = {key: LEAN[key] for key in _names(lang, "minutes_formal.txt")}
    context.update(decisions=[], tasks=[], questions=[])
    context[{"decision": "decisions", "task": "tasks", "question": "questions"}[kind]] = [entry]
    formal = render("minutes_formal", lang, context)
    shown = traditional(entry["text"]) if lang in WRITTEN_FROM else entry["text"]
    assert shown in formal.text and shown in formal.html
    draft = render("minutes_draft", lang, {**context, "items": [entry], "problems": []})
    assert shown in draft.text
