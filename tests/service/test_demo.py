"""`meetloop demo` plays the guide's whole loop through the mail path, quickly."""

from __future__ import annotations

import time

from service.demo import run_demo
from store.models import Item, MinutesVersion, Outbox, Retrospective
from tests.support.command import run

DEMO_SECONDS = 20


def test_demo_plays_the_whole_loop(tmp_path):
    lines: list[str] = []
    started = time.monotonic()
    result = run_demo(lines.append, folder=tmp_path)
    assert time.monotonic() - started < DEMO_SECONDS
    text = "\n".join(lines)
    kinds = {row.kind for row in Outbox.select()}
    for kind in (
        "poll",
        "invitation",
        "minutes_draft",
        "minutes_formal",
        "minutes_objection",
        "minutes_final",
        "item_overdue",
        "item_escalation",
        "acceptance_passed",
        "weekly_table",
        "sync_invite",
        "sync_skipped",
        "retro_request",
    ):
        assert kind in kinds, kind
    assert "《数据对接标准文档》已逾期2天，请说明原因及预计完成时间" in text
    assert MinutesVersion.select().where(MinutesVersion.status == "final").count() == 1
    doc = Item.get(Item.title == "《数据对接标准文档》")
    assert doc.status == "accepted" and doc.files.count() == 1
    assert Retrospective.select().count() == 1
    assert (
        result["accepted"] == 3
    )  # decision, task, answered question and result["mails"] == Outbox.select().count()
    assert "最终任务跟踪表" in text and "已验收" in text.split("最终任务跟踪表")[1]


def test_demo_command_runs_on_a_temporary_store(tmp_path):
    result = run("demo", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "联合营销方案对齐会" in result.stdout and "mails" in result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing left behind
