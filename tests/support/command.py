"""Run the real `meetloop` command of the test venv, on a TOML config under tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

MEETLOOP = Path(sys.executable).with_name("meetloop")

TEST_CONFIG: dict[str, dict[str, Any]] = {
    "service": {"address": "meet@alliance.example.cn", "secret": "test-secret-0123456789abcdef"},
    "store": {"url": "sqlite:///var/meetloop.db"},
    "queue": {"url": "sqlite:///var/queue.db"},
    "outbound": {"url": "maildir:var/maildir"},
    "smtp": {"port": 0},
}


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def write_config(folder: Path, name: str = "meetloop.toml", **sections: dict[str, Any]) -> Path:
    """A TOML file in `folder` with the test defaults, `sections` merged over them."""
    merged = {k: dict(v) for k, v in TEST_CONFIG.items()}
    for section, values in sections.items():
        merged.setdefault(section, {}).update(values)
    lines = []
    for section, values in merged.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in values.items()]
        lines.append("")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run(
    *args: str,
    config: Path | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`meetloop [--config FILE] ARGS` as a user runs it; MEETLOOP_CONFIG only when given."""
    command = [str(MEETLOOP)] + (["--config", str(config)] if config else []) + list(args)
    environment = {k: v for k, v in os.environ.items() if k != "MEETLOOP_CONFIG"}
    environment.update(env or {})
    return subprocess.run(
        command,
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
