"""The write transactions: durable ones fsync on SQLite; threads and processes queue
for the writer."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from service import clock
from store import db as store_db
from store.db import durable_write_txn, write_txn
from store.models import Company

SYNC_NORMAL = 1


def _synchronous() -> int:
    return store_db.db.execute_sql("PRAGMA synchronous").fetchone()[0]


def test_durable_commit_is_full_then_back_to_normal(store):
    assert _synchronous() == SYNC_NORMAL
    with durable_write_txn():
        assert _synchronous() == store_db.SQLITE_SYNC_FULL
        Company.create(name="甲方", domains=["a.example.cn"], created_at=clock.now())
    assert _synchronous() == SYNC_NORMAL
    assert Company.select().count() == 1


def test_durable_commit_refuses_to_nest(store):
    with (
        write_txn(),
        pytest.raises(RuntimeError, match="inside a transaction"),
        durable_write_txn(),
    ):
        pass


def test_a_failed_durable_transaction_rolls_back_and_restores_normal(store):
    with pytest.raises(LookupError), durable_write_txn():
        Company.create(name="乙方", domains=["b.example.cn"], created_at=clock.now())
        raise LookupError("the handler failed")
    assert _synchronous() == SYNC_NORMAL
    assert Company.select().count() == 0


def test_threads_take_turns_without_database_is_locked(store):
    """Two threads that read then write the same row: no lost update, no error."""
    company = Company.create(name="丙方", domains=["c.example.cn"], created_at=clock.now())
    errors: list[BaseException] = []

    def bump(times: int) -> None:
        try:
            with store_db.db.connection_context():
                for _ in range(times):
                    with write_txn():
                        row = Company.get_by_id(company.id)
                        time.sleep(0.001)  # widen the read-modify-write window
                        row.name = f"{int(row.name) + 1}" if row.name.isdigit() else "1"
                        row.save()
        except BaseException as e:  # reported below: the assertion names it
            errors.append(e)

    threads = [threading.Thread(target=bump, args=(25,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Company.get_by_id(company.id).name == "50"


def test_processes_queue_for_the_writer_on_a_lock_file(tmp_path):
    """Another process holding the writer lock keeps this one's write waiting."""
    url = f"sqlite:///{tmp_path}/store.db"
    store_db.connect(url)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(1.0)",
            f"{tmp_path}/store.db{store_db.WRITER_LOCK_SUFFIX}",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with store_db.db.connection_context(), write_txn():
            waited = time.monotonic() - started
        assert waited > 0.5
    finally:
        holder.wait(10)
