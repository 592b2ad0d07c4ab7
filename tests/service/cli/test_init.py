"""`meetloop init`: creates or upgrades the store, safe to run twice, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest

from service.cli import main
from service.cli.setup import package_version
from store import db as store_db
from store import schema
from tests.conftest import PG_URL
from tests.support.command import run, write_config

# every migration the package ships, as `init` reports applying them
APPLIED = sorted(p.stem for p in schema.MIGRATIONS_DIR.glob("[0-9]*.py"))
AT_VERSION = f"at schema version {len(APPLIED)}"
APPLIED_LIST = f"(applied {', '.join(APPLIED)})"

EXAMPLE = Path(__file__).resolve().parents[3] / "config.example.toml"


def test_init_twice_with_the_shipped_example(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    config = folder / "meetloop.toml"
    config.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    first = run("init", config=config, cwd=elsewhere)
    assert first.returncode == 0, first.stderr
    database = folder / "var" / "meetloop.db"
    assert first.stdout.splitlines() == [
        f"meetloop {package_version()}: store sqlite:///{database} {AT_VERSION} {APPLIED_LIST}",
        f"data folder: {folder / 'var'}",
    ]
    assert database.is_file() and not (elsewhere / "var").exists()
    assert "warning: service.secret is not set" in first.stderr  # the example has no secret

    second = run("init", config=config, cwd=elsewhere)
    assert second.returncode == 0, second.stderr
    assert f"{AT_VERSION} (already current)" in second.stdout
    store_db.connect(f"sqlite:///{database}")
    assert schema.pending() == [] and schema.version() == len(APPLIED)


def test_version_is_the_package_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", package_version())


def test_init_in_process_creates_the_data_folder(tmp_path, capsys):
    config = write_config(tmp_path, service={"data_dir": "data/meetloop"})
    assert main(["--config", str(config), "init"]) == 0
    assert (tmp_path / "data" / "meetloop").is_dir()
    assert APPLIED_LIST in capsys.readouterr().out


def test_unreachable_store_is_one_line_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    config = write_config(tmp_path, store={"url": f"sqlite:///{blocker}/m.db"})
    done = run("init", config=config)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("meetloop: cannot open the store") and "Traceback" not in done.stderr


@pytest.fixture
def scratch_pg_database():
    """A PostgreSQL database of its own, so init runs on an empty one and others are untouched."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as e:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {e}")
    name = f"meetloop_init_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        store_db.connect("sqlite:///:memory:")  # let go of the scratch database
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_init_twice_on_postgres(tmp_path, scratch_pg_database):
    config = write_config(tmp_path, store={"url": scratch_pg_database})
    first = run("init", config=config)
    assert first.returncode == 0, first.stderr
    assert f"{AT_VERSION} {APPLIED_LIST}" in first.stdout
    second = run("init", config=config)
    assert second.returncode == 0, second.stderr
    assert "(already current)" in second.stdout
