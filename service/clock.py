"""The one clock of the whole service.

Everything that needs "now" calls `now()`. Three layers, first that is set wins:
`travel_to()` (this thread: tests, `tick --now`), `set_now()` (every thread:
tests), and a rehearsal clock (`rehearse()`: `meetloop serve --start-at`),
which starts at a chosen instant and runs `speed` times faster than real
time. Without any of them it is the real time. Where a rehearsal clock is
kept between runs is service.rehearsal's business, not this module's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# Every mail written under a rehearsal clock carries this header, so none passes for real.
REHEARSAL_HEADER = "X-Meetloop-Rehearsal"

_state = threading.local()
_global_override: datetime | None = None


@dataclass(frozen=True)
class Rehearsal:
    """A clock that read `instant` at the monotonic time `anchor` and runs `speed`× (0: stopped)."""

    instant: datetime
    anchor: float
    speed: float

    def at(self, monotonic: float) -> datetime:
        return self.instant + timedelta(seconds=(monotonic - self.anchor) * self.speed)


_rehearsal: Rehearsal | None = None


def now() -> datetime:
    """The current instant, aware, in UTC."""
    override = getattr(_state, "override", None) or _global_override
    if override is not None:
        return override
    rehearsal = _rehearsal
    if rehearsal is not None:
        return rehearsal.at(time.monotonic())
    return datetime.now(UTC)


def set_now(instant: datetime | None) -> None:
    """Freeze the clock for every thread (None: back to real time)."""
    global _global_override
    if instant is not None and instant.tzinfo is None:
        raise ValueError("the clock takes aware datetimes only")
    _global_override = instant.astimezone(UTC) if instant else None


@contextmanager
def travel_to(instant: datetime) -> Iterator[None]:
    """Freeze the clock at `instant` for the code inside the block (this thread)."""
    if instant.tzinfo is None:
        raise ValueError("the clock takes aware datetimes only")
    previous = getattr(_state, "override", None)
    _state.override = instant.astimezone(UTC)
    try:
        yield
    finally:
        _state.override = previous


def rehearse(instant: datetime, speed: float = 1.0) -> None:
    """Run every thread on a rehearsal clock from `instant`, `speed`× real time."""
    global _rehearsal
    if instant.tzinfo is None:
        raise ValueError("the clock takes aware datetimes only")
    if speed < 0:
        raise ValueError("a clock cannot run backwards")
    _rehearsal = Rehearsal(instant.astimezone(UTC), time.monotonic(), float(speed))


def live() -> None:
    """Back to the real time (no rehearsal clock)."""
    global _rehearsal
    _rehearsal = None


def rehearsing() -> bool:
    """True while a rehearsal clock runs: mail written now is marked as rehearsal mail."""
    return _rehearsal is not None


def speed() -> float:
    """How many clock seconds pass per real second (1 without a rehearsal)."""
    rehearsal = _rehearsal
    return rehearsal.speed if rehearsal is not None else 1.0


def wall_seconds(clock_seconds: float) -> float:
    """Real seconds until the clock has moved `clock_seconds` (a stopped clock: never sooner)."""
    factor = speed()
    return clock_seconds / factor if factor > 0 else clock_seconds
