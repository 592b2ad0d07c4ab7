"""`tick(now)`: every time-based rule, applied from stored state.

Rules are registered by the workflows (`@tick_rule`). Each runs in its own
write transaction, so one that breaks is logged and rolled back without
stopping the others; the next tick tries it again. Rules choose their
Outbox keys so that running twice for the same `now` queues nothing new,
and compute "everything due up to now", so a service that was down catches up.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from service import clock
from service.config import Config
from service.workflows import registry
from service.workflows.registry import TICK_RULES
from store.db import unit_of_work, write_txn

log = logging.getLogger(__name__)

RULE_FAILED = -1  # the count reported for a rule that raised
LOAD_FAILED = "(workflow modules)"  # reported like a failed rule when an import breaks
SLOW_RULE_SECONDS = 1.0  # a rule slower than this is logged: tick runs every minute


def tick(now: datetime | None, cfg: Config) -> dict[str, int]:
    """Run every rule at `now` (default: the clock); mails queued per rule name,
    RULE_FAILED for a rule that raised."""
    now = now or clock.now()
    results: dict[str, int] = {}
    try:
        registry.load_all()
    except Exception:  # one broken workflow module must not stop every other rule
        log.exception("tick: loading the workflow modules failed")
        results[LOAD_FAILED] = RULE_FAILED
    with clock.travel_to(now), unit_of_work():
        for name in sorted(TICK_RULES):
            rule = TICK_RULES[name]
            started = time.perf_counter()
            try:
                with write_txn():
                    results[name] = int(rule(now, cfg) or 0)
            except Exception:
                log.exception("tick rule %s failed at %s", name, now.isoformat())
                results[name] = RULE_FAILED
            took = time.perf_counter() - started
            if took > SLOW_RULE_SECONDS:
                log.warning("tick rule %s took %.2f s (it holds the write lock)", name, took)
    return results


def failed_rules(results: dict[str, int]) -> list[str]:
    return [name for name, count in results.items() if count == RULE_FAILED]
