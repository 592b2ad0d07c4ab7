"""Configuration: one TOML file, one schema.

`SCHEMA` is the single source of truth for every key, its default and what
is allowed; loading, validation, `config.example.toml` and `meetloop doctor`
all read it. A wrong value is refused with the key's name and what is
allowed, never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENV_VAR = "MEETLOOP_CONFIG"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ConfigError(ValueError):
    """A configuration problem, phrased for the admin who must fix it."""


@dataclass(frozen=True)
class Field:
    default: Any
    kind: str  # str, int, bool, list, time, weekday, tz, url-kind names
    allowed: str  # human description of what is allowed
    check: Callable[[Any], bool] | None = None


def _is_time(v: Any) -> bool:
    return isinstance(v, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", v) is not None


def _is_tz(v: Any) -> bool:
    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def _positive(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v > 0


def _non_negative(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _port(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 65535


def _prefix(*prefixes: str) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, str) and v.startswith(prefixes)


def _one_of(*choices: str) -> Callable[[Any], bool]:
    return lambda v: v in choices


def _is_address(v: Any) -> bool:
    return isinstance(v, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", v) is not None


def _dates(v: Any) -> bool:
    return isinstance(v, list) and all(
        isinstance(d, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in v
    )


def _years(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(y, int) and 2000 <= y <= 2100 for y in v)


def is_region(v: Any) -> bool:
    """A two-letter country code (optionally -SUBDIVISION) the holidays package knows.

    Two letters only: the business calendar's 调休 guard is keyed by them, so "CHN"
    would silently skip it.
    """
    if not isinstance(v, str) or not re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]{1,6})?", v):
        return False
    import holidays  # already loaded by the parsers in every real run

    country, _, subdiv = v.partition("-")
    try:
        holidays.country_holidays(country, subdiv=subdiv or None, years=())
    except NotImplementedError:
        return False
    return True


def _strings(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(s, str) for s in v)


POSTMASTER = "postmaster"

# A file in a mail: base64 (4 bytes for 3) in lines of 76 plus CRLF, and the
# rest of the mail (text, HTML, headers, quoted history) beside it.
BASE64_LINE = 76
MAIL_OVERHEAD_BYTES = 1_048_576


def wire_size(file_bytes: int) -> int:
    """The mail size that carries a file of `file_bytes` (smtp.max_size must allow it)."""
    encoded = -(-file_bytes // 3) * 4
    return encoded + -(-encoded // BASE64_LINE) * 2 + MAIL_OVERHEAD_BYTES


def largest_deliverable(max_size: int) -> int:
    """The largest file a mail of `max_size` bytes carries (the inverse of wire_size)."""
    room = max(max_size - MAIL_OVERHEAD_BYTES, 0)
    return room * BASE64_LINE // (BASE64_LINE + 2) * 3 // 4


SCHEMA: dict[str, dict[str, Field]] = {
    "service": {
        "address": Field(
            "meet@alliance.example.cn", "str", "a mail address such as meet@example.cn", _is_address
        ),
        "name": Field("meetloop", "str", "a display name"),
        "secret": Field("", "str", "a long random string (or set secret_file)"),
        "secret_file": Field("", "str", "a path to a file holding the secret"),
        "language": Field("zh", "str", '"zh" or "en"', _one_of("zh", "en")),
        "data_dir": Field("var", "str", "a directory for the embedded store, queue and mail"),
        "admins": Field([], "list", "a list of admin mail addresses", _strings),
    },
    "store": {
        "url": Field(
            "sqlite:///var/meetloop.db",
            "str",
            '"sqlite:///PATH" or "postgresql://USER@HOST:PORT/DB"',
            _prefix("sqlite:///", "postgresql://", "postgres://"),
        ),
    },
    "queue": {
        "url": Field(
            "sqlite:///var/queue.db",
            "str",
            '"sqlite:///PATH", "redis://HOST:PORT/DB" or "postgresql://…"',
            _prefix("sqlite:///", "redis://", "postgresql://", "postgres://", "memory:"),
        ),
        "workers": Field(2, "int", "a whole number ≥ 1", _positive),
    },
    "smtp": {
        "enabled": Field(True, "bool", "true or false"),
        "host": Field("127.0.0.1", "str", "an address to listen on"),
        "port": Field(2525, "int", "a port number 0–65535", _port),
        "max_size": Field(31_457_280, "int", "bytes, ≥ 1", _positive),
        "accepted_domains": Field(
            [], "list", "a list of mail domains (empty: the service address's domain)", _strings
        ),
        "aliases": Field(
            [],
            "list",
            'local parts accepted besides the service address\'s, e.g. ["meetings"]',
            _strings,
        ),
        "tls_cert": Field("", "str", "a PEM certificate path (enables STARTTLS)"),
        "tls_key": Field("", "str", "a PEM key path"),
        "require_starttls": Field(False, "bool", "true or false"),
        "auth_users_file": Field("", "str", 'a file of "user:password" lines (enables AUTH)'),
        "trusted_auth_hosts": Field(
            [], "list", "authserv-ids whose Authentication-Results are trusted", _strings
        ),
    },
    "imap": {
        "enabled": Field(False, "bool", "true or false"),
        "host": Field("127.0.0.1", "str", "the IMAP server's host name"),
        "port": Field(993, "int", "a port number 1–65535", _port),
        "security": Field(
            "ssl", "str", '"ssl", "starttls" or "none"', _one_of("ssl", "starttls", "none")
        ),
        "ca_file": Field("", "str", "a CA bundle path for a private certificate"),
        "user": Field("", "str", "the login name"),
        "password": Field("", "str", "the password (or set password_file)"),
        "password_file": Field("", "str", "a path to a file holding the password"),
        "folder": Field("INBOX", "str", "the folder to watch"),
        "processed_folder": Field("Processed", "str", "the folder processed mail moves to"),
        "poll_seconds": Field(60, "int", "seconds ≥ 1 between polls without IDLE", _positive),
    },
    "outbound": {
        "url": Field(
            "maildir:var/maildir",
            "str",
            '"maildir:PATH" or "smtp://HOST:PORT"',
            _prefix("maildir:", "smtp://"),
        ),
        "security": Field(
            "starttls", "str", '"starttls", "ssl" or "none"', _one_of("starttls", "ssl", "none")
        ),
        "user": Field("", "str", "the relay login"),
        "password": Field("", "str", "the relay password (or set password_file)"),
        "password_file": Field("", "str", "a path to a file holding the relay password"),
        "timeout": Field(30, "int", "seconds ≥ 1", _positive),
        "max_attempts": Field(8, "int", "a whole number ≥ 1", _positive),
    },
    "calendar": {
        "timezone": Field("Asia/Shanghai", "tz", "an IANA time zone such as Asia/Shanghai", _is_tz),
        "region": Field(
            "CN", "str", "a two-letter country code such as CN, SG, DE or DE-BY", is_region
        ),
        "work_start": Field("09:00", "time", "HH:MM", _is_time),
        "work_end": Field("18:00", "time", "HH:MM", _is_time),
        "lunch_start": Field("12:00", "time", "HH:MM", _is_time),
        "lunch_end": Field("13:30", "time", "HH:MM", _is_time),
        "extra_holidays": Field([], "list", "a list of YYYY-MM-DD dates", _dates),
        "extra_workdays": Field([], "list", "a list of YYYY-MM-DD dates", _dates),
        "confirmed_years": Field([], "list", "a list of years such as [2027]", _years),
    },
    "policy": {
        "agenda_days_before": Field(3, "int", "days ≥ 0", _non_negative),
        "rsvp_digest_days_before": Field(1, "int", "days ≥ 0", _non_negative),
        "poll_reminder_hours": Field(24, "int", "hours ≥ 1", _positive),
        "minutes_due_hours": Field(24, "int", "hours ≥ 1", _positive),
        "minutes_host_after_hours": Field(
            24, "int", "hours ≥ 1 after the recorder's reminder", _positive
        ),
        "objection_window_hours": Field(12, "int", "hours ≥ 1", _positive),
        "ack_reminder_hours": Field(8, "int", "hours ≥ 1 after the minutes are sent", _positive),
        "weekly_digest_day": Field(
            "mon", "weekday", "one of " + ", ".join(WEEKDAYS), _one_of(*WEEKDAYS)
        ),
        "weekly_digest_time": Field("09:00", "time", "HH:MM", _is_time),
        "friday_sync_day": Field(
            "fri", "weekday", "one of " + ", ".join(WEEKDAYS), _one_of(*WEEKDAYS)
        ),
        "friday_sync_time": Field("16:00", "time", "HH:MM", _is_time),
        "friday_sync_minutes": Field(15, "int", "minutes ≥ 1", _positive),
        "friday_sync_notice_hours": Field(24, "int", "hours ≥ 1 before the sync", _positive),
        "reminder_working_days_before": Field(1, "int", "working days ≥ 0", _non_negative),
        "escalate_after_working_days": Field(3, "int", "working days ≥ 1", _positive),
        "retrospective_days_after": Field(7, "int", "days ≥ 1", _positive),
        "delay_auto_approve": Field(False, "bool", "true or false"),
        "max_deliverable_bytes": Field(20_971_520, "int", "bytes ≥ 1", _positive),
        "unknown_sender_replies_per_day": Field(1, "int", "a whole number ≥ 0", _non_negative),
    },
    "chat": {
        "minutes": Field(True, "bool", "true or false"),
        "invitation": Field(True, "bool", "true or false"),
        "friday_sync": Field(True, "bool", "true or false"),
    },
}

_TYPES: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "bool": bool,
    "list": list,
    "time": str,
    "weekday": str,
    "tz": str,
}


class Section:
    """Read-only attribute access to one validated section."""

    def __init__(self, name: str, values: dict[str, Any]):
        self._name = name
        self._values = values

    def __getattr__(self, key: str) -> Any:
        try:
            return self._values[key]
        except KeyError:
            raise AttributeError(f"{self._name}.{key}") from None

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


class Config:
    """A validated configuration with paths resolved against `base`."""

    def __init__(self, values: dict[str, dict[str, Any]], base: Path, source: Path | None):
        self.values = values
        self.base = base
        self.source = source
        for name, section in values.items():
            setattr(self, name, Section(name, section))

    # Derived values: one place each, so no caller re-derives them.
    @property
    def domain(self) -> str:
        return self.values["service"]["address"].rpartition("@")[2].lower()

    @property
    def local_part(self) -> str:
        return self.values["service"]["address"].rpartition("@")[0]

    @property
    def accepted_domains(self) -> set[str]:
        listed = self.values["smtp"]["accepted_domains"]
        return {d.lower() for d in listed} if listed else {self.domain}

    @property
    def accepted_local_parts(self) -> set[str]:
        """Local parts the receiver takes (each also with a "+token" tail):
        the service address's, the configured aliases and postmaster (RFC 5321)."""
        aliases = {a.rpartition("@")[0] or a for a in self.values["smtp"]["aliases"]}
        return {p.lower() for p in {self.local_part, *aliases, POSTMASTER}}

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.values["calendar"]["timezone"])

    def path(self, value: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        p = Path(value).expanduser()
        return p if p.is_absolute() else self.base / p

    def url(self, value: str) -> str:
        """A sqlite:/// or maildir: URL with a relative path made absolute."""
        for scheme in ("sqlite:///", "maildir:"):
            if value.startswith(scheme):
                rest = value[len(scheme) :]
                if rest == ":memory:":
                    return value
                return scheme + str(self.path(rest))
        return value

    @property
    def store_url(self) -> str:
        return self.url(self.values["store"]["url"])

    @property
    def queue_url(self) -> str:
        return self.url(self.values["queue"]["url"])

    @property
    def outbound_url(self) -> str:
        return self.url(self.values["outbound"]["url"])

    @property
    def data_dir(self) -> Path:
        return self.path(self.values["service"]["data_dir"])

    def secret(self) -> bytes:
        return _secret_value(self, "service", "secret", "secret_file").encode()

    def imap_password(self) -> str:
        return _secret_value(self, "imap", "password", "password_file")

    def relay_password(self) -> str:
        return _secret_value(self, "outbound", "password", "password_file")

    def work_hours(self) -> tuple[time, time]:
        cal = self.values["calendar"]
        return time.fromisoformat(cal["work_start"]), time.fromisoformat(cal["work_end"])

    def policy_time(self, key: str) -> time:
        return time.fromisoformat(self.values["policy"][key])


def _secret_value(cfg: Config, section: str, key: str, file_key: str) -> str:
    file_name = cfg.values[section][file_key]
    if file_name:
        try:
            return cfg.path(file_name).read_text().strip()
        except OSError as e:
            raise ConfigError(f"{section}.{file_key}: cannot read {file_name}: {e.strerror}") from e
    return cfg.values[section][key]


def validate(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Merge `raw` over the defaults; raise ConfigError naming the first wrong key."""
    errors: list[str] = []
    for name, section in raw.items():
        if name not in SCHEMA:
            errors.append(f"unknown section [{name}]; allowed: {', '.join(SCHEMA)}")
        elif not isinstance(section, dict):
            errors.append(f"[{name}] must be a table")
    values: dict[str, dict[str, Any]] = {}
    for name, fields in SCHEMA.items():
        given = raw.get(name, {}) if isinstance(raw.get(name, {}), dict) else {}
        for key in given:
            if key not in fields:
                errors.append(f"unknown key {name}.{key}; allowed: {', '.join(fields)}")
        section: dict[str, Any] = {}
        for key, field in fields.items():
            value = given.get(key, field.default)
            ok = isinstance(value, _TYPES[field.kind]) and not (
                field.kind == "int" and isinstance(value, bool)
            )
            if ok and field.check is not None:
                ok = field.check(value)
            if not ok:
                errors.append(f"{name}.{key} = {value!r} is not allowed; expected {field.allowed}")
            section[key] = value
        values[name] = section
    cal = values["calendar"]
    if not errors and cal["work_start"] >= cal["work_end"]:
        errors.append("calendar.work_end must be later than calendar.work_start")
    if errors:
        raise ConfigError("; ".join(errors))
    return values


def load(path: str | os.PathLike[str] | None = None) -> Config:
    """Load from `path`, else $MEETLOOP_CONFIG, else ./meetloop.toml if present, else defaults."""
    chosen = path or os.environ.get(ENV_VAR)
    if chosen is None and Path("meetloop.toml").exists():
        chosen = "meetloop.toml"
    if chosen is None:
        return Config(validate({}), Path.cwd(), None)
    source = Path(chosen)
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"config file {source} does not exist") from e
    except OSError as e:
        raise ConfigError(f"cannot read config file {source}: {e.strerror}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{source} is not valid TOML: {e}") from e
    return Config(validate(raw), source.resolve().parent, source)


def from_dict(raw: dict[str, Any], base: Path) -> Config:
    """A validated configuration from a dict: for tests and `meetloop demo`."""
    return Config(validate(raw), base, None)
