"""`tick(now)` over 100,000 open tasks on the embedded default (SQLite).

Builds a store with N open tasks (bulk inserts) spread over M meetings and
a few hundred owners: most due weeks ahead, a small share due soon or
overdue (they get reminders). Times three ticks: the first (which queues
the reminders that are due), the same `now` again (nothing new may be
queued: the pure cost of looking), and one minute later (the steady state
of the every-minute job).

    .venv/bin/python bench/tick.py [-n 100000] [--due-share 0.002]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.config import from_dict  # noqa: E402
from service.tick import tick  # noqa: E402
from store import db as store_db  # noqa: E402
from store import schema  # noqa: E402
from store.models import Company, Item, Meeting, Outbox, Person  # noqa: E402

NOW = datetime(2026, 6, 2, 2, 0, tzinfo=UTC)  # Tuesday 10:00 in Shanghai; dues stay in 2026
OWNERS = 300
MEETINGS = 500
CHUNK = 5000


def build(folder: Path, count: int, due_share: float) -> None:
    rng = random.Random(42)
    past = NOW - timedelta(days=30)
    with store_db.write_txn():
        companies = [
            Company.create(name=f"公司{i}", domains=[f"c{i}.example.cn"], created_at=past)
            for i in range(3)
        ]
        Person.insert_many(
            {
                "email": f"owner{i}@c{i % 3}.example.cn",
                "name": f"负责人{i}",
                "company": companies[i % 3].id,
                "language": "zh" if i % 2 else "en",
                "created_at": past,
            }
            for i in range(OWNERS)
        ).execute()
        people = [p.id for p in Person.select(Person.id)]
        Meeting.insert_many(
            {
                "ref": f"M-{i + 1:04d}",
                "title": f"项目例会 {i}",
                "host": people[i % len(people)],
                "recorder": people[(i + 1) % len(people)],
                "host_company": companies[0].id,
                "status": "held",
                "start_at": past + timedelta(hours=i),
                "end_at": past + timedelta(hours=i, minutes=60),
                "ical_uid": f"bench-{i}@alliance.example.cn",
                "created_at": past,
                "updated_at": past,
            }
            for i in range(MEETINGS)
        ).execute()
        meetings = [m.id for m in Meeting.select(Meeting.id)]
    due_soon = int(count * due_share)
    with store_db.write_txn():
        _insert_items(count, due_soon, meetings, people, past, rng)


def _insert_items(count, due_soon, meetings, people, past, rng) -> None:
    for start in range(0, count, CHUNK):
        rows = []
        for i in range(start, min(start + CHUNK, count)):
            if i < due_soon:  # overdue by up to a week, or due within a day
                due = NOW + timedelta(hours=rng.uniform(-24 * 7, 24))
            else:
                due = NOW + timedelta(days=rng.uniform(10, 120))
            owner = people[i % len(people)]
            rows.append(
                {
                    "ref": f"T-{i + 1:06d}",
                    "meeting": meetings[i % len(meetings)],
                    "kind": "task",
                    "text": f"完成第 {i} 项交付物",
                    "title": f"《交付物{i}》",
                    "owner": owner,
                    "requester": people[(i + 7) % len(people)],
                    "due_at": due,
                    "status": "open" if i % 3 else "in_progress",
                    "created_at": past,
                    "updated_at": past,
                }
            )
        Item.insert_many(rows).execute()


def timed(label: str, now: datetime, cfg) -> float:
    before = Outbox.select().count()
    t0 = time.perf_counter()
    results = tick(now, cfg)
    elapsed = time.perf_counter() - t0
    queued = Outbox.select().count() - before
    slow = sorted(results.items(), key=lambda kv: kv[1], reverse=True)[:3]
    print(f"{label}: {elapsed * 1000:.0f} ms, {queued} mails queued (busiest rules {slow})")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="open tasks")
    parser.add_argument("--due-share", type=float, default=0.002, help="share due soon/overdue")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="meetloop-tick-"))
    cfg = from_dict(
        {
            "service": {"address": "meet@alliance.example.cn", "secret": "bench"},
            "store": {"url": "sqlite:///var/meetloop.db"},
        },
        folder,
    )
    store_db.connect(cfg.store_url)
    schema.upgrade()
    t0 = time.perf_counter()
    with store_db.db.connection_context():
        build(folder, args.n, args.due_share)
        print(f"built {args.n} open tasks in {time.perf_counter() - t0:.1f} s")
        timed("first tick", NOW, cfg)
        timed("same now again", NOW, cfg)
        steady = timed("one minute later", NOW + timedelta(minutes=1), cfg)
    print(f"tick at {args.n} open tasks: {steady * 1000:.0f} ms (target < 1000 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
