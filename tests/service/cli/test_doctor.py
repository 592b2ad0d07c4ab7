"""`meetloop doctor` against real parts: SQLite files, Redis, PostgreSQL, an SMTP relay, Dovecot."""

from __future__ import annotations

import argparse
import json
import os
import socket
from datetime import UTC, datetime

import pytest

from service.cli import main
from service.cli.setup import Check, run_checks
from store import schema
from store.models import InboundMessage
from tests.conftest import PG_URL
from tests.support.command import run, write_config
from tests.support.dovecot import running_dovecot, server_folder
from tests.support.sink import Sink, free_port

MIGRATIONS = len(list(schema.MIGRATIONS_DIR.glob("[0-9]*.py")))

REDIS_URL = "redis://127.0.0.1:6379/0"


def checks(config) -> dict[str, Check]:
    return {c.name: c for c in run_checks(argparse.Namespace(config=str(config)))}


def reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


def need_server(port: int, what: str) -> None:
    if not reachable("127.0.0.1", port):
        if os.environ.get("CI"):
            pytest.fail(f"{what} is not running on 127.0.0.1:{port}")
        pytest.skip(f"{what} is not running on 127.0.0.1:{port}")


@pytest.fixture
def initialised(tmp_path):
    def make(**sections):
        config = write_config(tmp_path, **sections)
        assert main(["--config", str(config), "init"]) == 0
        return config

    return make


def test_embedded_default_is_healthy(initialised, at):
    at(datetime(2025, 6, 2, 3, 0, tzinfo=UTC))
    found = checks(initialised())
    assert {name: c.status for name, c in found.items()} == {
        "config": "OK",
        "secret": "OK",
        "store": "OK",
        "queue": "OK",
        "outbound": "OK",
        "smtp": "OK",
        "imap": "OK",
        "mail": "OK",
        "chat": "OK",
        "clock": "OK",
        "calendar": "OK",
    }
    assert f"schema version {MIGRATIONS}, current" in found["store"].detail
    assert found["calendar"].detail == "CN: 2025 and 2026 known"


def test_real_command_prints_one_line_per_check_and_exits_0(initialised):
    done = run("doctor", config=initialised())
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[1] for line in lines] == [
        "config", "secret", "store", "queue", "outbound", "smtp", "imap", "mail", "chat", "clock", "calendar",
    ]  # fmt: skip
    assert all(line.split()[0] in ("OK", "WARN") for line in lines)


def test_uninitialised_store_and_missing_secret_fail_with_the_fix(tmp_path):
    config = write_config(tmp_path, service={"secret": ""})
    done = run("doctor", "--json", config=config)
    assert done.returncode == 1
    found = {c["name"]: c for c in json.loads(done.stdout)}
    assert found["store"]["status"] == "FAIL"
    assert found["store"]["fix"] == "run 'meetloop init'"
    assert found["secret"]["status"] == "FAIL"
    assert (
        "not set" in found["secret"]["detail"] and "secrets.token_urlsafe" in found["secret"]["fix"]
    )
    assert not (tmp_path / "var" / "meetloop.db").exists()  # doctor creates nothing


def test_short_or_unreadable_secret_fails(tmp_path):
    assert checks(write_config(tmp_path, service={"secret": "short"}))["secret"].ok is False
    found = checks(write_config(tmp_path, service={"secret_file": "nope.txt"}))["secret"]
    assert found.ok is False and "cannot read nope.txt" in found.detail
    (tmp_path / "secret.txt").write_text("x" * 40 + "\n")
    found = checks(write_config(tmp_path, service={"secret_file": "secret.txt"}))["secret"]
    assert (found.ok, found.detail) == (True, "service.secret_file set (40 characters)")


def test_bad_config_is_one_fail_line(tmp_path):
    config = write_config(tmp_path, queue={"url": "amqp://localhost"})
    done = run("doctor", config=config)
    assert done.returncode == 1
    (line,) = done.stdout.splitlines()
    assert line.startswith("FAIL  config    queue.url = 'amqp://localhost' is not allowed")
    assert "config.example.toml" in line


