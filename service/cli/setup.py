"""`meetloop init` and `meetloop doctor`: set the service up, then check it.

`doctor` probes each part the way the service will use it (connect, log in,
EHLO; never sends a mail) and prints one OK/WARN/FAIL line per part with
how to fix it, so an admin can run it after every change of the config.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import ipaddress
import os
import smtplib
import socket
import sqlite3
import ssl
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from imapclient import IMAPClient

from service import clock
from service.cli import common
from service.config import SCHEMA, Config, ConfigError, largest_deliverable, wire_size
from store import db as store_db
from store import schema
from store.models import Company, InboundMessage, Outbox


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
    _init_clock(cfg, args.reset_clock)
    warn_if_no_secret(cfg)
    return 0


def _init_clock(cfg: Config, reset: bool) -> None:
    """`--reset-clock` puts a rehearsed store on the real clock; without it, say it is rehearsed."""
    from service import rehearsal

    if reset:
        try:
            removed = rehearsal.reset()
        except rehearsal.ClockError as e:
            raise common.CommandError(str(e)) from e
        print("clock: real time (rehearsal clock removed)" if removed else "clock: real time")
        return
    row = rehearsal.load()
    if row is not None:
        print(f"clock: {rehearsal.describe(row, cfg.tz)}; go live with '{rehearsal.GO_LIVE}'")


# ---------------------------------------------------------------- doctor

MIN_SECRET_LENGTH = 16
CHECK_TIMEOUT_SECONDS = 10
SECRET_HOWTO = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'


@dataclass
class Check:
    """One line of `meetloop doctor`: ok True (OK), False (FAIL) or None (WARN)."""

    name: str
    ok: bool | None
    detail: str
    fix: str = ""

    @property
    def status(self) -> str:
        return {True: "OK", False: "FAIL", None: "WARN"}[self.ok]

    def line(self) -> str:
        text = f"{self.status:<5} {self.name:<9} {self.detail}"
        return text + (f" → {self.fix}" if self.fix and self.ok is not True else "")


def _guarded(name: str, fix: str, probe: Callable[[], Check]) -> Check:
    """Run one probe; anything it raises becomes a FAIL line, never a traceback."""
    try:
        return probe()
    except ConfigError as e:
        return Check(name, False, str(e), fix)
    except Exception as e:  # a probe's failure is the finding, not a crash
        return Check(name, False, f"{type(e).__name__}: {e}".strip(), fix)


def warn_if_no_secret(cfg: Config) -> None:
    """One line on stderr when reply tokens would be signed with no real secret."""
    secret = check_secret(cfg)
    if not secret.ok:
        common.warn(f"{secret.detail} → {secret.fix}")


def check_secret(cfg: Config) -> Check:
    fix = f"set service.secret to a long random string, e.g. from {SECRET_HOWTO}"
    where = "service.secret_file" if cfg.service.secret_file else "service.secret"
    try:
        secret = cfg.secret().decode()
    except ConfigError as e:
        return Check("secret", False, str(e), "create the file or correct service.secret_file")
    if secret == SCHEMA["service"]["secret"].default:
        return Check("secret", False, f"{where} is not set (still the example value)", fix)
    if len(secret) < MIN_SECRET_LENGTH:
        return Check("secret", False, f"{where} is shorter than {MIN_SECRET_LENGTH}", fix)
    return Check("secret", True, f"{where} set ({len(secret)} characters)")


def check_store(cfg: Config) -> Check:
    url = cfg.store_url
    fix = "run 'meetloop init'"
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if str(path) != ":memory:" and not path.exists():
            return Check("store", False, f"{path} does not exist", fix)
    else:
        fix = "start PostgreSQL or correct store.url, then run 'meetloop init'"
    try:
        store_db.connect(url)
        store_db.db.execute_sql("SELECT 1")
        waiting = schema.pending()
        version = schema.version()
    except Exception as e:
        return Check("store", False, f"{url}: {type(e).__name__}: {e}".strip(), fix)
    if waiting:
        return Check("store", False, f"{url}: schema {version}, {len(waiting)} pending", fix)
    return Check("store", True, f"{url}: schema version {version}, current")


def _writable_folder(path: Path) -> tuple[bool, str]:
    """Whether `path` (a folder) can be written, or created under its nearest existing parent."""
    probe = path
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        return False, f"{probe} is not a folder"
    if not os.access(probe, os.W_OK | os.X_OK):
        return False, f"{probe} is not writable"
    if probe != path:
        return True, f"{path} will be created"
    with tempfile.NamedTemporaryFile(dir=path, prefix=".doctor-"):
        pass
    return True, f"{path} writable"


def check_queue(cfg: Config) -> Check:
    url = cfg.queue_url
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        ok, detail = _writable_folder(path.parent)
        if ok and path.exists():
            with sqlite3.connect(path, timeout=CHECK_TIMEOUT_SECONDS) as con:
                con.execute("SELECT 1")
            detail = f"{path} opens"
        elif ok:
            detail = f"{path.name} in {detail}"
        return Check("queue", ok, detail, "make the folder writable or correct queue.url")
    if url.startswith("redis://"):
        import redis

        client = redis.Redis.from_url(
            url, socket_connect_timeout=CHECK_TIMEOUT_SECONDS, socket_timeout=CHECK_TIMEOUT_SECONDS
        )
        try:
            client.ping()
        finally:
            client.close()
        return Check("queue", True, f"{url}: PING answered")
    if url.startswith(("postgresql://", "postgres://")):
        import psycopg

        psycopg.connect(url, connect_timeout=CHECK_TIMEOUT_SECONDS).close()
        return Check("queue", True, f"{url}: connected")
    return Check("queue", None, f"{url}: works inside one process only (tests)", "use sqlite:///")


def check_outbound(cfg: Config) -> Check:
    url = cfg.outbound_url
    if url.startswith("maildir:"):
        ok, detail = _writable_folder(Path(url[len("maildir:") :]))
        return Check(
            "outbound", ok, f"maildir {detail}", "make it writable or correct outbound.url"
        )
    parsed = urlsplit(url)
    host, port = parsed.hostname or "", parsed.port or 25
    security, user = cfg.outbound.security, cfg.outbound.user
    timeout = min(cfg.outbound.timeout, CHECK_TIMEOUT_SECONDS)
    context = ssl.create_default_context()
    if security == "ssl":
        relay: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        relay = smtplib.SMTP(host, port, timeout=timeout)
    try:
        code, _ = relay.ehlo()
        if code != 250:
            return Check("outbound", False, f"{host}:{port} answered EHLO with {code}", "")
        if security == "starttls":
            if not relay.has_extn("starttls"):
                return Check(
                    "outbound",
                    False,
                    f"{host}:{port} does not offer STARTTLS",
                    'set outbound.security = "none" only on a trusted network, or fix the relay',
                )
            relay.starttls(context=context)
            relay.ehlo()
        if user:
            relay.login(user, cfg.relay_password())
    finally:
        relay.close()
    login = f", logged in as {user}" if user else ""
    return Check("outbound", True, f"relay {host}:{port} answered EHLO ({security}{login})")


def check_smtp(cfg: Config) -> Check:
    """The receiver's TLS and AUTH files load, and its address can be bound."""
    if not cfg.smtp.enabled:
        return Check("smtp", True, "receiver not enabled")
    from service.smtp_receiver import server_options

    options = server_options(cfg)
    features = [
        name
        for name, key in (("STARTTLS", "tls_context"), ("AUTH", "authenticator"))
        if key in options
    ]
    where = f"receiver on {cfg.smtp.host}:{cfg.smtp.port}" + (
        f" ({', '.join(features)})" if features else ""
    )
    needed = wire_size(cfg.policy.max_deliverable_bytes)
    if cfg.smtp.max_size < needed:
        detail = (
            f"smtp.max_size = {cfg.smtp.max_size} refuses the largest deliverable "
            f"policy.max_deliverable_bytes = {cfg.policy.max_deliverable_bytes} allows "
            f"(about {needed} bytes as mail)"
        )
        fix = (
            f"raise smtp.max_size to at least {needed}, or lower policy.max_deliverable_bytes "
            f"to at most {largest_deliverable(cfg.smtp.max_size)}"
        )
        return Check("smtp", False, detail, fix)
    if not is_loopback(cfg.smtp.host) and not cfg.smtp.trusted_auth_hosts:
        detail = (
            f"{where} listens beyond loopback and smtp.trusted_auth_hosts is empty: "
            "a forged From is believed"
        )
        return Check("smtp", None, detail, TRUSTED_AUTH_HOWTO)
    if cfg.smtp.port == 0:
        return Check("smtp", True, where)
    try:
        with socket.create_server((cfg.smtp.host, cfg.smtp.port)):
            pass
    except PermissionError:
        fix = "run as root, grant CAP_NET_BIND_SERVICE, or use a port ≥ 1024 behind your MTA"
        return Check("smtp", False, f"{where}: not allowed to listen", fix)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            return Check("smtp", None, f"{where}: port in use", "fine if meetloop serve is running")
        raise
    return Check("smtp", True, where)


