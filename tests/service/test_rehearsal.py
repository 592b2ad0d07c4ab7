"""The rehearsal clock: `meetloop serve --start-at T --speed N`, kept in the store,
read by every command; and admin commands whose mail goes out at once."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from service import clock, rehearsal
from store import db as store_db
from store.models import AuditLog, ServiceClock
from tests.support.command import run
from tests.support.serve_process import (
    ServiceProcess,
    load,
    maildir_messages,
    prepare_store,
    wait_until,
    write_config,
)

START = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # Mon 10:00 in Shanghai, in the past
SPEED = 600  # ten clock minutes a second
PEOPLE = [("host@a.example.cn", "王主持", "zh"), ("li@a.example.cn", "李四", "zh")]
ADMIN_MAIL_SECONDS = 3.0  # the target: an admin command's mail is in the maildir this soon


@pytest.fixture
def rehearsed_store(tmp_path):
    path = write_config(tmp_path)
    cfg = load(path)
    prepare_store(cfg, PEOPLE)
    store_db.connect(cfg.store_url)
    yield cfg
    clock.live()
    store_db.db.close()


def test_a_rehearsal_clock_runs_at_its_speed_from_its_start():
    try:
        clock.rehearse(START, 3600)
        first = clock.now()
        time.sleep(0.2)
        moved = (clock.now() - first).total_seconds()
        assert START <= first < START + timedelta(minutes=5)
        assert 0.2 * 3600 <= moved < 5 * 0.2 * 3600  # an hour a second, give or take a busy CPU
        assert clock.rehearsing() and clock.wall_seconds(3600) == 1.0
        with clock.travel_to(START + timedelta(days=3)):  # a test's travel still wins
            assert clock.now() == START + timedelta(days=3)
    finally:
        clock.live()
    assert not clock.rehearsing() and abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_the_stored_clock_continues_moves_forward_and_never_back(rehearsed_store):
    assert rehearsal.start(None, None) is None and not clock.rehearsing()  # a live store
    with pytest.raises(rehearsal.ClockError, match="--speed needs --start-at"):
        rehearsal.start(None, 5)

    rehearsal.start(START, 60)
    rehearsal.stop()
    stopped_at = ServiceClock.get().instant
    assert START <= stopped_at < START + timedelta(minutes=10)

    rehearsal.load()  # a command after the service stopped: the clock stands where it was
    assert clock.now() == stopped_at
    time.sleep(0.05)
    assert clock.now() == stopped_at

    with pytest.raises(rehearsal.ClockError, match="does not go back"):
        rehearsal.start(START - timedelta(days=1), None)
    row = rehearsal.start(None, None)  # a restart continues the rehearsal
    assert row.instant == stopped_at and row.speed == 60 and row.start_at == START

    later = START + timedelta(days=7)
    rehearsal.advance(later)
    assert rehearsal.heartbeat() >= later  # the running service adopts the jump
    with pytest.raises(rehearsal.ClockError, match="forward, never back"):
        rehearsal.advance(START + timedelta(days=1))
    with pytest.raises(rehearsal.ClockError, match="stop it first"):
        rehearsal.reset()
    rehearsal.stop()
    assert rehearsal.reset() and not clock.rehearsing()
    assert not ServiceClock.select().exists()


def test_commands_read_the_rehearsal_clock(rehearsed_store, tmp_path):
    config = rehearsed_store.source
    rehearsal.start(START, 1)
    rehearsal.stop()
    store_db.db.close()

    later = run("tick", "--now", "2026-11-20 09:00", config=config)
    assert later.returncode == 0, later.stderr
    assert "rehearsal clock moved forward to 2026-11-20T09:00:00+08:00" in later.stderr
    back = run("tick", "--now", "2026-11-18 09:00", config=config)
    assert back.returncode == 2
    assert back.stderr.strip().splitlines()[-1] == (
        "meetloop: this store runs on a rehearsal clock, now 2026-11-20T01:00:00+00:00; "
        "--now can move it forward, never back"
    )
    # a time past by the wall clock but ahead on the rehearsal clock is accepted
    ref = _meetloop(
        config,
        "meeting",
        "create",
        "--title",
        "周会",
        "--host",
        "host@a.example.cn",
        "--online",
        "https://m.example/1",
    ).strip()
    scheduled = run("meeting", "schedule", ref, "2026-11-25 14:00", config=config)
    assert scheduled.returncode == 0, scheduled.stderr
    too_early = run("meeting", "reschedule", ref, "2026-11-19 14:00", config=config)
    assert too_early.returncode != 0 and "is in the past" in too_early.stderr
    doctor = run("doctor", "--json", config=config)
    [found] = [c for c in json.loads(doctor.stdout) if c["name"] == "clock"]
    assert found["status"] == "WARN" and "2026-11-20T09:00:00+08:00" in found["detail"]
    assert "meetloop init --reset-clock" in found["fix"]
    init = run("init", config=config)
    assert "clock: rehearsal clock at 2026-11-20T09:00:00+08:00" in init.stdout
    assert "go live with 'meetloop init --reset-clock'" in init.stdout
    live = run("init", "--reset-clock", config=config)
    assert "clock: real time (rehearsal clock removed)" in live.stdout


def _meetloop(config, *args: str) -> str:
    done = run(*args, config=config)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_an_admin_command_mail_is_in_the_maildir_within_seconds_under_serve(tmp_path):
    config = write_config(tmp_path)
    cfg = load(config)
    prepare_store(cfg, PEOPLE)
    service = ServiceProcess(
        config, "serve", "--start-at", START.isoformat(), "--speed", str(SPEED)
    )
    service.start(wait_for_port=cfg.smtp.port)
    try:
        ref = _meetloop(
            config,
            "meeting",
            "create",
            "--title",
            "周例会",
            "--host",
            "host@a.example.cn",
            "--online",
            "https://m.example/1",
        ).strip()
        _meetloop(config, "meeting", "invite", ref, "li@a.example.cn")
        before = len(maildir_messages(cfg))
        began = time.monotonic()
        _meetloop(config, "meeting", "schedule", ref, "2026-11-18 14:00")
        arrived = wait_until(lambda: len(maildir_messages(cfg)) >= before + 2, 30, interval=0.05)
        took = time.monotonic() - began
        assert arrived, service.log()
        assert took < ADMIN_MAIL_SECONDS + _command_seconds(config), f"{took:.1f} s"
    finally:
        assert service.stop() == 0
    mails = maildir_messages(cfg)
    stopped = _stored_clock(cfg)
    for msg in mails:
        assert msg["X-Meetloop-Rehearsal"] == "yes"
        assert START <= parsedate_to_datetime(msg["Date"]) <= stopped
    store_db.connect(cfg.store_url)
    with store_db.db.connection_context():
        audits = [a.at for a in AuditLog.select()]
    assert audits and all(START <= at <= stopped for at in audits)

    again = ServiceProcess(config, "serve", name="serve2").start(wait_for_port=cfg.smtp.port)
    try:
        assert "this store was rehearsed: continuing the rehearsal clock at" in again.log()
        assert "run 'meetloop init --reset-clock'" in again.log()
        assert _stored_clock(cfg) >= stopped  # a restart continues where the rehearsal was
    finally:
        assert again.stop() == 0


def _stored_clock(cfg) -> datetime:
    store_db.connect(cfg.store_url)
    with store_db.db.connection_context():
        return ServiceClock.get().instant


def _command_seconds(config) -> float:
    """What a bare command costs on this machine right now (a busy CPU is not our latency)."""
    began = time.monotonic()
    run("outbox", "list", "--limit", "1", config=config)
    return time.monotonic() - began
