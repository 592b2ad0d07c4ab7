"""Group notices through the outbox to a local server that plays each platform."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest

from service import delivery
from service.chat import notices, post, robots
from service.chat.robots import NewRobot
from service.mail import queue_mail
from store.db import write_txn
from store.models import ChatRobot, Outbox, Person
from tests.support.chat_platforms import RATE_LIMIT, Platforms, Robot, running
from tests.support.sink import free_port

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
DING_SECRET = "SEC5e4f0d2c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3"
FEISHU_SECRET = "fs-9Qx2LwP0aZ"


@pytest.fixture(autouse=True)
def fresh_pacing():
    post._recent.clear()
    yield
    post._recent.clear()


@pytest.fixture
def platforms():
    served = Platforms(
        robots=[
            Robot("wecom", "wk-0001"),
            Robot("dingtalk", "dt-0001", secret=DING_SECRET, keyword="项目群"),
            Robot("feishu", "fs-0001", secret=FEISHU_SECRET, keyword="项目群"),
        ]
    )
    with running(served) as p:
        yield p


def _add(name: str, server: Platforms, robot: Robot, **kw) -> ChatRobot:
    with write_txn():
        return robots.add(
            NewRobot(name=name, kind=robot.kind, webhook=server.url(robot), everything=True, **kw),
            NOW,
        )


def _queue(cfg, robot: ChatRobot, key: str = "k1") -> Outbox:
    with write_txn():
        row = notices.queue_notice(cfg, robot, key=key, template="chat_test", context={}, now=NOW)
    assert row is not None
    return row


def _reload(row: Outbox) -> Outbox:
    return Outbox.get_by_id(row.id)


def test_each_kind_arrives_signed_with_its_keyword(cfg, store, platforms):
    wecom, ding, feishu = platforms.robots
    rows = [
        _queue(cfg, _add("质量群", platforms, wecom)),
        _queue(cfg, _add("钉钉群", platforms, ding, secret=DING_SECRET, keyword="项目群")),
        _queue(
            cfg,
            _add("飞书群", platforms, feishu, secret=FEISHU_SECRET, keyword="项目群", language="en"),
        ),
    ]
    assert delivery.deliver_pending(cfg, NOW) == 3
    got = {r["robot"]: r for r in platforms.received}
    assert set(got) == {"wk-0001", "dt-0001", "fs-0001"}
    assert "群通知测试" in got["wk-0001"]["body"]["markdown"]["content"]
    assert got["dt-0001"]["body"]["markdown"]["text"].startswith("项目群")
    assert {"timestamp", "sign"} <= got["dt-0001"]["query"].keys()
    assert "sign" not in got["dt-0001"]["body"]
    feishu_body = got["fs-0001"]["body"]
    assert {"timestamp", "sign"} <= feishu_body.keys()
    assert "group notice test" in json.dumps(feishu_body["content"])
    for row in rows:
        sent = _reload(row)
        assert sent.status == "sent" and sent.attempts == 1
        assert sent.relay_reply.startswith("HTTP 200: 0")


def test_a_notice_key_is_queued_once(cfg, store, platforms):
    robot = _add("质量群", platforms, platforms.robots[0])
    _queue(cfg, robot, "minutes:1")
    with write_txn():
        again = notices.queue_notice(
            cfg, robot, key="minutes:1", template="chat_test", context={}, now=NOW
        )
    assert again is None
    assert Outbox.select().count() == 1


def test_a_wrong_signature_fails_for_good_and_shows(cfg, store, platforms):
    robot = _add("钉钉群", platforms, platforms.robots[1], secret="SECwrong", keyword="项目群")
    row = _queue(cfg, robot)
    assert delivery.deliver(row.id, cfg, NOW) == delivery.FAILED
    failed = _reload(row)
    assert failed.status == "failed" and "sign not match" in failed.last_error
    assert failed.id in [r.id for r in Outbox.select().where(delivery.has_failed())]
    assert platforms.received == []


def test_a_wrong_feishu_secret_and_a_missing_keyword_fail(cfg, store, platforms):
    bad_sign = _queue(
        cfg, _add("飞书群", platforms, platforms.robots[2], secret="nope", keyword="项目群")
    )
    no_keyword = _queue(
        cfg, _add("钉钉群", platforms, platforms.robots[1], secret=DING_SECRET), "k2"
    )
    assert delivery.deliver(bad_sign.id, cfg, NOW) == delivery.FAILED
    assert delivery.deliver(no_keyword.id, cfg, NOW) == delivery.FAILED
    assert "19021" in _reload(bad_sign).last_error
    assert "keywords not in content" in _reload(no_keyword).last_error


def test_a_wrong_key_fails_for_good(cfg, store, platforms):
    robot = _add("错群", platforms, Robot("wecom", "not-a-key"))
    row = _queue(cfg, robot)
    assert delivery.deliver(row.id, cfg, NOW) == delivery.FAILED
    assert "93000" in _reload(row).last_error


def test_server_errors_and_network_errors_are_tried_again(cfg, store, platforms):
    robot = _add("质量群", platforms, platforms.robots[0])
    row = _queue(cfg, robot)
    platforms.fail_next.append(502)
    assert delivery.deliver(row.id, cfg, NOW) == delivery.RETRY
    pending = _reload(row)
    assert pending.status == "pending" and pending.next_attempt_at == NOW + delivery.backoff(1)
    assert delivery.deliver(row.id, cfg, pending.next_attempt_at) == delivery.SENT
    assert len(platforms.received) == 1

    with write_txn():
        gone = robots.add(
            NewRobot(
                name="断网",
                kind="wecom",
                webhook=f"http://127.0.0.1:{free_port()}/cgi-bin/webhook/send?key=k",
                everything=True,
            ),
            NOW,
        )
    down = _queue(cfg, gone, "k2")
    assert delivery.deliver(down.id, cfg, NOW) == delivery.RETRY
    assert "network" in _reload(down).last_error


def test_posts_are_paced_to_twenty_a_minute(cfg, store, platforms):
    robot = _add("质量群", platforms, platforms.robots[0])
    rows = [_queue(cfg, robot, f"k{i}") for i in range(RATE_LIMIT + 5)]
    assert delivery.deliver_pending(cfg, NOW) == RATE_LIMIT
    assert len(platforms.received) == RATE_LIMIT
    assert not any(a.get("errcode") == 45009 for a in platforms.answers)  # never refused
    waiting = [r for r in map(_reload, rows) if r.status == "pending"]
    assert len(waiting) == 5 and all("20 posts" in r.last_error for r in waiting)


def test_a_platform_rate_limit_answer_is_tried_again(cfg, store, platforms):
    """Another worker process (its own pacing) filled the robot's minute."""
    robot = _add("钉钉群", platforms, platforms.robots[1], secret=DING_SECRET, keyword="项目群")
    rows = [_queue(cfg, robot, f"k{i}") for i in range(RATE_LIMIT + 1)]
    for row in rows[:RATE_LIMIT]:
        assert delivery.deliver(row.id, cfg, NOW) == delivery.SENT
    post._recent.clear()
    assert delivery.deliver(rows[-1].id, cfg, NOW) == delivery.RETRY
    assert "130101" in _reload(rows[-1]).last_error


