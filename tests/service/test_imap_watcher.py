"""The IMAP watcher against a real Dovecot: stored once, moved, survives restarts."""

from __future__ import annotations

import logging
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import make_msgid
from pathlib import Path

import pytest
from imapclient.exceptions import IMAPClientError
from peewee import DatabaseError

from service.config import Config
from service.imap_watcher import FETCH_BATCH, ImapWatcher, watermark
from store.models import InboundMessage
from tests.conftest import make_config
from tests.support.dovecot import (  # noqa: F401 (dovecot_fixture is the fixture)
    Dovecot,
    dovecot_fixture,
    running_dovecot,
    server_folder,
)

INBOX, PROCESSED = "INBOX", "Processed"
DOWN_SECONDS = 2.5  # back-off 1 s, 2 s: two refused attempts, the next one 3 s in
# Dovecot does not announce mail landing while IDLE starts; the watcher's
# periodic look (poll_seconds) finds it. Tests that are not about IDLE's
# speed keep that look short so this server race cannot stall them.
RACE_POLL_SECONDS = 3
WATCHER_LOG = "service.imap_watcher"


def mail(subject: str, message_id: str = "") -> bytes:
    message_id = message_id or make_msgid(domain="partner.example.cn")
    return (
        f"From: Li Si <li.si@partner.example.cn>\r\nTo: meet@alliance.example.cn\r\n"
        f"Subject: {subject}\r\nMessage-ID: {message_id}\r\n\r\nBody of {subject}.\r\n"
    ).encode()


def watcher_config(tmp_path: Path, server: Dovecot, **imap: object) -> Config:
    settings = {
        "enabled": True,
        "host": server.host,
        "port": server.port,
        "security": "none",
        "user": server.user,
        "password": server.password,
        "poll_seconds": 1,
        **imap,
    }
    return make_config(tmp_path, imap=settings)


def subjects() -> list[str]:
    return [m.subject for m in InboundMessage.select().order_by(InboundMessage.id)]


