"""The real receiver over loopback: 250 only after commit, 550/552/554, 451 for our faults."""

from __future__ import annotations

import asyncio
import smtplib
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from email.utils import make_msgid
from pathlib import Path

import pytest

from service.config import ConfigError
from service.smtp_receiver import (
    TEMPORARY_FAILURE,
    IngestHandler,
    ReceiverThread,
    bound_port,
    read_auth_users,
    start_server,
)
from store import db as store_db
from store.models import InboundMessage
from tests.conftest import make_config
from tests.support.smtp import (
    FROM,
    make_certificate,
    running_receiver,
    send,
    tls_client,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "inbound"


def mail(subject: str = "hello", body: str = "A short reply.\r\n", message_id: str = "") -> bytes:
    message_id = message_id or make_msgid(domain="partner.example.cn")
    return (
        f"From: Zhang San <{FROM}>\r\nTo: meet@alliance.example.cn\r\n"
        f"Subject: {subject}\r\nMessage-ID: {message_id}\r\n\r\n{body}"
    ).encode()


def test_250_comes_after_the_row_is_committed(cfg, store):
    raw = (FIXTURES / "plain.eml").read_bytes()
    with running_receiver(cfg) as receiver, smtplib.SMTP("127.0.0.1", receiver.port) as client:
        client.ehlo()
        client.mail("bounce@partner.example.cn")
        client.rcpt("meet@alliance.example.cn")
        code, text = client.data(raw)
        assert code == 250
        stored_id = int(text.decode().rsplit(" ", 1)[1])
        # Visible to another connection the moment 250 is seen: committed.
        row = InboundMessage.get_by_id(stored_id)
    assert row.raw == raw
    assert row.source == "smtp"
    assert row.envelope_from == "bounce@partner.example.cn"
    assert row.envelope_to == ["meet@alliance.example.cn"]


def test_resend_is_accepted_and_stored_once(cfg, store):
    raw = mail(message_id="<resend-1@partner.example.cn>")
    with running_receiver(cfg) as receiver:
        assert send(receiver, raw) == {}
        assert send(receiver, raw) == {}
    assert InboundMessage.select().count() == 1


def test_foreign_domain_550_plus_address_accepted(cfg, store):
    with running_receiver(cfg) as receiver:
        refused = send(
            receiver,
            mail(),
            to=["meet+m-1-7-abc@alliance.example.cn", "someone@elsewhere.example.com"],
        )
        assert refused["someone@elsewhere.example.com"][0] == 550
        assert b"5.1.1" in refused["someone@elsewhere.example.com"][1]
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            send(receiver, mail(), to=["relay@elsewhere.example.com"])
    (row,) = InboundMessage.select()
    assert row.envelope_to == ["meet+m-1-7-abc@alliance.example.cn"]


def test_oversize_552_with_and_without_size(tmp_path, store):
    cfg = make_config(tmp_path, smtp={"port": 0, "max_size": 20_000})
    big = mail(body="x" * 70 + "\r\n") + b"y" * 76 * 400 + b"\r\n"
    with running_receiver(cfg) as receiver:
        # smtplib announces SIZE= when the server offers it: refused at MAIL.
        with pytest.raises(smtplib.SMTPSenderRefused) as refused:
            send(receiver, big)
        assert refused.value.smtp_code == 552
        # A client that does not announce it is refused after DATA.
        with smtplib.SMTP(receiver.host, receiver.port) as client:
            client.ehlo()
            assert client.mail(FROM)[0] == 250
            assert client.rcpt("meet@alliance.example.cn")[0] == 250
            assert client.data(big)[0] == 552
        assert send(receiver, mail()) == {}  # a normal mail still passes
    assert InboundMessage.select().count() == 1


def test_long_html_lines_are_accepted(cfg, store):
    line = "<p>" + "宽" * 3000 + "</p>"
    with running_receiver(cfg) as receiver:
        assert send(receiver, mail(body=line + "\r\n").decode().encode("utf-8")) == {}
    assert line.encode() in InboundMessage.get().raw


def test_headerless_data_is_554_not_stored(cfg, store):
    with running_receiver(cfg) as receiver, pytest.raises(smtplib.SMTPDataError) as refused:
        send(receiver, b"just a body, no header block\r\n")
    assert refused.value.smtp_code == 554
    assert InboundMessage.select().count() == 0


@pytest.mark.parametrize("broken", ["directory", "uninitialised"])
def test_store_failure_is_451_temporary(tmp_path, broken):
    """A real storage failure: the store URL names a directory, or an empty database."""
    target = tmp_path / "broken.db"
    if broken == "directory":
        target.mkdir()
    cfg = make_config(tmp_path, store={"url": f"sqlite:///{target}"})
    store_db.connect(cfg.store_url)
    try:
        with running_receiver(cfg) as receiver, smtplib.SMTP(receiver.host, receiver.port) as c:
            c.ehlo()
            c.mail(FROM)
            c.rcpt("meet@alliance.example.cn")
            code, text = c.data(mail())
    finally:
        store_db.db.close()
    assert code == 451
    assert text.decode() == TEMPORARY_FAILURE[4:]


class _HandlerWithABug(IngestHandler):
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        raise RuntimeError("a bug in a hook")


def test_a_handler_bug_is_451_not_500(cfg, store):
    handler = _HandlerWithABug(cfg.accepted_domains)
    with running_receiver(cfg, handler) as receiver, pytest.raises(smtplib.SMTPSenderRefused) as e:
        send(receiver, mail())
    assert e.value.smtp_code == 451


def test_starttls_and_auth(tmp_path, store):
    cert, key = make_certificate(tmp_path)
    users = tmp_path / "smtp-users"
    users.write_text("# relay accounts\nrelay:s3cret:with-colon\n")
    cfg = make_config(
        tmp_path,
        smtp={
            "port": 0,
            "tls_cert": str(cert),
            "tls_key": str(key),
            "require_starttls": True,
            "auth_users_file": str(users),
        },
    )
    with running_receiver(cfg) as receiver:
        with smtplib.SMTP(receiver.host, receiver.port) as plain:
            plain.ehlo()
            assert plain.has_extn("starttls")
            assert plain.mail(FROM)[0] == 530  # no mail before TLS
        with tls_client(receiver, str(cert)) as client:
            client.ehlo()
            assert client.has_extn("auth")
            assert client.mail(FROM)[0] == 530  # no mail before AUTH
            with pytest.raises(smtplib.SMTPAuthenticationError):
                client.login("relay", "wrong")
            client.login("relay", "s3cret:with-colon")
            assert client.sendmail(FROM, ["meet@alliance.example.cn"], mail()) == {}
    assert InboundMessage.select().count() == 1


@pytest.mark.slow
def test_receive_rate_200_mails_one_connection(cfg, store):
    count = 200
    body = ("这是一封测试邮件。" * 8 + "\r\n") * 30  # about 5 KB
    mails = [mail(subject=f"load {i}", body=body).decode().encode("utf-8") for i in range(count)]
    with running_receiver(cfg) as receiver, smtplib.SMTP(receiver.host, receiver.port) as client:
        started = time.perf_counter()
        for raw in mails:
            assert client.sendmail(FROM, ["meet@alliance.example.cn"], raw) == {}
        elapsed = time.perf_counter() - started
    assert InboundMessage.select().count() == count
    print(f"\nreceived {count} mails of {len(mails[0])} bytes in {elapsed:.2f} s: "
          f"{count / elapsed:.0f} mails/s")  # fmt: skip


def test_stop_lets_a_commit_under_way_get_its_250(cfg, store):
    """A graceful stop while the store is busy: the sender still gets 250, nothing is lost."""
    receiver = ReceiverThread(cfg, host="127.0.0.1", port=0)
    receiver.start()
    blocker = sqlite3.connect(cfg.store_url.removeprefix("sqlite:///"))
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock: the commit waits
    with ThreadPoolExecutor(2) as pool:
        sent = pool.submit(send, receiver, mail(message_id="<graceful@partner.example.cn>"))
        wait_until(lambda: receiver.handler.in_flight == 1)
        stopped = pool.submit(receiver.stop)
        time.sleep(0.2)
        assert not stopped.done()  # waiting for the commit
        blocker.rollback()
        assert sent.result(timeout=10) == {}
        stopped.result(timeout=10)
    blocker.close()
    assert InboundMessage.get().message_id == "<graceful@partner.example.cn>"
    with pytest.raises(OSError):  # and it no longer listens
        smtplib.SMTP(receiver.host, receiver.port, timeout=2)


def wait_until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def test_start_server_inside_a_running_loop(cfg, store):
    """The factory `serve` could use in its own loop: port 0, bound port reported."""

    async def main() -> dict:
        server = await start_server(cfg, host="127.0.0.1", port=0)
        try:
            port = bound_port(server)
            assert port > 0

            def deliver() -> dict:
                with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                    return client.sendmail(FROM, ["meet@alliance.example.cn"], mail("in loop"))

            return await asyncio.to_thread(deliver)
        finally:
            server.close()
            await server.wait_closed()

    assert asyncio.run(main()) == {}
    assert InboundMessage.get().subject == "in loop"


def test_smtputf8_chinese_addresses(cfg, store):
    raw = (
        "From: 张三 <张三@partner.example.cn>\r\nTo: meet@alliance.example.cn\r\n"
        "Subject: 中文主题\r\nMessage-ID: <utf8-1@partner.example.cn>\r\n\r\n你好\r\n"
    ).encode()
    with running_receiver(cfg) as receiver, smtplib.SMTP(receiver.host, receiver.port) as c:
        c.ehlo()
        assert c.has_extn("smtputf8")
        c.sendmail("张三@partner.example.cn", ["meet@alliance.example.cn"], raw, ["SMTPUTF8"])
    row = InboundMessage.get()
    assert (row.sender, row.subject, row.envelope_from) == (
        "张三@partner.example.cn",
        "中文主题",
        "张三@partner.example.cn",
    )


@pytest.mark.parametrize(
    ("smtp", "files", "message"),
    [
        ({"auth_users_file": "users"}, {"users": "relay:pw\n"}, "needs smtp.tls_cert"),
        ({"require_starttls": True}, {}, "require_starttls needs"),
        ({"tls_cert": "cert.pem"}, {}, "must be set together"),
        ({"tls_cert": "c.pem", "tls_key": "k.pem"}, {"c.pem": "x", "k.pem": "y"}, "cannot load"),
    ],
)
def test_tls_and_auth_misconfiguration_is_refused_at_start(tmp_path, smtp, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    cfg = make_config(tmp_path, smtp={"port": 0, **smtp})
    with pytest.raises(ConfigError, match=message):
        ReceiverThread(cfg, host="127.0.0.1", port=0).start()


def test_auth_users_file_lines_are_checked(tmp_path):
    users = tmp_path / "users"
    users.write_text("# comment\n\nrelay:secret\nno-colon-here\n")
    with pytest.raises(ConfigError, match="line 4 is not user:password"):
        read_auth_users(users)


def test_stop_with_a_client_connected_ends_its_session_cleanly(cfg, store, caplog):
    """A graceful stop while a client sits in a session: no task left pending."""
    import gc
    import logging

    receiver = ReceiverThread(cfg, host="127.0.0.1", port=0)
    receiver.start()
    client = smtplib.SMTP("127.0.0.1", receiver.port, timeout=10)
    client.ehlo()
    client.mail(FROM)
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        receiver.stop(grace=1)
        gc.collect()
    assert not [r for r in caplog.records if "destroyed but it is pending" in r.getMessage()]
    with pytest.raises((smtplib.SMTPException, OSError)):
        client.rcpt("meet@alliance.example.cn")  # the session is closed, not left hanging
    client.close()
