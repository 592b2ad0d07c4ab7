"""Mail in → stored → processed → reply written, on the embedded default.

Starts `meetloop serve` (SQLite store and queue, maildir outbound) on a
temporary folder, sends N 5 KB mails over SMTP from N known people (each
gets the help mail), and times each from the start of its SMTP transaction
to the moment its reply file lands in the maildir (so processing AND
delivery are inside the figure). Prints messages/s, p50/p95 latency, serve's
peak RSS, then the same N mails into a bare aiosmtpd receiver that only
appends and fsyncs each message to a file, our rate as a ratio of it, and
p95 latency at a fixed offered rate (default 50 messages/s).

    .venv/bin/python bench/ingest.py [-n 2000] [--clients 2] [--workers 2]
        [--worker-processes 0] [--rate 50] [--rate-count 500]
"""

from __future__ import annotations

import argparse
import email
import os
import shlex
import signal
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import db as store_db  # noqa: E402
from store import schema  # noqa: E402
from store.models import Company, Person  # noqa: E402

SERVICE = "meet@alliance.example.cn"
BODY_BYTES = 5 * 1024
PARAGRAPH = (
    "关于联合营销方案对齐会的准备情况，请各方确认参会人员与议程。"
    "Please confirm attendees and agenda items for the alignment meeting. "
)

