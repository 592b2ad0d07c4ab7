"""Outbox delivery to a real maildir and a real SMTP sink on loopback."""

from __future__ import annotations

import email
import shutil
import ssl
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from service import delivery, leases
from service.mail import queue_mail
from store.db import write_txn
from store.models import AuditLog, Outbox, Person
from tests.conftest import make_config
from tests.support.sink import Sink, free_port

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _queue(cfg, n: int = 1) -> list[Outbox]:
    rows = []
    with write_txn():
        person = Person.get_or_none(Person.email == "zhang@a.example.cn") or Person.create(
            email="zhang@a.example.cn", name="张三", created_at=NOW
        )
        for i in range(n):
            key = f"help:{person.id}:{Outbox.select().count() + i}"
            rows.append(queue_mail(cfg, key=key, to=person, template="help", context={}, now=NOW))
    return rows


def _relay_cfg(tmp_path, port: int, **outbound):
    return make_config(
        tmp_path,
        outbound={"url": f"smtp://127.0.0.1:{port}", "security": "none", **outbound},
    )


def _reload(row: Outbox) -> Outbox:
    return Outbox.get_by_id(row.id)


def test_maildir_delivery_is_fsynced_file_and_idempotent(cfg, store):
    (row,) = _queue(cfg)
    assert delivery.deliver(row.id, cfg, NOW) == delivery.SENT
    maildir = Path(cfg.outbound_url.removeprefix("maildir:"))
    files = list((maildir / "new").iterdir())
    assert len(files) == 1 and files[0].read_bytes() == row.raw
    assert list((maildir / "tmp").iterdir()) == []
    sent = _reload(row)
    assert (sent.status, sent.attempts, sent.sent_at) == ("sent", 1, NOW)
    assert AuditLog.select().where(AuditLog.action == "outbox.sent").count() == 1
    # A second delivery of the same row (a worker died before "sent" was committed)
    # lands on the same file name: still one mail.
    Outbox.update(status="sending", sending_since=NOW).where(Outbox.id == row.id).execute()
    later = NOW + delivery.SENDING_GRACE + timedelta(minutes=1)
    assert delivery.deliver(row.id, cfg, later) == delivery.SENT
    assert [f.name for f in (maildir / "new").iterdir()] == [files[0].name]


def test_sent_row_is_not_sent_again(cfg, store):
    (row,) = _queue(cfg)
    assert delivery.deliver(row.id, cfg, NOW) == delivery.SENT
    assert delivery.deliver(row.id, cfg, NOW) == delivery.SKIPPED
    assert _reload(row).attempts == 1


def test_relay_delivery_reuses_one_connection(tmp_path, store):
    with Sink() as sink:
        cfg = _relay_cfg(tmp_path, sink.port)
        rows = _queue(cfg, 3)
        assert delivery.deliver_pending(cfg, NOW) == 3
        received = sink.wait(3)
    assert [r.message["Message-ID"] for r in received] == [r.message_id for r in rows]
    assert [r.mail_from for r in received] == [delivery.return_path(cfg, r.id) for r in rows]
    assert received[0].rcpt_tos == ["zhang@a.example.cn"]
    assert len({r.peer for r in received}) == 1, "one SMTP connection for the batch"
    assert all("queued as" in _reload(r).relay_reply for r in rows)


def test_relay_down_backs_off_then_fails(tmp_path, store):
    cfg = _relay_cfg(tmp_path, free_port(), max_attempts=3)
    (row,) = _queue(cfg)
    assert delivery.deliver(row.id, cfg, NOW) == delivery.RETRY
    first = _reload(row)
    assert first.status == "pending" and first.attempts == 1
    assert first.next_attempt_at == NOW + delivery.backoff(1)
    assert "refused" in first.last_error.lower() or "errno" in first.last_error.lower()
    # Not due yet: nothing is tried.
    assert delivery.deliver(row.id, cfg, NOW + timedelta(seconds=30)) == delivery.SKIPPED
    t2 = first.next_attempt_at
    assert delivery.deliver(row.id, cfg, t2) == delivery.RETRY
    second = _reload(row)
    assert second.next_attempt_at == t2 + delivery.backoff(2) and delivery.backoff(
        2
    ) > delivery.backoff(1)
    assert delivery.deliver(row.id, cfg, second.next_attempt_at) == delivery.FAILED
    failed = _reload(row)
    assert (failed.status, failed.attempts) == ("failed", 3)
    assert delivery.due_ids(NOW + timedelta(days=1)) == []


