"""The scale path: PostgreSQL store, Redis or PostgreSQL queue, `serve` plus two
`meetloop worker` processes, end to end over SMTP.

Each test gets its own PostgreSQL database (dropped after) and its own Redis
database number (flushed), so parallel runs by others cannot interfere.
"""

from __future__ import annotations

import re

import pytest

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

MAILS = 20
PEOPLE = [(f"w{i}@a.example.cn", f"Worker Test {i}", "en") for i in range(MAILS)]


def _processed_by(proc: ServiceProcess) -> int:
    return len(re.findall(r"message \d+: done", proc.log()))


def _end_to_end(tmp_path, store_url: str, queue_url: str) -> None:
    path = write_config(tmp_path, store={"url": store_url}, queue={"url": queue_url, "workers": 1})
    cfg = load(path)
    prepare_store(cfg, PEOPLE)
    server = ServiceProcess(path).start(wait_for_port=cfg.smtp.port)
    workers = [
        ServiceProcess(path, "worker", "--workers", "2", name=f"worker{i}").start(
            wait_for_port=cfg.smtp.port
        )
        for i in (1, 2)
    ]
    procs = [server, *workers]
    try:
        for address, _name, _lang in PEOPLE:
            send(cfg.smtp.port, mail_from(address, "hello", "How does this work?"))
        arrived = wait_until(lambda: len(maildir_messages(cfg)) >= MAILS, 60)
        logs = "\n".join(p.log() for p in procs)
        assert arrived, f"{len(maildir_messages(cfg))} of {MAILS} help mails arrived\n{logs}"
    finally:
        statuses = [p.stop() for p in procs]
    assert statuses == [0, 0, 0], "\n".join(p.log() for p in procs)
    assert set(stored_statuses(cfg).values()) == {"done"}
    mails = maildir_messages(cfg)
    assert len({m["Message-ID"] for m in mails}) == len(mails) == MAILS
    by_worker = [_processed_by(w) for w in workers]
    assert all(n > 0 for n in by_worker), f"each worker should take a share: {by_worker}"
    assert sum(by_worker) + _processed_by(server) == MAILS


@pytest.mark.pg
@pytest.mark.redis
def test_postgres_store_redis_queue_two_workers(tmp_path, pg_database, redis_queue):
    _end_to_end(tmp_path, pg_database, redis_queue)


@pytest.mark.pg
def test_postgres_store_postgres_queue_two_workers(tmp_path, pg_database):
    _end_to_end(tmp_path, pg_database, pg_database)
