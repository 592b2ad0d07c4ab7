"""Who reads the formal minutes: every participant in a mail of their own, and
each company's management as Cc of its lead's mail, in the company's language.

Management reads along rather than answers, so its addresses ride as Cc on the
mail of their company's lead at the meeting (someone writing that company's
language): reply-all keeps them in one thread with the service and their
colleague, and a company with three management addresses gets one mail, not
three. A company whose people are not at the meeting gets one mail per
language group, its addresses in To and Cc.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from service.mail import Recipient
from service.meetings import TAKING_PART
from store.models import Company, Meeting, MeetingCompany, Participant, Person

# How a management address is greeted, after the company's name.
MANAGEMENT_NAME = {"zh": "管理层", "en": "management"}
LEAD_TIERS = ("decision", "execution", "support", "")
NOT_THERE = ("declined", "delegated")


def company_language(company: Company, default: str) -> str:
    """The language most of the company's people read (the service's when none)."""
    langs = Counter(
        p.language
        for p in Person.select(Person.language).where(
            Person.company == company,
            Person.active == True,  # noqa: E712
        )
        if p.language
    )
    return langs.most_common(1)[0][0] if langs else default


def _companies(meeting: Meeting, people: list[Person]) -> list[Company]:
    found: dict[int, Company] = {}
    for row in MeetingCompany.select().where(MeetingCompany.meeting == meeting):
        found[row.company_id] = row.company
    for person in people:
        if person.company_id and person.company_id not in found:
            found[person.company_id] = person.company
    return list(found.values())


def _lead(company: Company, there: list[Person], language: str) -> Person | None:
    """The company's highest-tier person at the meeting who reads its language."""
    members = [p for p in there if p.company_id == company.id and p.language == language]
    for tier in LEAD_TIERS:
        for person in members:
            if (person.tier or "") == tier:
                return person
    return members[0] if members else None


def management_addresses(company: Company) -> list[str]:
    return list(dict.fromkeys(a.strip().lower() for a in company.management_cc or [] if a.strip()))


def formal_readers(meeting: Meeting, default_language: str) -> list[tuple[Any, list[str]]]:
    """(recipient, cc addresses) for each formal-minutes mail: one per participant,
    management on its lead's mail, the rest one mail per language group."""
    rows = list(
        Participant.select(Participant, Person)
        .join(Person)
        .where(Participant.meeting == meeting)
        .order_by(Participant.id)
    )
    people = [row.person for row in rows]
    there = [row.person for row in rows if row.role in TAKING_PART and row.rsvp not in NOT_THERE]
    cc_of: dict[int, list[str]] = {}
    groups: dict[str, list[tuple[str, Company]]] = {}
    for company in _companies(meeting, people):
        addresses = management_addresses(company)
        if not addresses:
            continue
        language = company_language(company, default_language)
        lead = _lead(company, there, language)
        if lead is not None:
            cc_of.setdefault(lead.id, []).extend(addresses)
        else:
            groups.setdefault(language, []).extend((a, company) for a in addresses)
    readers: list[tuple[Any, list[str]]] = [(p, cc_of.get(p.id, [])) for p in people]
    for language, entries in groups.items():
        (first, company), rest = entries[0], entries[1:]
        name = f"{company.name} {MANAGEMENT_NAME.get(language, MANAGEMENT_NAME['zh'])}"
        readers.append((Recipient(first, name, language), [a for a, _ in rest]))
    return readers
