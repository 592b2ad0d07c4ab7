"""`meetloop init` and `meetloop doctor`: set the service up, then check it."""

from __future__ import annotations

import argparse
from importlib import metadata

from service.cli import common
from store import schema


def package_version() -> str:
    try:
        return metadata.version("meetloop")
    except metadata.PackageNotFoundError:
        return "unknown"


def cmd_init(args: argparse.Namespace) -> int:
    """Create the data folder and create or upgrade the store; safe to run again."""
    cfg = common.load_config(args)
    cfg.data_dir.mkdir(parents=True, exist_ok=True)
    common.open_store(cfg, require_schema=False)
    try:
        applied = schema.upgrade()
        version = schema.version()
    except Exception as e:
        raise common.CommandError(f"cannot upgrade the store {cfg.store_url}: {e}") from e
    what = f"applied {', '.join(applied)}" if applied else "already current"
    print(
        f"meetloop {package_version()}: store {cfg.store_url} at schema version {version} ({what})"
    )
    print(f"data folder: {cfg.data_dir}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser("init", help="create or upgrade the store (safe to run twice)")
    init.set_defaults(func=cmd_init)
