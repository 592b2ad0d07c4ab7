"""Schema versions: numbered files in store/migrations, applied in order.

`upgrade()` is what `meetloop init` runs; it is safe to run any number of
times, since peewee's runner records each applied file.
"""

from __future__ import annotations

from pathlib import Path

from playhouse.migrations import Runner

from store.db import db

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _runner() -> Runner:
    return Runner(db.obj, str(MIGRATIONS_DIR))


def upgrade() -> list[str]:
    """Apply pending migrations; return the names applied now."""
    return _runner().up()


def pending() -> list[str]:
    """Migrations not yet applied: `doctor` reports them."""
    return [m.name for m in _runner().status() if m.applied is None and m.path is not None]


def version() -> int:
    """The number of the newest applied migration, 0 for an empty store."""
    applied = [m for m in _runner().status() if m.applied is not None]
    return max((m.idx for m in applied), default=0)
