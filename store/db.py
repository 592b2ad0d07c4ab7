"""The database handle, chosen by URL, and the write transaction everyone uses.

SQLite gets WAL, foreign keys and a busy timeout; its write transactions
begin IMMEDIATE, because a DEFERRED read-then-write transaction fails at
once with "database is locked" under concurrent workers whatever the busy
timeout says. PostgreSQL rejects IMMEDIATE, so it gets a plain BEGIN.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peewee import (
    BlobField,
    Database,
    DatabaseProxy,
    DateTimeField,
    PostgresqlDatabase,
    SqliteDatabase,
    TextField,
)
from playhouse.db_url import connect as url_connect

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 30_000,
    "cache_size": -32_000,
}

_lock = threading.Lock()
_current_url: str | None = None


def connect(url: str) -> Database:
    """Point the shared proxy at `url`; idempotent for the same URL."""
    global _current_url
    with _lock:
        if _current_url == url and db.obj is not None:
            return db.obj
        if db.obj is not None:
            db.obj.close()
        if url.startswith("sqlite:///"):
            path = url[len("sqlite:///") :]
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            _sqlite_writer.use(None if path == ":memory:" else path + WRITER_LOCK_SUFFIX)
            database: Database = SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, timeout=30)
        elif url.startswith(("postgresql://", "postgres://")):
            database = url_connect(url)
        else:
            raise ValueError(f"unsupported store URL {url!r}")
        db.initialize(database)
        _current_url = url
        return database


def is_sqlite() -> bool:
    return isinstance(db.obj, SqliteDatabase)


def is_postgres() -> bool:
    return isinstance(db.obj, PostgresqlDatabase)


class WriterLock:
    """SQLite has one writer at a time; this makes its users queue for it and wakes
    each the moment it is free: threads on an RLock, processes (serve, `meetloop
    worker`, `ingest`, `tick`) on a flock of a file beside the database. Left to
    SQLite's busy handler they would poll with sleeps of up to 100 ms. Reentrant
    in a thread: a nested write_txn() is a savepoint and takes nothing more."""

    def __init__(self) -> None:
        self._threads = threading.RLock()
        self._depth = 0
        self._path: str | None = None
        self._fd: int | None = None

    def use(self, path: str | None) -> None:
        """Lock beside `path` from now on (None: an in-memory database, threads only)."""
        with self._threads:
            if self._fd is not None:
                os.close(self._fd)
            self._fd = None
            self._path = path

    def __enter__(self) -> None:
        self._threads.acquire()
        try:
            if self._depth == 0 and self._path is not None:
                if self._fd is None:
                    self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise
        self._depth += 1

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        try:
            if self._depth == 0 and self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


WRITER_LOCK_SUFFIX = "-writer.lock"
_sqlite_writer = WriterLock()


@contextmanager
def write_txn():
    """A transaction that may read then write without "database is locked"."""
    if not is_sqlite():
        with db.atomic() as txn:
            yield txn
        return
    with _sqlite_writer, db.atomic("IMMEDIATE") as txn:
        yield txn


# SQLite's `PRAGMA synchronous` values, as it reports them.
SQLITE_SYNC_FULL = 2


@contextmanager
def durable_write_txn():
    """A write transaction that is on disk when it commits, for what is acknowledged
    to someone else ("250 OK" to a sender). PostgreSQL commits are durable anyway;
    SQLite's other commits (synchronous=NORMAL in WAL) survive a crashed process
    but not a power cut, so this one fsyncs the WAL. Outside any transaction only:
    nested, it would be a savepoint whose durability is its caller's commit."""
    if not is_sqlite():
        with write_txn() as txn:
            yield txn
        return
    if db.in_transaction():
        raise RuntimeError("durable_write_txn() inside a transaction")
    with _sqlite_writer:
        db.execute_sql(f"PRAGMA synchronous = {SQLITE_SYNC_FULL}")
        try:
            with write_txn() as txn:
                yield txn
        finally:
            db.execute_sql(f"PRAGMA synchronous = {SQLITE_PRAGMAS['synchronous']}")


@contextmanager
def unit_of_work():
    """A connection for one unit of work (a task, a request), closed after."""
    if db.is_closed():
        with db.connection_context():
            yield
    else:
        yield


class UTCDateTimeField(DateTimeField):
    """Aware datetimes in, naive UTC stored, aware UTC out.

    Naive UTC is the one representation that sorts correctly on SQLite and
    survives PostgreSQL's session time zone unchanged.
    """

    def db_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC field")
            value = value.astimezone(UTC).replace(tzinfo=None)
        return super().db_value(value)

    def python_value(self, value: Any) -> Any:
        value = super().python_value(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class JSONTextField(TextField):
    """JSON kept as text: the same column type on SQLite and PostgreSQL."""

    def db_value(self, value: Any) -> Any:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: Any) -> Any:
        return None if value is None else json.loads(value)


class BytesField(BlobField):
    """A blob that always comes back as bytes (psycopg2 gives memoryview)."""

    def python_value(self, value: Any) -> Any:
        if isinstance(value, memoryview):
            return value.tobytes()
        return value
