"""tick(now): every rule in its own transaction, idempotent, one broken rule stops no other."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from service import clock
from service.cli import main
from service.config import load
from service.mail import queue_mail
from service.tick import LOAD_FAILED, RULE_FAILED, failed_rules, tick
from service.workflows.registry import TICK_RULES
from store.db import write_txn
from store.models import Company, Outbox, Person
from tests.support.command import write_config
from tests.support.flow import Flow

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


@pytest.fixture
def rules(monkeypatch):
    """Two test rules: one mails every person once per local date, one breaks after writing."""
    seen: list[datetime] = []

    def daily_hello(now: datetime, cfg) -> int:
        seen.append(now)
        assert clock.now() == now  # code inside a rule sees the tick's instant
        day = now.astimezone(cfg.tz).date().isoformat()
        queued = 0
        for person in Person.select():
            row = queue_mail(
                cfg, key=f"hello:{person.id}:{day}", to=person, template="help", context={}, now=now
            )
            queued += row is not None
        return queued

    def broken(now: datetime, cfg) -> int:
        Company.create(name="half-done", created_at=now)
        raise RuntimeError("rule broke")

    monkeypatch.setitem(TICK_RULES, "zz_daily_hello", daily_hello)
    monkeypatch.setitem(TICK_RULES, "zz_broken", broken)
    return seen


def test_tick_is_idempotent_and_survives_a_broken_rule(cfg, store, rules):
    with write_txn():
        for n in range(3):
            Person.create(email=f"p{n}@a.example.cn", name=f"P{n}", created_at=NOW)
    first = tick(NOW, cfg)
    assert first["zz_daily_hello"] == 3
    assert first["zz_broken"] == RULE_FAILED
    assert "zz_broken" in failed_rules(first)
    assert Company.select().count() == 0  # the broken rule's writes were rolled back
    again = tick(NOW, cfg)
    assert again["zz_daily_hello"] == 0
    assert Outbox.select().count() == 3
    # the next day in Shanghai, the rule mails again
    assert tick(datetime(2026, 11, 23, 16, 0, tzinfo=UTC), cfg)["zz_daily_hello"] == 3
    assert rules[0] == NOW and len(rules) == 3


def test_flow_tick_travels_in_time(cfg, rules):
    with Flow(cfg) as flow:
        flow.person("p@a.example.cn", "P")
        later = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
        assert flow.tick(later)["zz_daily_hello"] == 1
        assert flow.now == later and rules[-1] == later
        [hello] = flow.outbox(kind="help", since=later)
        assert hello.row.created_at == later


def test_tick_cli_takes_local_time_and_reports(tmp_path, rules, capsys):
    path = write_config(tmp_path)
    cfg = load(path)
    with Flow(cfg, smtp=False) as flow:
        flow.person("p@a.example.cn", "P")
        code = main(["--config", str(path), "tick", "--now", "2026-11-24T09:00", "--json"])
        out = capsys.readouterr().out
    assert code == 1  # a rule failed: the admin sees it in the exit status
    assert '"zz_daily_hello": 1' in out and f'"zz_broken": {RULE_FAILED}' in out
    assert rules[-1] == datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert main(["--config", str(path), "tick", "--now", "next tuesday"]) == 2
    assert "not an ISO 8601 time" in capsys.readouterr().err


def test_a_workflow_module_that_fails_to_import_stops_no_rule(cfg, store, rules, monkeypatch):
    def broken() -> None:
        raise SyntaxError("invalid syntax (half_written.py, line 3)")

    monkeypatch.setattr("service.workflows.registry.load_all", broken)
    results = tick(NOW, cfg)
    assert results["zz_daily_hello"] == 0
    assert set(failed_rules(results)) == {LOAD_FAILED, "zz_broken"}
