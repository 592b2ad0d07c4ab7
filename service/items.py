"""Items of the minutes (tasks, decisions, questions): their states, who a person
is for an item, and what a reply from that person may do.

open → in_progress → submitted → accepted (a rejection goes back to
in_progress); "overdue" is never stored. A person's roles for an item are
derived from the directory and the meeting, never stored: the owner, the
owner's manager, the requesting side (who accepts), the meeting's host. One
person may hold several (the requester who is also the owner's manager).

`REPLY_RULES` is the one table from (role, situation, what the text says) to
the action a reply takes; the first rule that matches wins. The workflows
read the text and carry the action out; they decide nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from store.models import ITEM_CLOSED_STATES, Item, Participant, Person

OPEN_STATES = ("open", "in_progress", "submitted")
CHASED_STATES = ("open", "in_progress")  # states the owner is reminded in

ROLE_OWNER = "owner"
ROLE_MANAGER = "manager"  # the owner's manager: updates for the owner
ROLE_REQUESTER = "requester"  # the requesting side: accepts, approves delays
ROLE_HOST = "host"  # the meeting's host: approves delays, asks on escalations

# What state of the item a reply meets.
SITUATION_SUBMITTED = "submitted"  # waiting for acceptance
SITUATION_DELAY_ASKED = "delay_asked"  # a new date waits for approval
SITUATION_ANY = "any"

# How a reply is read for each rule: a parser context, or the delay decision
# (the reply parser has no context for it; see workflows.tracking).
READ_ACCEPTANCE = "acceptance"
READ_DELAY = "delay_decision"
READ_NONE = ""  # the action reads the text itself

# The actions the workflows carry out.
ACCEPT = "accept"
REJECT = "reject"
APPROVE_DELAY = "approve_delay"
REFUSE_DELAY = "refuse_delay"
OWNER_UPDATE = "owner_update"  # progress, done, delay, question, answer: read as a task
ASK_BACK_ACCEPTANCE = "ask_back_acceptance"
ASK_BACK_DELAY = "ask_back_delay"
PASS_QUESTION_ON = "pass_question_on"  # to the other side of the task, sender told
NOT_ENTITLED = "not_entitled"

ANY_INTENT = None


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]  # the sender holds one of these
    situation: str
    read: str
    intents: frozenset[str] | None  # what the text says; None: anything
    action: str


def _rule(roles: set[str], situation: str, read: str, intents, action: str) -> Rule:
    return Rule(
        frozenset(roles), situation, read, None if intents is None else frozenset(intents), action
    )


DECIDERS = {ROLE_REQUESTER, ROLE_HOST}
OWNER_SIDE = {ROLE_OWNER, ROLE_MANAGER}

REPLY_RULES: tuple[Rule, ...] = (
    # what only the requesting side may say comes first: the requester who is
    # also the owner's manager accepts with "验收通过", never updates with it
    _rule({ROLE_REQUESTER}, SITUATION_SUBMITTED, READ_ACCEPTANCE, {"pass"}, ACCEPT),
    _rule({ROLE_REQUESTER}, SITUATION_SUBMITTED, READ_ACCEPTANCE, {"reject"}, REJECT),
    _rule(DECIDERS, SITUATION_DELAY_ASKED, READ_DELAY, {"approve"}, APPROVE_DELAY),
    _rule(DECIDERS, SITUATION_DELAY_ASKED, READ_DELAY, {"refuse"}, REFUSE_DELAY),
    _rule(OWNER_SIDE, SITUATION_ANY, READ_NONE, ANY_INTENT, OWNER_UPDATE),
    _rule({ROLE_REQUESTER}, SITUATION_SUBMITTED, READ_ACCEPTANCE, {"question"}, PASS_QUESTION_ON),
    _rule({ROLE_REQUESTER}, SITUATION_SUBMITTED, READ_ACCEPTANCE, ANY_INTENT, ASK_BACK_ACCEPTANCE),
    _rule(DECIDERS, SITUATION_DELAY_ASKED, READ_DELAY, ANY_INTENT, ASK_BACK_DELAY),
    _rule(DECIDERS, SITUATION_ANY, READ_NONE, ANY_INTENT, PASS_QUESTION_ON),
)


# -- who a person is for an item ------------------------------------------------------
def attendees_of(item: Item) -> list[Person]:
    rows = (
        Participant.select(Participant, Person)
        .join(Person)
        .where(Participant.meeting == item.meeting)
        .order_by(Participant.id)
    )
    return [row.person for row in rows]


def same_company(a: Person | None, b: Person | None) -> bool:
    return bool(a and b and a.company_id and a.company_id == b.company_id)


def owner_side(item: Item, person: Person | None) -> bool:
    """The owner, or the owner's manager, may update the task."""
    if person is None or item.owner is None:
        return False
    return person.id == item.owner_id or person.id == item.owner.manager_id


def requesting_side(item: Item) -> list[Person]:
    """Who accepts the item: the requester and their colleagues at the meeting,
    never anyone of the owner's own company (unless that is the requester)."""
    requester = item.requester or item.meeting.host
    if requester is None:
        return []
    people = [requester]
    for person in attendees_of(item):
        if same_company(person, requester) and person.id != requester.id:
            people.append(person)
    return [
        p
        for p in people
        if p.id != item.owner_id and (p.id == requester.id or not same_company(p, item.owner))
    ]


def may_accept(item: Item, person: Person | None) -> bool:
    return person is not None and any(p.id == person.id for p in requesting_side(item))


def may_approve_delay(item: Item, person: Person | None) -> bool:
    host = item.meeting.host
    return person is not None and (may_accept(item, person) or bool(host and host.id == person.id))


def roles_of(item: Item, person: Person | None) -> frozenset[str]:
    """Every role `person` holds for `item` (empty for a stranger to it)."""
    if person is None:
        return frozenset()
    roles = set()
    if item.owner_id is not None and person.id == item.owner_id:
        roles.add(ROLE_OWNER)
    if item.owner is not None and person.id == item.owner.manager_id:
        roles.add(ROLE_MANAGER)
    if may_accept(item, person):
        roles.add(ROLE_REQUESTER)
    host = item.meeting.host
    if host is not None and host.id == person.id:
        roles.add(ROLE_HOST)
    return frozenset(roles)


def situations_of(item: Item) -> frozenset[str]:
    found = {SITUATION_ANY}
    if item.status == "submitted":
        found.add(SITUATION_SUBMITTED)
    if item.proposed_due_at is not None and item.status not in ITEM_CLOSED_STATES:
        found.add(SITUATION_DELAY_ASKED)
    return frozenset(found)


def reply_action(
    item: Item, person: Person | None, intent_for: Callable[[str], str]
) -> tuple[str, str]:
    """(action, intent read) for a reply from `person` about `item`.

    `intent_for(read)` reads the reply as rule's `read` asks (asked only for the
    rules that apply to the sender's roles and the item's situation)."""
    roles = roles_of(item, person)
    situations = situations_of(item)
    for rule in REPLY_RULES:
        if not roles & rule.roles or rule.situation not in situations:
            continue
        intent = intent_for(rule.read) if rule.read else ""
        if rule.intents is None or intent in rule.intents:
            return rule.action, intent
    return NOT_ENTITLED, ""
