"""`meetloop serve` and `meetloop worker`: the processes that run the service.

`serve` is the embedded default in ONE process: the SMTP receiver (its own
asyncio loop in a thread), the IMAP watcher when enabled (a thread), and the
Huey consumer with `queue.workers` worker threads plus the periodic jobs
(tick, sweep). The consumer runs from the main thread, because it installs
signal handlers. SIGTERM is the graceful signal (Huey's default would stop
at once), and Ctrl-C is made graceful too: the receiver stops taking mail,
running tasks finish, and the process exits 0.

`worker` is the same consumer without a receiver, for more workers on a
shared queue (Redis or PostgreSQL); its periodic jobs are off unless asked
for, since `serve` already runs them. A consumer that runs them flushes the
tick/sweep locks at start (a killed process may have left them; not every
storage expires locks), so two such consumers can overlap a tick: harmless,
as tick and sweep are idempotent.

On start, queued work a previous run left behind is queued again at once
(`tasks.recover`); every minute the sweep does the same for what a dead
worker dropped since.

`serve --start-at T --speed N` runs all of it on a rehearsal clock
(service.rehearsal): a thread writes the clock to the store every second
and runs the tick every clock minute (at most every `REHEARSAL_TICK_MIN`
real seconds), since Huey's periodic tick follows the real minute.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from huey.consumer import Consumer, ConsumerStopped
from huey.exceptions import TaskLockedException

from service import clock, leases, rehearsal, tasks
from service import config as config_module
from service.config import Config, ConfigError
from service.queue import huey
from store import db as store_db

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_SECONDS = 60  # running tasks get this long to finish on SIGTERM
# An idle worker polls the queue after 10 ms, backing off to at most 100 ms
# (Redis and PostgreSQL block instead; for SQLite this bounds the latency).
QUEUE_POLL_SECONDS = (0.01, 0.1)
REHEARSAL_TICK_MIN = 0.5  # real seconds: a fast rehearsal ticks no more often than this
CLOCK_MINUTE = 60.0


@dataclass(frozen=True)
class ClockChoice:
    """What `serve --start-at/--speed` asked for (both None: the store decides)."""

    start_at: datetime | None = None
    speed: float | None = None


class Component(Protocol):
    def stop(self) -> None: ...


class OneLine(logging.Filter):
    """One line per event: Huey logs its task list across several lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "\n" in message:
            record.msg, record.args = " | ".join(message.splitlines()), None
        return True


# aiosmtpd logs every SMTP command at INFO, Huey every task twice: our own
# lines (message processed, mail sent) say what happened, once.
LOG_LEVELS = {
    "mail.log": logging.WARNING,
    "huey": logging.WARNING,
    "huey.consumer": logging.INFO,  # start, stop, signals
    "huey.consumer.Scheduler": logging.WARNING,
}


def setup_logging() -> None:
    for handler in logging.getLogger().handlers:
        handler.addFilter(OneLine())
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        for name, level in LOG_LEVELS.items():
            logging.getLogger(name).setLevel(level)


def _export_config(cfg: Config) -> None:
    """Let child processes (and `huey_consumer`) load the same configuration."""
    if cfg.source is not None:
        os.environ[config_module.ENV_VAR] = str(cfg.source.resolve())


def make_consumer(cfg: Config, workers: int, periodic: bool) -> Consumer:
    return huey.create_consumer(
        workers=workers,
        worker_type="thread",
        periodic=periodic,
        graceful_signal="TERM",
        shutdown_timeout=SHUTDOWN_TIMEOUT_SECONDS,
        initial_delay=QUEUE_POLL_SECONDS[0],
        max_delay=QUEUE_POLL_SECONDS[1],
        extra_locks=",".join(tasks.PERIODIC_LOCKS) if periodic else None,
    )


def _start_receiver(cfg: Config) -> Component:
    from service.smtp_receiver import ReceiverThread

    receiver = ReceiverThread(cfg)
    port = receiver.start()
    log.info("smtp: listening on %s:%s", cfg.smtp.host, port)
    return receiver


def _start_watcher(cfg: Config) -> Component:
    from service import imap_watcher

    watcher = imap_watcher.WatcherThread(cfg)
    watcher.start()
    log.info("imap: watching %s on %s:%s", cfg.imap.folder, cfg.imap.host, cfg.imap.port)
    return watcher


class RehearsalThread(threading.Thread):
    """Keeps a rehearsal clock in the store and ticks every clock minute."""

    def __init__(self, cfg: Config):
        super().__init__(name="rehearsal-clock", daemon=True)
        self.cfg = cfg
        self.stopping = threading.Event()

    def run(self) -> None:
        from service import tick as ticking

        tick_every = max(clock.wall_seconds(CLOCK_MINUTE), REHEARSAL_TICK_MIN)
        last_tick = 0.0
        if store_db.is_sqlite():
            store_db.db.connect(reuse_if_open=True)
        try:
            while not self.stopping.wait(min(tick_every, rehearsal.HEARTBEAT_SECONDS)):
                self._safely(rehearsal.heartbeat)
                if time.monotonic() - last_tick >= tick_every:
                    last_tick = time.monotonic()
                    self._safely(lambda: self._tick(ticking))
        finally:
            if not store_db.db.is_closed():
                store_db.db.close()

    def _tick(self, ticking) -> None:
        try:
            with huey.lock_task(tasks.TICK_LOCK):
                ticking.tick(clock.now(), self.cfg)
        except TaskLockedException:
            log.debug("rehearsal: a tick is running already")

    @staticmethod
    def _safely(step) -> None:
        try:
            step()
        except Exception:  # the clock keeps running; the next round tries again
            log.exception("rehearsal clock: a step failed")

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=SHUTDOWN_TIMEOUT_SECONDS)
        rehearsal.stop()


