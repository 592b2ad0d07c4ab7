"""Queries the workflows share: look-ups, references, the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from peewee import fn

from store.db import is_postgres
from store.models import (
    AuditLog,
    Company,
    Counter,
    InboundMessage,
    Person,
    PersonAlias,
)

REF_FORMATS = {"meeting": "M-{:04d}", "item": "T-{:04d}"}


def next_ref(counter: str) -> str:
    """The next short reference (M-0042). Call inside a write transaction."""
    row, _ = Counter.get_or_create(name=counter)
    if is_postgres():
        row = Counter.select().where(Counter.id == row.id).for_update().get()
    Counter.update(value=Counter.value + 1).where(Counter.id == row.id).execute()
    value = Counter.get_by_id(row.id).value
    return REF_FORMATS[counter].format(value)


def person_by_address(address: str) -> Person | None:
    """The person owning `address`, by primary address or alias."""
    address = (address or "").strip().lower()
    if not address:
        return None
    person = Person.get_or_none(fn.LOWER(Person.email) == address)
    if person is None:
        alias = PersonAlias.get_or_none(PersonAlias.email == address)
        person = alias.person if alias else None
    return person


def company_by_domain(domain: str) -> Company | None:
    domain = domain.lower()
    for company in Company.select():
        if domain in (company.domains or []):
            return company
    return None


def audit(
    action: str,
    *,
    at: datetime,
    actor: Person | None = None,
    actor_text: str = "",
    obj: Any = None,
    detail: dict[str, Any] | None = None,
    message: InboundMessage | None = None,
    command: str = "",
) -> AuditLog:
    """Record one state change. Call inside the transaction that makes it."""
    return AuditLog.create(
        at=at,
        actor=actor,
        actor_text=actor_text or (actor.email if actor else "system"),
        action=action,
        object_kind=type(obj).__name__.lower() if obj is not None else "",
        object_id=getattr(obj, "id", None),
        detail=detail or {},
        message=message,
        command=command,
    )