TRUSTED_AUTH_HOWTO = (
    "put the MTA that checks SPF/DKIM/DMARC in front and add its authserv-id (the first word "
    "of the Authentication-Results it writes) to smtp.trusted_auth_hosts; see the README's "
    "going-live section"
)


def is_loopback(host: str) -> bool:
    """True for a listen address only this machine can reach."""
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_imap(cfg: Config) -> Check:
    if not cfg.imap.enabled:
        return Check("imap", True, "not enabled")
    imap = cfg.imap
    context = ssl.create_default_context(
        cafile=str(cfg.path(imap.ca_file)) if imap.ca_file else None
    )
    client = IMAPClient(
        imap.host,
        port=imap.port,
        ssl=imap.security == "ssl",
        ssl_context=context,
        timeout=CHECK_TIMEOUT_SECONDS,
    )
    try:
        if imap.security == "starttls":
            client.starttls(context)
        client.login(imap.user, cfg.imap_password())
        if not client.folder_exists(imap.folder):
            return Check(
                "imap", False, f"folder {imap.folder!r} does not exist", "correct imap.folder"
            )
        processed = "exists" if client.folder_exists(imap.processed_folder) else "will be created"
    finally:
        with contextlib.suppress(Exception):
            client.logout()
    return Check(
        "imap",
        True,
        f"{imap.user}@{imap.host}:{imap.port} logged in; {imap.folder} found, "
        f"{imap.processed_folder} {processed}",
    )


