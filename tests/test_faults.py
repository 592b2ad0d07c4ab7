"""The fault suite: `pytest -m fault` runs it alone.

Each scenario drives the real service through a fault and prints one line:
sent / acknowledged / stored / delivered / lost / duplicated, then asserts
lost = duplicated = 0. Bounded for CI (a hundred mails, not thousands).

* SIGKILL of `serve` (and of an extra `meetloop worker`) mid-burst, on SQLite,
  PostgreSQL + Redis and PostgreSQL + PostgreSQL. On the shared backends the
  restarted service must take the dead processes' claims within seconds
  (their leases lapse: service.leases), not after a ten-minute lease.
* The relay down, then refusing recipients with 4xx and 5xx per recipient.
"""

from __future__ import annotations

import smtplib
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from service import delivery, leases
from service.mail import queue_mail
from store.db import write_txn
from store.models import Outbox, Person
from tests.conftest import make_config
from tests.support.serve_process import (
    ServiceProcess,
    load,
    mail_from,
    maildir_messages,
    prepare_store,
    send,
    stored_statuses,
    wait_until,
    write_config,
)
from tests.support.sink import Sink, free_port

pytestmark = pytest.mark.fault

BURST = 100
KILL_AFTER = 35  # acknowledged mails before the SIGKILL
PEOPLE = [(f"f{i}@a.example.cn", f"Fault {i}", "en") for i in range(BURST)]
# A dead process's claims are free one lease later; the heartbeat that notices
# runs every RENEW_EVERY_SECONDS; the rest is slack for a loaded CI machine.
RECLAIM_BOUND_SECONDS = leases.CLAIM_LEASE.total_seconds() + 2 * leases.RENEW_EVERY_SECONDS + 20


@dataclass
class Figures:
    scenario: str
    sent: int
    acknowledged: int
    stored: int
    delivered: int
    lost: int
    duplicated: int

    def line(self) -> str:
        return (
            f"FAULT {self.scenario}: sent {self.sent} / acknowledged {self.acknowledged} / "
            f"stored {self.stored} / delivered {self.delivered} / lost {self.lost} / "
            f"duplicated {self.duplicated}"
        )


def _report(capsys, figures: Figures, extra: str = "") -> None:
    with capsys.disabled():
        print(f"\n{figures.line()}{extra}")
    assert (figures.lost, figures.duplicated) == (0, 0), figures.line()


def _burst(port: int, accepted: list[str], sent: list[str]) -> None:
    for i, (address, _name, _lang) in enumerate(PEOPLE):
        msg = mail_from(address, f"question {i}", "How does this work?")
        sent.append(msg["Message-ID"])
        try:
            send(port, msg)
        except (smtplib.SMTPException, OSError):
            continue
        accepted.append(msg["Message-ID"])


def _answers(cfg) -> tuple[Counter, Counter]:
    """Help mails in the maildir: how often each inbound Message-ID was answered,
    and how often each outgoing Message-ID was written."""
    mails = maildir_messages(cfg)
    return Counter(str(m["In-Reply-To"]) for m in mails), Counter(
        str(m["Message-ID"]) for m in mails
    )


def _sigkill_mid_burst(tmp_path, capsys, store_url: str, queue_url: str, name: str) -> None:
    path = write_config(tmp_path, store={"url": store_url}, queue={"url": queue_url, "workers": 2})
    cfg = load(path)
    prepare_store(cfg, PEOPLE)
    procs = [ServiceProcess(path).start(wait_for_port=cfg.smtp.port)]
    if not store_url.startswith("sqlite"):
        procs.append(
            ServiceProcess(path, "worker", "--workers", "2", name="worker").start(
                wait_for_port=cfg.smtp.port
            )
        )
    accepted: list[str] = []
    sent: list[str] = []
    sender = threading.Thread(target=_burst, args=(cfg.smtp.port, accepted, sent))
    sender.start()
    try:
        assert wait_until(lambda: len(accepted) >= KILL_AFTER, 60), procs[0].log()
        for proc in procs:
            proc.kill()
        sender.join(120)
    finally:
        for proc in procs:
            if proc.proc.poll() is None:
                proc.kill()
    before = stored_statuses(cfg)
    held = sum(status == "processing" for status in before.values())

    started = time.monotonic()
    restarted = ServiceProcess(path, name="restart").start(wait_for_port=cfg.smtp.port)
    try:
        done = wait_until(
            lambda: (
                (s := stored_statuses(cfg))
                and all(v == "done" for v in s.values())
                and len(_answers(cfg)[0]) >= len(s)
            ),
            RECLAIM_BOUND_SECONDS + 30,
        )
        took = time.monotonic() - started
        assert done, f"not all processed: {Counter(stored_statuses(cfg).values())}\n" + (
            restarted.log()
        )
    finally:
        assert restarted.stop() == 0, restarted.log()
    statuses = stored_statuses(cfg)
    answered, written = _answers(cfg)
    stored = [m for m in sent if m in statuses]
    lost = len(set(accepted) - set(statuses)) + sum(1 for m in stored if not answered[m])
    duplicated = sum(n - 1 for n in answered.values()) + sum(n - 1 for n in written.values())
    figures = Figures(name, len(sent), len(accepted), len(stored), len(answered), lost, duplicated)
    _report(
        capsys, figures, f"; {held} claims held at the kill, all done {took:.1f} s after restart"
    )
    assert took <= RECLAIM_BOUND_SECONDS + 30


def test_sigkill_serve_mid_burst_sqlite(tmp_path, capsys):
    _sigkill_mid_burst(
        tmp_path, capsys, "sqlite:///var/meetloop.db", "sqlite:///var/queue.db", "sigkill sqlite"
    )


@pytest.mark.pg
@pytest.mark.redis
def test_sigkill_serve_and_worker_mid_burst_postgres_redis(
    tmp_path, capsys, pg_database, redis_queue
):
    _sigkill_mid_burst(tmp_path, capsys, pg_database, redis_queue, "sigkill postgresql+redis")


@pytest.mark.pg
def test_sigkill_serve_and_worker_mid_burst_postgres_postgres(tmp_path, capsys, pg_database):
    _sigkill_mid_burst(tmp_path, capsys, pg_database, pg_database, "sigkill postgresql+postgresql")


# ------------------------------------------------------------------ the relay

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
ROWS = 60
REFUSED_CC = "gone@b.example.cn"  # 550 at RCPT: failed for that recipient only
GREYLISTED_CC = "grey@c.example.cn"  # 451 at the first tries, then accepted


def test_relay_down_then_refusing_per_recipient(tmp_path, store, capsys):
    port = free_port()
    cfg = make_config(
        tmp_path,
        outbound={"url": f"smtp://127.0.0.1:{port}", "security": "none", "max_attempts": 8},
    )
    with write_txn():
        rows = []
        for i in range(ROWS):
            person = Person.create(email=f"r{i}@a.example.cn", name=f"R {i}", created_at=NOW)
            row = queue_mail(
                cfg, key=f"fault:{i}", to=person, template="help", context={}, now=NOW,
                cc=[REFUSED_CC, GREYLISTED_CC],
            )  # fmt: skip
            rows.append(row)
    expected = {(r.message_id, rcpt) for r in rows for rcpt in r.recipients}
    now = NOW
    assert delivery.deliver_pending(cfg, now) == 0  # the relay is down: nothing sent, all kept
    assert {r.status for r in Outbox.select()} == {"pending"}
    with Sink(port=port) as sink:
        sink.refuse_rcpt(REFUSED_CC, "550 5.1.1 no such user")
        sink.refuse_rcpt(GREYLISTED_CC, "451 4.7.1 greylisted")
        for _ in range(3):
            now += delivery.RETRY_MAX
            delivery.deliver_pending(cfg, now)
        sink.refuse_rcpt(GREYLISTED_CC, None)
        for _ in range(3):
            now += delivery.RETRY_MAX
            delivery.deliver_pending(cfg, now)
        received = list(sink.received)
    got = Counter((str(r.message["Message-ID"]), rcpt) for r in received for rcpt in r.rcpt_tos)
    refused = {(r.message_id, a) for r in Outbox.select() for a in (r.refused or {})}
    assert refused == {(r.message_id, REFUSED_CC) for r in rows}
    lost = len(expected - set(got) - refused)
    duplicated = sum(n - 1 for n in got.values())
    figures = Figures(
        "relay down, then 5xx/4xx per recipient", len(expected), len(expected), len(expected),
        len(got), lost, duplicated,
    )  # fmt: skip
    _report(capsys, figures, f"; refused for good {len(refused)} (all {REFUSED_CC})")
    assert {r.status for r in Outbox.select()} == {"sent"}
    assert Outbox.select().where(delivery.has_failed()).count() == ROWS


# ------------------------------------------------------- a dead claimer's work

CLAIMER = """
import sys, time
from service import config, delivery, process, clock
from store import db
cfg = config.load(sys.argv[1])
db.connect(cfg.store_url)
now = clock.now()
with db.unit_of_work():
    assert process._claim(int(sys.argv[2]), now, force=False) is not None
    assert delivery._claim([int(sys.argv[3])], now)
print("claimed", flush=True)
time.sleep(600)
"""


def _claim_then_die(path, message_id: int, outbox_id: int) -> None:
    """A real process claims a message and an Outbox row, then is SIGKILLed."""
    import subprocess
    import sys

    claimer = subprocess.Popen(
        [sys.executable, "-c", CLAIMER, str(path), str(message_id), str(outbox_id)],
        cwd=path.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert claimer.stdout is not None and claimer.stdout.readline().strip() == "claimed"
    finally:
        claimer.kill()
        claimer.wait()


@pytest.mark.pg
@pytest.mark.parametrize("queue", ["redis", "postgresql"])
def test_a_killed_claimers_work_is_taken_within_seconds(
    tmp_path, capsys, pg_database, queue, request
):
    """Claims whose holder was SIGKILLed are free one lease later on the shared
    backends (before: a 10-minute lease for messages, an hour for "sending")."""
    from service import ingest
    from store import db as store_db
    from store.models import InboundMessage

    queue_url = request.getfixturevalue("redis_queue") if queue == "redis" else pg_database
    path = write_config(tmp_path, store={"url": pg_database}, queue={"url": queue_url})
    cfg = load(path)
    prepare_store(cfg, PEOPLE[:1])
    msg = mail_from(PEOPLE[0][0], "claimed", "How does this work?")
    store_db.connect(cfg.store_url)
    with store_db.db.connection_context():
        message_id = ingest.ingest(msg.as_bytes(), "cli").id
        with write_txn():
            person = Person.get()
            outbox_id = queue_mail(
                cfg, key="held", to=person, template="help", context={}, now=datetime.now(UTC)
            ).id
    _claim_then_die(path, message_id, outbox_id)
    started = time.monotonic()
    server = ServiceProcess(path).start(wait_for_port=cfg.smtp.port)
    try:

        def finished() -> bool:
            with store_db.db.connection_context():
                return (
                    InboundMessage.get_by_id(message_id).status == "done"
                    and Outbox.get_by_id(outbox_id).status == "sent"
                )

        done = wait_until(finished, RECLAIM_BOUND_SECONDS, interval=0.5)
        took = time.monotonic() - started
    finally:
        assert server.stop() == 0, server.log()
    assert done, server.log()
    _answered, written = _answers(cfg)
    delivered = len(written)
    duplicated = sum(n - 1 for n in written.values())
    figures = Figures(
        f"killed claimer, postgresql+{queue}", 2, 2, 2, delivered, 2 - delivered, duplicated
    )
    _report(capsys, figures, f"; its claims taken {took:.1f} s after the service started")
    assert "held by a dead process" in server.log()


# ------------------------------------------------------------------- IMAP

IMAP_MAILS = 40


def test_imap_restart_kick_and_frozen_session_mid_stream(tmp_path, store, capsys, monkeypatch):
    """Mail keeps landing in the watched folder while Dovecot is restarted, its
    sessions are killed and one is frozen: every mail stored once, none lost."""
    from email.utils import make_msgid

    from service import imap_watcher
    from store.models import InboundMessage
    from tests.service.test_imap_watcher import watcher_config, watching
    from tests.support.dovecot import running_dovecot, server_folder

    monkeypatch.setattr(imap_watcher, "IDLE_PROBE_SECONDS", 1)  # a frozen link found fast
    monkeypatch.setattr(imap_watcher, "PROBE_TIMEOUT_SECONDS", 1)
    ids = [make_msgid(domain="partner.example.cn") for _ in range(IMAP_MAILS)]
    raws = [
        f"From: li.si@partner.example.cn\r\nTo: meet@alliance.example.cn\r\nSubject: m{i}\r\n"
        f"Message-ID: {mid}\r\n\r\nbody {i}\r\n".encode()
        for i, mid in enumerate(ids)
    ]
    faults = {IMAP_MAILS // 4: "restart", IMAP_MAILS // 2: "kick", 3 * IMAP_MAILS // 4: "freeze"}
    frozen: list[int] = []
    with server_folder(tmp_path) as folder, running_dovecot(folder) as server:
        cfg = watcher_config(tmp_path, server, poll_seconds=600)
        with watching(cfg):
            try:
                for i, raw in enumerate(raws):
                    fault = faults.get(i)
                    if fault == "restart":
                        server.go_away()
                        server.start()
                    elif fault == "kick":
                        server.kill_sessions()
                    elif fault == "freeze":
                        frozen = server.freeze_sessions()
                    server.append(raw)
                appended = time.monotonic()
                done = wait_until(lambda: InboundMessage.select().count() >= IMAP_MAILS, 60)
                caught_up = time.monotonic() - appended
                time.sleep(1)  # anything read twice would show now
            finally:
                server.thaw(frozen)
        left = server.uids("INBOX")
    stored = Counter(m.message_id for m in InboundMessage.select())
    lost = sum(1 for mid in ids if not stored[mid])
    duplicated = sum(n - 1 for n in stored.values())
    figures = Figures(
        "imap restart, kick, frozen session", IMAP_MAILS, IMAP_MAILS, len(stored),
        len(stored), lost, duplicated,
    )  # fmt: skip
    _report(capsys, figures, f"; {len(left)} left in INBOX, caught up {caught_up:.1f} s after")
    assert done and left == []
