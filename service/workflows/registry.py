"""Where workflows plug in: reply handlers, intake handlers and tick rules.

Data flows one way: the processor parses and routes a stored message, then
calls the handler registered for the thread it answers (or, for a new mail
that answers nothing, each intake handler in order until one takes it).
`tick(now)` runs every registered rule. Workflow modules register
themselves on import; `load_all()` imports them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from service.config import Config
from store.models import InboundMessage, Person


@dataclass
class Incoming:
    """One stored message, parsed and routed, as a handler sees it."""

    config: Config
    now: datetime
    message: InboundMessage
    mail: Any  # parsers.mime.ParsedMail
    sender: Person | None  # the known person who wrote it, if any
    thread_kind: str = ""  # what it answers: meeting, poll, minutes, item, retro, help
    thread_id: int = 0
    routed_by: str = ""  # token, references, subject, or "" for a new mail
    token_person_id: int | None = None
    notes: list[str] = field(default_factory=list)

    def reading(self, context: str, poll_size: int | None = None) -> Any:
        """The reply read in `context` (parsers.reply.ReplyReading), memoised."""
        key = (context, poll_size)
        cache = self._readings
        if key not in cache:
            from parsers.reply import read_reply

            cache[key] = read_reply(
                self.mail, context, poll_size=poll_size, directory=self.sender_directory()
            )
        return cache[key]

    def sender_directory(self) -> tuple[str, ...]:
        """The sender's own name, title and company as the directory has them: a closing
        line made of them is their signature (parsers.signature)."""
        if self.sender is None:
            return ()
        company = self.sender.company
        return tuple(
            x for x in (self.sender.name, self.sender.title, company and company.name) if x
        )

    @cached_property
    def _readings(self) -> dict[tuple[str, int | None], Any]:
        return {}


ReplyHandler = Callable[[Incoming], None]
IntakeHandler = Callable[[Incoming], bool]
TickRule = Callable[[datetime, Config], int]

REPLY_HANDLERS: dict[str, ReplyHandler] = {}
# Content before thread: handlers offered a reply to a thread of a given kind
# before that thread's own handler; one that returns True took the reply (a
# reply to the minutes that updates a task goes to the task).
CONTENT_ROUTES: dict[str, list[IntakeHandler]] = {}
INTAKE_HANDLERS: list[tuple[int, str, IntakeHandler]] = []
TICK_RULES: dict[str, TickRule] = {}


def handles(thread_kind: str) -> Callable[[ReplyHandler], ReplyHandler]:
    """Register the handler for replies to threads of `thread_kind`."""

    def register(fn: ReplyHandler) -> ReplyHandler:
        if thread_kind in REPLY_HANDLERS and REPLY_HANDLERS[thread_kind] is not fn:
            raise RuntimeError(f"two handlers for thread kind {thread_kind!r}")
        REPLY_HANDLERS[thread_kind] = fn
        return fn

    return register


def content_route(*thread_kinds: str) -> Callable[[IntakeHandler], IntakeHandler]:
    """Register a handler offered replies to threads of `thread_kinds` first; it
    returns True when the content named something it took the reply for."""

    def register(fn: IntakeHandler) -> IntakeHandler:
        for kind in thread_kinds:
            offered = CONTENT_ROUTES.setdefault(kind, [])
            if fn not in offered:
                offered.append(fn)
        return fn

    return register


def intake(priority: int) -> Callable[[IntakeHandler], IntakeHandler]:
    """Register a handler for new mails (lower priority runs first); it returns
    True when it took the mail."""

    def register(fn: IntakeHandler) -> IntakeHandler:
        name = f"{fn.__module__}.{fn.__qualname__}"
        if all(n != name for _, n, _ in INTAKE_HANDLERS):
            INTAKE_HANDLERS.append((priority, name, fn))
            INTAKE_HANDLERS.sort(key=lambda entry: (entry[0], entry[1]))
        return fn

    return register


def tick_rule(name: str) -> Callable[[TickRule], TickRule]:
    """Register a time-based rule: `rule(now, config) -> number of mails queued`.
    Rules must be idempotent for the same `now` (the Outbox key sees to mails)."""

    def register(fn: TickRule) -> TickRule:
        TICK_RULES[name] = fn
        return fn

    return register


def load_all() -> None:
    """Import every workflow module so that it registers itself."""
    import service.workflows as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "registry":
            importlib.import_module(f"service.workflows.{module.name}")
