"""Per-recipient delivery outcomes on the Outbox, and the installation's own nonce.

A store made by 0001 from today's models has them already: only what is
missing is added.
"""

import secrets
from datetime import UTC, datetime

from store.db import JSONTextField
from store.models import Installation

NONCE_BYTES = 16


def up(migrator, db):
    columns = {c.name for c in db.get_columns("outbox")}
    changes = []
    if "delivered_to" not in columns:
        changes.append(migrator.add_column("outbox", "delivered_to", JSONTextField(default=list)))
    if "refused" not in columns:
        changes.append(migrator.add_column("outbox", "refused", JSONTextField(default=dict)))
    if changes:
        migrator.migrate(*changes)
    db.create_tables([Installation], safe=True)
    if not Installation.select().exists():
        Installation.create(nonce=secrets.token_hex(NONCE_BYTES), created_at=datetime.now(UTC))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("outbox", "delivered_to"))
    migrator.migrate(migrator.drop_column("outbox", "refused"))
    db.drop_tables([Installation], safe=True)
