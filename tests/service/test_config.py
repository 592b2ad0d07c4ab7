"""The configuration: the shipped example equals SCHEMA, and bad files are refused by name."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from service import config
from service.config import SCHEMA, ConfigError
from tests.support.command import run, write_config

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"


def example() -> dict:
    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_example_has_exactly_the_schema_keys():
    shipped = example()
    assert list(shipped) == list(SCHEMA)
    for section, fields in SCHEMA.items():
        assert list(shipped[section]) == list(fields), section


def test_example_values_are_the_defaults():
    shipped = example()
    for section, fields in SCHEMA.items():
        for key, field in fields.items():
            assert shipped[section][key] == field.default, f"{section}.{key}"


def test_every_example_key_has_a_comment_line_above_it():
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    keys = [i for i, line in enumerate(lines) if re.match(r"^[a-z_]+ = ", line)]
    assert len(keys) == sum(len(f) for f in SCHEMA.values())
    for i in keys:
        assert lines[i - 1].startswith("# ") and len(lines[i - 1]) > 8, lines[i]


def test_example_loads_to_the_embedded_default(tmp_path):
    path = tmp_path / "meetloop.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    cfg = config.load(path)
    assert cfg.store_url == f"sqlite:///{tmp_path}/var/meetloop.db"
    assert cfg.queue_url == f"sqlite:///{tmp_path}/var/queue.db"
    assert cfg.outbound_url == f"maildir:{tmp_path}/var/maildir"
    assert (cfg.smtp.host, cfg.smtp.port, cfg.smtp.enabled) == ("127.0.0.1", 2525, True)
    assert cfg.imap.enabled is False
    assert cfg.data_dir == tmp_path / "var"


def test_unknown_section_is_named(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[mailserver]\nhost = "x"\n')
    with pytest.raises(ConfigError, match=r"unknown section \[mailserver\]; allowed: service"):
        config.load(path)


def test_unknown_key_is_named_with_the_allowed_ones(tmp_path):
    path = write_config(tmp_path, smtp={"prot": 25})
    with pytest.raises(ConfigError, match=r"unknown key smtp\.prot; allowed: enabled, host, port"):
        config.load(path)


@pytest.mark.parametrize(
    ("section", "key", "value", "allowed"),
    [
        ("smtp", "port", "25", "a port number"),
        ("smtp", "port", 70000, "a port number"),
        ("queue", "workers", 0, "≥ 1"),
        ("queue", "workers", True, "≥ 1"),
        ("service", "language", "fr", '"zh" or "en"'),
        ("service", "address", "not-an-address", "a mail address"),
        ("store", "url", "mysql://x/y", "postgresql://"),
        ("calendar", "timezone", "Asia/Beijing", "IANA time zone"),
        ("calendar", "work_start", "9am", "HH:MM"),
        ("calendar", "extra_holidays", ["2026/10/09"], "YYYY-MM-DD"),
        ("calendar", "region", "CHN", "two-letter country code"),
        ("calendar", "region", "XX", "two-letter country code"),
        ("policy", "weekly_digest_day", "monday", "one of mon, tue"),
        ("policy", "delay_auto_approve", "yes", "true or false"),
        ("outbound", "url", "/var/mail", "maildir:PATH"),
    ],
)
def test_wrong_values_name_the_key_and_what_is_allowed(tmp_path, section, key, value, allowed):
    path = write_config(tmp_path, **{section: {key: value}})
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    message = str(caught.value)
    assert f"{section}.{key} = {value!r} is not allowed" in message
    assert allowed in message


def test_work_hours_must_be_ordered(tmp_path):
    path = write_config(tmp_path, calendar={"work_start": "18:00", "work_end": "09:00"})
    with pytest.raises(ConfigError, match="work_end must be later"):
        config.load(path)


def test_missing_and_broken_files_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        config.load(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[service\naddress = ")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        config.load(broken)


def test_relative_paths_resolve_against_the_config_folder(tmp_path, monkeypatch):
    folder = tmp_path / "etc" / "meetloop"
    path = write_config(
        folder,
        service={"data_dir": "data", "secret_file": "secret.txt"},
        store={"url": "sqlite:///state/m.db"},
        queue={"url": "sqlite:////abs/queue.db"},
        outbound={"url": "maildir:out"},
    )
    (folder / "secret.txt").write_text("s3cret\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cfg = config.load(Path("..") / "etc" / "meetloop" / "meetloop.toml")
    assert cfg.base == folder
    assert cfg.data_dir == folder / "data"
    assert cfg.store_url == f"sqlite:///{folder}/state/m.db"
    assert cfg.queue_url == "sqlite:////abs/queue.db"
    assert cfg.outbound_url == f"maildir:{folder}/out"
    assert cfg.secret() == b"s3cret"
    assert path.exists()


def test_meetloop_config_variable_is_used_when_no_path_is_given(tmp_path, monkeypatch):
    path = write_config(tmp_path / "conf", service={"address": "hub@partners.example.com"})
    monkeypatch.setenv(config.ENV_VAR, str(path))
    monkeypatch.chdir(tmp_path)
    assert config.load().domain == "partners.example.com"
    other = write_config(tmp_path / "other", service={"address": "meet@other.example.org"})
    assert config.load(other).domain == "other.example.org"  # an explicit path wins


def test_real_command_honours_config_flag_and_variable(tmp_path):
    path = write_config(tmp_path / "conf", service={"data_dir": "flagdata"})
    done = run("init", config=path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "conf" / "flagdata").is_dir()
    assert (tmp_path / "conf" / "var" / "meetloop.db").is_file()

    env_path = write_config(tmp_path / "envconf", service={"data_dir": "envdata"})
    done = run("init", cwd=tmp_path, env={config.ENV_VAR: str(env_path)})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "envconf" / "envdata").is_dir()


@pytest.mark.parametrize(
    ("contents", "named"),
    [
        ("[smtp]\nport = 99999\n", "smtp.port"),
        ("[smtp]\nprot = 25\n", "unknown key smtp.prot"),
        ("[smtp\n", "not valid TOML"),
    ],
)
def test_real_command_exits_2_with_one_line_for_a_bad_config(tmp_path, contents, named):
    path = tmp_path / "bad.toml"
    path.write_text(contents)
    done = run("init", config=path, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("meetloop: configuration:")
    assert named in lines[0]
    assert "Traceback" not in done.stderr