def test_unwritable_paths_fail(initialised, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    found = checks(
        initialised(queue={"url": f"sqlite:///{blocker}/q.db"}, outbound={"url": f"maildir:{blocker}/md"})
    )  # fmt: skip
    assert found["queue"].ok is False and "is not a folder" in found["queue"].detail
    assert found["outbound"].ok is False and found["outbound"].fix


def test_redis_queue_ping_and_a_dead_port(initialised):
    need_server(6379, "Redis")
    assert checks(initialised(queue={"url": REDIS_URL}))["queue"].detail.endswith("PING answered")
    dead = checks(initialised(queue={"url": f"redis://127.0.0.1:{free_port()}/0"}))["queue"]
    assert dead.ok is False and "ConnectionError" in dead.detail
    assert "start the queue's server" in dead.line()


def test_postgres_store_and_queue(tmp_path):
    need_server(5432, "PostgreSQL")
    config = write_config(tmp_path, store={"url": PG_URL}, queue={"url": PG_URL})
    found = checks(config)
    assert found["queue"].ok is True and found["queue"].detail.endswith("connected")
    assert found["store"].ok is not None  # reachable; current or pending depends on other tests
    wrong = PG_URL.replace(":5432", f":{free_port()}")
    found = checks(write_config(tmp_path, store={"url": wrong}, queue={"url": wrong}))
    assert found["store"].ok is False and "start PostgreSQL" in found["store"].fix
    assert found["queue"].ok is False


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_relay_is_greeted_but_no_mail_is_sent(initialised):
    with Sink(users={"relay": "pw"}) as sink:
        url = f"smtp://127.0.0.1:{sink.port}"
        found = checks(
            initialised(
                outbound={"url": url, "security": "none", "user": "relay", "password": "pw"}
            )
        )["outbound"]
        assert found.ok is True, found.line()
        assert (
            found.detail == f"relay 127.0.0.1:{sink.port} answered EHLO (none, logged in as relay)"
        )
        assert sink.logins == ["relay"]

        wrong = checks(
            initialised(
                outbound={"url": url, "security": "none", "user": "relay", "password": "no"}
            )
        )["outbound"]
        assert wrong.ok is False and "SMTPAuthenticationError" in wrong.detail

        plain = checks(initialised(outbound={"url": url, "security": "starttls"}))["outbound"]
        assert plain.ok is False and "does not offer STARTTLS" in plain.detail
        assert sink.received == []
    dead = checks(
        initialised(outbound={"url": f"smtp://127.0.0.1:{free_port()}", "security": "none"})
    )
    assert dead["outbound"].ok is False and "ConnectionRefusedError" in dead["outbound"].detail


def test_smtp_receiver_settings_and_port(initialised):
    refused = checks(initialised(smtp={"require_starttls": True}))["smtp"]
    assert refused.ok is False
    assert refused.detail == "smtp.require_starttls needs smtp.tls_cert and smtp.tls_key"
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        busy = checks(initialised(smtp={"port": port}))["smtp"]
    assert (busy.status, busy.detail) == ("WARN", f"receiver on 127.0.0.1:{port}: port in use")
    free = checks(initialised(smtp={"port": port}))["smtp"]
    assert (free.ok, free.detail) == (True, f"receiver on 127.0.0.1:{port}")
    assert checks(initialised(smtp={"enabled": False}))["smtp"].detail == "receiver not enabled"


def test_imap_login_and_folders(initialised, tmp_path):
    with server_folder(tmp_path) as folder, running_dovecot(folder) as imap:
        base = {"enabled": True, "host": imap.host, "port": imap.port, "security": "none"}
        good = {**base, "user": imap.user, "password": imap.password}
        found = checks(initialised(imap=good))["imap"]
        assert found.ok is True, found.line()
        assert "logged in; INBOX found, Processed will be created" in found.detail

        wrong = checks(initialised(imap={**good, "password": "wrong"}))["imap"]
        assert wrong.ok is False and "check imap.host" in wrong.fix
        missing = checks(initialised(imap={**good, "folder": "Nope"}))["imap"]
        assert (missing.ok, missing.fix) == (False, "correct imap.folder")
    disabled = checks(initialised())["imap"]
    assert (disabled.ok, disabled.detail) == (True, "not enabled")


def test_calendar_knows_this_year_and_next(initialised, at):
    config = initialised()
    at(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    late = checks(config)["calendar"]
    assert late.status == "WARN" and "working days of 2027 are not known yet" in late.detail
    at(datetime(2027, 3, 1, 2, 0, tzinfo=UTC))
    unknown = checks(config)["calendar"]
    assert unknown.status == "FAIL" and "2027" in unknown.detail and "upgrade" in unknown.fix
    assert "calendar.confirmed_years" in unknown.fix


def test_calendar_checks_company_regions(initialised, at):
    config = initialised()
    added = ["company", "add", "Lion", "--domain", "lion.example.sg", "--region", "SG"]
    assert main(["--config", str(config), *added]) == 0
    at(datetime(2025, 6, 2, 3, 0, tzinfo=UTC))
    assert checks(config)["calendar"].detail == "CN, SG: 2025 and 2026 known"


def test_failed_mail_is_a_warning_with_where_to_look(initialised):
    config = initialised()
    now = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    InboundMessage.create(
        dedup_key="<x@y>", sha256="0" * 64, raw=b"x", source="cli", received_at=now, status="failed"
    )
    found = checks(config)["mail"]
    assert (found.status, found.detail) == ("WARN", "1 failed incoming, 0 failed outgoing")
    assert "meetloop inbox list --failed" in found.fix
