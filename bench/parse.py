"""Throughput of `meetloop parse reply|minutes` logic, against plain stdlib `email` parsing.

    .venv/bin/python bench/parse.py [--corpus ../shared/corpus] [--messages 5000]

The labelled corpus is repeated until at least --messages mails have gone through,
in one process on one core: each reply through parse_mail + read_reply (its labelled
context), each minutes mail through parse_mail + parse_minutes.  The same bytes are
then parsed with stdlib `email` (policy.default, every text part decoded) for the
ratio, and with bare compat32 `message_from_bytes` (no decoding) as the floor.  Figures are CPU seconds of this process (time.process_time), so other load
on the machine counts less than with a wall clock.  Target: >= 300 messages/s.
"""

from __future__ import annotations

import argparse
import email
import json
import sys
import time
from datetime import datetime
from email import policy
from pathlib import Path

from parsers.mime import parse_mail
from parsers.reply import read_reply

try:
    from parsers.minutes import parse_minutes
except ImportError:  # the minutes parser is another engineer's; bench replies alone without it
    parse_minutes = None

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TARGET_PER_SECOND = 300


def load(corpus: Path) -> list[tuple[dict, bytes]]:
    cases = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    return [(c, (corpus / c["file"]).read_bytes()) for c in cases]


def parse_one(case: dict, raw: bytes) -> None:
    mail = parse_mail(raw)
    if case["type"] == "reply":
        read_reply(mail, case["context"], case.get("poll_size")).to_json()
    elif parse_minutes is not None:
        parse_minutes(mail, datetime.fromisoformat(case["meeting_end"]))


def stdlib_one(raw: bytes) -> None:
    msg = email.message_from_bytes(raw, policy=policy.default)
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            try:
                part.get_content()
            except (LookupError, UnicodeError):
                part.get_payload(decode=True)


def run(batch: list[tuple[dict, bytes]], fn, n: int) -> float:
    """CPU seconds to push n messages (the batch repeated) through fn."""
    done = 0
    start = time.process_time()
    while done < n:
        for case, raw in batch:
            fn(case, raw)
            done += 1
            if done >= n:
                break
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with labels.json")
    ap.add_argument("--messages", type=int, default=5000, help="messages to parse (at least)")
    opts = ap.parse_args(argv)
    if not (opts.corpus / "labels.json").exists():
        print(f"bench: no labels.json in {opts.corpus}", file=sys.stderr)
        return 2
    batch = load(opts.corpus)
    n = max(opts.messages, len(batch))
    run(batch[:20], parse_one, 20)  # warm caches and compiled patterns
    ours = run(batch, parse_one, n)
    base = run(batch, lambda _c, raw: stdlib_one(raw), n)
    bare = run(batch, lambda _c, raw: email.message_from_bytes(raw), n)
    replies = sum(1 for c, _ in batch if c["type"] == "reply")
    print(
        f"corpus: {len(batch)} mails ({replies} replies, {len(batch) - replies} minutes), repeated to {n}"
    )
    if parse_minutes is None:
        print("note: parsers.minutes not importable; minutes mails were only MIME-parsed")
    print(f"parse reply|minutes: {n / ours:8.0f} messages/s  ({ours:.2f} s CPU)")
    print(f"stdlib email:        {n / base:8.0f} messages/s  ({base:.2f} s CPU)")
    print(f"stdlib compat32 parse only (no decoding): {n / bare:8.0f} messages/s")
    print(
        f"ratio (ours / stdlib time): {ours / base:.2f}x; to compat32 parse only: {ours / bare:.2f}x"
    )
    verdict = "meets" if n / ours >= TARGET_PER_SECOND else "BELOW"
    print(f"target {TARGET_PER_SECOND} messages/s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