def test_retry_sends_the_same_message_id(tmp_path, store):
    with Sink() as sink:
        cfg = _relay_cfg(tmp_path, sink.port)
        (row,) = _queue(cfg)
        sink.refuse_data("451 4.3.0 try again later")
        assert delivery.deliver(row.id, cfg, NOW) == delivery.RETRY
        assert "451" in _reload(row).last_error
        sink.refuse_data(None)
        assert delivery.deliver(row.id, cfg, NOW + delivery.backoff(1)) == delivery.SENT
        (received,) = sink.wait(1)
    assert received.message["Message-ID"] == row.message_id
    assert received.data.replace(b"\r\n", b"\n") == row.raw.replace(b"\r\n", b"\n")
    assert _reload(row).attempts == 2


def test_permanent_refusal_fails_at_once(tmp_path, store):
    with Sink() as sink:
        cfg = _relay_cfg(tmp_path, sink.port)
        (row,) = _queue(cfg)
        sink.refuse_data("554 5.7.1 rejected by policy")
        assert delivery.deliver(row.id, cfg, NOW) == delivery.FAILED
    failed = _reload(row)
    assert failed.status == "failed" and "554" in failed.last_error
    assert delivery.retry(row.id, NOW).status == "pending"
    assert AuditLog.select().where(AuditLog.action == "outbox.retry").count() == 1


def test_row_in_sending_waits_for_the_grace_period(tmp_path, store):
    with Sink() as sink:
        cfg = _relay_cfg(tmp_path, sink.port)
        (row,) = _queue(cfg)
        Outbox.update(status="sending", sending_since=NOW, attempts=1).where(
            Outbox.id == row.id
        ).execute()
        soon = NOW + delivery.SENDING_GRACE / 2
        assert delivery.deliver(row.id, cfg, soon) == delivery.SKIPPED
        assert delivery.due_ids(soon) == []
        late = NOW + delivery.SENDING_GRACE
        assert delivery.due_ids(late) == [row.id]
        assert delivery.deliver(row.id, cfg, late) == delivery.SENT
        (received,) = sink.wait(1)
    assert received.message["Message-ID"] == row.message_id


def test_a_row_this_process_is_sending_is_not_taken_again_after_a_clock_jump(tmp_path, store):
    """A rehearsal clock can jump days mid-send: the sending process still holds the row."""
    with Sink() as sink:
        cfg = _relay_cfg(tmp_path, sink.port)
        (row,) = _queue(cfg)
        Outbox.update(status="sending", sending_since=NOW, attempts=1).where(
            Outbox.id == row.id
        ).execute()
        days_later = NOW + timedelta(days=3)
        with leases.held(leases.OUTBOX, row.id):
            assert delivery.deliver(row.id, cfg, days_later) == delivery.SKIPPED
        assert delivery.deliver(row.id, cfg, days_later) == delivery.SENT
        (received,) = sink.wait(1)
    assert received.message["Message-ID"] == row.message_id


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl command is not installed")
def test_starttls_and_auth_to_the_relay(tmp_path, store, monkeypatch):
    cert, key = _self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the sink's certificate
    (tmp_path / "relay.pw").write_text("s3cret\n")
    with Sink(tls_context=server_tls, users={"meet": "s3cret"}) as sink:
        cfg = _relay_cfg(
            tmp_path, sink.port, security="starttls", user="meet", password_file="relay.pw"
        )
        (row,) = _queue(cfg)
        assert delivery.deliver(row.id, cfg, NOW) == delivery.SENT
        (received,) = sink.wait(1)
        delivery.close_transport()
    assert sink.logins == ["meet"] and received.tls
    assert email.message_from_bytes(received.data)["Message-ID"] == row.message_id


def test_a_delivery_task_takes_other_due_rows_in_its_batch(cfg, store):
    rows = _queue(cfg, 4)
    outcomes = delivery.deliver_with_due(rows[0].id, cfg, NOW)
    assert outcomes == {r.id: delivery.SENT for r in rows}
    # The tasks queued for the other rows find them sent: nothing is written twice.
    assert delivery.deliver_with_due(rows[1].id, cfg, NOW) == {rows[1].id: delivery.SKIPPED}
    maildir = Path(cfg.outbound_url.removeprefix("maildir:"))
    assert len(list((maildir / "new").iterdir())) == 4


def test_refusals_are_settled_per_recipient(tmp_path, store):
    """550 for one Cc: failed for that one only, listed and reported once a day;
    451 for another: retried for that one alone; the others get the mail once."""
    from service.cli.setup import check_backlog
    from service.tick import tick

    admin = "admin@alliance.example.cn"
    with Sink() as sink:
        cfg = _relay_cfg(tmp_path, sink.port, max_attempts=3)
        cfg.values["service"]["admins"] = [admin]
        with write_txn():
            person = Person.create(email="zhang@a.example.cn", name="张三", created_at=NOW)
            row = queue_mail(
                cfg,
                key="minutes:1:zhang",
                to=person,
                template="help",
                context={},
                now=NOW,
                cc=["boss@b.example.cn", "later@c.example.cn"],
            )
        sink.refuse_rcpt("boss@b.example.cn", "550 5.1.1 no such user")
        sink.refuse_rcpt("later@c.example.cn", "451 4.2.0 greylisted, come back later")
        assert delivery.deliver(row.id, cfg, NOW) == delivery.RETRY
        first = _reload(row)
        assert first.status == "pending" and first.delivered_to == ["zhang@a.example.cn"]
        assert list(first.refused) == ["boss@b.example.cn"]
        sink.refuse_rcpt("later@c.example.cn", None)
        assert delivery.deliver(row.id, cfg, first.next_attempt_at) == delivery.SENT
        received = sink.wait(2)
    assert [r.rcpt_tos for r in received] == [["zhang@a.example.cn"], ["later@c.example.cn"]]
    assert len({r.message["Message-ID"] for r in received}) == 1
    done = _reload(row)
    assert done.status == "sent" and "550" in done.refused["boss@b.example.cn"]
    assert [r.id for r in Outbox.select().where(delivery.has_failed())] == [row.id]
    backlog = check_backlog()
    assert backlog.ok is None and "1 failed outgoing" in backlog.detail

    later = NOW + timedelta(minutes=5)
    assert tick(later, cfg)["outbox.refused_notice"] == 1
    assert tick(later + timedelta(hours=1), cfg)["outbox.refused_notice"] == 0
    notice = Outbox.get(Outbox.kind == "recipient_refused")
    assert notice.recipients == [admin]
    body = email.message_from_bytes(notice.raw).get_payload()[0].get_payload(decode=True)
    assert "boss@b.example.cn" in body.decode() and "550 5.1.1" in body.decode()


def test_a_temporary_refusal_still_there_after_the_last_try_is_final(tmp_path, store):
    with Sink() as sink:
        cfg = _relay_cfg(tmp_path, sink.port, max_attempts=2)
        (row,) = _queue(cfg)
        sink.refuse_rcpt("zhang@a.example.cn", "452 4.2.2 mailbox full")
        assert delivery.deliver(row.id, cfg, NOW) == delivery.RETRY
        assert delivery.deliver(row.id, cfg, NOW + delivery.backoff(1)) == delivery.FAILED
    failed = _reload(row)
    assert failed.status == "failed" and "452" in failed.refused["zhang@a.example.cn"]
    assert sink.received == []
