"""The IMAP watcher: a mailbox the service reads, as an alternative to SMTP.

Nothing is missed or read twice across restarts: the watermark
(UIDVALIDITY, last UID) lives in `ImapState` and advances only after
`ingest()` committed the message; a changed UIDVALIDITY resets it and the
folder is read again, `ingest()`'s de-duplication absorbing what was stored
before. Mail is fetched with BODY.PEEK[] (no side effect), then flagged and
moved to the processed folder. IDLE wakes the watcher (polling every
`imap.poll_seconds` where the server lacks it); a lost connection is
retried with capped exponential back-off, never in a busy loop, and a
silent one (half-open) is found within ~30 s by a probe (IDLE_PROBE_SECONDS).
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from peewee import DatabaseError, InterfaceError

from service import clock
from service.config import Config
from service.ingest import NotAMailError, ingest
from store.db import unit_of_work, write_txn
from store.models import ImapState

log = logging.getLogger(__name__)

SOCKET_TIMEOUT_SECONDS = 30
FETCH_BATCH = 50
IDLE_CHECK_SECONDS = 30
# An empty idle_check back faster than this share of its timeout did not
# wait at all: the peer has gone (EOF). Judged only on waits this long.
IDLE_DEAD_FRACTION = 0.5
IDLE_DEAD_MIN_WAIT = 1.0
# RFC 2177: servers may drop an IDLE after 30 minutes; renew well before.
IDLE_RENEW_SECONDS = 20 * 60
# A half-open link (a NAT that forgot us, a frozen server) looks like a quiet
# IDLE. Every IDLE_PROBE_SECONDS the watcher leaves IDLE, which the server must
# answer within PROBE_TIMEOUT_SECONDS, and idles again: a dead link is found
# within their sum (~30 s) whatever poll_seconds is. TCP keepalive (from
# KEEPALIVE_IDLE_SECONDS, KEEPALIVE_COUNT probes KEEPALIVE_INTERVAL_SECONDS
# apart) also ends a link whose peer machine is gone.
IDLE_PROBE_SECONDS = 20
PROBE_TIMEOUT_SECONDS = 10
KEEPALIVE_IDLE_SECONDS = 20
KEEPALIVE_INTERVAL_SECONDS = 5
KEEPALIVE_COUNT = 4
BACKOFF_FIRST_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 300.0
PROCESSED_FLAGS = (b"\\Seen", b"$Processed")

# What a broken server or network raises; anything else is logged as a bug.
CONNECTION_ERRORS = (IMAPClientError, imaplib.IMAP4.abort, imaplib.IMAP4.error, OSError)
# The store being unavailable: the mail stays in the folder until it is back.
STORE_ERRORS = (DatabaseError, InterfaceError)


class ConnectionLost(ConnectionError):
    """The server said BYE or the socket reached EOF while idling."""


@dataclass(frozen=True)
class SyncResult:
    """What one pass read: new rows, duplicates absorbed, the watermark after."""

    stored: int
    duplicates: int
    uidvalidity: int
    last_uid: int


class ImapWatcher:
    """Watches `cfg.imap.folder`; `run_forever()` until `stop` is set.

    `sync_once()` is one connect-fetch-store-move pass (tests, `doctor`).
    Call either from one thread; `stop()` may be called from any thread.
    The store must be connected (`store.db.connect`).
    """

    def __init__(self, cfg: Config, *, stop: threading.Event | None = None):
        self.cfg = cfg
        self.imap = cfg.imap
        self.stop_event = stop or threading.Event()
        self.mailbox = mailbox_key(cfg)
        self._client: IMAPClient | None = None
        self._idling = False
        self._cut_off = False  # stop() shut the socket down
        self._processed_ready = False

    # ---- the loop --------------------------------------------------------

    def run_forever(self) -> None:
        """Connect, sync, wait for mail (IDLE or poll), repeat; reconnect on failure."""
        backoff = BACKOFF_FIRST_SECONDS
        lost_at: float | None = None
        while not self.stop_event.is_set():
            try:
                with self.connection() as client:
                    self._sync(client)
                    if lost_at is not None:
                        log.info(
                            "imap %s: reconnected, %.1f s after the connection was lost",
                            self.mailbox,
                            time.monotonic() - lost_at,
                        )
                        lost_at = None
                    backoff = BACKOFF_FIRST_SECONDS
                    while not self.stop_event.is_set():
                        if not _arrived_meanwhile(client):
                            self._wait_for_mail(client)
                        if not self.stop_event.is_set():
                            self._sync(client)
            except (*CONNECTION_ERRORS, ConnectionLost) as e:
                if self.stop_event.is_set():
                    break
                lost_at = lost_at or time.monotonic()
                log.warning("imap %s: %s; reconnecting in %.0f s", self.mailbox, e, backoff)
            except STORE_ERRORS as e:
                log.warning(
                    "imap %s: store unavailable (%s); again in %.0f s", self.mailbox, e, backoff
                )
            except Exception:
                log.exception(
                    "imap %s: unexpected error; retrying in %.0f s", self.mailbox, backoff
                )
            self.stop_event.wait(backoff)
            backoff = min(backoff * 2, BACKOFF_MAX_SECONDS)

    @property
    def idling(self) -> bool:
        """In IDLE now, waiting for the server's news (tests, health checks)."""
        return self._idling

    def stop(self) -> None:
        """Ask the loop to end. A pass under way finishes; an IDLE wait is cut
        short by shutting its socket down."""
        self.stop_event.set()
        client = self._client
        if client is not None and self._idling:
            self._cut_off = True
            try:
                client.socket().shutdown(socket.SHUT_RDWR)
            except OSError:
                log.debug("imap %s: socket already closed at stop", self.mailbox)

    def sync_once(self) -> SyncResult:
        """One pass: connect, store every new message, move it, disconnect."""
        with self.connection() as client:
            return self._sync(client)

    # ---- connection ------------------------------------------------------

    @contextmanager
    def connection(self) -> Iterator[IMAPClient]:
        """A logged-in client, logged out (or shut) afterwards."""
        client = self._connect()
        self._client = client
        try:
            client.login(self.imap.user, self.cfg.imap_password())
            _keepalive(client.socket())
            self._processed_ready = False
            yield client
        finally:
            self._client = None
            try:
                client.logout()
            except (*CONNECTION_ERRORS, ConnectionLost):
                with contextlib.suppress(OSError):  # shut already (a dead link)
                    client.shutdown()

    def _connect(self) -> IMAPClient:
        security = self.imap.security
        context = None
        if security != "none":
            cafile = str(self.cfg.path(self.imap.ca_file)) if self.imap.ca_file else None
            context = ssl.create_default_context(cafile=cafile)
        client = IMAPClient(
            self.imap.host,
            port=self.imap.port,
            ssl=security == "ssl",
            ssl_context=context if security == "ssl" else None,
            timeout=SOCKET_TIMEOUT_SECONDS,
        )
        if security == "starttls":
            client.starttls(context)
        return client

    # ---- one pass --------------------------------------------------------

    def _sync(self, client: IMAPClient) -> SyncResult:
        with unit_of_work():  # one store connection for the whole pass
            return self._sync_pass(client)

    def _sync_pass(self, client: IMAPClient) -> SyncResult:
        info = client.select_folder(self.imap.folder)
        _arrived_meanwhile(client)  # the count SELECT reports is not news
        uidvalidity = int(info[b"UIDVALIDITY"])
        last_uid = self._watermark(uidvalidity)
        # By RFC 3501 "n:*" includes the highest UID even when below n: filter.
        uids = sorted(u for u in client.search(["UID", f"{last_uid + 1}:*"]) if u > last_uid)
        stored = duplicates = 0
        for start in range(0, len(uids), FETCH_BATCH):
            batch = uids[start : start + FETCH_BATCH]
            fetched = client.fetch(batch, [b"BODY.PEEK[]"])
            done: list[int] = []
            try:
                for uid in batch:
                    raw = fetched.get(uid, {}).get(b"BODY[]")
                    if raw is None:  # expunged by someone else meanwhile
                        continue
                    new = self._store(uid, raw)
                    stored += new is True
                    duplicates += new is False
                    done.append(uid)
                    last_uid = uid
            finally:
                if done:
                    self._set_watermark(uidvalidity, last_uid)
                    self._file_away(client, done)
        self._file_away_leftovers(client, last_uid)
        if stored or duplicates:
            log.info("imap %s: %d stored, %d already stored", self.mailbox, stored, duplicates)
        return SyncResult(stored, duplicates, uidvalidity, last_uid)

    def _store(self, uid: int, raw: bytes) -> bool | None:
        """Commit one message: True new, False duplicate, None not a mail (skipped)."""
        try:
            with unit_of_work():
                return not ingest(bytes(raw), "imap").duplicate
        except NotAMailError as e:
            log.warning("imap %s: UID %d is not a mail (%s); moved aside", self.mailbox, uid, e)
            return None

    def _file_away_leftovers(self, client: IMAPClient, last_uid: int) -> None:
        """Move mail stored before but still here (a move cut short by a crash)."""
        if last_uid:
            left = [u for u in client.search(["UID", f"1:{last_uid}"]) if u <= last_uid]
            if left:
                self._file_away(client, left)

    def _file_away(self, client: IMAPClient, uids: list[int]) -> None:
        """Flag, then move to the processed folder (COPY + delete without MOVE)."""
        target = self.imap.processed_folder
        if not self._processed_ready:
            if not client.folder_exists(target):
                client.create_folder(target)
            self._processed_ready = True
        client.add_flags(uids, list(PROCESSED_FLAGS))
        if client.has_capability("MOVE"):
            client.move(uids, target)
            return
        client.copy(uids, target)
        client.add_flags(uids, [b"\\Deleted"])
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(uids)
        else:
            client.expunge()

    # ---- waiting ---------------------------------------------------------

    def _wait_for_mail(self, client: IMAPClient) -> None:
        if client.has_capability("IDLE"):
            self._idle(client)
        else:
            deadline = time.monotonic() + self.imap.poll_seconds
            while not self.stop_event.is_set():
                wait = min(IDLE_PROBE_SECONDS, deadline - time.monotonic())
                if wait <= 0 or self.stop_event.wait(wait):
                    return
                _probe(client, client.noop)  # a dead link fails here, not at the next poll

    def _idle(self, client: IMAPClient) -> None:
        """Return when the folder may have new mail, or after `poll_seconds` of quiet.

        The quiet limit also bounds a server race: Dovecot does not announce
        mail that lands while IDLE is starting, so a look every poll_seconds
        finds what IDLE missed (and renews IDLE before RFC 2177's 29 minutes).
        Every IDLE_PROBE_SECONDS IDLE is left and entered again: the server
        must answer, so a half-open link is found within seconds.
        """
        client.idle()
        self._idling = True
        try:
            deadline = time.monotonic() + min(self.imap.poll_seconds, IDLE_RENEW_SECONDS)
            probe_at = time.monotonic() + IDLE_PROBE_SECONDS
            while not self.stop_event.is_set():
                now = time.monotonic()
                if now >= deadline:
                    return
                if now >= probe_at:
                    self._idling = False
                    _text, responses = _probe(client, client.idle_done)
                    if _announces_mail(responses):
                        return
                    client.idle()
                    self._idling = True
                    probe_at = time.monotonic() + IDLE_PROBE_SECONDS
                    continue
                wait = min(IDLE_CHECK_SECONDS, deadline - now, probe_at - now)
                started = time.monotonic()
                responses = client.idle_check(timeout=wait)
                if self.stop_event.is_set():
                    return
                if any(r and r[0] == b"BYE" for r in responses):
                    raise ConnectionLost("server said BYE")
                # idle_check hides EOF: it returns [] at once, again and again.
                quick = time.monotonic() - started < wait * IDLE_DEAD_FRACTION
                if not responses and quick and wait >= IDLE_DEAD_MIN_WAIT:
                    raise ConnectionLost("connection closed while idling")
                if _announces_mail(responses):
                    return
        finally:
            if self._idling and not self._cut_off:  # leave IDLE cleanly, so LOGOUT is understood
                client.idle_done()
            self._idling = False

    # ---- the watermark ---------------------------------------------------

    def _watermark(self, uidvalidity: int) -> int:
        """The last UID stored under this UIDVALIDITY; a change resets it to 0."""
        with unit_of_work(), write_txn():
            state, _ = ImapState.get_or_create(mailbox=self.mailbox)
            if state.uidvalidity != uidvalidity:
                if state.uidvalidity:
                    log.warning(
                        "imap %s: UIDVALIDITY changed %d -> %d; reading the folder again",
                        self.mailbox,
                        state.uidvalidity,
                        uidvalidity,
                    )
                state.uidvalidity, state.last_uid, state.updated_at = uidvalidity, 0, clock.now()
                state.save()
            return state.last_uid

    def _set_watermark(self, uidvalidity: int, last_uid: int) -> None:
        with unit_of_work(), write_txn():
            ImapState.update(
                uidvalidity=uidvalidity, last_uid=last_uid, updated_at=clock.now()
            ).where(ImapState.mailbox == self.mailbox).execute()


