"""One-line corrections of the minutes by mail from the recorder or host.

"第5条负责人改为刘芳", "T-0006 截止改为10月16日", "删除第3条", "第2条是疑问不是任务"
(parsers.minutes_edit reads them). A correction of a draft makes the next draft,
still to be confirmed; a correction of published minutes is published at once as
the next version (its change list names the item). Either way the writer gets
one short mail saying what changed and what could not be done, and the change
is audited.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from parsers.deadlines import find_deadline_cell
from parsers.minutes_edit import ATTENDANCE, DELETE, DUE, KIND, OWNER, Edit, read_edit, read_edits
from parsers.reply_body import normalise, split_quote
from service.config import Config
from service.mail import Thread, queue_mail
from service.workflows import confirmations
from service.workflows.minutes import (
    THREAD_DRAFT,
    load_changes,
    may_file,
    meeting_end,
    meeting_tz,
    new_version,
    problems,
    published_number,
    raised_by_for,
    requester_for,
    resolve_attendance,
    resolve_owner,
    store_changes,
    version_changes,
)
from service.workflows.registry import Incoming
from store.models import Meeting, MinutesVersion
from store.queries import audit

# why a correction was not made, as templates name it
UNKNOWN_ITEM, OWNER_UNKNOWN, OWNER_AMBIGUOUS, DUE_UNREADABLE = (
    "unknown_item",
    "owner_unknown",
    "owner_ambiguous",
    "due_unreadable",
)


def corrections(inc: Incoming, body: str) -> list[Edit]:
    """The one-line corrections in a reply's new text ([] when it has none). Read above
    the quote but before signatures are cut: a last line naming a person ("第9条负责人
    改为刘芳") looks like a signature to the reply reader, and no signature reads as a
    correction."""
    text = getattr(inc.mail, "text", "") or ""
    new = "\n".join(split_quote(normalise(text))[0]) if text.strip() else body
    return read_edits(new).edits


def corrects_minutes(inc: Incoming, meeting: Meeting) -> bool:
    """Whether `inc` is the recorder's or host's one-line correction of `meeting`'s
    minutes ("T-0006 截止改为10月16日" fixes the minutes, it reports no delay)."""
    return may_file(meeting, inc.sender) and bool(corrections(inc, inc.reading("minutes").body))


def only_corrections(items: list[dict[str, Any]]) -> bool:
    """Whether the minutes reader found nothing but the corrections themselves (it may
    read "删除第3条" under "第2条是疑问不是任务" as a task): else the mail is new minutes."""
    return all(read_edit(i.get("text") or "") is not None for i in items)


def _find(items: list[dict[str, Any]], edit: Edit) -> dict[str, Any] | None:
    for item in items:
        if (edit.ref and item.get("ref") == edit.ref) or (edit.n and item.get("n") == edit.n):
            return item
    return None


def _apply(
    cfg: Config, meeting: Meeting, items: list[dict[str, Any]], edit: Edit
) -> tuple[list[dict[str, Any]], str]:
    """`items` with `edit` made, or unchanged and the reason it could not be."""
    target = _find(items, edit)
    if target is None:
        return items, UNKNOWN_ITEM
    if edit.field == DELETE:
        return [i for i in items if i is not target], ""
    item = dict(target)
    if edit.field == OWNER:
        res = resolve_owner(meeting, edit.value)
        if res.person is None:
            return items, OWNER_AMBIGUOUS if res.problem == "ambiguous" else OWNER_UNKNOWN
        owner = res.person
        item.update(
            owner_text=edit.value,
            owner_id=owner.id,
            owner_name=owner.name,
            company=owner.company.name if owner.company else "",
            problem="",
            candidates=[],
        )
        if item["kind"] != "question":
            requester = requester_for(meeting, item["text"], owner)
            item["requester_id"] = requester.id if requester else None
    elif edit.field == DUE:
        from service.business import calendar_for

        found = find_deadline_cell(edit.value, meeting_end(meeting, cfg), calendar_for(cfg))
        if found is None or found.due is None:
            return items, DUE_UNREADABLE
        item.update(due=found.due.isoformat(timespec="seconds"), due_error="")
    elif edit.field == KIND:
        item["kind"] = edit.value
        if edit.value == "question":
            raised = raised_by_for(meeting, item["text"])
            item["raised_by_id"] = item["requester_id"] = raised.id if raised else None
        if edit.value == "task" and not item.get("owner_id"):
            item["problem"] = "no_owner"
    return [item if i is target else i for i in items], ""


def apply_corrections(inc: Incoming, version: MinutesVersion, edits: list[Edit]) -> None:
    """Make `edits` to the newest version of `version`'s minutes; tell the writer."""
    cfg, now, person = inc.config, inc.now, inc.sender
    meeting = version.meeting
    current = (
        MinutesVersion.select()
        .where(MinutesVersion.meeting == meeting, MinutesVersion.status != "superseded")
        .order_by(MinutesVersion.version.desc())
        .first()
    ) or version
    items = [dict(i) for i in current.items]
    attendance = current.attendance
    refused = []
    for edit in edits:
        if edit.field == ATTENDANCE:
            attendance = resolve_attendance(meeting, edit.names)
            continue
        items, why = _apply(cfg, meeting, items, edit)
        if why:
            refused.append({"edit": edit, "reason": why})
    published = current.sent_at is not None
    new = None
    if items != current.items or attendance != current.attendance:
        new = new_version(
            meeting, person, items, current.body, inc.message, now, current, attendance=attendance
        )
        if published and not problems(items):
            confirmations.send_formal(cfg, new, now, person, inc.message)
    audit(
        "minutes.corrected",
        at=now,
        actor=person,
        obj=new or current,
        detail={
            "meeting": meeting.ref,
            "edits": [asdict(e) for e in edits],
            "refused": [{**asdict(r["edit"]), "reason": r["reason"]} for r in refused],
            "published": bool(new and new.sent_at),
        },
        message=inc.message,
    )
    shown = new or current
    queue_mail(
        cfg,
        key=f"minutes-corrected:{inc.message.id if inc.message else now.isoformat()}",
        to=person,
        template="minutes_corrected",
        context={
            "meeting": meeting,
            "minutes": shown,
            "number": published_number(shown),
            "changes": load_changes_between(current, new),
            "refused": refused,
            "published": bool(new and new.sent_at),
            "problems": problems(shown.items) if new else [],
            "tz": meeting_tz(meeting, cfg),
        },
        now=now,
        thread=Thread(THREAD_DRAFT, shown.id),
        meeting=meeting,
    )


def load_changes_between(old: MinutesVersion, new: MinutesVersion | None) -> list[dict[str, Any]]:
    """What this correction changed (not the whole change list since the last publication)."""
    if new is None:
        return []
    scratch = MinutesVersion(changes=store_changes(version_changes(old, new.items, new.attendance)))
    return load_changes(scratch)
