"""Meetings, their companies and attendees: the functions the CLI and mail share.

Every changing function takes the configuration, `now` and the actor (a
Person, or a string such as "cli"), writes its audit rows and runs in ONE
`write_txn()`; called inside a caller's transaction it nests as a savepoint,
so a mail handler's change and the mails it causes still commit together.

Look-ups the after-meeting workflows use (names are stable):
`meeting_by_ref`, `get_meeting`, `participants`, `attendees`, `host_of`,
`recorder_of`, `companies_of`, `party_company`, `party_of`,
`participant_of`, `person_timezone`, `meeting_timezone`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

from service.config import Config
from store.db import write_txn
from store.models import (
    IMPORTANCE,
    MEETING_FORMATS,
    MEETING_ROLES,
    TIERS,
    Company,
    InboundMessage,
    Meeting,
    MeetingCompany,
    Participant,
    Person,
    Poll,
    StoredFile,
)
from store.queries import audit, next_ref

Actor = Person | str

# Parties as the guide's minutes name them, handed out in order of joining.
PARTIES = ("甲方", "乙方", "丙方", "丁方", "戊方", "己方")
# Roles that take part (a cc-only participant gets mail but does not count).
TAKING_PART = tuple(r for r in MEETING_ROLES if r != "cc")
# The default required-roles rule: every participating company sends a decision maker.
ALL_COMPANIES = "*"
# Answers after which an attendee will not be in the room (a delegate may come instead).
NOT_COMING = ("declined", "delegated")
DEFAULT_REQUIRED_ROLES: dict[str, list[str]] = {ALL_COMPANIES: ["decision"]}
TIER_LABELS = {
    "zh": {"decision": "决策层", "execution": "执行层", "support": "支持层"},
    "en": {"decision": "decision-level", "execution": "execution-level", "support": "support"},
}
ROLE_LABELS = {
    "zh": {
        "host": "主持人",
        "recorder": "记录人",
        "presenter": "汇报人",
        "attendee": "参会人",
        "cc": "抄送",
    },
    "en": {
        "host": "host",
        "recorder": "recorder",
        "presenter": "presenter",
        "attendee": "attendee",
        "cc": "cc",
    },
}
REF_PATTERN = re.compile(r"\bM-\d{4,}\b", re.IGNORECASE)


class MeetingError(ValueError):
    """A request that cannot be carried out, phrased for the person who made it."""


# -- look-ups -----------------------------------------------------------------


def meeting_by_ref(ref: str) -> Meeting | None:
    """The meeting `M-0042` (case and surrounding text ignored), or None."""
    found = REF_PATTERN.search(ref or "")
    return Meeting.get_or_none(Meeting.ref == found.group(0).upper()) if found else None


def get_meeting(ref: str) -> Meeting:
    """Like meeting_by_ref, but a missing meeting is a MeetingError."""
    meeting = meeting_by_ref(ref)
    if meeting is None:
        raise MeetingError(f"no meeting {ref!r}")
    return meeting


def participants(meeting: Meeting, roles: tuple[str, ...] | None = None) -> list[Participant]:
    """Everyone on the meeting (cc-only included unless `roles` excludes it),
    ordered by company then tier then name: the order every listing uses."""
    query = (
        Participant.select(Participant, Person).join(Person).where(Participant.meeting == meeting)
    )
    if roles is not None:
        query = query.where(Participant.role.in_(roles))
    rows = list(query)
    order = {company.id: i for i, company in enumerate(c.company for c in companies_of(meeting))}
    return sorted(
        rows,
        key=lambda p: (
            order.get(p.person.company_id, len(order)),
            TIERS.index(p.person.tier) if p.person.tier in TIERS else len(TIERS),
            p.person.name,
        ),
    )


def attendees(meeting: Meeting) -> list[Person]:
    """The people who take part (not cc-only): invited, polled, counted."""
    return [p.person for p in participants(meeting, TAKING_PART)]


def participant_of(meeting: Meeting, person: Person | None) -> Participant | None:
    if person is None:
        return None
    return Participant.get_or_none(
        (Participant.meeting == meeting) & (Participant.person == person)
    )


def host_of(meeting: Meeting) -> Person | None:
    """The host PM: Meeting.host, else the participant with role host."""
    if meeting.host_id:
        return meeting.host
    row = Participant.get_or_none((Participant.meeting == meeting) & (Participant.role == "host"))
    return row.person if row else None


def recorder_of(meeting: Meeting) -> Person | None:
    """The minute-taker: Meeting.recorder, else the participant with role recorder, else the host."""
    if meeting.recorder_id:
        return meeting.recorder
    row = Participant.get_or_none(
        (Participant.meeting == meeting) & (Participant.role == "recorder")
    )
    return row.person if row else host_of(meeting)


def companies_of(meeting: Meeting) -> list[MeetingCompany]:
    """The participating companies in party order (甲方, 乙方, …; unnamed last)."""
    rows = list(
        MeetingCompany.select(MeetingCompany, Company)
        .join(Company)
        .where(MeetingCompany.meeting == meeting)
        .order_by(MeetingCompany.id)
    )

    def rank(row: MeetingCompany) -> tuple[int, int]:
        party = PARTIES.index(row.party) if row.party in PARTIES else len(PARTIES)
        return party, row.id

    return sorted(rows, key=rank)


def party_company(meeting: Meeting, party: str) -> Company | None:
    """The company playing `party` ("乙方") in this meeting, or None."""
    row = (
        MeetingCompany.select()
        .where((MeetingCompany.meeting == meeting) & (MeetingCompany.party == party.strip()))
        .first()
    )
    return row.company if row else None


def party_of(meeting: Meeting, company: Company | None) -> str:
    """The party label of `company` in this meeting ("" when none)."""
    if company is None:
        return ""
    row = MeetingCompany.get_or_none(
        (MeetingCompany.meeting == meeting) & (MeetingCompany.company == company)
    )
    return row.party if row else ""


def company_label(meeting: Meeting, company: Company | None) -> str:
    """How mails name a company: "乙方（星河数据）", or just its name."""
    if company is None:
        return "—"
    party = party_of(meeting, company)
    return f"{party}（{company.name}）" if party else company.name


def person_timezone(person: Person | None, cfg: Config) -> str:
    """The zone a person's mails are written in: their own, else the service's."""
    return (person.timezone if person and person.timezone else "") or cfg.calendar.timezone


def meeting_timezone(meeting: Meeting, cfg: Config) -> str:
    """The host's zone, in which the meeting is planned and the agenda is written."""
    return meeting.timezone or person_timezone(host_of(meeting), cfg)


