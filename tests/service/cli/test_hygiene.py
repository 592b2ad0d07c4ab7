"""How the command behaves around its output: pipes, warnings before errors, JSON."""

from __future__ import annotations

import argparse
import subprocess
from datetime import UTC, datetime

from service.cli import EXIT_BROKEN_PIPE, build_parser
from store import db as store_db
from store import schema
from store.models import Company, Person
from tests.support.command import MEETLOOP, run, write_config

PEOPLE = 2000  # enough JSON to overflow a pipe's buffer (64 KiB) many times
LISTINGS = ("list", "show", "tasks", "doctor", "tick", "import")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))
            return
    yield path, {o for a in parser._actions for o in a.option_strings}


def test_every_listing_takes_json():
    listings = [(p, opts) for p, opts in _commands(build_parser()) if p[-1] in LISTINGS]
    assert len(listings) >= 12
    assert [" ".join(p) for p, opts in listings if "--json" not in opts] == []
    poll = dict(_commands(build_parser()))[("meeting", "poll")]
    assert {"--ranking", "--json"} <= poll


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    config = write_config(tmp_path)
    assert run("init", config=config).returncode == 0
    store_db.connect(f"sqlite:///{tmp_path / 'var' / 'meetloop.db'}")
    assert not schema.pending()
    now = datetime.now(UTC)
    with store_db.write_txn():
        company = Company.create(name="甲方", domains=["a.example.cn"], created_at=now)
        Person.insert_many(
            [
                {
                    "email": f"p{i}@a.example.cn",
                    "name": f"员工{i}",
                    "company": company,
                    "created_at": now,
                }
                for i in range(PEOPLE)
            ]
        ).execute()
    store_db.db.close()
    proc = subprocess.Popen(
        [str(MEETLOOP), "--config", str(config), "person", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.readline().strip() == b"["  # `| head -1`
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(60) == EXIT_BROKEN_PIPE
    assert "BrokenPipe" not in stderr and "Traceback" not in stderr
    assert stderr == ""


def test_the_error_comes_last_and_apart_from_the_warnings(tmp_path):
    config = write_config(tmp_path, service={"secret": ""})  # warned about, not refused
    assert run("init", config=config).returncode == 0
    done = run("serve", "--port", "0", config=config)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith("meetloop: warning: service.secret is not set")
    assert lines[-2:] == ["", "meetloop: --port must be between 1 and 65535"]