def wait_for(condition: Callable[[], bool], seconds: float) -> float:
    """Seconds until `condition` held; fails the test after `seconds`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            pytest.fail(f"condition not met within {seconds} s")
        time.sleep(0.02)
    return time.monotonic() - started


def idle_now(watcher: ImapWatcher) -> None:
    """Wait until the watcher idles (and a moment more: Dovecot's IDLE is set up)."""
    wait_for(lambda: watcher.idling, 10)
    time.sleep(0.2)


@contextmanager
def watching(cfg: Config) -> Iterator[ImapWatcher]:
    """run_forever() in a thread, stopped (and proven stopped) afterwards."""
    watcher = ImapWatcher(cfg)
    thread = threading.Thread(target=watcher.run_forever, daemon=True)
    thread.start()
    try:
        yield watcher
    finally:
        watcher.stop()
        thread.join(timeout=10)
        assert not thread.is_alive(), "the watcher did not stop"


def test_append_is_ingested_flagged_and_moved(tmp_path, store, dovecot):
    dovecot.append(mail("first"))
    dovecot.append(mail("second"))
    (tmp_path / "imap-password").write_text(dovecot.password + "\n")
    cfg = watcher_config(tmp_path, dovecot, password="", password_file="imap-password")
    result = ImapWatcher(cfg).sync_once()
    assert result.stored == 2 and result.duplicates == 0
    assert subjects() == ["first", "second"]
    assert {m.source for m in InboundMessage.select()} == {"imap"}
    assert dovecot.uids(INBOX) == []
    with dovecot.client() as c:
        c.select_folder(PROCESSED, readonly=True)
        flags = c.get_flags(c.search(["ALL"]))
    assert len(flags) == 2
    assert all(b"\\Seen" in f and b"$Processed" in f for f in flags.values())
    assert watermark(cfg) == (result.uidvalidity, result.last_uid)


def test_restart_does_not_read_again_and_finishes_the_move(tmp_path, store, dovecot):
    dovecot.append(mail("stored before the crash"))
    # The processed folder cannot be created: the pass stores the mail and
    # advances the watermark, then fails at the move, like a crash there.
    broken = watcher_config(tmp_path, dovecot, processed_folder="~Refused")
    with pytest.raises(IMAPClientError):
        ImapWatcher(broken).sync_once()
    assert subjects() == ["stored before the crash"]
    assert dovecot.uids(INBOX) != []

    dovecot.append(mail("after the restart"))
    result = ImapWatcher(watcher_config(tmp_path, dovecot)).sync_once()
    assert (result.stored, result.duplicates) == (1, 0)  # the first one was not fetched again
    assert subjects() == ["stored before the crash", "after the restart"]
    assert dovecot.uids(INBOX) == []
    assert len(dovecot.uids(PROCESSED)) == 2


def test_uidvalidity_change_reads_again_with_dedup(tmp_path, store, dovecot):
    folder = "Inbound"
    cfg = watcher_config(tmp_path, dovecot, folder=folder)
    a = mail("a", "<a@partner.example.cn>")
    dovecot.append(a, folder=folder)
    dovecot.append(mail("b"), folder=folder)
    first = ImapWatcher(cfg).sync_once()
    assert first.stored == 2
    # The folder is rebuilt: new UIDVALIDITY, UIDs start again below the watermark.
    with dovecot.client() as c:
        c.delete_folder(folder)
        c.create_folder(folder)
    dovecot.append(a, folder=folder)  # restored from a backup: stored already
    dovecot.append(mail("c"), folder=folder)
    second = ImapWatcher(cfg).sync_once()
    assert second.uidvalidity != first.uidvalidity
    assert second.last_uid <= first.last_uid  # would have been skipped without the check
    assert (second.stored, second.duplicates) == (1, 1)
    assert subjects() == ["a", "b", "c"]
    assert dovecot.uids(folder) == []


@pytest.mark.slow
def test_idle_notices_new_mail_quickly(tmp_path, store, dovecot):
    cfg = watcher_config(tmp_path, dovecot, poll_seconds=600)  # only IDLE can be this fast
    with watching(cfg) as watcher:
        idle_now(watcher)
        dovecot.append(mail("idle"))
        latency = wait_for(lambda: subjects() == ["idle"], 5)
        wait_for(lambda: dovecot.uids(INBOX) == [], 5)
    print(f"\nIDLE: APPEND -> stored in {latency:.2f} s")
    assert latency < 3


@pytest.mark.slow
def test_reconnects_with_back_off_after_dovecot_restart(tmp_path, store, dovecot, caplog):
    cfg = watcher_config(tmp_path, dovecot, poll_seconds=RACE_POLL_SECONDS)
    with watching(cfg) as watcher, caplog.at_level(logging.WARNING, logger=WATCHER_LOG):
        idle_now(watcher)
        dovecot.append(mail("before"))
        wait_for(lambda: subjects() == ["before"], 10)
        dovecot.go_away()
        time.sleep(DOWN_SECONDS)  # refused attempts meanwhile: they back off, not spin
        attempts = sum("reconnecting" in r.getMessage() for r in caplog.records)
        dovecot.start()
        dovecot.append(mail("after"))
        took = wait_for(lambda: subjects() == ["before", "after"], 20)
    print(f"\n{attempts} attempts in {DOWN_SECONDS} s down; next mail {took:.2f} s after restart")
    assert 1 <= attempts <= 5  # a busy loop would make thousands


@pytest.mark.slow
def test_without_idle_and_move_it_polls_and_copies(tmp_path, store):
    # The server stops advertising IDLE and MOVE: the fall-backs must do the job.
    with (
        server_folder(tmp_path) as folder,
        running_dovecot(folder, "imap_capability = IMAP4rev1 UIDPLUS") as server,
    ):
        cfg = watcher_config(tmp_path, server, poll_seconds=1)
        with watching(cfg):
            wait_for(lambda: watermark(cfg) is not None, 10)
            server.append(mail("polled"))
            took = wait_for(lambda: subjects() == ["polled"], 5)
            wait_for(lambda: server.uids(INBOX) == [], 5)
        assert len(server.uids(PROCESSED)) == 1
    assert took < 3


@pytest.mark.slow
def test_vanished_peer_is_noticed(tmp_path, store, dovecot):
    """The session dies without BYE (EOF while idling): noticed, reconnected."""
    cfg = watcher_config(tmp_path, dovecot, poll_seconds=RACE_POLL_SECONDS)
    with watching(cfg) as watcher:
        idle_now(watcher)
        assert dovecot.kill_sessions() >= 1
        dovecot.append(mail("after the session died"))
        took = wait_for(lambda: subjects() == ["after the session died"], 10)
    print(f"\nsession killed: reconnected and stored the next mail in {took:.2f} s")


@pytest.mark.slow
def test_a_frozen_session_is_noticed_whatever_poll_seconds(
    tmp_path, store, dovecot, caplog, monkeypatch
):
    """Half-open link: the server's session freezes while the watcher idles. IDLE
    alone would wait poll_seconds (600 here); the probe finds it within seconds."""
    from service import imap_watcher

    real = imap_watcher.IDLE_PROBE_SECONDS + imap_watcher.PROBE_TIMEOUT_SECONDS
    assert real <= 60, "a dead link must be found within a minute"
    monkeypatch.setattr(imap_watcher, "IDLE_PROBE_SECONDS", 1)  # the same path, scaled down
    monkeypatch.setattr(imap_watcher, "PROBE_TIMEOUT_SECONDS", 1)
    cfg = watcher_config(tmp_path, dovecot, poll_seconds=600)
    with watching(cfg) as watcher, caplog.at_level(logging.INFO, logger=WATCHER_LOG):
        idle_now(watcher)
        frozen = dovecot.freeze_sessions()
        assert frozen
        try:
            dovecot.append(mail("while frozen"))
            took = wait_for(lambda: subjects() == ["while frozen"], 15)
            wait_for(lambda: any("reconnected" in r.getMessage() for r in caplog.records), 5)
        finally:
            dovecot.thaw(frozen)
    messages = [r.getMessage() for r in caplog.records]
    assert any("half-open" in m for m in messages), messages
    assert any("reconnected" in m for m in messages), messages
    print(f"\nfrozen session: found and the next mail stored in {took:.2f} s (probe 1 s + 1 s)")


def test_ssl_and_starttls_verify_the_certificate(tmp_path, store):
    with (
        server_folder(tmp_path) as folder,
        running_dovecot(folder, tls=True) as server,
    ):
        ca = str(folder / "cert.pem")
        server.append(mail("over tls"))
        implicit = watcher_config(
            tmp_path, server, security="ssl", port=server.tls_port, ca_file=ca
        )
        assert ImapWatcher(implicit).sync_once().stored == 1
        server.append(mail("over starttls"))
        upgraded = watcher_config(tmp_path, server, security="starttls", ca_file=ca)
        assert ImapWatcher(upgraded).sync_once().stored == 1
        untrusted = watcher_config(tmp_path, server, security="ssl", port=server.tls_port)
        with pytest.raises(ssl.SSLCertVerificationError):
            ImapWatcher(untrusted).sync_once()
    assert subjects() == ["over tls", "over starttls"]


def test_store_failure_keeps_the_mail_in_the_folder(tmp_path, store, dovecot):
    """The watermark advances only after the commit: a failed store loses nothing."""
    dovecot.append(mail("kept"))
    cfg = watcher_config(tmp_path, dovecot)
    store.execute_sql("DROP TABLE inbound_message")  # a real store failure at the insert
    with pytest.raises(DatabaseError):
        ImapWatcher(cfg).sync_once()
    assert watermark(cfg)[1] == 0
    assert len(dovecot.uids(INBOX)) == 1
    InboundMessage.create_table()  # the store is back
    assert ImapWatcher(cfg).sync_once().stored == 1
    assert subjects() == ["kept"]
    assert dovecot.uids(INBOX) == []


@pytest.mark.slow
def test_many_messages_in_batches_then_a_restart_reads_only_new_ones(tmp_path, store, dovecot):
    count = FETCH_BATCH * 2 + 20
    dovecot.append(*(mail(f"bulk {i}") for i in range(count)))
    cfg = watcher_config(tmp_path, dovecot)
    started = time.perf_counter()
    result = ImapWatcher(cfg).sync_once()
    elapsed = time.perf_counter() - started
    assert (result.stored, result.duplicates) == (count, 0)
    assert subjects() == [f"bulk {i}" for i in range(count)]  # in UID order
    assert dovecot.uids(INBOX) == []
    dovecot.append(mail("one more"))
    again = ImapWatcher(cfg).sync_once()
    assert (again.stored, again.duplicates) == (1, 0)
    print(f"\nIMAP: {count} messages fetched, stored and moved in {elapsed:.2f} s "
          f"({count / elapsed:.0f}/s)")  # fmt: skip
