"""The one clock of the whole service.

Everything that needs "now" calls `now()`. Tests and `meetloop tick --now`
travel in time with `travel_to()`; nothing else fakes time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_state = threading.local()
_global_override: datetime | None = None


def now() -> datetime:
    """The current instant, aware, in UTC."""
    override = getattr(_state, "override", None) or _global_override
    return override if override is not None else datetime.now(UTC)


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
