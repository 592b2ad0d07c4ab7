"""The queue chosen by URL, the local-time crontab, and the tasks' sweep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from service import delivery, queue, tasks
from service.mail import queue_mail
from store.db import write_txn
from store.models import InboundMessage, Outbox, Person
from tests.conftest import make_config

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fresh_queue():
    queue.reset()
    yield
    tasks.uninstall()
    queue.reset()


def test_storage_follows_the_url(tmp_path):
    sqlite = queue.storage_for(f"sqlite:///{tmp_path}/q/queue.db")
    assert isinstance(sqlite, SqliteStorage) and sqlite.filename == f"{tmp_path}/q/queue.db"
    assert isinstance(queue.storage_for("memory:"), MemoryStorage)
    assert isinstance(queue.storage_for("redis://127.0.0.1:6379/3"), RedisStorage)
    with pytest.raises(ValueError, match="unsupported queue URL"):
        queue.storage_for("amqp://localhost")


def test_a_task_enqueued_here_is_seen_by_another_process_reader(tmp_path):
    cfg = make_config(tmp_path)
    queue.configure(cfg)
    tasks.deliver(42)  # enqueue only: no consumer runs here
    other = SqliteStorage(queue.QUEUE_NAME, filename=str(tmp_path / "var" / "queue.db"))
    assert other.queue_size() == 1
    message = queue.huey.dequeue()
    assert message.name == "deliver" and message.args == (42,)
    assert f"{message.__module__}.{message.name}" == "service.tasks.deliver"


def test_crontab_is_evaluated_in_the_configured_zone(tmp_path):
    queue.configure(make_config(tmp_path, calendar={"timezone": "Asia/Shanghai"}))
    nine_local = queue.crontab_local(minute="0", hour="9")
    # Huey hands the check naive UTC: 01:00 UTC is 09:00 in Shanghai.
    assert nine_local(datetime(2026, 11, 23, 1, 0))
    assert not nine_local(datetime(2026, 11, 23, 9, 0))


def _person() -> Person:
    return Person.create(email="li@a.example.cn", name="Li", language="en", created_at=NOW)


def test_hooks_enqueue_after_commit_and_the_sweep_finds_what_was_lost(tmp_path, at):
    cfg = make_config(tmp_path, queue={"url": "memory:"})
    tasks.install(cfg)
    from store import schema

    schema.upgrade()
    at(NOW)
    with write_txn():
        row = queue_mail(cfg, key="k1", to=_person(), template="help", context={}, now=NOW)
        assert queue.huey.pending_count() == 0, "nothing is queued before the commit"
    assert queue.huey.pending_count() == 1
    queue.huey.flush()  # the task is lost, as when a worker dies after dequeuing it
    with write_txn():
        InboundMessage.create(
            dedup_key="<m1@x>", sha256="0", raw=b"Subject: x\n\nx", source="cli", received_at=NOW
        )
    at(NOW + timedelta(minutes=5))
    assert tasks.sweep_once(cfg) == {"messages": 1, "outbox": 1}
    names = sorted(t.name for t in queue.huey.pending())
    assert names == ["deliver", "process"]
    tasks.deliver.call_local(row.id)
    assert Outbox.get_by_id(row.id).status == "sent"
    assert delivery.due_ids(NOW + timedelta(hours=2)) == []


def test_the_periodic_sweep_waits_while_a_backlog_drains(tmp_path, at):
    cfg = make_config(tmp_path, queue={"url": "memory:"})
    tasks.install(cfg)
    from store import schema

    schema.upgrade()
    at(NOW)
    with write_txn():
        InboundMessage.create(
            dedup_key="<m2@x>", sha256="0", raw=b"Subject: x\n\nx", source="cli", received_at=NOW
        )
    at(NOW + timedelta(minutes=5))
    for i in range(tasks.SWEEP_BACKLOG + 1):
        tasks.deliver(10_000 + i)  # a backlog of queued work
    tasks.sweep.call_local()
    assert queue.huey.pending_count() == tasks.SWEEP_BACKLOG + 1
    queue.huey.flush()
    tasks.sweep.call_local()
    assert [t.name for t in queue.huey.pending()] == ["process"]


def test_the_sqlite_queue_is_wal_with_normal_sync(tmp_path):
    storage = queue.storage_for(f"sqlite:///{tmp_path}/queue.db")
    storage.enqueue(b"x", 0)
    with storage.db() as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert conn.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL
