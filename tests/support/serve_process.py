"""Run `meetloop serve` / `meetloop worker` as real subprocesses for end-to-end tests.

A TOML config under a temporary folder, people created straight in the
store, mail sent over smtplib, and the maildir read back.
"""

from __future__ import annotations

import email
import os
import signal
import smtplib
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from service import config as config_module
from service.config import Config
from store import db as store_db
from store import schema
from store.models import Company, InboundMessage, Person
from tests.support.sink import free_port

SERVICE_ADDRESS = "meet@alliance.example.cn"
START_TIMEOUT = 30.0


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def write_config(folder: Path, **sections: dict[str, Any]) -> Path:
    """A TOML config under `folder`: store, queue and maildir in folder/var, SMTP on a free port."""
    raw: dict[str, dict[str, Any]] = {
        "service": {"address": SERVICE_ADDRESS, "secret": "e2e-secret", "data_dir": "var"},
        "store": {"url": "sqlite:///var/meetloop.db"},
        "queue": {"url": "sqlite:///var/queue.db", "workers": 2},
        "outbound": {"url": "maildir:var/maildir"},
        "smtp": {"host": "127.0.0.1", "port": free_port()},
    }
    for name, values in sections.items():
        raw.setdefault(name, {}).update(values)
    lines = []
    for name, values in raw.items():
        lines.append(f"[{name}]")
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in values.items())
        lines.append("")
    path = folder / "meetloop.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def load(path: Path) -> Config:
    return config_module.load(path)


def prepare_store(cfg: Config, people: Iterable[tuple[str, str, str]]) -> None:
    """Initialise the store and add (email, name, language) people of one company."""
    store_db.connect(cfg.store_url)
    schema.upgrade()
    now = datetime.now(UTC)
    with store_db.write_txn():
        company, _ = Company.get_or_create(
            name="甲方", defaults={"domains": ["a.example.cn"], "created_at": now}
        )
        for address, name, language in people:
            Person.create(
                email=address, name=name, language=language, company=company, created_at=now
            )
    store_db.db.close()


def meetloop_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "service.cli", *args]


class ServiceProcess:
    """`meetloop serve` (or `worker`) in a subprocess, logging to a file."""

    def __init__(self, config_path: Path, *args: str, name: str = "serve"):
        self.config_path = config_path
        self.args = args or ("serve",)
        self.log_path = config_path.parent / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(
        self, wait_for_port: int | None = None, ready: str = "worker threads"
    ) -> ServiceProcess:
        env = {**os.environ, "MEETLOOP_CONFIG": str(self.config_path)}
        log = open(self.log_path, "ab")  # noqa: SIM115 (closed with the process)
        self.proc = subprocess.Popen(
            meetloop_command(*self.args),
            cwd=self.config_path.parent,
            env=env,
            stdout=log,
            stderr=log,
        )
        log.close()
        if wait_for_port is not None:
            wait_until(
                lambda: (_port_open(wait_for_port) and ready in self.log()) or self._died(),
                START_TIMEOUT,
            )
            if self._died():
                raise RuntimeError(f"{self.args[0]} exited early:\n{self.log()}")
        return self

    def _died(self) -> bool:
        return self.proc is not None and self.proc.poll() is not None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid


def _port_open(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_until(predicate: Callable[[], Any], timeout: float, interval: float = 0.1) -> Any:
    """Poll `predicate` until it returns something true; that value, or the last one."""
    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = predicate()
    return value


def mail_from(sender: str, subject: str, body: str, message_id: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = SERVICE_ADDRESS
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or make_msgid(domain="a.example.cn")
    msg.set_content(body)
    return msg


def send(port: int, msg: EmailMessage, smtp: smtplib.SMTP | None = None) -> None:
    """Send one mail; raises unless the receiver answered 250."""
    if smtp is not None:
        smtp.send_message(msg)
        return
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        client.send_message(msg)


def maildir_messages(cfg: Config) -> list[email.message.Message]:
    new = Path(cfg.outbound_url.removeprefix("maildir:")) / "new"
    if not new.exists():
        return []
    return [email.message_from_bytes(p.read_bytes()) for p in sorted(new.iterdir())]


def stored_statuses(cfg: Config) -> dict[str, str]:
    """Message-ID → processing status of every stored inbound message."""
    store_db.connect(cfg.store_url)
    with store_db.db.connection_context():
        return {m.message_id: m.status for m in InboundMessage.select()}