def local_start(meeting: Meeting, cfg: Config) -> datetime | None:
    return (
        meeting.start_at.astimezone(ZoneInfo(meeting_timezone(meeting, cfg)))
        if meeting.start_at
        else None
    )


# -- changes ------------------------------------------------------------------


def _actor_fields(actor: Actor) -> dict[str, Any]:
    return {"actor": actor} if isinstance(actor, Person) else {"actor_text": str(actor)}


def record(
    action: str,
    *,
    now: datetime,
    actor: Actor,
    obj: Any,
    detail: dict[str, Any] | None = None,
    message: InboundMessage | None = None,
    command: str = "",
) -> None:
    """The audit row of one change, with the actor as person or text."""
    audit(
        action,
        at=now,
        obj=obj,
        detail=detail,
        message=message,
        command=command,
        **_actor_fields(actor),
    )


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise MeetingError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")


def create_meeting(
    cfg: Config,
    *,
    now: datetime,
    actor: Actor,
    title: str,
    host: Person,
    goal: str = "",
    background: str = "",
    host_company: Company | None = None,
    recorder: Person | None = None,
    format: str = "online",
    link: str = "",
    room: str = "",
    equipment_check: bool | None = None,
    duration_minutes: int = 60,
    importance: str = "normal",
    series: str = "",
    timezone: str = "",
    required_roles: dict[str, list[str]] | None = None,
    message: InboundMessage | None = None,
    command: str = "",
) -> Meeting:
    """A new draft meeting with its host (and recorder) on it; ref M-nnnn.

    Offline meetings get an equipment check reminder unless told otherwise.
    """
    title = " ".join((title or "").split())
    if not title:
        raise MeetingError("a meeting needs a title")
    _check_choice(format, MEETING_FORMATS, "format")
    _check_choice(importance, IMPORTANCE, "importance")
    if format == "online" and not link:
        raise MeetingError("an online meeting needs a meeting link")
    if format == "offline" and not room:
        raise MeetingError("an offline meeting needs a room")
    if duration_minutes <= 0:
        raise MeetingError("the duration must be a positive number of minutes")
    if timezone:
        try:
            ZoneInfo(timezone)
        except Exception as e:
            raise MeetingError(f"unknown time zone {timezone!r}") from e
    host_company = host_company or host.company
    with write_txn():
        meeting = Meeting.create(
            ref=next_ref("meeting"),
            title=title,
            goal=goal.strip(),
            background=background.strip(),
            series=series.strip(),
            host_company=host_company,
            host=host,
            recorder=recorder,
            format=format,
            link=link.strip(),
            room=room.strip(),
            equipment_check=(format == "offline") if equipment_check is None else equipment_check,
            duration_minutes=duration_minutes,
            importance=importance,
            status="draft",
            timezone=timezone or person_timezone(host, cfg),
            required_roles=required_roles,
            ical_uid=f"{uuid4()}@{cfg.domain}",
            ical_sequence=0,
            created_at=now,
            updated_at=now,
        )
        record(
            "meeting.create",
            now=now,
            actor=actor,
            obj=meeting,
            detail={"ref": meeting.ref, "title": title},
            message=message,
            command=command,
        )
        if host_company is not None:
            add_company(meeting, host_company, now=now, actor=actor, message=message)
        add_attendee(cfg, meeting, host, role="host", now=now, actor=actor, message=message)
        if recorder is not None and recorder.id != host.id:
            add_attendee(
                cfg, meeting, recorder, role="recorder", now=now, actor=actor, message=message
            )
    return meeting