def _keepalive(sock: socket.socket) -> None:
    """TCP keepalive on the IMAP socket, on timers far shorter than the system's 2 h."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for name, value in (
        ("TCP_KEEPIDLE", KEEPALIVE_IDLE_SECONDS),
        ("TCP_KEEPINTVL", KEEPALIVE_INTERVAL_SECONDS),
        ("TCP_KEEPCNT", KEEPALIVE_COUNT),
    ):
        option = getattr(socket, name, None)
        if option is not None:  # Linux has all three; elsewhere the system's timers apply
            sock.setsockopt(socket.IPPROTO_TCP, option, value)


def _announces_mail(responses) -> bool:
    return any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)


def _probe(client: IMAPClient, command):
    """Run `command`, which the server must answer, on a short socket timeout;
    its result. No answer: the link is dead, shut at once (no LOGOUT waits on it)."""
    sock = client.socket()
    before = sock.gettimeout()
    sock.settimeout(PROBE_TIMEOUT_SECONDS)
    try:
        return command()
    except TimeoutError as e:
        client.shutdown()
        raise ConnectionLost(f"no answer within {PROBE_TIMEOUT_SECONDS} s (half-open link)") from e
    finally:
        with contextlib.suppress(OSError):
            sock.settimeout(before)


def _arrived_meanwhile(client: IMAPClient) -> bool:
    """Did the server announce mail (EXISTS) since the last look, outside IDLE?

    Mail arriving during a pass is announced with the reply to one of its
    commands; imaplib files that away and IDLE never repeats it, so without
    this look the watcher would sleep until the next mail. imapclient offers
    no public access to those responses, hence `_imap`.
    """
    return bool(client._imap.untagged_responses.pop("EXISTS", None))


def mailbox_key(cfg: Config) -> str:
    """The watched folder's name in `ImapState`: user@host/folder."""
    return f"{cfg.imap.user}@{cfg.imap.host}/{cfg.imap.folder}"


def watermark(cfg: Config) -> tuple[int, int] | None:
    """(UIDVALIDITY, last UID) stored for the configured folder: for `doctor`."""
    with unit_of_work():
        state = ImapState.get_or_none(ImapState.mailbox == mailbox_key(cfg))
    return (state.uidvalidity, state.last_uid) if state else None


class WatcherThread:
    """`ImapWatcher.run_forever()` in a daemon thread: what `serve` runs.

    `start()` reads the password first, so a wrong password_file is a
    ConfigError at start, not a warning every few minutes.
    """

    def __init__(self, cfg: Config):
        self.watcher = ImapWatcher(cfg)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.watcher.cfg.imap_password()
        self._thread = threading.Thread(
            target=self.watcher.run_forever, name="imap-watcher", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = SOCKET_TIMEOUT_SECONDS) -> None:
        """Stop and wait (a pass under way finishes first)."""
        self.watcher.stop()
        if self._thread is not None:
            self._thread.join(timeout)
