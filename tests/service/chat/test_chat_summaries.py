"""What goes to a group: the formal minutes, the invitation and the task sync,
played through the workflows and posted to the local platforms."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from service import delivery
from service.chat import robots
from service.chat.robots import NewRobot
from service.config import from_dict
from service.workflows import invitations
from store.db import write_txn
from store.models import Outbox
from tests.conftest import make_config
from tests.support.after_meeting import AFTER, BEFORE, confirmed, held_meeting
from tests.support.chat_platforms import Platforms, Robot, running
from tests.support.flow import Flow

FEISHU_SECRET = "fs-summary-secret"


@pytest.fixture
def platforms():
    served = Platforms(
        robots=[
            Robot("wecom", "wk-jia"),
            Robot("feishu", "fs-all", secret=FEISHU_SECRET),
            Robot("dingtalk", "dt-other", keyword="项目群"),
        ]
    )
    with running(served) as p:
        yield p


@pytest.fixture
def flow(cfg):
    with Flow(cfg, start=AFTER) as f:
        yield f


def _robots(platforms: Platforms, held) -> None:
    wecom, feishu, ding = platforms.robots
    with write_txn():
        robots.add(
            NewRobot("甲方群", "wecom", platforms.url(wecom), company=held.d.jia.name), BEFORE
        )
        robots.add(
            NewRobot(
                "联盟群", "feishu", platforms.url(feishu), secret=FEISHU_SECRET, everything=True
            ),
            BEFORE,
        )
        robots.add(
            NewRobot(
                "英文群",
                "dingtalk",
                platforms.url(ding),
                keyword="项目群",
                language="en",
                everything=True,
            ),
            BEFORE,
        )


def _texts(platforms: Platforms) -> dict[str, str]:
    return {r["robot"]: json.dumps(r["body"], ensure_ascii=False) for r in platforms.received}


def test_formal_minutes_reach_the_groups_once_with_tasks_and_deadline(cfg, flow, platforms):
    held = held_meeting(cfg)
    _robots(platforms, held)
    formal = confirmed(flow, held)
    assert formal  # the mails went as before
    rows = list(Outbox.select().where(Outbox.kind == "chat_minutes"))
    assert sorted(r.recipients[0] for r in rows) == ["chat:甲方群", "chat:联盟群", "chat:英文群"]
    flow.deliver()
    texts = _texts(platforms)
    assert set(texts) == {"wk-jia", "fs-all", "dt-other"}
    zh = texts["wk-jia"]
    assert "联合推广预算" in zh and "数据对接标准文档" in zh
    assert "张伟" in zh  # the task's owner
    assert "前回复纪要邮件" in zh and "完整纪要已通过邮件" in zh
    assert "Objections: reply to the minutes mail before" in texts["dt-other"]
    assert "项目群" in texts["dt-other"]
    # confirming again changes nothing: one notice per version and group
    delivery.deliver_pending(cfg, AFTER)
    assert len(platforms.received) == 3


def test_invitation_summary_goes_to_the_groups(cfg, flow, platforms):
    held = held_meeting(cfg)
    _robots(platforms, held)
    invitations.send_invitations(cfg, held.meeting, now=BEFORE)
    invitations.send_invitations(cfg, held.meeting, now=BEFORE)  # nothing new: nothing again
    rows = list(Outbox.select().where(Outbox.kind == "chat_invitation"))
    assert len(rows) == 3
    flow.deliver()
    zh = _texts(platforms)["wk-jia"]
    assert held.meeting.title in zh and "2026-11-24" in zh and "14:00" in zh
    assert "请在邮件中回复是否参加" in zh


def test_a_switch_off_keeps_it_out_of_the_groups(tmp_path, platforms):
    cfg = make_config(tmp_path, chat={"minutes": False, "invitation": False})
    assert cfg.chat.minutes is False
    with Flow(cfg, start=AFTER) as flow:
        held = held_meeting(cfg)
        _robots(platforms, held)
        invitations.send_invitations(cfg, held.meeting, now=BEFORE)
        confirmed(flow, held)
        chat_rows = [r for r in Outbox.select() if r.recipients[0].startswith("chat:")]
        assert chat_rows == []


def test_a_wrong_chat_value_names_the_key(tmp_path):
    from service.config import ConfigError

    with pytest.raises(ConfigError, match=r"chat\.minutes"):
        from_dict({"chat": {"minutes": "yes"}}, tmp_path)


THURSDAY_1605 = datetime(2026, 11, 26, 8, 5, tzinfo=UTC)  # 24 h before Fri 16:00 Shanghai


def test_task_sync_notice_lists_open_items_once_a_week(cfg, flow, platforms):
    held = held_meeting(cfg)
    _robots(platforms, held)
    confirmed(flow, held)
    flow.tick(THURSDAY_1605)
    flow.tick(THURSDAY_1605 + timedelta(hours=2))
    rows = list(Outbox.select().where(Outbox.kind == "chat_friday_sync"))
    assert sorted(r.recipients[0] for r in rows) == ["chat:甲方群", "chat:联盟群", "chat:英文群"]
    flow.at(THURSDAY_1605)
    flow.deliver()
    synced = [
        json.dumps(r["body"], ensure_ascii=False)
        for r in platforms.received
        if "任务同步会" in json.dumps(r["body"], ensure_ascii=False)
    ]
    assert len(synced) == 2  # the two Chinese groups; the English one reads "Task sync"
    assert all("数据对接标准文档" in text and "张伟" in text for text in synced)
    assert any("Task sync" in json.dumps(r["body"]) for r in platforms.received)
