"""`meetloop demo`: see what the service does, on a throw-away store."""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def cmd_demo(args: argparse.Namespace) -> int:
    from service.demo import run_demo

    started, cpu = time.monotonic(), time.process_time()
    folder = Path(args.keep) if args.keep else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    result = run_demo(folder=folder)
    print(
        f"\n{result['mails']} mails, {result['accepted']} item(s) accepted, "
        f"{time.monotonic() - started:.1f} s ({time.process_time() - cpu:.1f} s CPU)"
    )
    if folder is not None:
        print(f"store and mail kept in {folder}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo", help="play the guide's example (联合营销方案对齐会) in simulated time"
    )
    p.add_argument("--keep", metavar="DIR", help="keep the demo's store in DIR")
    p.set_defaults(func=cmd_demo)