def test_a_notice_left_mid_post_by_a_dead_worker_is_not_posted_twice(cfg, store, platforms):
    robot = _add("质量群", platforms, platforms.robots[0])
    row = _queue(cfg, robot)
    Outbox.update(status="sending", sending_since=NOW, attempts=1).where(
        Outbox.id == row.id
    ).execute()
    later = NOW + delivery.SENDING_GRACE + timedelta(minutes=1)
    assert row.id in delivery.due_ids(later)
    assert delivery.deliver(row.id, cfg, later) == delivery.FAILED
    assert platforms.received == []
    assert "not posted again" in _reload(row).last_error
    delivery.retry(row.id, later)  # the admin looked in the group: it is not there
    assert delivery.deliver(row.id, cfg, later) == delivery.SENT
    assert len(platforms.received) == 1


def test_a_removed_robot_fails_its_queued_notices(cfg, store, platforms):
    robot = _add("质量群", platforms, platforms.robots[0])
    row = _queue(cfg, robot)
    with write_txn():
        robots.remove("质量群")
    assert delivery.deliver(row.id, cfg, NOW) == delivery.FAILED
    assert "no robot named" in _reload(row).last_error


def test_mail_and_notices_go_out_in_one_batch(cfg, store, platforms):
    robot = _add("质量群", platforms, platforms.robots[0])
    notice = _queue(cfg, robot)
    with write_txn():
        person = Person.create(email="zhang@a.example.cn", name="张三", created_at=NOW)
        mail = queue_mail(cfg, key="help:1", to=person, template="help", context={}, now=NOW)
    assert delivery.deliver_pending(cfg, NOW) == 2
    assert _reload(notice).status == _reload(mail).status == "sent"
    assert len(platforms.received) == 1


def test_secrets_and_tokens_are_not_logged(cfg, store, platforms, caplog):
    robot = _add("钉钉群", platforms, platforms.robots[1], secret="SECwrong", keyword="项目群")
    row = _queue(cfg, robot)
    with caplog.at_level(logging.DEBUG):
        delivery.deliver(row.id, cfg, NOW)
    logged = caplog.text + _reload(row).last_error
    assert "SECwrong" not in logged and "dt-0001" not in logged
    assert "钉钉群" in logged


def test_for_meeting_picks_all_company_and_meeting_robots(cfg, store, platforms):
    from service import directory
    from store.models import Meeting, MeetingCompany

    jia = directory.add_company("甲方", ["jia.example.cn"], now=NOW)
    directory.add_company("乙方", ["yi.example.cn"], now=NOW)
    wecom = platforms.robots[0]
    with write_txn():
        meeting = Meeting.create(
            ref="M-0001", title="质量评审会", ical_uid="u1", created_at=NOW, updated_at=NOW
        )
        MeetingCompany.create(meeting=meeting, company=jia)
        for name, scope in [
            ("all", {"everything": True}),
            ("jia", {"company": "甲方"}),
            ("yi", {"company": "乙方"}),
            ("m1", {"meeting": "m-0001"}),
        ]:
            robots.add(
                NewRobot(name=name, kind="wecom", webhook=platforms.url(wecom), **scope), NOW
            )
    assert [r.name for r in robots.for_meeting(meeting)] == ["all", "jia", "m1"]
    assert [r.name for r in robots.for_meeting(None)] == ["all"]
