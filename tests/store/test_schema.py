from store import db as store_db
from store import schema
from store.models import Installation
from store.queries import next_ref

MIGRATIONS = len(list(schema.MIGRATIONS_DIR.glob("0*.py")))


def test_init_is_idempotent_and_versioned(store):
    assert schema.pending() == []
    assert schema.version() == MIGRATIONS
    assert schema.upgrade() == []


def test_a_store_made_before_0002_gains_its_columns_and_nonce(store):
    """Per-recipient outcomes and the installation nonce reach an existing store."""
    store.execute_sql("ALTER TABLE outbox DROP COLUMN delivered_to")
    store.execute_sql("ALTER TABLE outbox DROP COLUMN refused")
    store.execute_sql("DROP TABLE installation")
    store.execute_sql("DELETE FROM schema_migration WHERE name LIKE '0002%'")
    assert schema.upgrade() == ["0002_recipients_installation"]
    columns = {c.name for c in store.get_columns("outbox")}
    assert {"delivered_to", "refused"} <= columns
    assert Installation.select().count() == 1


def test_a_store_from_before_unread_lines_gains_the_column(store):
    """A store made before 0003 has no minutes_version.unread: upgrading adds it, empty."""
    store.execute_sql("ALTER TABLE minutes_version DROP COLUMN unread")
    store.execute_sql("DELETE FROM schema_migration WHERE name = '0003_minutes_unread'")
    assert schema.pending() == ["0003_minutes_unread"]
    assert schema.upgrade() == ["0003_minutes_unread"]
    assert "unread" in {c.name for c in store.get_columns("minutes_version")}
    assert schema.version() == MIGRATIONS


def test_a_store_made_before_0004_gains_the_minutes_attendance(store):
    store.execute_sql("ALTER TABLE minutes_version DROP COLUMN attendance")
    store.execute_sql("DELETE FROM schema_migration WHERE name LIKE '0004%'")
    assert schema.upgrade() == ["0004_minutes_attendance"]
    assert "attendance" in {c.name for c in store.get_columns("minutes_version")}


def test_sqlite_pragmas_in_force(store):
    assert store.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_refs_are_sequential(store):
    with store_db.write_txn():
        assert [next_ref("meeting") for _ in range(3)] == ["M-0001", "M-0002", "M-0003"]
        assert next_ref("item") == "T-0001"


def test_same_models_on_postgres(pg_store):
    assert schema.version() == MIGRATIONS
    with store_db.write_txn():
        assert next_ref("meeting") == "M-0001"
