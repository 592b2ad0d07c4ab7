"""Huey tasks: process a stored message, deliver an Outbox row, tick, sweep.

Tasks carry ids only; the store is the truth. The queue deletes a task
before it runs, so a worker killed mid-task loses the task but never the
row: `sweep` (every minute) re-queues stored messages left unprocessed and
Outbox rows left pending or abandoned in "sending". Handlers that could run
twice for the same id are safe: processing claims its message, delivery
claims its row with a conditional UPDATE.

`install(cfg)` is what a process that receives or consumes calls: it opens
the store, points the queue at `cfg.queue_url` and hooks enqueueing into
ingest (`on_stored`) and the mailer (`after_queue`), both after commit.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from service import clock, delivery, ingest, leases, mail, queue
from service.config import Config
from service.queue import crontab_local, huey
from store import db as store_db
from store.db import unit_of_work, write_txn
from store.models import InboundMessage, Outbox

log = logging.getLogger(__name__)

# One tick and one sweep at a time. Not every storage supports lock TTLs, so
# a lock left by a killed process is flushed when a periodic consumer starts.
TICK_LOCK = "meetloop-tick"
SWEEP_LOCK = "meetloop-sweep"
PERIODIC_LOCKS = (TICK_LOCK, SWEEP_LOCK)
# The periodic sweep waits while the queue holds more tasks than this: rows
# left behind are then most likely still in it, and queuing them again would
# only feed duplicates to a backlog. They are swept once it drains.
SWEEP_BACKLOG = 200


def install(cfg: Config) -> None:
    """Store, queue and enqueue hooks for this process, from `cfg`."""
    store_db.connect(cfg.store_url)
    queue.configure(cfg)
    ingest.on_stored = enqueue_process
    mail.after_queue = enqueue_delivery


def release_dead_claims(cfg: Config, now: datetime) -> dict[str, int]:
    """Expire the leases of messages and maildir deliveries left "in progress"."""
    with unit_of_work(), write_txn():
        messages = (
            InboundMessage.update(next_attempt_at=now)
            .where(InboundMessage.status == "processing")
            .execute()
        )
        outbox = 0
        if cfg.outbound_url.startswith("maildir:"):  # idempotent: safe to write again
            outbox = (
                Outbox.update(sending_since=now - delivery.SENDING_GRACE)
                .where(Outbox.status == "sending")
                .execute()
            )
    return {"messages": messages, "outbox": outbox}


def uninstall() -> None:
    """Remove the hooks (tests, and a process shutting down)."""
    ingest.on_stored = None
    mail.after_queue = None


def enqueue_process(message_id: int) -> None:
    _enqueue(process, message_id)


def enqueue_delivery(outbox_id: int) -> None:
    _enqueue(deliver, outbox_id)


def _enqueue(task, row_id: int) -> None:
    """Queue a task; a queue that is down only delays the row until the sweep."""
    try:
        task(row_id)
    except Exception as e:
        log.warning("queue: %s(%s) not queued (the sweep will): %s", task.name, row_id, e)


@huey.on_startup()
def keep_thread_connection() -> None:
    """SQLite: each worker thread keeps one store connection for its life.

    Closing SQLite's last connection checkpoints the WAL (~20 ms here), more
    than a message costs to process. PostgreSQL keeps a connection per task,
    so a restarted server costs at most the task in flight.
    """
    _config()
    if store_db.is_sqlite():
        store_db.db.connect(reuse_if_open=True)


@huey.on_shutdown()
def close_thread_connection() -> None:
    delivery.close_transport()
    if not store_db.db.is_closed():
        store_db.db.close()


def _config() -> Config:
    cfg = queue.config()
    store_db.connect(cfg.store_url)
    return cfg


@huey.task()
def process(message_id: int) -> None:
    """Parse, route and act on one stored message (retries are the processor's)."""
    from service import process as processing

    cfg = _config()
    with unit_of_work():
        status = processing.process_message(message_id, cfg)
    log.info("message %s: %s", message_id, status)


@huey.task()
def deliver(outbox_id: int) -> None:
    """Try one Outbox row; a failed try is scheduled again at its back-off."""
    cfg = _config()
    outcomes = delivery.deliver_with_due(outbox_id, cfg)
    for row_id, outcome in outcomes.items():
        if outcome == delivery.RETRY:
            _schedule_retry(row_id)


def _schedule_retry(outbox_id: int) -> None:
    with unit_of_work():
        row = Outbox.get_or_none(Outbox.id == outbox_id)
    if row is None or row.next_attempt_at is None:
        return
    delay = max(clock.wall_seconds((row.next_attempt_at - clock.now()).total_seconds()), 0)
    deliver.schedule(args=(outbox_id,), delay=delay)


@huey.periodic_task(crontab_local(minute="*"))
def tick() -> None:
    """Every minute (in the configured zone): apply the time-based rules.

    Not on a rehearsal clock: `serve`'s rehearsal thread ticks every clock minute."""
    from service import tick as ticking

    if clock.rehearsing():
        return
    cfg = _config()
    with huey.lock_task(TICK_LOCK), unit_of_work():
        ticking.tick(clock.now(), cfg)


@huey.periodic_task(crontab_local(minute="*"))
@huey.lock_task(SWEEP_LOCK)
def sweep() -> None:
    """Re-queue what a dead worker or a down queue left behind."""
    cfg = _config()
    backlog = huey.pending_count()
    if backlog > SWEEP_BACKLOG:
        log.info("sweep: %s tasks still queued, sweeping later", backlog)
        return
    counts = sweep_once(cfg)
    if any(counts.values()):
        log.info("sweep: re-queued %(messages)s messages, %(outbox)s outbox rows", counts)


def sweep_once(cfg: Config, *, at_start: bool = False) -> dict[str, int]:
    """One sweep: the ids found are queued again (claims make doubles harmless).

    A periodic sweep leaves alone what was queued a moment ago; the sweep at
    start (`at_start`) takes everything due, since the queue may have lost it.
    """
    from service import process as processing

    now = clock.now()
    with unit_of_work():
        if at_start:
            message_ids = processing.due_messages(now)
            outbox_ids = delivery.due_ids(now, limit=None)
        else:
            message_ids = processing.stale_messages(now)
            outbox_ids = delivery.due_ids(now - delivery.RETRY_BASE, limit=None)
    for message_id in message_ids:
        enqueue_process(message_id)
    for outbox_id in outbox_ids:
        enqueue_delivery(outbox_id)
    return {"messages": len(message_ids), "outbox": len(outbox_ids)}


_requeued: dict[tuple[str, int], float] = {}  # what this process re-queued, and when


def requeue_lapsed(message_ids: list[int], outbox_ids: list[int]) -> None:
    """Queue the work of a dead process again (`service.leases` found its leases
    lapsed); each id at most once per lease, so a backlog is not fed doubles."""
    now = time.monotonic()
    lease = leases.CLAIM_LEASE.total_seconds()
    for key in [k for k, at in _requeued.items() if now - at > lease]:
        del _requeued[key]
    for kind, ids, enqueue in (
        ("message", message_ids, enqueue_process),
        ("outbox", outbox_ids, enqueue_delivery),
    ):
        for row_id in ids:
            if (kind, row_id) not in _requeued:
                _requeued[(kind, row_id)] = now
                enqueue(row_id)


def recover(cfg: Config) -> None:
    """At start: queue what a previous run left behind, without waiting a minute.

    When this process is the queue's only consumer, the claims still held
    were held by a process that died: they are released now rather than
    after their lease. Except a relay send whose outcome is unknown: that
    one keeps its grace period (see service.delivery).
    """
    if queue.register_consumer(cfg):
        released = release_dead_claims(cfg, clock.now())
        if any(released.values()):
            log.info("recover: released %(messages)s messages, %(outbox)s outbox rows", released)
    counts = sweep_once(cfg, at_start=True)
    if any(counts.values()):
        log.info("recover: queued %(messages)s messages, %(outbox)s outbox rows", counts)
