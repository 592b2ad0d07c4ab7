"""The rehearsal clock's row (`meetloop serve --start-at`); a live store has none."""

from store.models import ServiceClock


def up(migrator, db):
    db.create_tables([ServiceClock], safe=True)


def down(migrator, db):
    db.drop_tables([ServiceClock], safe=True)
