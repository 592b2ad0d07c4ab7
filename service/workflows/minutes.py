"""Minutes in: the recorder (or host) mails the minutes; the service reads the
decisions, tasks and questions, finds each owner among the attendees and the
directory, and sends the draft back to be confirmed ("确认") or corrected by
replying with a new version (or one line: see minutes_edits). Readers only see
published versions, numbered from 1; a correction, even after publication, is a
draft to the recorder first. Owners it cannot find, or finds several of, are
asked back in that one mail: nothing is guessed silently. Minutes that do not
arrive by T + minutes_due_hours are chased: the recorder, then the host.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from parsers.script import name_key
from service import meetings
from service.config import Config
from service.mail import Thread, queue_mail
from service.workflows.registry import Incoming, handles, intake, tick_rule
from service.workflows.tracking import attendees, meeting_tz
from store.db import write_txn
from store.models import (
    InboundMessage,
    Meeting,
    MeetingCompany,
    MinutesVersion,
    Outbox,
    Participant,
    Person,
    StoredFile,
)
from store.queries import audit

log = logging.getLogger(__name__)

THREAD_DUE = "minutesdue"  # replies carry the minutes of a meeting
THREAD_DRAFT = "mdraft"  # replies confirm or correct one version
THREAD_MINUTES = "minutes"  # replies to the formal minutes: ack or objection
TAG = re.compile(r"\[(M-\d{4,})\]", re.I)
PARTY = re.compile(r"^([甲乙丙丁戊]方)(.*)$")
TITLE_QUOTE = re.compile(r"《[^》]{1,60}》")
TITLE_CHARS = 30
CJK = re.compile(r"[\u4e00-\u9fff]")
# words after which a party names who the item is for: "同步给乙方技术团队"
FOR_PARTY = re.compile(r"(?:给|向|交给|提交给|同步给|发给|提供给|for)\s*([甲乙丙丁戊]方)")
RAISED_BY_PARTY = re.compile(r"([甲乙丙丁戊]方)[^，。,；;]{0,6}(?:提出|提问|问)")
# meetings whose minutes are still chased after they ended
MINUTES_CHASE_DAYS = 30
# owner problems that keep a draft from being confirmed
BLOCKING = ("unresolved", "ambiguous", "no_owner", "party_no_lead")


# -- owners -------------------------------------------------------------------------
@dataclasses.dataclass
class Resolution:
    person: Person | None = None
    problem: str = ""  # "" or one of BLOCKING
    candidates: list[Person] = dataclasses.field(default_factory=list)


def _match(people: list[Person], text: str) -> list[Person]:
    """People named `text` (in either Chinese script), else titled `text`, else
    whose title contains it."""
    low = text.lower()
    name = name_key(text)
    for test in (
        lambda p: name_key(p.name) == name or p.email.lower() == low,
        lambda p: (p.title or "").lower() == low,
        lambda p: bool(p.title) and (low in p.title.lower() or p.title.lower() in low),
    ):
        found = [p for p in people if test(p)]
        if found:
            return found
    return []


def party_company(meeting: Meeting, party: str) -> Any:
    row = (
        MeetingCompany.select()
        .where(MeetingCompany.meeting == meeting, MeetingCompany.party == party)
        .first()
    )
    return row.company if row else None


def party_lead(meeting: Meeting, company: Any, tiers=("execution",)) -> Resolution:
    people = [p for p in attendees(meeting) if p.company_id == company.id and p.tier in tiers]
    if len(people) == 1:
        return Resolution(people[0])
    if len(people) > 1:
        return Resolution(None, "ambiguous", people)
    return Resolution(None, "party_no_lead")


def resolve_owner(meeting: Meeting, written: str | None) -> Resolution:
    """The one person `written` names, or why there is none."""
    text = (written or "").strip().strip("*＊").strip()
    if not text:
        return Resolution(None, "no_owner")
    people = attendees(meeting)
    company = None
    party = PARTY.match(text)
    if party:
        company = party_company(meeting, party.group(1))
        rest = party.group(2).strip()
        if company is None:
            return Resolution(None, "unresolved")
        if not rest:
            return party_lead(meeting, company)
        text = rest
        people = [p for p in people if p.company_id == company.id]
    found = _match(people, text)
    if not found:
        directory = list(Person.select().where(Person.active == True))  # noqa: E712
        if company is not None:
            directory = [p for p in directory if p.company_id == company.id]
        found = _match(directory, text)
    if len(found) == 1:
        return Resolution(found[0])
    if len(found) > 1:
        return Resolution(None, "ambiguous", found)
    return Resolution(None, "unresolved")


def _party_person(meeting: Meeting, party: str, tiers: tuple[str, ...]) -> Person | None:
    company = party_company(meeting, party)
    if company is None:
        return None
    people = [p for p in attendees(meeting) if p.company_id == company.id]
    for tier in tiers:
        for p in people:
            if p.tier == tier:
                return p
    return people[0] if people else None


def requester_for(meeting: Meeting, text: str, owner: Person | None) -> Person | None:
    """Who accepts the item: a party the text hands it to, else the host; when
    the host owns it, a decision-maker of the host's side (never the owner)."""
    for party in FOR_PARTY.findall(text):
        person = _party_person(meeting, party, ("execution", "decision"))
        if person and not (owner and person.company_id == owner.company_id):
            return person
    if meeting.host is not None and not (owner and owner.id == meeting.host_id):
        return meeting.host
    deciders = [p for p in attendees(meeting) if p.tier == "decision" and p != owner]
    same_side = [p for p in deciders if meeting.host and p.company_id == meeting.host.company_id]
    return (same_side or deciders or [meeting.host])[0]


