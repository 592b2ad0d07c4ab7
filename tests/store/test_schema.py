from store import db as store_db
from store import schema
from store.queries import next_ref


def test_init_is_idempotent_and_versioned(store):
    assert schema.pending() == []
    assert schema.version() == 1
    assert schema.upgrade() == []


def test_sqlite_pragmas_in_force(store):
    assert store.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_refs_are_sequential(store):
    with store_db.write_txn():
        assert [next_ref("meeting") for _ in range(3)] == ["M-0001", "M-0002", "M-0003"]
        assert next_ref("item") == "T-0001"


def test_same_models_on_postgres(pg_store):
    assert schema.version() == 1
    with store_db.write_txn():
        assert next_ref("meeting") == "M-0001"