def _start_clock(cfg: Config, choice: ClockChoice) -> Component | None:
    """The rehearsal clock when this store has or asks for one; None: real time."""
    try:
        row = rehearsal.start(choice.start_at, choice.speed)
    except rehearsal.ClockError as e:
        raise StartError(str(e)) from e
    if row is None:
        return None
    if choice.start_at is None:
        log.warning(
            "this store was rehearsed: continuing the %s; its mail is marked %s. "
            "To go live, stop the service and run '%s'",
            rehearsal.describe(row, cfg.tz),
            clock.REHEARSAL_HEADER,
            rehearsal.GO_LIVE,
        )
    else:
        log.info("%s", rehearsal.describe(row, cfg.tz))
    thread = RehearsalThread(cfg)
    thread.start()
    return thread


def run_consumer(consumer: Consumer) -> None:
    """Run until SIGTERM or Ctrl-C; both finish running tasks first."""
    consumer.start()  # installs Huey's handlers: TERM graceful, INT immediate
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C: graceful
    health = time.monotonic()
    while True:
        try:
            health = consumer.loop(health)
        except ConsumerStopped:
            break
    huey.notify_interrupted_tasks()


class StopRequested(Exception):
    """SIGTERM arrived while starting, before the consumer took over the signals."""


class StartError(Exception):
    """A part of the service could not start: one line for the admin."""


@contextmanager
def _starting(what: str) -> Iterator[None]:
    try:
        yield
    except (StopRequested, KeyboardInterrupt, ConfigError, StartError):
        raise
    except Exception as e:
        raise StartError(f"cannot start the {what}: {type(e).__name__}: {e}") from e


def _stop_while_starting(signum: int, frame: object) -> None:
    raise StopRequested(signal.Signals(signum).name)


def serve(cfg: Config, choice: ClockChoice | None = None) -> int:
    """The whole service in this process; returns the exit status."""
    return _run(
        "serve", cfg, cfg.queue.workers, periodic=True, receive=True, choice=choice or ClockChoice()
    )


def worker(cfg: Config, workers: int | None = None, periodic: bool = False) -> int:
    """More consumers on a shared queue; returns the exit status."""
    return _run("worker", cfg, workers or cfg.queue.workers, periodic=periodic, receive=False)


def _run(
    name: str,
    cfg: Config,
    workers: int,
    *,
    periodic: bool,
    receive: bool,
    choice: ClockChoice | None = None,
) -> int:
    setup_logging()
    _export_config(cfg)
    signal.signal(signal.SIGTERM, _stop_while_starting)
    try:
        with ExitStack() as stack:
            with _starting(f"queue {_safe(cfg.queue_url)}"):
                tasks.install(cfg)
                stack.callback(tasks.uninstall)
                if store_db.is_sqlite():  # so no other thread's close is the last (a checkpoint)
                    store_db.db.connect(reuse_if_open=True)
                    stack.callback(store_db.db.close)
                consumer = make_consumer(cfg, workers, periodic=periodic)
            if choice is not None:
                with _starting("rehearsal clock"):
                    ticker = _start_clock(cfg, choice)
                if ticker is not None:
                    stack.callback(_stop, "rehearsal clock", ticker)
            else:
                rehearsal.load()  # a worker beside a rehearsing serve runs on its clock
            if receive and cfg.smtp.enabled:
                with _starting(f"smtp receiver on {cfg.smtp.host}:{cfg.smtp.port}"):
                    stack.callback(_stop, "smtp receiver", _start_receiver(cfg))
            if receive and cfg.imap.enabled:
                with _starting(f"imap watcher for {cfg.imap.host}:{cfg.imap.port}"):
                    stack.callback(_stop, "imap watcher", _start_watcher(cfg))
            with _starting("recovery of unfinished work"):
                tasks.recover(cfg)
                leases.start(tasks.requeue_lapsed)
                stack.callback(leases.stop)
            log.info("%s: %s worker threads, queue %s", name, workers, _safe(cfg.queue_url))
            run_consumer(consumer)
    except (StopRequested, KeyboardInterrupt):
        log.info("%s: stop requested while starting", name)
    log.info("%s: stopped", name)
    return 0


def _stop(name: str, component: Component) -> None:
    try:
        component.stop()
    except Exception as e:  # shutting down: report, keep stopping the rest
        log.error("%s: stop failed: %s", name, e)


def _safe(url: str) -> str:
    """A URL fit for a log line: no password."""
    scheme, sep, rest = url.partition("://")
    if sep and "@" in rest:
        creds, _, host = rest.rpartition("@")
        return f"{scheme}://{creds.partition(':')[0]}:***@{host}"
    return url
