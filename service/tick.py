"""`tick(now)`: every time-based rule, applied from stored state.

Rules are registered by the workflows (`@tick_rule`). Each runs in its own
write transaction, so one that breaks is logged and rolled back without
stopping the others; the next tick tries it again. Rules choose their
Outbox keys so that running twice for the same `now` queues nothing new,
and compute "everything due up to now", so a service that was down catches up.
"""

from __future__ import annotations

import logging
from datetime import datetime

from service import clock
from service.config import Config
from service.workflows import registry
from service.workflows.registry import TICK_RULES
from store.db import unit_of_work, write_txn

log = logging.getLogger(__name__)

RULE_FAILED = -1  # the count reported for a rule that raised


def tick(now: datetime | None, cfg: Config) -> dict[str, int]:
    """Run every rule at `now` (default: the clock); mails queued per rule name,
    RULE_FAILED for a rule that raised."""
    registry.load_all()
    now = now or clock.now()
    results: dict[str, int] = {}
    with clock.travel_to(now), unit_of_work():
        for name in sorted(TICK_RULES):
            rule = TICK_RULES[name]
            try:
                with write_txn():
                    results[name] = int(rule(now, cfg) or 0)
            except Exception:
                log.exception("tick rule %s failed at %s", name, now.isoformat())
                results[name] = RULE_FAILED
    return results


def failed_rules(results: dict[str, int]) -> list[str]:
    return [name for name, count in results.items() if count == RULE_FAILED]