def check_calendar(cfg: Config, regions: list[str]) -> Check:
    from parsers.business_calendar import UnknownYearError
    from service.business import calendar_for

    this_year = clock.now().astimezone(cfg.tz).year
    missing: dict[int, list[str]] = {}
    for region in regions:
        calendar = calendar_for(cfg, region)
        for year in (this_year, this_year + 1):
            try:
                calendar.is_working_day(date(year, 6, 1))
            except UnknownYearError:
                missing.setdefault(year, []).append(region)
    known = f"{', '.join(regions)}: {this_year} and {this_year + 1} known"
    if not missing:
        return Check("calendar", True, known)
    year = min(missing)
    fix = (
        f"upgrade meetloop (and the holidays package) once the official {year} holiday "
        "schedule is in it, or enter that schedule in calendar.extra_holidays and "
        f"extra_workdays and add {year} to calendar.confirmed_years; until then "
        "working-day deadlines and reminders in that year wait"
    )
    detail = f"{', '.join(missing[year])}: working days of {year} are not known yet"
    return Check("calendar", False if year == this_year else None, detail, fix)


def check_backlog() -> Check:
    """Mail the service could not process or deliver: kept, waiting for an admin."""
    failed_in = InboundMessage.select().where(InboundMessage.status == "failed").count()
    from service.delivery import has_failed

    failed_out = Outbox.select().where(has_failed()).count()
    detail = f"{failed_in} failed incoming, {failed_out} failed outgoing"
    if failed_in or failed_out:
        fix = "see 'meetloop inbox list --failed' and 'meetloop outbox list --status failed'"
        return Check("mail", None, detail, fix)
    return Check("mail", True, detail)