def update_meeting(
    meeting: Meeting,
    *,
    now: datetime,
    actor: Actor,
    message: InboundMessage | None = None,
    command: str = "",
    **changes: Any,
) -> list[str]:
    """Change plain fields of a meeting; returns the names that changed."""
    allowed = {
        "title",
        "goal",
        "background",
        "series",
        "format",
        "link",
        "room",
        "equipment_check",
        "duration_minutes",
        "importance",
        "required_roles",
        "recorder",
        "timezone",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise MeetingError(f"cannot change {', '.join(sorted(unknown))}")
    if "format" in changes:
        _check_choice(changes["format"], MEETING_FORMATS, "format")
    if "importance" in changes:
        _check_choice(changes["importance"], IMPORTANCE, "importance")
    changed = [k for k, v in changes.items() if getattr(meeting, k) != v]
    if not changed:
        return []
    with write_txn():
        for key in changed:
            setattr(meeting, key, changes[key])
        if meeting.start_at is not None:
            meeting.end_at = meeting.start_at + timedelta(minutes=meeting.duration_minutes)
        meeting.updated_at = now
        meeting.save()
        detail = {k: str(changes[k]) for k in changed}
        record(
            "meeting.update",
            now=now,
            actor=actor,
            obj=meeting,
            detail=detail,
            message=message,
            command=command,
        )
    return changed


def add_company(
    meeting: Meeting,
    company: Company,
    *,
    now: datetime,
    actor: Actor,
    party: str = "",
    message: InboundMessage | None = None,
) -> MeetingCompany:
    """Put `company` on the meeting; without a party it gets the next free one."""
    with write_txn():
        row = MeetingCompany.get_or_none(
            (MeetingCompany.meeting == meeting) & (MeetingCompany.company == company)
        )
        taken = {r.party for r in MeetingCompany.select().where(MeetingCompany.meeting == meeting)}
        if party and party in taken and (row is None or row.party != party):
            raise MeetingError(f"{party} is already another company in {meeting.ref}")
        if row is None:
            party = party or next((p for p in PARTIES if p not in taken), "")
            row = MeetingCompany.create(meeting=meeting, company=company, party=party)
            record(
                "meeting.company.add",
                now=now,
                actor=actor,
                obj=meeting,
                detail={"company": company.name, "party": party},
                message=message,
            )
        elif party and row.party != party:
            row.party = party
            row.save()
            record(
                "meeting.company.party",
                now=now,
                actor=actor,
                obj=meeting,
                detail={"company": company.name, "party": party},
                message=message,
            )
    return row


def add_attendee(
    cfg: Config,
    meeting: Meeting,
    person: Person,
    *,
    now: datetime,
    actor: Actor,
    role: str = "attendee",
    required: bool = True,
    party: str = "",
    delegate_for: Participant | None = None,
    message: InboundMessage | None = None,
    command: str = "",
) -> Participant:
    """Put `person` on the meeting (their company too); a second call changes the role.

    The host and recorder fields follow the roles given here.
    """
    _check_choice(role, MEETING_ROLES, "role")
    with write_txn():
        if person.company_id:
            add_company(meeting, person.company, now=now, actor=actor, party=party, message=message)
        row = participant_of(meeting, person)
        if row is None:
            row = Participant.create(
                meeting=meeting,
                person=person,
                role=role,
                required=required and role != "cc",
                delegate_for=delegate_for,
            )
            record(
                "meeting.attendee.add",
                now=now,
                actor=actor,
                obj=meeting,
                detail={"person": person.email, "role": role},
                message=message,
                command=command,
            )
        elif row.role != role or row.required != (required and role != "cc"):
            row.role = role
            row.required = required and role != "cc"
            row.save()
            record(
                "meeting.attendee.role",
                now=now,
                actor=actor,
                obj=meeting,
                detail={"person": person.email, "role": role},
                message=message,
                command=command,
            )
        if role == "host" and meeting.host_id != person.id:
            meeting.host = person
            meeting.save()
        if role == "recorder" and meeting.recorder_id != person.id:
            meeting.recorder = person
            meeting.save()
    return row


def remove_attendee(
    meeting: Meeting,
    person: Person,
    *,
    now: datetime,
    actor: Actor,
    message: InboundMessage | None = None,
    command: str = "",
) -> bool:
    """Take `person` off the meeting (never the host); False when not on it."""
    if meeting.host_id == person.id:
        raise MeetingError("the host cannot be removed; name another host first")
    with write_txn():
        row = participant_of(meeting, person)
        if row is None:
            return False
        row.delete_instance()
        if meeting.recorder_id == person.id:
            meeting.recorder = None
            meeting.save()
        record(
            "meeting.attendee.remove",
            now=now,
            actor=actor,
            obj=meeting,
            detail={"person": person.email},
            message=message,
            command=command,
        )
    return True


def set_time(
    meeting: Meeting,
    start_at: datetime,
    *,
    now: datetime,
    actor: Actor,
    message: InboundMessage | None = None,
    command: str = "",
) -> bool:
    """Fix (or move) the meeting's time, closing any open poll; True when it was
    already scheduled (the invitation is then an update: SEQUENCE goes up)."""
    if start_at.tzinfo is None:
        raise MeetingError("the start time needs a time zone")
    check_not_over(meeting)
    if start_at <= now:
        raise MeetingError(f"{start_at:%Y-%m-%d %H:%M %Z} 已经过去 / is in the past")
    with write_txn():
        # a fixed time ends any open poll: no more reminders or auto-picks for it
        Poll.update(status="closed", closed_at=now).where(
            (Poll.meeting == meeting) & (Poll.status == "open")
        ).execute()
        moved = meeting.status == "scheduled" and meeting.start_at is not None
        old = meeting.start_at
        meeting.start_at = start_at
        meeting.end_at = start_at + timedelta(minutes=meeting.duration_minutes)
        meeting.status = "scheduled"
        reset = 0
        if moved:
            meeting.ical_sequence += 1
            reset = reset_answers(meeting)
        meeting.updated_at = now
        meeting.save()
        record(
            "meeting.reschedule" if moved else "meeting.schedule",
            now=now,
            actor=actor,
            obj=meeting,
            detail={
                "start_at": start_at.isoformat(),
                "old_start_at": old.isoformat() if old else None,
                # answers to invitations older than this one are about another time
                "sequence": meeting.ical_sequence,
                "answers_reset": reset,
            },
            message=message,
            command=command,
        )
    return moved


def reset_answers(meeting: Meeting) -> int:
    """A moved time is a significant change (RFC 5546 §2.1.4): every answer was
    about the old time, so everyone is asked again (NEEDS-ACTION); rows changed."""
    return (
        Participant.update(rsvp="needs-action", rsvp_at=None)
        .where((Participant.meeting == meeting) & (Participant.rsvp != "needs-action"))
        .execute()
    )


def cancel(
    meeting: Meeting,
    *,
    now: datetime,
    actor: Actor,
    reason: str = "",
    message: InboundMessage | None = None,
    command: str = "",
) -> None:
    """Mark the meeting cancelled (SEQUENCE + 1 for the CANCEL request)."""
    if meeting.status == "cancelled":
        raise MeetingError(f"{meeting.ref} 已取消 / {meeting.ref} is already cancelled")
    check_not_over(meeting)
    with write_txn():
        meeting.status = "cancelled"
        meeting.ical_sequence += 1
        meeting.updated_at = now
        meeting.save()
        record(
            "meeting.cancel",
            now=now,
            actor=actor,
            obj=meeting,
            detail={"reason": reason},
            message=message,
            command=command,
        )


def check_not_over(meeting: Meeting) -> None:
    """A cancelled or held meeting is over: its time cannot be set or polled again."""
    if meeting.status == "cancelled":
        raise MeetingError(f"{meeting.ref} 已取消 / {meeting.ref} is cancelled")
    if meeting.status == "held":
        raise MeetingError(
            f"{meeting.ref} 已于 {meeting.end_at:%Y-%m-%d %H:%M} UTC 结束，请另建会议 / "
            f"{meeting.ref} was held (ended {meeting.end_at:%Y-%m-%d %H:%M} UTC): "
            "create a new meeting"
        )


def mark_held(meeting: Meeting, *, now: datetime, actor: Actor = "system") -> bool:
    """A scheduled meeting that has started becomes held (tick: once its end has
    passed; the minutes: when they arrive), audited once; False (nothing written)
    for any other meeting, or when already held."""
    if meeting.status != "scheduled" or meeting.start_at is None or meeting.start_at > now:
        return False
    with write_txn():
        # conditional on the stored status: a second tick (or process) changes nothing
        changed = (
            Meeting.update(status="held", updated_at=now)
            .where((Meeting.id == meeting.id) & (Meeting.status == "scheduled"))
            .execute()
        )
        if not changed:
            return False
        meeting.status, meeting.updated_at = "held", now
        record(
            "meeting.held",
            now=now,
            actor=actor,
            obj=meeting,
            detail={"end_at": meeting.end_at.isoformat()},
        )
    return True


def bump_sequence(meeting: Meeting, *, now: datetime) -> None:
    """An invitation-visible change (place, agenda): the next REQUEST is an update."""
    meeting.ical_sequence += 1
    meeting.updated_at = now
    meeting.save()


SAFE_NAME = re.compile(r"[^\w.\- ()\u3400-\u9fff]+")
MAX_FILENAME = 120


def safe_filename(name: str) -> str:
    """A file name without folders or odd characters, never empty."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = SAFE_NAME.sub("_", base).strip(" ._")
    return base[-MAX_FILENAME:] or "attachment"


def add_material(
    cfg: Config,
    meeting: Meeting,
    *,
    filename: str,
    content_type: str,
    data: bytes,
    now: datetime,
    actor: Actor,
    message: InboundMessage | None = None,
    command: str = "",
) -> StoredFile:
    """Background material sent with the agenda; the same content is kept once."""
    if len(data) > cfg.policy.max_deliverable_bytes:
        raise MeetingError(
            f"{filename} 超过 {cfg.policy.max_deliverable_bytes} 字节 / is larger than "
            f"{cfg.policy.max_deliverable_bytes} bytes"
        )
    digest = hashlib.sha256(data).hexdigest()
    with write_txn():
        found = StoredFile.get_or_none(
            (StoredFile.meeting == meeting)
            & (StoredFile.purpose == "material")
            & (StoredFile.sha256 == digest)
        )
        if found is not None:
            return found
        row = StoredFile.create(
            meeting=meeting,
            purpose="material",
            filename=safe_filename(filename),
            content_type=content_type or "application/octet-stream",
            size=len(data),
            sha256=digest,
            data=data,
            uploaded_by=actor if isinstance(actor, Person) else None,
            message=message,
            created_at=now,
        )
        record(
            "meeting.material",
            now=now,
            actor=actor,
            obj=meeting,
            detail={"file": row.filename, "size": row.size, "sha256": digest},
            message=message,
            command=command,
        )
    return row


# -- the required-roles rule -----------------------------------------------------


@dataclass(frozen=True)
class RoleGap:
    """One missing key role: a company (or the meeting) lacks a tier or a role."""

    company: Company | None
    party: str
    tier: str = ""  # a TIERS value, or "" for a meeting role
    role: str = ""  # recorder, when nobody records

    def text(self, lang: str) -> str:
        who = self.party or (self.company.name if self.company else "")
        if self.role:
            label = ROLE_LABELS["zh" if lang == "zh" else "en"][self.role]
            return f"缺少{label}" if lang == "zh" else f"no {label} named"
        tier = TIER_LABELS["zh" if lang == "zh" else "en"][self.tier]
        if lang == "zh":
            return f"{who}缺少{tier}参会人"
        return f"{who} has no {tier} attendee"


def required_roles(meeting: Meeting) -> dict[str, list[str]]:
    """The meeting's rule: {company name | party | "*": [tiers]}; the default when unset."""
    rule = meeting.required_roles
    return DEFAULT_REQUIRED_ROLES if rule is None else rule


def role_gaps(meeting: Meeting) -> list[RoleGap]:
    """Key roles missing now: per company, each required tier among the people
    who take part (those who declined or sent a delegate do not count; a
    delegate counts with their own tier), and a recorder."""
    rule = required_roles(meeting)
    present: dict[int, set[str]] = {}
    for p in participants(meeting, TAKING_PART):
        if p.rsvp in NOT_COMING or p.person.company_id is None:
            continue
        present.setdefault(p.person.company_id, set()).add(p.person.tier)
    gaps: list[RoleGap] = []
    for mc in companies_of(meeting):
        needed = [
            *rule.get(ALL_COMPANIES, []),
            *rule.get(mc.company.name, []),
            *(rule.get(mc.party, []) if mc.party else []),
        ]
        for tier in dict.fromkeys(needed):
            if tier in TIERS and tier not in present.get(mc.company_id, set()):
                gaps.append(RoleGap(mc.company, mc.party, tier=tier))
    if recorder_of(meeting) is None:
        gaps.append(RoleGap(None, "", role="recorder"))
    return gaps


def validate_required_roles(rule: Any) -> dict[str, list[str]]:
    """A per-meeting rule as given (CLI JSON, form): checked, or MeetingError."""
    if not isinstance(rule, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(t in TIERS for t in v)
        for k, v in rule.items()
    ):
        raise MeetingError(
            'required roles must map "*", a party or a company to a list of tiers '
            f'({", ".join(TIERS)}), e.g. {{"*": ["decision"]}}'
        )
    return rule
