"""The founding schema: every table of store.models as first released.

Later changes go into new numbered files that alter tables with the
migrator, so an existing store upgrades in place.
"""

from store.models import ALL_MODELS


def up(migrator, db):
    db.create_tables(ALL_MODELS, safe=True)


def down(migrator, db):
    db.drop_tables(list(reversed(ALL_MODELS)), safe=True)
