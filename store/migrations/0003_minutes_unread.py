"""Minutes versions keep the lines that looked like items but were not read, so that the
draft sent to the recorder can list them (issue 10, defect 7)."""

from store.db import JSONTextField

TABLE, COLUMN = "minutes_version", "unread"


def up(migrator, db):
    # a store created from the current models by 0001 already has the column
    if COLUMN not in {c.name for c in db.get_columns(TABLE)}:
        migrator.migrate(migrator.add_column(TABLE, COLUMN, JSONTextField(default="[]")))


def down(migrator, db):
    migrator.migrate(migrator.drop_column(TABLE, COLUMN))
