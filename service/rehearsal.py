"""The rehearsal clock kept in the store, so every process reads the same "now".

`meetloop serve --start-at T --speed N` starts it (`start`); the running
service writes its reading back every `HEARTBEAT_SECONDS` (`heartbeat`) and
when it stops, so a restart continues where the rehearsal was. Every CLI
command reads it when it opens the store (`load`): while a service runs the
clock, the command's "now" runs with it; otherwise it is where the service
left it. `meetloop tick --now` moves it forward (`advance`), never back: a
running service adopts the jump at its next heartbeat. The row marks the
store as rehearsed until `meetloop init --reset-clock` (`reset`) removes it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, tzinfo

from service import clock
from store.db import unit_of_work, write_txn
from store.models import ServiceClock

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 1.0  # real seconds between two writes of a running clock
# A serving row not written for this long belongs to a service that died:
# readers take its last reading instead of running it on.
STALE_SECONDS = 10 * HEARTBEAT_SECONDS
GO_LIVE = "meetloop init --reset-clock"


class ClockError(ValueError):
    """A clock change that would break the rehearsal's time line: one line for the admin."""


def _wall() -> datetime:
    return datetime.now(UTC)


def _row() -> ServiceClock | None:
    return ServiceClock.select().order_by(ServiceClock.id).first()


def reading(row: ServiceClock, wall: datetime | None = None) -> datetime:
    """The instant a stored clock shows at real time `wall`."""
    wall = wall or _wall()
    elapsed = (wall - row.wall_at).total_seconds()
    if not row.serving or elapsed < 0 or elapsed > STALE_SECONDS:
        return row.instant
    return row.instant + timedelta(seconds=elapsed * row.speed)


def load() -> ServiceClock | None:
    """Put this process on the store's clock (the real one for a live store)."""
    with unit_of_work():
        row = _row()
    if row is None:
        clock.live()
        return None
    clock.rehearse(reading(row), row.speed if running(row) else 0.0)
    return row


def start(start_at: datetime | None, speed: float | None) -> ServiceClock | None:
    """The clock a starting service runs on: a new or continued rehearsal, or None (live)."""
    if speed is not None and speed <= 0:
        raise ClockError("--speed must be more than 0")
    with unit_of_work(), write_txn():
        row = _row()
        if row is None and start_at is None:
            if speed is not None:
                raise ClockError("--speed needs --start-at on a store that is not rehearsed")
            clock.live()
            return None
        wall = _wall()
        if row is None:
            row = ServiceClock(start_at=start_at, instant=start_at, speed=speed or 1.0)
        else:
            current = reading(row, wall)
            if start_at is not None and start_at < current - timedelta(seconds=1):
                raise ClockError(
                    f"this store's rehearsal clock is already at {current.isoformat()}; "
                    f"it does not go back. Start later than that, or leave --start-at out "
                    "to continue"
                )
            row.instant = start_at or current
            row.speed = speed or row.speed
        row.wall_at = wall
        row.serving = True
        row.save()
    clock.rehearse(row.instant, row.speed)
    return row


def heartbeat() -> datetime:
    """Write the running clock's reading; adopt a later one `tick --now` stored."""
    with unit_of_work(), write_txn():
        row = _row()
        if row is None:  # reset under a running service: it keeps its clock till it stops
            return clock.now()
        mine = clock.now()
        if row.instant > mine:
            log.info("clock: moved forward to %s", row.instant.isoformat())
            clock.rehearse(row.instant, row.speed)
            mine = row.instant
        row.instant, row.wall_at, row.serving = mine, _wall(), True
        row.save()
    return mine


def stop() -> None:
    """A stopping service leaves the clock where it is."""
    with unit_of_work(), write_txn():
        row = _row()
        if row is not None:
            row.instant, row.wall_at, row.serving = max(row.instant, clock.now()), _wall(), False
            row.save()


def advance(to: datetime) -> ServiceClock | None:
    """Move a rehearsal clock forward to `to` (`tick --now`); None on a live store."""
    with unit_of_work(), write_txn():
        row = _row()
        if row is None:
            return None
        wall = _wall()
        current = reading(row, wall)
        if to < current:
            raise ClockError(
                f"this store runs on a rehearsal clock, now {current.isoformat()}; "
                "--now can move it forward, never back"
            )
        row.instant, row.wall_at = to, wall
        row.save()
    clock.rehearse(to, row.speed if running(row) else 0.0)
    return row


def running(row: ServiceClock) -> bool:
    """True while a service runs this clock (it wrote it a moment ago)."""
    return row.serving and 0 <= (_wall() - row.wall_at).total_seconds() <= STALE_SECONDS


def reset() -> bool:
    """Back to the real clock (going live); False when the store was not rehearsed."""
    with unit_of_work(), write_txn():
        row = _row()
        if row is not None and running(row):
            raise ClockError(
                "a service is running on the rehearsal clock; stop it first, then reset the clock"
            )
        removed = ServiceClock.delete().execute()
    clock.live()
    return bool(removed)


def describe(row: ServiceClock, tz: tzinfo = UTC) -> str:
    """One line for the admin: where the rehearsal clock is and how fast it runs."""
    return (
        f"rehearsal clock at {_shown(reading(row), tz)}, {row.speed:g}× real time "
        f"(started at {_shown(row.start_at, tz)})"
    )


def _shown(instant: datetime, tz: tzinfo) -> str:
    return instant.astimezone(tz).isoformat(timespec="seconds")
