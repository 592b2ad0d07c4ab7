"""Fixtures every test folder shares: a configuration on temporary
directories, a real SQLite store (or PostgreSQL with MEETLOOP_TEST_PG=1),
and the clock."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from service import clock
from service.config import Config, from_dict
from store import db as store_db
from store import schema
from store.models import ALL_MODELS

# pg_database and redis_queue: the scale path's fixtures, for any test folder.
pytest_plugins = ["tests.support.backends"]

PG_URL = os.environ.get("MEETLOOP_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def make_config(tmp_path: Path, **sections: dict) -> Config:
    """A configuration whose files all live under `tmp_path`."""
    raw: dict[str, dict] = {
        "service": {
            "address": "meet@alliance.example.cn",
            "secret": "test-secret",
            "data_dir": "var",
        },
        "store": {"url": "sqlite:///var/meetloop.db"},
        "queue": {"url": "sqlite:///var/queue.db"},
        "outbound": {"url": "maildir:var/maildir"},
        "smtp": {"port": 0},
    }
    for name, values in sections.items():
        raw.setdefault(name, {}).update(values)
    return from_dict(raw, tmp_path)


@pytest.fixture
def cfg(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.fixture
def store(cfg: Config):
    """A fresh, initialised store for one test."""
    store_db.connect(cfg.store_url)
    schema.upgrade()
    yield store_db.db
    store_db.db.close()


@pytest.fixture
def pg_store():
    """The same models on the real PostgreSQL of this machine, emptied first."""
    try:
        store_db.connect(PG_URL)
        store_db.db.connect(reuse_if_open=True)
    except Exception as e:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {e}")
    store_db.db.obj.drop_tables(list(reversed(ALL_MODELS)), safe=True, cascade=True)
    store_db.db.obj.execute_sql("DROP TABLE IF EXISTS schema_migration")
    schema.upgrade()
    yield store_db.db
    store_db.db.close()


@pytest.fixture
def at():
    """Travel in time: `at(datetime)` freezes the clock for the rest of the test."""

    def travel(instant: datetime) -> datetime:
        clock.set_now(instant)
        return instant

    yield travel
    clock.set_now(None)