def raised_by_for(meeting: Meeting, text: str) -> Person | None:
    m = RAISED_BY_PARTY.search(text)
    if m:
        person = _party_person(meeting, m.group(1), ("decision", "execution"))
        if person:
            return person
    return meeting.host


def title_of(text: str) -> str:
    m = TITLE_QUOTE.search(text)
    if m:
        return m.group(0)
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime) else str(value)


def item_numbers(parsed: list[dict[str, Any]]) -> list[int]:
    """The recorder's own 序号 when every item has one and none repeats (the recorder
    will say "第5条" meaning their 5); else 1, 2, 3… in the order written."""
    numbers = [raw.get("number") for raw in parsed]
    if all(isinstance(n, int) for n in numbers) and len(set(numbers)) == len(numbers):
        return numbers
    return list(range(1, len(parsed) + 1))


def draft_items(meeting: Meeting, parsed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The parser's items with owners resolved, as stored in MinutesVersion.items."""
    out = []
    for n, raw in zip(item_numbers(parsed), parsed, strict=True):
        kind, text = raw.get("kind", "task"), (raw.get("text") or "").strip()
        owner_text = (raw.get("owner") or "").strip()
        needs_owner = kind == "task" or bool(owner_text)
        res = resolve_owner(meeting, owner_text) if needs_owner else Resolution()
        owner = res.person
        requester = raised = None
        if kind == "question":
            raised = raised_by_for(meeting, text)
            requester = raised
        elif owner is not None:
            requester = requester_for(meeting, text, owner)
        out.append(
            {
                "n": n,
                "kind": kind,
                "text": text,
                "title": title_of(raw.get("title") or text),
                "summary": raw.get("title") or text,  # without owner and deadline wording
                "owner_text": owner_text,
                "owner_id": owner.id if owner else None,
                "owner_name": owner.name if owner else "",
                "company": owner.company.name if owner and owner.company else "",
                "due": _iso(raw.get("due")),
                "due_error": raw.get("due_error") or "",
                "problem": res.problem,
                "candidates": [
                    {
                        "name": p.name,
                        "title": p.title,
                        "company": p.company.name if p.company else "",
                    }
                    for p in res.candidates
                ],
                "requester_id": requester.id if requester else None,
                "raised_by_id": raised.id if raised else None,
            }
        )
    return out


def problems(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if i["problem"] in BLOCKING]


# -- published versions and what changed between them --------------------------------
# the fields of an item a change list names, in the order it names them
CHANGED_FIELDS = ("kind", "text", "owner", "due")


def last_published(meeting: Meeting, before: MinutesVersion | None = None) -> MinutesVersion | None:
    """The newest version readers received (sent at some time), other than `before`."""
    query = MinutesVersion.select().where(
        MinutesVersion.meeting == meeting, MinutesVersion.sent_at.is_null(False)
    )
    if before is not None:
        query = query.where(MinutesVersion.id != before.id)
    return query.order_by(MinutesVersion.version.desc()).first()


def published_number(version: MinutesVersion) -> int:
    """The number readers know `version` by: drafts confirmed along the way are no
    versions to them, so the first minutes anyone sees is 1. A draft gets the number
    it will have once published."""
    sent = MinutesVersion.select().where(
        MinutesVersion.meeting == version.meeting,
        MinutesVersion.sent_at.is_null(False),
        MinutesVersion.version <= version.version,
    )
    return sent.count() + (0 if version.sent_at else 1)


def _owner_of(item: dict[str, Any]) -> str:
    return item.get("owner_name") or item.get("owner_text") or ""


def _content(item: dict[str, Any]) -> str:
    """What an item says, without its owner and deadline wording: "提交8D报告，负责人：林凯"
    and a table row "提交8D报告 | 林凯" say the same; the owner and due fields tell the rest."""
    return item.get("summary") or item["text"]


def _field(item: dict[str, Any], name: str) -> Any:
    if name == "owner":
        return _owner_of(item)
    return _content(item) if name == "text" else item.get(name)


def pair_items(
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Old and new items matched: the same text first, then the same number; the rest
    stand alone (added or removed). New items keep their order, removed ones follow."""
    left = list(old)
    match: dict[int, dict[str, Any]] = {}
    for key in (_content, lambda i: i.get("n")):
        for idx, item in enumerate(new):
            if idx in match:
                continue
            found = next((o for o in left if key(o) == key(item)), None)
            if found is not None:
                match[idx] = found
                left.remove(found)
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = [
        (match.get(idx), item) for idx, item in enumerate(new)
    ]
    return pairs + [(o, None) for o in left]


def changes_between(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a new version changes, item by item: added, changed (field: old -> new), removed."""
    out = []
    for before, after in pair_items(old, new):
        if before is None:
            out.append({"change": "added", **_named(after)})
        elif after is None:
            out.append({"change": "removed", **_named(before)})
        else:
            fields = [
                {"field": f, "old": _field(before, f), "new": _field(after, f)}
                for f in CHANGED_FIELDS
                if _field(before, f) != _field(after, f)
            ]
            if fields:
                out.append({"change": "changed", **_named(after), "fields": fields})
    return out


def _named(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "n": item.get("n"),
        "kind": item["kind"],
        "text": item["text"],
        "ref": item.get("ref") or "",
        "owner": _owner_of(item),
        "due": item.get("due"),
        "fields": [],
    }


def version_changes(
    base: MinutesVersion, items: list[dict[str, Any]], attendance: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """Item changes against `base`, and who attended when that changed too."""
    out = changes_between(base.items, items)
    now_there = [a["name"] for a in attendance_of(base.meeting, attendance)]
    if now_there != [a["name"] for a in attendance_of(base.meeting, base.attendance)]:
        out.append({"change": "attendance", "names": now_there, "fields": []})
    return out


# -- who attended -------------------------------------------------------------------
# answers that mean the person did not come (a delegate came in their place)
NOT_ATTENDING = ("declined", "delegated")


def attendance_of(
    meeting: Meeting, attendance: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """Who attended: as the recorder wrote it, else every participant who did not
    decline (delegates in place of those they replaced)."""
    if attendance is not None:
        return attendance
    return [
        _attendee(row.person) for row in participant_rows(meeting) if row.rsvp not in NOT_ATTENDING
    ]


def _attendee(person: Person) -> dict[str, Any]:
    return {
        "person_id": person.id,
        "name": person.name,
        "company": person.company.name if person.company else "",
    }


def resolve_attendance(meeting: Meeting, names: tuple[str, ...]) -> list[dict[str, Any]]:
    """The people `names` lists, found as owners are; a name found nowhere stays as written."""
    out = []
    for name in names:
        res = resolve_owner(meeting, name)
        last = name.split()[-1] if name.split() else ""
        if res.person is None and last != name and CJK.search(last):  # "蓝湾电子 黄志强"
            res = resolve_owner(meeting, last)
        entry = (
            _attendee(res.person)
            if res.person
            else {"person_id": None, "name": name, "company": ""}
        )
        if entry not in out:
            out.append(entry)
    return out


def written_attendance(text: str) -> tuple[str, ...] | None:
    """The "参会：…" line of minutes as the recorder wrote them, if any."""
    from parsers.minutes_edit import read_attendance

    for line in text.splitlines():
        names = read_attendance(line)
        if names:
            return names
    return None


def by_company(attendance: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Attendees grouped by company, in order ("" for names found in no directory)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in attendance:
        out.setdefault(entry["company"], []).append(entry)
    return out


def carry_refs(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
    """New items matched to published ones keep their task reference (T-0006)."""
    for before, after in pair_items(old, new):
        if before is not None and after is not None and before.get("ref"):
            after["ref"] = before["ref"]


def store_changes(changes: list[dict[str, Any]]) -> str:
    return json.dumps(changes, ensure_ascii=False) if changes else ""


def stored_changes(version: MinutesVersion) -> list[dict[str, Any]]:
    """The change list as stored (deadlines as ISO text); [] for none or unreadable."""
    try:
        changes = json.loads(version.changes) if version.changes else []
    except ValueError:
        return []
    return changes if isinstance(changes, list) else []


def load_changes(version: MinutesVersion) -> list[dict[str, Any]]:
    """The change list as templates show it (deadlines as times)."""
    changes = stored_changes(version)
    for change in changes:
        change["due_at"] = _as_time(change.get("due"))
        for field in change.get("fields", []):
            if field["field"] == "due":
                field["old"], field["new"] = _as_time(field["old"]), _as_time(field["new"])
    return changes


def _as_time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


# -- filing ---------------------------------------------------------------------------
def may_file(meeting: Meeting, person: Person | None) -> bool:
    return person is not None and person.id in (meeting.recorder_id, meeting.host_id)


def meeting_end(meeting: Meeting, cfg: Config) -> datetime:
    end = meeting.end_at or (
        meeting.start_at + timedelta(minutes=meeting.duration_minutes) if meeting.start_at else None
    )
    if end is None:
        raise ValueError(f"{meeting.ref} has no time yet")
    return end.astimezone(ZoneInfo(meeting_tz(meeting, cfg)))


def parse_items(mail: Any, meeting: Meeting, cfg: Config) -> list[dict[str, Any]]:
    """The items of a mail that may or may not be minutes (untagged, or in the meeting's
    thread): none unless it reads as minutes on its own (see MinutesRead.evident)."""
    read = read_mail(mail, meeting, cfg)
    return list(read.items) if read.evident else []


def read_mail(mail: Any, meeting: Meeting, cfg: Config) -> Any:
    """The minutes in `mail` (parsers.minutes.MinutesRead): items and the unread lines."""
    from parsers.minutes import read_minutes
    from service.business import calendar_for

    return read_minutes(mail, meeting_end(meeting, cfg), calendar_for(cfg))


def new_text_only(mail: Any, body: str) -> Any:
    """The mail as minutes are read, with only its newly written text (a correction,
    not the quoted draft): files attached or forwarded with it are read as the minutes'."""
    return dataclasses.replace(mail, text=body, html=None)


def _store_minutes_files(meeting, mail, person, message, now) -> None:
    import hashlib

    from service.workflows.tracking import safe_filename

    for att in getattr(mail, "attachments", []) or []:
        data = bytes(att.payload)
        digest = hashlib.sha256(data).hexdigest()
        if StoredFile.get_or_none(meeting=meeting, purpose="minutes", sha256=digest):
            continue
        StoredFile.create(
            meeting=meeting,
            purpose="minutes",
            filename=safe_filename(att.filename),
            content_type=att.content_type or "application/octet-stream",
            size=len(data),
            sha256=digest,
            data=data,
            uploaded_by=person,
            message=message,
            created_at=now,
        )


def file_minutes(
    cfg: Config,
    meeting: Meeting,
    person: Person,
    mail: Any,
    message: InboundMessage | None,
    now: datetime,
    previous: MinutesVersion | None = None,
) -> MinutesVersion | None:
    """Read minutes from `mail` into a new version; None (sender told) when no items."""
    read = read_mail(mail, meeting, cfg)
    parsed = read.items
    if not parsed:
        queue_mail(
            cfg,
            key=f"minutes-empty:{meeting.id}:{message.id if message else now.isoformat()}",
            to=person,
            template="minutes_empty",
            context={"meeting": meeting},
            now=now,
            thread=Thread(THREAD_DUE, meeting.id),
            meeting=meeting,
        )
        audit("minutes.empty", at=now, actor=person, obj=meeting, message=message)
        return None
    items = draft_items(meeting, parsed)
    written = written_attendance(mail.text or "")
    attendance = resolve_attendance(meeting, written) if written else None
    version = new_version(
        meeting,
        person,
        items,
        mail.text or "",
        message,
        now,
        previous,
        unread=list(read.unread),
        attendance=attendance,
    )
    _store_minutes_files(meeting, mail, person, message, now)
    meetings.mark_held(meeting, now=now, actor=person)
    audit(
        "minutes.received",
        at=now,
        actor=person,
        obj=version,
        detail={
            "meeting": meeting.ref,
            "version": version.version,
            "items": len(items),
            "problems": len(problems(items)),
        },
        message=message,
    )
    return version


def new_version(
    meeting: Meeting,
    person: Person,
    items: list[dict[str, Any]],
    body: str,
    message: InboundMessage | None,
    now: datetime,
    previous: MinutesVersion | None = None,
    unread: list[str] | None = None,
    attendance: list[dict[str, Any]] | None = None,
) -> MinutesVersion:
    """A new draft of `items`; other drafts are superseded. Its changes are counted
    against the minutes readers have (else the draft it replaces). The lines the
    reader could not read, and who attended, are kept from the version it replaces
    unless given."""
    last = (
        MinutesVersion.select()
        .where(MinutesVersion.meeting == meeting)
        .order_by(MinutesVersion.version.desc())
        .first()
    )
    base = last_published(meeting) or previous or last
    if base is not None:
        carry_refs(base.items, items)
    if unread is None:
        unread = list((previous or last).unread or []) if (previous or last) else []
    if attendance is None and (previous or last) is not None:
        attendance = (previous or last).attendance
    version = MinutesVersion.create(
        meeting=meeting,
        version=(last.version + 1) if last else 1,
        status="draft",
        body=body,
        items=items,
        unread=unread,
        attendance=attendance,
        changes=store_changes(version_changes(base, items, attendance)) if base else "",
        recorder=person,
        message=message,
        created_at=now,
    )
    for old in MinutesVersion.select().where(
        MinutesVersion.meeting == meeting,
        MinutesVersion.status == "draft",
        MinutesVersion.id != version.id,
    ):
        old.status = "superseded"
        old.save()
    return version


def send_draft(cfg: Config, version: MinutesVersion, to: Person, now: datetime) -> None:
    """The draft back to whoever filed it, with every owner question in it."""
    meeting = version.meeting
    queue_mail(
        cfg,
        key=f"minutes-draft:{version.id}:{to.id}",
        to=to,
        template="minutes_draft",
        context=draft_context(cfg, version),
        now=now,
        thread=Thread(THREAD_DRAFT, version.id),
        meeting=meeting,
    )
    host = meeting.host
    lacking = [i for i in version.items if i["problem"] == "party_no_lead"]
    if lacking and host is not None and host.id != to.id:
        queue_mail(
            cfg,
            key=f"minutes-party-lead:{version.id}:{host.id}",
            to=host,
            template="minutes_party_lead",
            context={**draft_context(cfg, version), "lacking": lacking},
            now=now,
            thread=Thread(THREAD_DRAFT, version.id),
            meeting=meeting,
        )


def draft_context(cfg: Config, version: MinutesVersion) -> dict[str, Any]:
    meeting = version.meeting
    return {
        "meeting": meeting,
        "minutes": version,
        "number": published_number(version),
        "changes": load_changes(version),
        "by_company": by_company(attendance_of(meeting, version.attendance)),
        "items": [_display(i) for i in version.items],
        "problems": [_display(i) for i in problems(version.items)],
        "unread": list(version.unread or []),
        "tz": meeting_tz(meeting, cfg),
    }


def _display(item: dict[str, Any]) -> dict[str, Any]:
    due = datetime.fromisoformat(item["due"]) if item.get("due") else None
    return {**item, "due_at": due}


def take_minutes(inc: Incoming, meeting: Meeting) -> bool:
    """File the minutes in `inc` for `meeting` when its sender may; True when taken."""
    if not may_file(meeting, inc.sender):
        return False
    with write_txn():
        version = file_minutes(inc.config, meeting, inc.sender, inc.mail, inc.message, inc.now)
        if version is not None:
            send_draft(inc.config, version, inc.sender, inc.now)
    return True


def offer_minutes(inc: Incoming, meeting: Meeting) -> bool:
    """For the "meeting" thread's handler (a mail tagged [M-0042] is routed there):
    after the meeting has started, a mail from its recorder or host that holds
    minutes items is filed as minutes. True when taken."""
    if not may_file(meeting, inc.sender) or meeting.start_at is None:
        return False
    if meeting.start_at > inc.now:
        return False
    try:
        if not parse_items(inc.mail, meeting, inc.config):
            return False
    except ValueError:
        return False
    return take_minutes(inc, meeting)


def _tagged_meeting(mail: Any) -> Meeting | None:
    subjects = [mail.subject or ""] + [f.subject or "" for f in getattr(mail, "forwarded", [])]
    for subject in subjects:
        m = TAG.search(subject)
        if m:
            meeting = Meeting.get_or_none(Meeting.ref == m.group(1).upper())
            if meeting is not None:
                return meeting
    return None


def _recent_meeting_of(person: Person, now: datetime) -> Meeting | None:
    """The one meeting `person` records or hosts that ended lately without final minutes."""
    since = now - timedelta(days=MINUTES_CHASE_DAYS)
    candidates = [
        m
        for m in Meeting.select().where(
            (Meeting.recorder == person) | (Meeting.host == person),
            Meeting.start_at.is_null(False),
            Meeting.start_at <= now,
            Meeting.start_at >= since,
            Meeting.status != "cancelled",
        )
        if not MinutesVersion.select()
        .where(MinutesVersion.meeting == m, MinutesVersion.status.in_(("sent", "final")))
        .exists()
    ]
    return candidates[0] if len(candidates) == 1 else None


@intake(20)
def minutes_intake(inc: Incoming) -> bool:
    """New mail from a recorder or host: minutes when tagged [M-0042] or when it
    is the only meeting they hold that still lacks minutes and the mail has items."""
    if inc.sender is None:
        return False
    meeting = _tagged_meeting(inc.mail)
    if meeting is not None:
        return take_minutes(inc, meeting)
    meeting = _recent_meeting_of(inc.sender, inc.now)
    if meeting is None:
        return False
    try:
        if not parse_items(inc.mail, meeting, inc.config):
            return False
    except ValueError:
        return False
    return take_minutes(inc, meeting)


@handles(THREAD_DUE)
def on_minutes_due_reply(inc: Incoming) -> None:
    """A reply to "minutes due" (or "no items found") carries the minutes."""
    from service.workflows import questions

    meeting = Meeting.get_or_none(Meeting.id == inc.thread_id)
    if meeting is None:
        return
    if not take_minutes(inc, meeting):
        with write_txn():
            questions.not_entitled_minutes(inc, meeting)


@handles(THREAD_DRAFT)
def on_draft_reply(inc: Incoming) -> None:
    """ "确认" sends the formal minutes; a new version replaces the draft."""
    from service.workflows import confirmations, minutes_edits, questions

    version = MinutesVersion.get_or_none(MinutesVersion.id == inc.thread_id)
    if version is None:
        return
    meeting = version.meeting
    cfg, now, person = inc.config, inc.now, inc.sender
    with write_txn():
        if not may_file(meeting, person):
            questions.not_entitled_minutes(inc, meeting)
            return
        reading = inc.reading("minutes")
        if reading.intent in ("auto_reply", "bounce"):
            return
        edits = minutes_edits.corrections(inc, reading.body)
        if edits and minutes_edits.only_corrections(
            parse_items(new_text_only(inc.mail, reading.body), meeting, cfg)
        ):
            minutes_edits.apply_corrections(inc, version, edits)
            return
        current = (
            MinutesVersion.select()
            .where(MinutesVersion.meeting == meeting)
            .order_by(MinutesVersion.version.desc())
            .first()
        )
        if reading.intent == "ack" and version.status == "draft" and current.id == version.id:
            if problems(version.items):
                send_draft(cfg, version, person, now)  # already sent once: key keeps it once
                questions.ask_back_minutes(inc, version, "owners_open")
                return
            confirmations.send_formal(cfg, version, now, person, inc.message)
            return
        mail = new_text_only(inc.mail, reading.body)
        if not parse_items(mail, meeting, cfg):
            questions.ask_back_minutes(inc, version, "draft")
            return
        new = file_minutes(cfg, meeting, person, mail, inc.message, now, previous=version)
        if new is not None:  # a correction, even of published minutes, is a draft first
            send_draft(cfg, new, person, now)


# -- minutes due ----------------------------------------------------------------------
MINUTES_DUE_TEMPLATES = {"recorder": "minutes_due", "host": "minutes_due_host"}


@tick_rule("minutes_due")
def minutes_due(now: datetime, cfg: Config) -> int:
    """T + minutes_due_hours without minutes: the recorder; later the host."""
    from service.business import working_day_now

    due_after = timedelta(hours=cfg.policy.minutes_due_hours)
    host_after = due_after + timedelta(hours=cfg.policy.minutes_host_after_hours)
    since = now - timedelta(days=MINUTES_CHASE_DAYS)
    done = {  # one query: the rule runs every minute over every recent meeting
        row.key
        for row in Outbox.select(Outbox.key).where(
            Outbox.kind.in_(tuple(MINUTES_DUE_TEMPLATES.values())),
            Outbox.created_at >= since - due_after,
        )
    }
    sent = 0
    meetings = Meeting.select().where(
        Meeting.status.in_(("scheduled", "held")),
        Meeting.start_at.is_null(False),
        Meeting.start_at >= since,
        Meeting.end_at.is_null(False),
        Meeting.end_at <= now - due_after,
        Meeting.id.not_in(MinutesVersion.select(MinutesVersion.meeting)),
        # the host's reminder is the last step: those meetings are done
        Meeting.id.not_in(
            Outbox.select(Outbox.meeting).where(
                Outbox.kind == MINUTES_DUE_TEMPLATES["host"], Outbox.meeting.is_null(False)
            )
        ),
    )
    for meeting in meetings:
        targets = [("recorder", meeting.recorder_id or meeting.host_id)]
        if now >= meeting.end_at + host_after:
            targets.append(("host", meeting.host_id))
        for role, person_id in targets:
            key = f"minutes-due:{meeting.id}:{role}"
            if person_id is None or key in done:
                continue
            person = Person.get_by_id(person_id)
            if working_day_now(cfg, person, now) is None:
                continue  # reminders arrive in the recipient's working hours
            with write_txn():
                row = queue_mail(
                    cfg,
                    key=key,
                    to=person,
                    template=MINUTES_DUE_TEMPLATES[role],
                    context={
                        "meeting": meeting,
                        "tz": meeting_tz(meeting, cfg),
                        "recorder": meeting.recorder,
                        "hours": cfg.policy.minutes_due_hours,
                    },
                    now=now,
                    thread=Thread(THREAD_DUE, meeting.id),
                    meeting=meeting,
                )
                if row is not None:
                    audit(
                        "minutes.due_reminder",
                        at=now,
                        obj=meeting,
                        detail={"to": person.email, "role": role},
                    )
                    sent += 1
    return sent


def participant_rows(meeting: Meeting) -> list[Participant]:
    return list(Participant.select().where(Participant.meeting == meeting).order_by(Participant.id))
