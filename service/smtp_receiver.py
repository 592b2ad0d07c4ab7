"""The SMTP receiver: aiosmtpd in front of `ingest()`.

It answers 250 only after the raw message is committed, 550 for domains the
service does not serve, 552 for oversize mail (aiosmtpd's own check, both at
MAIL with SIZE= and after DATA), 554 for data with no header block at all,
and 451 — never a permanent 5xx — when storing fails or a handler breaks,
so the sending MTA keeps the mail and retries. Two ways to run it:

* `await start_server(cfg)` inside the service's own asyncio loop (`serve`);
* `ReceiverThread(cfg)` in a thread of its own with its own loop (tests,
  scripts). aiosmtpd's `Controller` cannot bind port 0 (it probes the port
  it was given), so this class does the same job on top of `start_server`.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from service.config import Config, ConfigError
from service.ingest import NotAMailError, ingest
from store.db import db

log = logging.getLogger(__name__)

# Senders write long HTML lines; RFC 5321's 1000 would bounce them for good.
LINE_LENGTH_LIMIT = 64 * 1024
MAX_RECIPIENTS = 100
SESSION_TIMEOUT_SECONDS = 300
STOP_GRACE_SECONDS = 10.0
REPLY_FLUSH_SECONDS = 0.1
TOKEN_SEPARATOR = "+"  # meet+<token>@domain: the reply address of a thread
TEMPORARY_FAILURE = "451 4.3.0 Temporary local problem, please try again later"


class ReceiverSMTP(SMTP):
    """aiosmtpd's SMTP with a line limit that real (HTML) mail fits."""

    line_length_limit = LINE_LENGTH_LIMIT


class IngestHandler:
    """aiosmtpd hooks: accept mail for our domains, store it, answer honestly.

    `store(raw, envelope_from, envelope_to) -> row id` commits one message
    (default: `store_message`); it runs in a worker thread.
    """

    def __init__(
        self,
        accepted_domains: set[str],
        store: Callable[[bytes, str, list[str]], int] | None = None,
        local_parts: set[str] | None = None,
    ):
        self.accepted_domains = {d.lower().rstrip(".") for d in accepted_domains}
        self.local_parts = {p.lower() for p in local_parts} if local_parts is not None else None
        self.store = store or store_message
        self.in_flight = 0  # messages being committed: a graceful stop waits for them

    @classmethod
    def from_config(cls, cfg: Config) -> IngestHandler:
        return cls(cfg.accepted_domains, local_parts=cfg.accepted_local_parts)

    def accepts(self, address: str) -> bool:
        """Ours: an accepted domain, and the service's local part (or an alias),
        bare or with a "+token" tail."""
        local, at, domain = address.rpartition("@")
        if not at or domain.lower().rstrip(".") not in self.accepted_domains:
            return False
        if self.local_parts is None:
            return True
        return local.lower().partition(TOKEN_SEPARATOR)[0] in self.local_parts

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options
    ) -> str:
        if not self.accepts(address):
            return f"550 5.1.1 <{address}>: no such recipient here"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        self.in_flight += 1
        try:
            stored_id = await asyncio.to_thread(
                self.store, raw, envelope.mail_from or "", list(envelope.rcpt_tos)
            )
        except NotAMailError as e:
            return f"554 5.6.0 Not a mail message: {e}"
        except Exception:
            log.exception("smtp: storing a %d-byte message from %s failed", len(raw), session.peer)
            return TEMPORARY_FAILURE
        finally:
            self.in_flight -= 1
        return f"250 2.0.0 Stored as {stored_id}"

    async def handle_exception(self, error: Exception) -> str:
        """The safety net: a bug anywhere in a session is temporary for the sender."""
        log.error("smtp: session error: %s: %s", type(error).__name__, error, exc_info=error)
        return TEMPORARY_FAILURE


def store_message(raw: bytes, envelope_from: str, envelope_to: list[str]) -> int:
    """Commit one message received by SMTP; return the row id (also for a resend).

    Runs in the loop's worker threads, each keeping its store connection
    open between messages: closing the last connection to a WAL database
    checkpoints it, which cost ~12 ms a message here. A connection that
    failed is dropped, so the next message connects afresh.
    """
    try:
        db.connect(reuse_if_open=True)
        return ingest(raw, "smtp", envelope_from=envelope_from, envelope_to=envelope_to).id
    except Exception:
        _drop_connection()
        raise


def _drop_connection() -> None:
    try:
        db.close()
    except Exception as e:  # already broken: nothing left to release
        log.debug("smtp: closing a failed store connection: %s", e)


class _DeprecationNoise(logging.Filter):
    """aiosmtpd logs "login_data is deprecated" on every AUTH: noise, not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "login_data is deprecated" not in record.getMessage()


logging.getLogger("mail.log").addFilter(_DeprecationNoise())


def read_auth_users(path: Path) -> dict[str, str]:
    """`user:password` lines (blank lines and # comments skipped)."""
    users: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"smtp.auth_users_file: cannot read {path}: {e.strerror}") from e
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user:
            raise ConfigError(f"smtp.auth_users_file: {path} line {number} is not user:password")
        users[user] = password
    return users


