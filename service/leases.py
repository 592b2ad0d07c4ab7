"""Claims that die with their process: short leases a living process renews.

A worker claims a message ("processing", lease end in `next_attempt_at`) or
an Outbox row ("sending", since `sending_since`) in the store, which every
backend shares. While it works, a heartbeat thread of its process renews the
lease every `RENEW_EVERY`; a process that is SIGKILLed renews nothing, so
its claims are free `CLAIM_LEASE` later, on SQLite, PostgreSQL + Redis and
PostgreSQL + PostgreSQL alike, and the heartbeat of any living consumer
queues them again (`reclaim`) without waiting for the minute's sweep.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

from service import clock
from store.db import unit_of_work, write_txn
from store.models import InboundMessage, Outbox

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(seconds=20)  # a claim not renewed for this long: its holder died
RENEW_EVERY_SECONDS = 4.0  # well inside the lease, so a busy store cannot make it lapse

MESSAGE = "message"
OUTBOX = "outbox"

_held: dict[tuple[str, int], int] = {}  # (kind, id) -> claims of it held by this process
_lock = threading.Lock()
_thread: threading.Thread | None = None
_stop = threading.Event()
# Set by a consumer (serve, worker): called with the ids whose lease lapsed.
on_lapsed: Callable[[list[int], list[int]], None] | None = None


@contextlib.contextmanager
def held(kind: str, row_id: int) -> Iterator[None]:
    """Keep the lease of one claim alive while the block runs."""
    key = (kind, row_id)
    with _lock:
        _held[key] = _held.get(key, 0) + 1
    _ensure_heartbeat()
    try:
        yield
    finally:
        with _lock:
            _held[key] -= 1
            if not _held[key]:
                del _held[key]


def held_ids(kind: str) -> list[int]:
    with _lock:
        return [row_id for k, row_id in _held if k == kind]


def renew() -> None:
    """Push the lease of every claim this process holds to now + CLAIM_LEASE."""
    messages, outbox = held_ids(MESSAGE), held_ids(OUTBOX)
    if not messages and not outbox:
        return
    now = clock.now()
    with unit_of_work(), write_txn():
        if messages:
            InboundMessage.update(next_attempt_at=now + CLAIM_LEASE).where(
                InboundMessage.id.in_(messages), InboundMessage.status == "processing"
            ).execute()
        if outbox:
            Outbox.update(sending_since=now).where(
                Outbox.id.in_(outbox), Outbox.status == "sending"
            ).execute()


def lapsed() -> tuple[list[int], list[int]]:
    """Message and Outbox ids claimed by a process that stopped renewing them."""
    now = clock.now()
    with unit_of_work():
        messages = [
            r.id
            for r in InboundMessage.select(InboundMessage.id).where(
                InboundMessage.status == "processing", InboundMessage.next_attempt_at <= now
            )
        ]
        outbox = [
            r.id
            for r in Outbox.select(Outbox.id).where(
                Outbox.status == "sending", Outbox.sending_since <= now - CLAIM_LEASE
            )
        ]
    # A claim this process holds is alive, whatever the clock says: a rehearsal
    # clock (serve --speed) can pass CLAIM_LEASE between two renewals.
    mine_m, mine_o = set(held_ids(MESSAGE)), set(held_ids(OUTBOX))
    return [i for i in messages if i not in mine_m], [i for i in outbox if i not in mine_o]


def beat() -> None:
    """One heartbeat: renew our claims, hand lapsed ones of dead processes on."""
    renew()
    hook = on_lapsed
    if hook is not None:
        messages, outbox = lapsed()
        if messages or outbox:
            log.warning(
                "leases: %s messages and %s outbox rows held by a dead process, queued again",
                len(messages),
                len(outbox),
            )
            hook(messages, outbox)


def _run() -> None:
    while not _stop.wait(RENEW_EVERY_SECONDS):
        try:
            beat()
        except Exception as e:  # a store hiccup: the next beat tries again, inside the lease
            log.warning("leases: heartbeat failed: %s", e)


def _ensure_heartbeat() -> None:
    global _thread
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _stop.clear()
        _thread = threading.Thread(target=_run, name="lease-heartbeat", daemon=True)
        _thread.start()


def start(lapsed_hook: Callable[[list[int], list[int]], None] | None = None) -> None:
    """Run the heartbeat in this process (a consumer passes how to queue lapsed work)."""
    global on_lapsed
    on_lapsed = lapsed_hook
    _ensure_heartbeat()


def stop() -> None:
    global _thread, on_lapsed
    on_lapsed = None
    _stop.set()
    if _thread is not None:
        _thread.join(timeout=RENEW_EVERY_SECONDS * 2)
    _thread = None