BARE_RECEIVER = textwrap.dedent(
    """
    import asyncio, os, sys
    from aiosmtpd.smtp import SMTP
    path, port = sys.argv[1], int(sys.argv[2])
    out = open(path, "ab")
    class Handler:
        async def handle_DATA(self, server, session, envelope):
            out.write(envelope.original_content)
            out.flush()
            os.fsync(out.fileno())
            return "250 OK"
    async def main():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: SMTP(Handler()), "127.0.0.1", port)
        print("ready", flush=True)
        await asyncio.Event().wait()
    asyncio.run(main())
    """
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def make_mail(i: int, sender: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = SERVICE
    msg["Subject"] = f"问题 {i}: how does this work?"
    msg["Message-ID"] = f"<bench.{i}.{time.time_ns()}@a.example.cn>"
    body = (PARAGRAPH * (BODY_BYTES // len(PARAGRAPH.encode()) + 1)).encode()[:BODY_BYTES]
    msg.set_content(body.decode("utf-8", "ignore"))
    return msg.as_bytes(policy=SMTP_POLICY)


def send_all(port: int, mails: list[tuple[str, bytes]], clients: int, rate: float | None):
    """Send mails over `clients` reused connections; start time of each by sender."""
    started: dict[str, float] = {}
    lock = threading.Lock()
    interval = 1.0 / rate if rate else 0.0
    t0 = time.time()

    def run(share: list[tuple[int, str, bytes]]) -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            for index, sender, raw in share:
                if interval:
                    delay = t0 + index * interval - time.time()
                    if delay > 0:
                        time.sleep(delay)
                begin = time.time()
                smtp.sendmail(sender, [SERVICE], raw)
                with lock:
                    started[sender] = begin

    indexed = [(i, s, raw) for i, (s, raw) in enumerate(mails)]
    threads = [threading.Thread(target=run, args=(indexed[k::clients],)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return started, time.time() - t0


def write_config(folder: Path, port: int, workers: int) -> Path:
    path = folder / "meetloop.toml"
    path.write_text(
        textwrap.dedent(
            f"""
            [service]
            address = "{SERVICE}"
            secret = "bench-secret"
            [smtp]
            host = "127.0.0.1"
            port = {port}
            [queue]
            workers = {workers}
            """
        )
    )
    return path


def prepare(folder: Path, count: int) -> list[str]:
    store_db.connect(f"sqlite:///{folder}/var/meetloop.db")
    schema.upgrade()
    now = datetime.now(UTC)
    addresses = [f"p{i}@a.example.cn" for i in range(count)]
    with store_db.write_txn():
        company = Company.create(name="甲方", domains=["a.example.cn"], created_at=now)
        rows = [
            {"email": a, "name": f"P{i}", "language": "en", "company": company, "created_at": now}
            for i, a in enumerate(addresses)
        ]
        for start in range(0, len(rows), 500):
            Person.insert_many(rows[start : start + 500]).execute()
    store_db.db.close()
    return addresses


def replies(maildir: Path) -> dict[str, float]:
    """Recipient → when its reply file landed."""
    landed: dict[str, float] = {}
    new = maildir / "new"
    for path in new.iterdir() if new.exists() else ():
        head = email.message_from_bytes(path.read_bytes().split(b"\n\n", 1)[0])
        to = head["To"].rpartition("<")[2].rstrip(">")
        landed[to] = path.stat().st_mtime
    return landed


def wait_replies(maildir: Path, senders: list[str], timeout: float) -> dict[str, float]:
    wanted = set(senders)
    deadline = time.monotonic() + timeout
    new = maildir / "new"
    while time.monotonic() < deadline:
        if new.exists() and len(os.listdir(new)) >= len(wanted):
            landed = replies(maildir)
            if wanted <= set(landed):
                return landed
        time.sleep(0.2)
    landed = replies(maildir)
    missing = len(wanted - set(landed))
    raise RuntimeError(f"{missing} replies missing after {timeout:.0f} s")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def bare_rate(mails: list[tuple[str, bytes]], clients: int, folder: Path) -> float:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", BARE_RECEIVER, str(folder / "bare.mbox"), str(port)],
        stdout=subprocess.PIPE,
    )
    try:
        proc.stdout.readline()
        wait_port(port)
        _started, elapsed = send_all(port, mails, clients, None)
    finally:
        proc.terminate()
        proc.wait()
    return len(mails) / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="mails in the throughput run")
    parser.add_argument("--clients", type=int, default=2, help="concurrent SMTP clients")
    parser.add_argument("--workers", type=int, default=2, help="serve's worker threads")
    parser.add_argument(
        "--worker-processes",
        type=int,
        default=0,
        help="also run this many `meetloop worker` processes on the same SQLite queue",
    )
    parser.add_argument("--rate", type=float, default=50.0, help="offered rate for the latency run")
    parser.add_argument("--rate-count", type=int, default=500, help="mails in the latency run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--serve-prefix",
        default="",
        help='run serve under a profiler, e.g. "py-spy record -o serve.svg --"',
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="meetloop-bench-"))
    port = free_port()
    config = write_config(folder, port, args.workers)
    senders = prepare(folder, args.n + args.rate_count)
    mails = [(s, make_mail(i, s)) for i, s in enumerate(senders)]
    burst, paced = mails[: args.n], mails[args.n :]
    maildir = folder / "var" / "maildir"

    env = {**os.environ, "MEETLOOP_CONFIG": str(config)}
    serve = subprocess.Popen(
        [*shlex.split(args.serve_prefix), sys.executable, "-m", "service.cli", "serve"],
        cwd=folder,
        env=env,
        stderr=open(folder / "serve.log", "wb"),  # noqa: SIM115
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"],
            cwd=folder,
            env=env,
            stderr=open(folder / f"worker{i}.log", "wb"),  # noqa: SIM115
        )
        for i in range(args.worker_processes)
    ]
    processes = [serve, *workers]
    try:
        wait_port(port)
        time.sleep(1.0)  # the consumer starts after the receiver
        cpu_before = sum(cpu_seconds(p.pid) for p in processes)
        started, send_elapsed = send_all(port, burst, args.clients, None)
        landed = wait_replies(maildir, [s for s, _ in burst], timeout=600)
        cpu_used = sum(cpu_seconds(p.pid) for p in processes) - cpu_before
        t_first = min(started.values())
        t_last = max(landed[s] for s, _ in burst)
        latencies = [landed[s] - started[s] for s, _ in burst]
        rate = len(burst) / (t_last - t_first)
        print(
            f"mails: {len(burst)} x {len(burst[0][1]) / 1024:.1f} KB, {args.clients} SMTP clients"
        )
        print(f"SMTP accept rate: {len(burst) / send_elapsed:.0f} msg/s")
        print(f"end to end: {rate:.0f} msg/s (first send → last reply in the maildir)")
        print(f"CPU per mail (serve and workers): {cpu_used / len(burst) * 1000:.1f} ms")
        print(
            f"latency at full load: p50 {pct(latencies, 50) * 1000:.0f} ms, p95 {pct(latencies, 95) * 1000:.0f} ms"
        )

        if paced:
            started_p, _ = send_all(port, paced, 1, args.rate)
            landed_p = wait_replies(maildir, [s for s, _ in paced], timeout=600)
            lat = [landed_p[s] - started_p[s] for s, _ in paced]
            print(
                f"latency at {args.rate:.0f} msg/s offered ({len(paced)} mails): "
                f"p50 {pct(lat, 50) * 1000:.0f} ms, p95 {pct(lat, 95) * 1000:.0f} ms"
            )
        if not args.serve_prefix:
            print(f"serve peak RSS: {peak_rss_mb(serve.pid):.0f} MB")
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(60)

    bare = bare_rate(burst, args.clients, folder)
    print(f"bare aiosmtpd + append + fsync: {bare:.0f} msg/s")
    print(f"ratio: {rate / bare:.2f}")
    if not args.keep:
        import shutil

        shutil.rmtree(folder)
    else:
        print(f"kept {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
