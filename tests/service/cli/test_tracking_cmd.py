"""`meetloop tasks`, `task show|update` and `minutes show` on a real store."""

from __future__ import annotations

import json

import pytest

from service import config as config_module
from service import tracking_table
from service.cli import main
from store.models import AuditLog, Item
from tests.support.after_meeting import AFTER, confirmed, held_meeting
from tests.support.command import run, write_config
from tests.support.flow import Flow


@pytest.fixture
def setup(tmp_path):
    path = write_config(tmp_path)
    cfg = config_module.load(path)
    with Flow(cfg, start=AFTER) as flow:
        held = held_meeting(cfg)
        confirmed(flow, held)
        yield path, held


def _cli(capsys, path, *args):
    code = main(["--config", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_tasks_filters_and_formats(setup, capsys):
    path, held = setup
    code, out, _ = _cli(capsys, path, "tasks")
    assert code == 0 and "《数据对接标准文档》" in out and "张伟" in out
    code, out, _ = _cli(capsys, path, "tasks", "--company", "云启科技", "--json")
    rows = json.loads(out)
    assert {r["owner"] for r in rows} == {"张伟", "刘洋"}
    code, out, _ = _cli(capsys, path, "tasks", "--owner", held.tech.email, "--csv")
    lines = out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("ref,meeting,事项")
    code, out, _ = _cli(capsys, path, "tasks", "--overdue", "--json")
    assert json.loads(out) == []  # nothing is due yet at AFTER
    code, _, err = _cli(capsys, path, "tasks", "--meeting", "M-9999")
    assert code == 2 and "no meeting M-9999" in err


def test_task_update_is_audited_and_show_has_history(setup, capsys):
    path, _held = setup
    ref = Item.get(Item.kind == "task").ref
    code, out, _ = _cli(
        capsys,
        path,
        "task",
        "update",
        ref,
        "--due",
        "2026-12-01",
        "--percent",
        "30",
        "--note",
        "乙方确认延期",
    )
    assert code == 0
    task = Item.get(Item.ref == ref)
    assert task.percent == 30 and task.due_at.isoformat() == "2026-12-01T10:00:00+00:00"
    audit = AuditLog.get(AuditLog.action == "item.admin")
    assert audit.actor_text == "cli" and "task update" in audit.command
    code, out, _ = _cli(capsys, path, "task", "show", ref, "--json")
    data = json.loads(out)
    assert [h["kind"] for h in data["history"]] == ["created", "admin"]
    code, _, err = _cli(capsys, path, "task", "update", ref, "--due", "someday")
    assert code == 2 and "cannot read the time" in err


def test_minutes_show(setup, capsys):
    path, held = setup
    code, out, _ = _cli(capsys, path, "minutes", "show", held.meeting.ref, "--json")
    assert code == 0
    data = json.loads(out)
    [v1] = data["versions"]
    assert v1["status"] == "sent" and len(v1["items"]) == 3
    _code, out, _ = _cli(capsys, path, "minutes", "show", held.meeting.ref)
    assert "v1" in out and "林峰" in out and "T-0002" in out


def test_minutes_show_lists_what_a_version_changed(tmp_path, capsys):
    path = write_config(tmp_path)
    cfg = config_module.load(path)
    with Flow(cfg, start=AFTER) as flow:
        held = held_meeting(cfg)
        formal = confirmed(flow, held)
        mine = next(m for m in formal if held.d.host.email in m.to)
        flow.reply_to(mine, held.d.host, "第2条负责人改为刘洋")
        code, out, _ = _cli(capsys, path, "minutes", "show", held.meeting.ref, "--json")
        assert code == 0
        [change] = json.loads(out)["versions"][-1]["changes"]
        assert change["change"] == "changed" and change["n"] == 2
        _code, out, _ = _cli(capsys, path, "minutes", "show", held.meeting.ref)
        assert "changed item 2:" in out and "owner 张伟 -> 刘洋" in out


def test_tasks_xlsx_from_the_installed_command(setup, tmp_path):
    path, _ = setup
    target = tmp_path / "tasks.xlsx"
    result = run("tasks", "--xlsx", str(target), config=path)
    assert result.returncode == 0, result.stderr
    sheet = tracking_table.read_xlsx(target.read_bytes())
    assert tuple(sheet[0]) == tracking_table.HEADERS["zh"] and len(sheet) == 4
