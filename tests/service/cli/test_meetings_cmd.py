"""`meetloop meeting …` and `meetloop template prep`.

Most commands run in-process through `service.cli.main` (the same entry
point the installed command calls; a subprocess costs seconds each on this
machine); the blank form and one error go through the installed command.
"""

import json
from datetime import UTC, datetime

import pytest

from service.cli import main
from store import db as store_db
from tests.support.before_meeting import make_directory
from tests.support.command import run, write_config


@pytest.fixture
def setup(tmp_path):
    config = write_config(tmp_path)
    assert main(["--config", str(config), "init"]) == 0
    store_db.connect(f"sqlite:///{tmp_path}/var/meetloop.db")
    d = make_directory()
    store_db.db.close()
    return config, d


@pytest.fixture
def cli(capsys):
    """Run `meetloop --config CONFIG ARGS…` in-process: (status, stdout, stderr)."""

    def call(*args, config):
        status = main(["--config", str(config), *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return call


@pytest.fixture
def ok(cli):
    def call(*args, config):
        status, out, err = cli(*args, config=config)
        assert status == 0, err
        return out

    return call


def test_create_staff_agenda_poll_schedule_show(setup, ok):
    config, d = setup
    ref = ok(
        "meeting",
        "create",
        "--title",
        "联合营销方案对齐会",
        "--host",
        d.host.email,
        "--recorder",
        d.recorder.email,
        "--online",
        "https://meet.example.cn/j/1",
        "--duration",
        "90",
        "--importance",
        "important",
        config=config,
    ).strip()
    assert ref == "M-0001"
    out = ok("meeting", "invite", ref, d.yi_boss.email, d.yi_pm.email, config=config)
    assert "warning: 甲方缺少决策层参会人" in out
    out = ok(
        "meeting",
        "invite",
        ref,
        d.jia_boss.email,
        d.bing_boss.email,
        d.bing_pm.email,
        config=config,
    )
    assert "warning" not in out and "7 attendees" in out
    ok(
        "meeting",
        "agenda",
        ref,
        "--item",
        "14:00-14:20 | 背景与目标 | 王敏 | 目标对齐",
        "--item",
        "14:20-15:30 | 方案讨论 | 陈总 | 方案确认",
        config=config,
    )
    csv_file = config.parent / "agenda.csv"
    csv_file.write_text(
        "开始,时长,议题,汇报人,预期产出\n14:00,20,背景与目标,王敏,目标对齐\n"
        "14:20,70,方案讨论,陈总,方案确认\n",
        encoding="utf-8-sig",  # as Excel saves it
    )
    out = ok("meeting", "agenda", ref, "--csv", str(csv_file), config=config)
    assert "agenda of 2 items" in out
    table = ok("meeting", "agenda", ref, config=config)
    assert "方案讨论" in table and "陈总" in table
    deck = config.parent / "方案.pdf"
    deck.write_bytes(b"%PDF-1.4 plan")
    out = ok("meeting", "agenda", ref, "--material", str(deck), config=config)
    assert "1 material file(s) stored" in out
    out = ok("meeting", "poll", ref, "--propose", "2", config=config)
    assert out.startswith("1. ") and "\n2. " in out
    out = ok(
        "meeting",
        "poll",
        ref,
        "--option",
        "2026-12-09 14:00",
        "--option",
        "2026-12-10 14:00",
        config=config,
    )
    assert "1. 2026-12-09 14:00 (Asia/Shanghai)" in out
    out = ok("meeting", "schedule", ref, "2026-12-10 14:00", config=config)
    assert "7 mails queued" in out
    shown = ok("meeting", "show", ref, config=config)
    for expected in (
        "联合营销方案对齐会",
        "[scheduled]",
        "乙方",
        "星河数据",
        "decision",
        "presenter",
        "needs-action",
        "背景与目标",
        "invitation",
        "poll",
        "2026-12-10 14:00",
    ):
        assert expected in shown, expected
    state = json.loads(ok("meeting", "show", ref, "--json", config=config))
    assert state["poll"]["status"] == "closed" and len(state["attendees"]) == 7
    assert {a["party"] for a in state["attendees"]} == {"甲方", "乙方", "丙方"}
    assert sum(1 for s in state["sent"] if s["kind"] == "invitation") == 7
    ok("meeting", "reschedule", ref, "2026-12-11 15:00", config=config)
    listed = json.loads(ok("meeting", "list", "--json", config=config))
    assert listed[0]["start"] == "2026-12-11 15:00" and listed[0]["status"] == "scheduled"
    out = ok("meeting", "cancel", ref, "--reason", "方案延期", config=config)
    assert "7 cancellations queued" in out
    table = ok("meeting", "list", "--status", "cancelled", config=config)
    assert "M-0001" in table


def test_mistakes_are_one_line_and_exit_2(setup, cli, ok):
    config, d = setup
    result = run("meeting", "show", "M-0098", config=config)  # the installed command
    assert result.returncode == 2 and result.stderr.strip() == "meetloop: no meeting 'M-0098'"
    for args, message in (
        (("meeting", "show", "M-0099"), "no meeting 'M-0099'"),
        (
            ("meeting", "create", "--title", "x", "--host", "nobody@x.cn", "--online", "l"),
            "no person",
        ),
        (
            (
                "meeting",
                "create",
                "--title",
                "x",
                "--host",
                d.host.email,
                "--offline",
                "r",
                "--required-roles",
                "{bad",
            ),
            "not JSON",
        ),
    ):
        status, _, err = cli(*args, config=config)
        assert status == 2, args
        assert message in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    ref = ok(
        "meeting",
        "create",
        "--title",
        "x",
        "--host",
        d.host.email,
        "--offline",
        "3楼",
        config=config,
    ).strip()
    status, _, err = cli(
        "meeting", "agenda", ref, "--item", "14:00-16:00 | 太长 | 王敏", config=config
    )
    assert status == 2 and "超出会议时长60分钟" in err
    status, _, err = cli("meeting", "reschedule", ref, "2026-12-10 14:00", config=config)
    assert status == 2 and "draft" in err


def test_template_prep_prints_the_blank_form(tmp_path, ok):
    config = write_config(tmp_path)
    result = run("template", "prep", config=config)  # the installed command
    assert result.returncode == 0
    assert result.stdout.startswith("会议筹备表") and "参会公司及人员：" in result.stdout
    assert "Candidate times:" in ok("template", "prep", "--lang", "en", config=config)


def test_tick_after_the_end_shows_the_meeting_held(setup, cli, ok, at):
    config, d = setup
    at(datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    ref = ok(
        "meeting",
        "create",
        "--title",
        "周会",
        "--host",
        d.host.email,
        "--online",
        "https://meet.example.cn/j/2",
        config=config,
    ).strip()
    ok("meeting", "invite", ref, d.yi_boss.email, config=config)
    ok("meeting", "schedule", ref, "2026-12-10 14:00", config=config)
    ok("tick", "--now", "2026-12-10T14:59", config=config)
    assert "[scheduled]" in ok("meeting", "show", ref, config=config)
    ok("tick", "--now", "2026-12-10T15:01", config=config)
    assert "[held]" in ok("meeting", "show", ref, config=config)
    [held] = json.loads(ok("meeting", "list", "--status", "held", "--json", config=config))
    assert held["ref"] == ref and held["status"] == "held"
    at(datetime(2026, 12, 11, 2, 0, tzinfo=UTC))
    status, _, err = cli("meeting", "schedule", ref, "2026-12-17 14:00", config=config)
    assert status == 2 and "create a new meeting" in err
