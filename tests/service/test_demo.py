"""`meetloop demo` plays the guide's whole loop through the mail path, quickly,
and leaves nothing behind."""

from __future__ import annotations

import re

from tests.support.command import run

DEMO_SECONDS = 20
# what each step of the guide shows in the printed mails
STEPS = (
    "会议时间征询",  # poll
    "会议邀请",  # invitation (with a calendar request)
    "会议议程及材料",  # T-3 agenda
    "请确认会议纪要草稿",  # the draft back to the recorder
    "会议纪要（第2版）",  # objection → v2
    "纪要有异议：林峰",
    "会议纪要已定稿",
    "《数据对接标准文档》已逾期2天，请说明原因及预计完成时间",  # the guide's words
    "任务逾期3个工作日",  # escalation
    "任务跟踪表",
    "已验收通过：《数据对接标准文档》",
    "问题已答复",
    "周五同步会（15分钟）",
    "同步会取消",
    "会议复盘",
    "已记录您的复盘意见",
)


def test_demo_plays_the_whole_loop_on_a_temporary_store(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    work = tmp_path / "cwd"
    work.mkdir()
    result = run("demo", cwd=work, env={"TMPDIR": str(scratch)}, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for step in STEPS:
        assert step in out, step
    table = out.split("最终任务跟踪表", 1)[1]
    assert re.search(r"《数据对接标准文档》\s+张伟\s+云启科技\s+2026-11-25 15:30\s+已验收", table)
    assert "已取消" not in table  # the superseded decision is not tracked any more
    mails, accepted, seconds = re.search(
        r"(\d+) mails, (\d+) item\(s\) accepted, [\d.]+ s \(([\d.]+) s CPU\)", out
    ).groups()
    assert int(mails) > 50 and int(accepted) == 3  # decision, task, answered question
    assert float(seconds) < DEMO_SECONDS  # CPU time: a busy machine does not fail it
    assert list(scratch.iterdir()) == [] and list(work.iterdir()) == []  # nothing left behind