class Authenticator:
    """Checks AUTH PLAIN/LOGIN against the users file, in constant time."""

    def __init__(self, users: dict[str, str]):
        self.users = {u.encode(): p.encode() for u, p in users.items()}

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        expected = self.users.get(auth_data.login)
        ok = expected is not None and hmac.compare_digest(expected, auth_data.password)
        if not ok:
            log.warning("smtp: AUTH failed for %r from %s", auth_data.login, session.peer)
        return AuthResult(success=ok, handled=False)


def server_options(cfg: Config) -> dict[str, Any]:
    """aiosmtpd.SMTP keyword arguments from the [smtp] section.

    AUTH, when a users file is set, is required and offered only after
    STARTTLS, so a users file without a certificate is a configuration error.
    """
    smtp = cfg.smtp
    options: dict[str, Any] = {
        "data_size_limit": smtp.max_size,
        "enable_SMTPUTF8": True,
        "hostname": cfg.domain,
        "timeout": SESSION_TIMEOUT_SECONDS,
    }
    if bool(smtp.tls_cert) != bool(smtp.tls_key):
        raise ConfigError("smtp.tls_cert and smtp.tls_key must be set together")
    if smtp.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            context.load_cert_chain(cfg.path(smtp.tls_cert), cfg.path(smtp.tls_key))
        except (OSError, ssl.SSLError) as e:
            raise ConfigError(f"smtp.tls_cert/tls_key: cannot load: {e}") from e
        options["tls_context"] = context
        options["require_starttls"] = smtp.require_starttls
    elif smtp.require_starttls:
        raise ConfigError("smtp.require_starttls needs smtp.tls_cert and smtp.tls_key")
    if smtp.auth_users_file:
        if not smtp.tls_cert:
            raise ConfigError("smtp.auth_users_file needs smtp.tls_cert (AUTH only over TLS)")
        options["authenticator"] = Authenticator(read_auth_users(cfg.path(smtp.auth_users_file)))
        options["auth_required"] = True
    return options


async def start_server(
    cfg: Config,
    handler: IngestHandler | None = None,
    *,
    host: str | None = None,
    port: int | None = None,
) -> asyncio.Server:
    """Listen on cfg.smtp.host/port (or the given ones) in the running loop.

    Port 0 lets the OS choose; `bound_port(server)` tells which. The store
    must be connected (`store.db.connect`) before mail arrives.
    """
    loop = asyncio.get_running_loop()
    handler = handler or IngestHandler.from_config(cfg)
    options = server_options(cfg)
    return await loop.create_server(
        lambda: ReceiverSMTP(handler, loop=loop, **options),
        host=cfg.smtp.host if host is None else host,
        port=cfg.smtp.port if port is None else port,
    )


async def end_sessions(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel the sessions still open (clients that stay connected) and wait for
    them to end, so that none is destroyed pending when the loop closes. What a
    session was committing has had its grace period (`ReceiverThread.stop`)."""
    current = asyncio.current_task(loop)
    sessions = [t for t in asyncio.all_tasks(loop) if t is not current]
    for task in sessions:
        task.cancel()
    if sessions:
        log.info("smtp: closing %d open sessions", len(sessions))
        await asyncio.gather(*sessions, return_exceptions=True)


def bound_port(server: asyncio.Server) -> int:
    return server.sockets[0].getsockname()[1]


class ReceiverThread:
    """The receiver on its own event loop in a daemon thread.

    `start()` returns the bound port once it listens (or raises what stopped
    it, e.g. the port in use); `stop()` stops listening, lets messages being
    committed get their answer, then ends. Usable as a context manager.
    """

    def __init__(
        self,
        cfg: Config,
        handler: IngestHandler | None = None,
        *,
        host: str | None = None,
        port: int | None = None,
    ):
        self.cfg = cfg
        self.handler = handler or IngestHandler.from_config(cfg)
        self.host = cfg.smtp.host if host is None else host
        self.port = cfg.smtp.port if port is None else port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._server: asyncio.Server | None = None

    def start(self) -> int:
        self._thread = threading.Thread(target=self._run, name="smtp-receiver", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            self._thread.join()
            raise self._error
        return self.port

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._server = loop.run_until_complete(
                start_server(self.cfg, self.handler, host=self.host, port=self.port)
            )
            self.port = bound_port(self._server)
        except BaseException as e:
            self._error = e
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            loop.run_until_complete(end_sessions(loop))
            loop.run_until_complete(self._server.wait_closed())
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()

    def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """Stop listening, let messages being committed get their 250, then end."""
        if self._loop is None or self._thread is None or not self._thread.is_alive():
            return
        future = asyncio.run_coroutine_threadsafe(self._drain(grace), self._loop)
        try:
            future.result(timeout=grace + 1)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()

    async def _drain(self, grace: float) -> None:
        assert self._server is not None
        self._server.close()
        deadline = time.monotonic() + grace
        waited = False
        while self.handler.in_flight and time.monotonic() < deadline:
            waited = True
            await asyncio.sleep(0.01)
        if waited:  # let the 250 just decided reach its socket before the loop stops
            await asyncio.sleep(REPLY_FLUSH_SECONDS)

    def __enter__(self) -> ReceiverThread:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
