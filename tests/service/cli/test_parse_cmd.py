"""`meetloop parse reply|minutes` as the parsing contract §1 says: JSON lines, exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import main
from tests.support.command import write_config

REPLIES = Path(__file__).resolve().parents[2] / "fixtures" / "replies"
MINUTES = Path(__file__).resolve().parents[2] / "fixtures" / "minutes"
FIELDS = [
    "file",
    "intent",
    "body",
    "slots",
    "percent",
    "new_due",
    "topic",
    "delegate",
    "failed_recipient",
]


def run(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code = main(["parse", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_reply_json_lines_in_input_order(capsys):
    files = [
        str(REPLIES / "c_r051.eml"),
        str(REPLIES / "c_r067.eml"),
        str(REPLIES / "outlook_web_html.eml"),
    ]
    code, lines, err = run(capsys, "reply", *files, "--context", "minutes", "--json")
    assert code == 0, err
    assert [x["file"] for x in lines] == files
    assert [x["intent"] for x in lines] == ["ack", "objection", "ack"]
    assert list(lines[0]) == FIELDS
    assert lines[0]["body"] == "收到"


def test_reply_poll_size_and_new_due(capsys):
    code, lines, _ = run(
        capsys,
        "reply",
        str(REPLIES / "c_r034.eml"),
        "--context",
        "poll",
        "--poll-size",
        "5",
        "--json",
    )
    assert code == 0 and lines[0]["slots"] == [1, 2, 4, 5]
    code, lines, _ = run(
        capsys, "reply", str(REPLIES / "c_r091.eml"), "--context", "task", "--json"
    )
    assert lines[0]["intent"] == "delay"
    assert lines[0]["new_due"] == "2026-05-07T18:00:00+08:00"


def test_unreadable_file_exits_2_naming_it_and_keeps_the_others(capsys, tmp_path):
    missing = tmp_path / "nope.eml"
    code, lines, err = run(
        capsys, "reply", str(missing), str(REPLIES / "c_r051.eml"), "--context", "minutes", "--json"
    )
    assert code == 2
    assert len(lines) == 1 and lines[0]["intent"] == "ack"
    assert err.count("\n") == 1 and str(missing) in err and "Traceback" not in err


def test_not_a_mail_exits_2(capsys, tmp_path):
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    code, lines, err = run(capsys, "reply", str(junk), "--context", "any", "--json")
    assert code == 2 and lines == []
    assert "junk.eml" in err and "not a mail" in err


def test_bad_context_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["parse", "reply", str(REPLIES / "c_r051.eml"), "--context", "lunch", "--json"])
    assert exc.value.code == 2


def test_minutes_needs_an_offset(capsys):
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "parse",
                "minutes",
                str(REPLIES / "c_r051.eml"),
                "--meeting-end",
                "2026-07-08T15:30:00",
                "--json",
            ]
        )
    assert exc.value.code == 2
    assert "offset" in capsys.readouterr().err


def test_minutes_missing_file_exits_2(capsys, tmp_path):
    code, lines, err = run(
        capsys,
        "minutes",
        str(tmp_path / "m.eml"),
        "--meeting-end",
        "2026-07-08T15:30:00+08:00",
        "--json",
    )
    assert code == 2 and lines == [] and "m.eml" in err


def test_minutes_json_object(capsys):
    path = MINUTES / "corpus_m001.eml"
    if not path.exists():
        pytest.skip(
            "the minutes engineer's fixture corpus_m001.eml is not in tests/fixtures/minutes"
        )
    code, lines, err = run(
        capsys, "minutes", str(path), "--meeting-end", "2026-07-08T15:30:00+08:00", "--json"
    )
    assert code == 0, err
    assert lines[0]["file"] == str(path)
    assert lines[0]["items"] and {"kind", "text", "owner", "due"} <= set(lines[0]["items"][0])


def test_installed_entry_point_prints_one_line_per_file():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli",
            "parse",
            "reply",
            str(REPLIES / "c_r051.eml"),
            "--context",
            "minutes",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["intent"] == "ack"


def test_configured_company_holiday_moves_a_working_day_deadline(capsys, tmp_path):
    # "2个工作日内" from Thu 2026-04-30: 1-5 May are the Labour Day holiday -> 6 and 7 May
    path = str(REPLIES / "c_r091.eml")
    code, lines, err = run(capsys, "reply", path, "--context", "task", "--json")
    assert code == 0 and lines[0]["new_due"] == "2026-05-07T18:00:00+08:00"
    config = write_config(tmp_path, calendar={"extra_holidays": ["2026-05-06"]})
    code = main(["--config", str(config), "parse", "reply", path, "--context", "task", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["new_due"] == "2026-05-08T18:00:00+08:00"
