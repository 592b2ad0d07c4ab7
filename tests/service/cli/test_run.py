"""`meetloop outbox list|show|retry` against a real store (in-process CLI)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from service import queue
from service.cli import main
from service.mail import queue_mail
from store import db as store_db
from store.models import Outbox, Person
from tests.support.serve_process import load, prepare_store, write_config

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _setup(tmp_path) -> tuple[str, list[int]]:
    path = write_config(tmp_path, queue={"url": "memory:"})
    cfg = load(path)
    prepare_store(cfg, [("zhang@a.example.cn", "张三", "zh")])
    store_db.connect(cfg.store_url)
    with store_db.db.connection_context(), store_db.write_txn():
        person = Person.get()
        ids = [
            queue_mail(cfg, key=f"help:{i}", to=person, template="help", context={}, now=NOW).id
            for i in range(2)
        ]
        Outbox.update(status="failed", attempts=8, last_error="550 no such user").where(
            Outbox.id == ids[1]
        ).execute()
    return str(path), ids


def test_list_filters_by_status_and_prints_json(tmp_path, capsys):
    path, ids = _setup(tmp_path)
    assert main(["--config", path, "outbox", "list", "--json", "--status", "failed"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [ids[1]]
    assert rows[0]["last_error"] == "550 no such user" and rows[0]["to"] == ["zhang@a.example.cn"]
    assert main(["--config", path, "outbox", "list"]) == 0
    table = capsys.readouterr().out
    assert "meetloop 使用说明" in table and "failed" in table and "pending" in table


def test_show_decodes_headers_and_prints_the_first_lines(tmp_path, capsys):
    path, ids = _setup(tmp_path)
    assert main(["--config", path, "outbox", "show", str(ids[0])]) == 0
    out = capsys.readouterr().out
    assert "Subject: meetloop 使用说明" in out
    assert "To: 张三 <zhang@a.example.cn>" in out
    assert "Message-ID: <ml." in out


def test_retry_requeues_a_failed_mail_and_refuses_unknown_ids(tmp_path, capsys):
    path, ids = _setup(tmp_path)
    queue.reset()
    try:
        assert main(["--config", path, "outbox", "retry", str(ids[1])]) == 0
        assert [t.args for t in queue.huey.pending()] == [(ids[1],)]
    finally:
        queue.reset()
    with store_db.db.connection_context():
        row = Outbox.get_by_id(ids[1])
    assert (row.status, row.attempts) == ("pending", 0)
    assert main(["--config", path, "outbox", "retry", "999"]) == 2
    assert "no outbox row 999" in capsys.readouterr().err
    assert main(["--config", path, "outbox", "show", "999"]) == 2
