"""`./scripts/serve --port N --config FILE`: the newcomer's first command."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from tests.support.serve_process import wait_until
from tests.support.sink import free_port

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "serve"
START_SECONDS = 180  # it (re)installs the package first: slow on a busy machine
CONFIG = """[service]
secret = "0123456789abcdef0123456789"
data_dir = "var"
[store]
url = "sqlite:///var/meetloop.db"
[queue]
url = "sqlite:///var/queue.db"
[outbound]
url = "maildir:var/maildir"
"""


def test_a_bad_port_is_refused_before_anything_is_installed(tmp_path):
    done = subprocess.run(
        [str(SCRIPT), "--port", "smtp"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 2
    assert done.stderr == "scripts/serve: --port takes a number from 1 to 65535, not 'smtp'\n"


def test_first_run_says_where_it_listens_where_mail_goes_and_what_to_type(tmp_path):
    config = tmp_path / "alliance.toml"
    config.write_text(CONFIG, encoding="utf-8")
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(SCRIPT), "--port", str(port), "--config", str(config)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        listening = f"smtp: listening on 127.0.0.1:{port}"
        assert wait_until(
            lambda: listening in log.read_text() or proc.poll() is not None, START_SECONDS, 0.5
        )
        text = log.read_text()
        assert listening in text, text
        assert f"SMTP receiver    127.0.0.1:{port}" in text
        assert f"outgoing mail    {tmp_path / 'var' / 'maildir'}" in text
        assert "service address  meet@alliance.example.cn" in text
        commands = [line.strip() for line in text.splitlines() if "meetloop --config" in line]
        assert [c.split()[3] for c in commands] == ["person", "template", "outbox"]
        assert (tmp_path / "var" / "meetloop.db").is_file()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
