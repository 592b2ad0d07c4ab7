"""The task queue: one Huey instance whose storage the configuration chooses.

Tasks are registered on a single module-level instance, so every process
knows them under the same dotted names (`service.tasks.process`, ...): the
process that enqueues and the `meetloop worker` that consumes only need to
call `configure(cfg)` with the same configuration. Until then the instance
sits on in-memory storage; a process that never configures it (a unit test,
a library import) cannot leak tasks into a real queue.

The queue holds no state of its own that matters: a dequeued task is deleted
before it runs, so the store (InboundMessage, Outbox) is the source of truth
and a sweeper re-queues what a dead worker dropped. That is also why the
SQLite queue commits without fsync (WAL, synchronous=NORMAL): a power cut
may lose its newest tasks, which loses nothing, and cannot corrupt it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from huey import Huey, crontab
from huey.storage import (
    BaseStorage,
    MemoryStorage,
    PostgresStorage,
    RedisStorage,
    SqliteStorage,
)

from service import config as config_module
from service.config import Config

log = logging.getLogger(__name__)

QUEUE_NAME = "meetloop"
SQLITE_TIMEOUT_SECONDS = 30
PG_TABLE_PREFIX = "huey"

huey = Huey(
    QUEUE_NAME,
    results=False,  # tasks report through the store, never through results
    store_none=False,
    utc=True,
    storage_class=MemoryStorage,
)

_lock = threading.Lock()
_state: dict[str, object] = {"config": None, "url": None}


class QueueSqliteStorage(SqliteStorage):
    """Huey's SQLite storage with synchronous=NORMAL.

    Huey offers FULL (fsync every commit) or OFF (a crash may corrupt the
    file); NORMAL in WAL mode is the one that is both cheap and safe.
    """

    def _create_connection(self):
        conn = super()._create_connection()
        conn.execute("pragma synchronous=NORMAL")
        return conn


def storage_for(url: str) -> BaseStorage:
    """The Huey storage for a queue URL (already made absolute by Config)."""
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        path.parent.mkdir(parents=True, exist_ok=True)
        return QueueSqliteStorage(QUEUE_NAME, filename=str(path), timeout=SQLITE_TIMEOUT_SECONDS)
    if url.startswith("redis://"):
        return RedisStorage(QUEUE_NAME, url=url)
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStorage(QUEUE_NAME, dsn=url, table_prefix=PG_TABLE_PREFIX)
    if url.startswith("memory:"):
        return MemoryStorage(QUEUE_NAME)
    raise ValueError(f"unsupported queue URL {url!r}")


def configure(cfg: Config) -> Huey:
    """Point the shared instance at `cfg.queue_url`; idempotent for the same URL."""
    with _lock:
        url = cfg.queue_url
        if _state["url"] != url:
            old = huey.storage
            huey.storage = storage_for(url)
            _state["url"] = url
            _close(old)
        _state["config"] = cfg
    return huey


def _close(storage: BaseStorage) -> None:
    close = getattr(storage, "close", None)
    if close is not None:
        try:
            close()
        except Exception as e:  # an old connection that will not close is no error of ours
            log.debug("closing old queue storage: %s", e)


def reset() -> None:
    """Back to in-memory storage and no configuration (tests)."""
    with _lock:
        old = huey.storage
        huey.storage = MemoryStorage(QUEUE_NAME)
        _state.update(config=None, url=None)
    _close(old)


def config() -> Config:
    """The configuration the process configured the queue with.

    A consumer started some other way (`huey_consumer service.tasks.huey`)
    has not called `configure`; it loads $MEETLOOP_CONFIG as `meetloop`
    itself would.
    """
    cfg = _state["config"]
    if cfg is None:
        cfg = config_module.load()
        configure(cfg)
    return cfg  # type: ignore[return-value]


def is_configured() -> bool:
    return _state["config"] is not None


def crontab_local(**fields: str) -> Callable[[datetime], bool]:
    """A crontab evaluated in the configured time zone, not in UTC.

    Huey hands the check a naive UTC timestamp; the zone is read at each
    check, so the decorator can run at import, before the config is loaded.
    `day_of_week` follows cron: 0 = Sunday.
    """
    check = crontab(**fields)

    def validate(timestamp: datetime) -> bool:
        local = timestamp.replace(tzinfo=UTC).astimezone(config().tz)
        return check(local.replace(tzinfo=None))

    return validate


_consumer_lock: list[int] = []  # the open lock file of this process, kept until exit


def register_consumer(cfg: Config) -> bool:
    """Mark this process as a consumer of the queue; True when it is the only one.

    On a SQLite queue every consumer is on this machine, so a file lock tells
    whether any other is alive: when none is, whatever is still marked "being
    worked on" belongs to a dead process and may be taken up at once instead
    of after its lease. Redis and PostgreSQL queues span machines: False.
    """
    url = cfg.queue_url
    if url.startswith("memory:"):
        return True
    if not url.startswith("sqlite:///") or _consumer_lock:
        return False
    path = Path(url[len("sqlite:///") :] + ".consumers")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    _consumer_lock.append(fd)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        alone = True
    except BlockingIOError:
        alone = False
    fcntl.flock(fd, fcntl.LOCK_SH)  # held until the process exits
    return alone
