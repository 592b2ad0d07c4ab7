"""SIGKILL in the middle of a burst: nothing accepted is lost, nothing is sent twice."""

from __future__ import annotations

import smtplib
import threading
from collections import Counter

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

BURST = 80
KILL_AFTER = 30  # accepted mails before the SIGKILL
PEOPLE = [(f"p{i}@a.example.cn", f"Person {i}", "en") for i in range(BURST)]


def _burst(port: int, accepted: list[str], refused: list[str]) -> None:
    for i, (address, _name, _lang) in enumerate(PEOPLE):
        msg = mail_from(address, f"question {i}", "How does this work?")
        try:
            send(port, msg)
        except (smtplib.SMTPException, OSError):
            refused.append(msg["Message-ID"])
        else:
            accepted.append(msg["Message-ID"])


def test_sigkill_mid_burst_loses_nothing_and_sends_nothing_twice(tmp_path):
    path = write_config(tmp_path)
    cfg = load(path)
    prepare_store(cfg, PEOPLE)
    server = ServiceProcess(path).start(wait_for_port=cfg.smtp.port)
    accepted: list[str] = []
    refused: list[str] = []
    sender = threading.Thread(target=_burst, args=(cfg.smtp.port, accepted, refused))
    sender.start()
    try:
        assert wait_until(lambda: len(accepted) >= KILL_AFTER, 30), server.log()
        server.kill()
        sender.join(60)
    finally:
        if server.proc.poll() is None:
            server.kill()
    assert refused, "the kill should have landed mid-burst"
    before = stored_statuses(cfg)
    assert set(accepted) <= set(before), "a mail answered 250 was not stored"

    restarted = ServiceProcess(path, name="restart").start(wait_for_port=cfg.smtp.port)
    try:
        done = wait_until(
            lambda: (
                (s := stored_statuses(cfg))
                and all(v == "done" for v in s.values())
                and len(maildir_messages(cfg)) >= len(s)
            ),
            60,
        )
        assert done, (
            f"not all processed: {Counter(stored_statuses(cfg).values())}\n{restarted.log()}"
        )
    finally:
        assert restarted.stop() == 0, restarted.log()

    statuses = stored_statuses(cfg)
    assert all(statuses[m] == "done" for m in accepted)
    mails = maildir_messages(cfg)
    ids = Counter(m["Message-ID"] for m in mails)
    assert [mid for mid, n in ids.items() if n > 1] == [], "a mail was delivered twice"
    recipients = Counter(m["To"].rpartition("<")[2].rstrip(">") for m in mails)
    assert max(recipients.values()) == 1, "someone got the help mail twice"
    assert len(mails) == len(statuses), "one help mail per stored message"