def check_chat() -> Check:
    """Each group robot's configuration, without posting to it."""
    from service.chat import robots
    from store.models import ChatRobot

    listed = list(ChatRobot.select().order_by(ChatRobot.name))
    if not listed:
        return Check("chat", True, "no group robots")
    wrong = [f"{r.name}: {'; '.join(robots.problems(r))}" for r in listed if robots.problems(r)]
    if wrong:
        fix = "'meetloop chat remove NAME' and add it again (see README, group robots)"
        return Check("chat", False, " | ".join(wrong), fix)
    return Check("chat", True, f"{len(listed)} group robots configured")


def _regions(cfg: Config, store_ok: bool) -> list[str]:
    regions = [cfg.calendar.region.upper()]
    if store_ok:
        with contextlib.suppress(Exception):
            regions += [c.region.upper() for c in Company.select() if c.region]
    return list(dict.fromkeys(regions))


def check_clock(cfg: Config) -> Check:
    """Real time, or a rehearsal clock (WARN: the store is not live); "now" for the rest."""
    from service import rehearsal

    row = rehearsal.load()
    if row is None:
        return Check("clock", True, "real time")
    fix = f"a rehearsal: its mail is marked {clock.REHEARSAL_HEADER}; go live with '{rehearsal.GO_LIVE}'"
    return Check("clock", None, rehearsal.describe(row, cfg.tz), fix)


def run_checks(args: argparse.Namespace) -> list[Check]:
    """Every check in order; a bad configuration stops the rest, which depend on it."""
    try:
        cfg = common.load_config(args)
    except ConfigError as e:
        fix = "correct it; config.example.toml lists every key and what it allows"
        return [Check("config", False, str(e), fix)]
    source = (
        str(cfg.source.resolve()) if cfg.source else f"no file (built-in defaults, base {cfg.base})"
    )
    checks = [Check("config", True, source)]
    checks.append(_guarded("secret", "", lambda: check_secret(cfg)))
    store_check = _guarded("store", "run 'meetloop init'", lambda: check_store(cfg))
    checks.append(store_check)
    queue_fix = "start the queue's server or correct queue.url"
    checks.append(_guarded("queue", queue_fix, lambda: check_queue(cfg)))
    relay_fix = "check outbound.url, security, user and password, and that the relay is up"
    checks.append(_guarded("outbound", relay_fix, lambda: check_outbound(cfg)))
    smtp_fix = "correct the [smtp] section (config.example.toml explains each key)"
    checks.append(_guarded("smtp", smtp_fix, lambda: check_smtp(cfg)))
    imap_fix = "check imap.host, port, security, user and password, and that the server is up"
    checks.append(_guarded("imap", imap_fix, lambda: check_imap(cfg)))
    if store_check.ok:
        checks.append(_guarded("mail", "", check_backlog))
        checks.append(_guarded("chat", "", check_chat))
        checks.append(_guarded("clock", "", lambda: check_clock(cfg)))
    regions = _regions(cfg, store_check.ok is True)
    checks.append(
        _guarded("calendar", "correct calendar.region", lambda: check_calendar(cfg, regions))
    )
    return checks


def cmd_doctor(args: argparse.Namespace) -> int:
    checks = run_checks(args)
    if args.json:
        common.print_json([{**asdict(c), "status": c.status} for c in checks])
    else:
        for check in checks:
            print(check.line())
    return 1 if any(c.ok is False for c in checks) else 0


def register(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser("init", help="create or upgrade the store (safe to run twice)")
    init.add_argument(
        "--reset-clock",
        action="store_true",
        help="go live: remove a rehearsal clock (serve --start-at), back to real time",
    )
    init.set_defaults(func=cmd_init)
    doctor = sub.add_parser(
        "doctor", help="check config, store, queue, outbound, IMAP and calendar; say how to fix"
    )
    common.add_json_flag(doctor)
    doctor.set_defaults(func=cmd_doctor)
