"""`meetloop serve` as a real subprocess: SMTP in, processed, help mail in the maildir."""

from __future__ import annotations

import signal
import socket
from email.header import decode_header, make_header

import pytest

from tests.support.dovecot import (  # noqa: F401 (dovecot_fixture is the fixture)
    dovecot_fixture,
)
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

HELP_SUBJECTS = {"en": "How to use meetloop", "zh": "meetloop 使用说明"}


def _subject(msg) -> str:
    return str(make_header(decode_header(msg["Subject"])))


def test_serve_answers_a_known_sender_in_their_language_and_stops_on_sigterm(tmp_path):
    path = write_config(tmp_path)
    cfg = load(path)
    prepare_store(cfg, [("li@a.example.cn", "Li Lei", "en"), ("zhang@a.example.cn", "张三", "zh")])
    server = ServiceProcess(path).start(wait_for_port=cfg.smtp.port)
    try:
        send(cfg.smtp.port, mail_from("li@a.example.cn", "hello", "What can you do?"))
        send(cfg.smtp.port, mail_from("Zhang San <zhang@a.example.cn>", "你好", "请问怎么用？"))
        mails = wait_until(lambda: len(maildir_messages(cfg)) >= 2 and maildir_messages(cfg), 30)
        assert mails, f"no help mail arrived; serve log:\n{server.log()}"
    finally:
        status = server.stop(signal.SIGTERM)
    assert status == 0, server.log()
    by_recipient = {m["To"].rpartition("<")[2].rstrip(">"): m for m in mails}
    assert _subject(by_recipient["li@a.example.cn"]) == HELP_SUBJECTS["en"]
    assert _subject(by_recipient["zhang@a.example.cn"]) == HELP_SUBJECTS["zh"]
    assert all(m["Auto-Submitted"] == "auto-generated" for m in mails)
    assert set(stored_statuses(cfg).values()) == {"done"}
    assert "serve: stopped" in server.log()


def test_ctrl_c_stops_serve_gracefully(tmp_path):
    path = write_config(tmp_path)
    cfg = load(path)
    prepare_store(cfg, [])
    server = ServiceProcess(path).start(wait_for_port=cfg.smtp.port)
    assert server.stop(signal.SIGINT) == 0, server.log()
    assert "Traceback" not in server.log()


def test_serve_refuses_an_uninitialised_store_with_one_line(tmp_path):
    path = write_config(tmp_path)
    server = ServiceProcess(path).start()
    assert server.proc.wait(30) == 2
    log = server.log().strip()
    assert "meetloop init" in log and "Traceback" not in log


def test_serve_runs_the_imap_watcher_when_enabled(tmp_path, dovecot):
    imap = {
        "enabled": True,
        "host": dovecot.host,
        "port": dovecot.port,
        "security": "none",
        "user": dovecot.user,
        "password": dovecot.password,
        "poll_seconds": 1,
    }
    path = write_config(tmp_path, imap=imap)
    cfg = load(path)
    prepare_store(cfg, [("li@a.example.cn", "Li Lei", "en")])
    dovecot.append(mail_from("li@a.example.cn", "via IMAP", "Hello?").as_bytes())
    server = ServiceProcess(path).start(wait_for_port=cfg.smtp.port)
    try:
        mails = wait_until(lambda: maildir_messages(cfg), 30)
        assert mails, f"no help mail for the IMAP message; serve log:\n{server.log()}"
    finally:
        assert server.stop(signal.SIGTERM) == 0, server.log()
    assert _subject(mails[0]) == HELP_SUBJECTS["en"]
    assert dovecot.uids("INBOX") == []


def test_a_port_in_use_is_one_clear_line(tmp_path):
    path = write_config(tmp_path)
    cfg = load(path)
    prepare_store(cfg, [])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", cfg.smtp.port))
        taken.listen()
        server = ServiceProcess(path).start()
        assert server.proc.wait(30) == 1
    log = server.log()
    assert f"cannot start the smtp receiver on 127.0.0.1:{cfg.smtp.port}" in log
    assert "Traceback" not in log


@pytest.mark.parametrize(
    ("secret", "warned"),
    [("", True), ("a-long-enough-random-secret-value", False)],
)
def test_serve_runs_with_the_example_empty_secret_but_warns(tmp_path, secret, warned):
    path = write_config(tmp_path, service={"secret": secret})
    cfg = load(path)
    prepare_store(cfg, [])
    server = ServiceProcess(path).start(wait_for_port=cfg.smtp.port)
    assert server.stop(signal.SIGTERM) == 0, server.log()
    assert ("warning: service.secret is not set" in server.log()) is warned
    assert ("warning" in server.log()) is warned
