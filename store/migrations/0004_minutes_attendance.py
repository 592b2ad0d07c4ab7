"""Who attended, as the minutes say: a list on each minutes version (None: the
meeting's participants who did not decline, delegates in place of those they replaced).

A store made by 0001 from today's models has it already: only what is missing is added.
"""

from store.db import JSONTextField


def up(migrator, db):
    columns = {c.name for c in db.get_columns("minutes_version")}
    if "attendance" not in columns:
        migrator.migrate(
            migrator.add_column("minutes_version", "attendance", JSONTextField(null=True))
        )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("minutes_version", "attendance"))
