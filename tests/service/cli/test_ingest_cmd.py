"""`meetloop ingest` as an MTA pipe transport runs it: a real subprocess, real exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import queue
from service.cli.mailin import EX_DATAERR, EX_NOINPUT, EX_OK, EX_TEMPFAIL
from store import db as store_db
from store import schema
from store.models import InboundMessage
from tests.support.command import run, write_config

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "inbound"


@pytest.fixture
def initialised(tmp_path: Path):
    """A config file under tmp_path and its store, initialised."""
    config = write_config(tmp_path)
    store_db.connect(f"sqlite:///{tmp_path / 'var' / 'meetloop.db'}")
    schema.upgrade()
    yield config
    store_db.db.close()


def rows() -> list[InboundMessage]:
    return list(InboundMessage.select().order_by(InboundMessage.id))


def test_file_stored_then_duplicate_both_exit_0(initialised):
    eml = FIXTURES / "malformed.eml"
    first = run("ingest", str(eml), "--from", "x@partner.example.cn", config=initialised)
    assert first.returncode == EX_OK, first.stderr
    again = run("ingest", str(eml), config=initialised)
    assert again.returncode == EX_OK, again.stderr
    (row,) = rows()
    assert first.stdout.strip() == f"stored as {row.id}"
    assert again.stdout.strip() == f"already stored as {row.id}"
    assert row.raw == eml.read_bytes()
    assert row.source == "cli"
    assert row.envelope_from == "x@partner.example.cn"
    # Processing was queued once (not for the duplicate) on the configured queue.
    queued = queue.storage_for(f"sqlite:///{initialised.parent / 'var' / 'queue.db'}")
    assert queued.queue_size() == 1


def test_stdin_with_mbox_from_line(initialised):
    raw = (FIXTURES / "plain.eml").read_bytes().decode()
    result = run(
        "ingest",
        "-",
        "--to",
        "meet@alliance.example.cn",
        config=initialised,
        stdin="From zhang.san@partner.example.cn Mon Nov 23 10:00:00 2026\n" + raw,
    )
    assert result.returncode == EX_OK, result.stderr
    (row,) = rows()
    assert row.raw == raw.encode()
    assert row.envelope_to == ["meet@alliance.example.cn"]


def test_not_a_mail_exits_65_with_one_line(initialised):
    result = run("ingest", "-", config=initialised, stdin="no headers here, only words\n")
    assert result.returncode == EX_DATAERR
    assert result.stderr.count("\n") == 1
    assert "not a mail message" in result.stderr
    assert rows() == []


def test_missing_file_exits_66(initialised, tmp_path):
    result = run("ingest", str(tmp_path / "nope.eml"), config=initialised)
    assert result.returncode == EX_NOINPUT
    assert result.stderr.count("\n") == 1


def test_unreachable_store_exits_75(tmp_path):
    target = tmp_path / "store.db"
    target.mkdir()  # a real failure: SQLite cannot open a directory
    config = write_config(tmp_path, store={"url": f"sqlite:///{target}"})
    result = run("ingest", str(FIXTURES / "plain.eml"), config=config)
    assert result.returncode == EX_TEMPFAIL, result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_bad_config_is_temporary_too(tmp_path):
    """The mail is fine, the installation is not: the MTA must retry, not bounce."""
    config = write_config(tmp_path, smtp={"port": 99_999})
    result = run("ingest", str(FIXTURES / "plain.eml"), config=config)
    assert result.returncode == EX_TEMPFAIL
    assert "smtp.port" in result.stderr
