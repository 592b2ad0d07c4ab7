"""The host changes who comes by replying in a meeting's thread: "丙方请加上
Katrin Weber（k.weber@…），她是总经理", "去掉林峰", "把吴工换成黄丽",
"Replace Lin Feng with Huang Li". People are found by address, name or title;
a new address creates the person in the named party's company (their tier read
from the title, else asked back). Newcomers get the invitation (or the open
poll), those removed get the calendar cancellation, the host a summary, and the
key roles are checked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.reply_body import normalise, split_quote
from parsers.roster_command import REMOVE, REPLACE, TIER, Named, RosterChange
from service import directory, meetings
from service.config import Config
from service.workflows import invitations, meeting_mail, staffing
from service.workflows.registry import Incoming
from store.models import Company, Meeting, Person
from store.queries import person_by_address

# Titles that say the tier, tried in this order (an assistant to the CEO is support).
TITLE_TIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("support", re.compile(r"助理|秘书|专员|assistant|secretary|coordinator", re.I)),
    (
        "decision",
        re.compile(
            r"总经理|总裁|董事|副总|首席|\bCEO\b|\bCOO\b|\bCFO\b|\bCTO\b|president|"
            r"managing director|general manager|geschäftsführer|\bVP\b",
            re.I,
        ),
    ),
    ("execution", re.compile(r"经理|总监|主管|负责人|工程师|manager|director|lead|engineer", re.I)),
)
CJK = re.compile(r"[\u3400-\u9fff]")
# What the host is asked for when a newcomer cannot be created or placed.
MISSING_TIER = "tier"
MISSING_COMPANY = "company"
MISSING_NAME = "name"
MISSING_ADDRESS = "address"


def host_text(text: str) -> str:
    """A reply's own text without the quoted history, signature kept: a host's
    sentence about a person can look like a signature line to the stripper
    ("…, she is their Managing Director.")."""
    return "\n".join(split_quote(normalise(text))[0])


def tier_from_title(title: str) -> str:
    """The tier a title says ("总经理" → decision), or "" when it says none."""
    return next((tier for tier, pattern in TITLE_TIERS if pattern.search(title or "")), "")


@dataclass
class Outcome:
    """What a reply's changes did, for the host's summary."""

    added: list[Person] = field(default_factory=list)
    removed: list[Person] = field(default_factory=list)
    tiers: list[Person] = field(default_factory=list)
    # (as written, MISSING_* values): nothing done until the host says more
    asked: list[tuple[str, list[str]]] = field(default_factory=list)
    # created with a guessed tier: the host is asked to confirm it
    guessed: list[Person] = field(default_factory=list)


def _company_of(meeting: Meeting, named: Named) -> Company | None:
    if named.party:
        company = meetings.party_company(meeting, named.party)
        if company is not None:
            return company
    if named.address:
        return directory.find_company(named.address.rpartition("@")[2])
    return None


def find_people(meeting: Meeting, named: Named) -> list[Person]:
    """Who the text names: by address, else by name, else by title (the part after
    "的"), within the named party's company when one is said; those already on
    the meeting first."""
    if named.address:
        person = person_by_address(named.address)
        return [person] if person is not None else []
    company = meetings.party_company(meeting, named.party) if named.party else None
    on_meeting = {p.person_id for p in meetings.participants(meeting)}
    companies = {mc.company_id for mc in meetings.companies_of(meeting)}

    def narrowed(people: list[Person]) -> list[Person]:
        if company is not None:
            people = [p for p in people if p.company_id == company.id]
        here = [p for p in people if p.id in on_meeting]
        return here or people

    text = named.text.strip()
    by_name = narrowed(
        [p for p in Person.select().where(Person.active == True) if p.name.lower() == text.lower()]  # noqa: E712
    )
    if by_name:
        return by_name
    title = text.rpartition("的")[2].strip()
    if not title:
        return []
    scope = [company.id] if company is not None else list(companies)
    return narrowed(
        [
            p
            for p in Person.select().where(Person.company.in_(scope) & (Person.active == True))  # noqa: E712
            if p.title and (p.title.lower() == title.lower() or title.lower() in p.title.lower())
        ]
    )


def _create(
    cfg: Config, incoming: Incoming, meeting: Meeting, named: Named, title: str, out: Outcome
):
    """A newcomer at an address nobody has: created in the party's company when
    the name and company are known; else the host is asked for what is missing."""
    company = _company_of(meeting, named)
    missing = [
        what
        for what, known in ((MISSING_NAME, named.text), (MISSING_COMPANY, company))
        if not known
    ]
    if missing:
        out.asked.append((named.address or named.text, missing))
        return None
    tier = tier_from_title(title)
    colleagues = {p.timezone for p in company.people if p.timezone}
    person = directory.add_person(
        directory.PersonFields(
            email=named.address,
            name=named.text,
            company=company.name,
            title=title.rpartition("的")[2].strip(),
            tier=tier or None,
            timezone=colleagues.pop() if len(colleagues) == 1 else None,
            language="zh" if CJK.search(named.text) else "en",
        ),
        now=incoming.now,
        origin=directory.Origin(
            actor=incoming.sender, actor_text="", message=incoming.message, command="mail"
        ),
    )
    if not tier:
        out.guessed.append(person)
    return person


def _resolve(cfg, incoming, meeting, named: Named, title: str, out: Outcome, *, new: bool):
    found = find_people(meeting, named)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        out.asked.append((named.text, [MISSING_ADDRESS]))
        return None
    if new and named.address:
        return _create(cfg, incoming, meeting, named, title, out)
    out.asked.append((named.text, [MISSING_ADDRESS]))
    return None


def _add(cfg, incoming, meeting, person: Person, out: Outcome, *, role: str = "attendee") -> None:
    if meetings.participant_of(meeting, person) is not None:
        return
    meetings.add_attendee(
        cfg,
        meeting,
        person,
        now=incoming.now,
        actor=incoming.sender,
        role=role,
        message=incoming.message,
        command="mail",
    )
    out.added.append(person)


def _remove(incoming, meeting, person: Person, out: Outcome) -> str:
    """Take them off; their role, for a replacement to inherit."""
    part = meetings.participant_of(meeting, person)
    if part is None:
        return "attendee"
    role = part.role if part.role in ("attendee", "presenter", "cc") else "attendee"
    meetings.remove_attendee(
        meeting,
        person,
        now=incoming.now,
        actor=incoming.sender,
        message=incoming.message,
        command="mail",
    )
    out.removed.append(person)
    return role


def apply_changes(incoming: Incoming, meeting: Meeting, changes: list[RosterChange]) -> Outcome:
    """Carry out the host's changes (in the caller's transaction) and tell
    everyone concerned; what was done and what is asked back."""
    cfg = incoming.config
    meetings.check_not_over(meeting)
    out = Outcome()
    for change in changes:
        if change.action == TIER:
            person = _resolve(cfg, incoming, meeting, change.person, "", out, new=False)
            if person is not None and change.tier:
                directory.update_person(
                    person.email,
                    directory.PersonFields(email="", tier=change.tier),
                    now=incoming.now,
                    origin=directory.Origin(
                        actor=incoming.sender,
                        actor_text="",
                        message=incoming.message,
                        command="mail",
                    ),
                )
                out.tiers.append(Person.get_by_id(person.id))
            continue
        if change.action in (REMOVE, REPLACE):
            leaving = _resolve(cfg, incoming, meeting, change.person, "", out, new=False)
            if leaving is None:
                continue
            if change.action == REMOVE:
                _remove(incoming, meeting, leaving, out)
                continue
            coming = _resolve(
                cfg, incoming, meeting, change.replacement, change.title, out, new=True
            )
            if coming is not None:
                role = _remove(incoming, meeting, leaving, out)
                _add(cfg, incoming, meeting, coming, out, role=role)
            continue
        coming = _resolve(cfg, incoming, meeting, change.person, change.title, out, new=True)
        if coming is not None:
            _add(cfg, incoming, meeting, coming, out)
    _tell(cfg, incoming, meeting, out)
    return out


def _tell(cfg: Config, incoming: Incoming, meeting: Meeting, out: Outcome) -> None:
    now = incoming.now
    for person in out.removed:
        invitations.send_removed(cfg, meeting, person, now=now)
    if out.added:
        invitations.welcome(cfg, meeting, out.added, now=now)
    staffing.warn_role_gaps(cfg, meeting, now)
    host = incoming.sender
    lang = host.language
    meeting_mail.send(
        cfg,
        meeting,
        host,
        key=f"roster-changed:{incoming.message.id}",
        template="roster_changed",
        now=now,
        extra={
            "added": [_line(meeting, p, lang) for p in out.added],
            "removed": [_line(meeting, p, lang) for p in out.removed],
            "tiers": [_line(meeting, p, lang) for p in out.tiers],
            "guessed": [p.name for p in out.guessed],
            "asked": [{"what": what, "missing": missing} for what, missing in out.asked],
            "gap_list": [g.text(lang) for g in meetings.role_gaps(meeting)],
        },
    )


def _line(meeting: Meeting, person: Person, lang: str) -> str:
    labels = meetings.TIER_LABELS["zh" if lang == "zh" else "en"]
    company = meetings.company_label(meeting, person.company)
    tier = labels.get(person.tier, person.tier)
    return (
        f"{person.name}（{company}，{tier}）"
        if lang == "zh"
        else f"{person.name} ({company}, {tier})"
    )
