"""Two weeks of the guide's project rehearsed through `meetloop serve --start-at … --speed …`.

Everything goes through the real server in a subprocess: the preparation form,
the poll and its answers, the invitation and the replies, T−3 and T−1, the
minutes with an objection, the task reminders, a restart at a higher speed,
and the weekly table. Time moves by the clock running and by `tick --now`;
every mail's Date header and every audit time must be on the rehearsal clock
(which lies in the past, weeks before the real time the test runs at).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from service import clock, demo
from store import db as store_db
from store import schema
from store.models import AuditLog, Item, Outbox, ServiceClock
from tests.support.rehearsal import Rehearsal
from tests.support.serve_process import load, maildir_messages, write_config

START = demo.START  # Mon 2026-11-16 10:00 in Shanghai
MEETING = demo.MEETING_START  # Tue 2026-11-24 14:00 in Shanghai
TALK_SPEED = 600  # while people write: ten clock minutes a real second
WEEKEND_SPEED = 40_000  # the weekend passes untouched: eleven clock hours a real second
MORNING = datetime(2026, 11, 25, 1, 5, tzinfo=UTC)  # Wed 09:05 in Shanghai
DAY = timedelta(days=1)
WALL_BUDGET_SECONDS = 240  # the whole rehearsal, on a shared two-core machine


def _directory(cfg) -> dict:
    """The guide's nine people in three companies, created at the rehearsal's start."""
    store_db.connect(cfg.store_url)
    schema.upgrade()
    guide = demo.Demo(cfg.base, out=lambda line: None)
    clock.set_now(START)
    try:
        with store_db.write_txn():
            guide.directory()
    finally:
        clock.set_now(None)
        store_db.db.close()
    return guide.people


def test_two_weeks_rehearsed_through_the_real_server(tmp_path):
    began = time.monotonic()
    config = write_config(tmp_path)
    cfg = load(config)
    p = _directory(cfg)
    r = Rehearsal(config)
    r.serve("--start-at", START.isoformat(), "--speed", str(TALK_SPEED))
    try:
        # the form: the host mails it, everyone invited gets the poll
        r.send(r.mail(p["host"], "会议筹备表", demo.PREP_FORM))
        for key, answer in (
            ("yi_boss", "1"),
            ("bing_boss", "1、2"),
            ("boss", "1"),
            ("yi_pm", "都可以"),
            ("bing_pm", "1"),
            ("tech", "1"),
        ):
            r.reply(r.wait("poll", p[key]), p[key], answer)
        r.reply(r.wait("poll", p["host"]), p["host"], "选1")
        for key in ("yi_boss", "bing_boss", "yi_pm", "tech"):
            r.reply(r.wait("invitation", p[key]), p[key], "参加")

        r.jump(MEETING - 3 * DAY)  # T−3: agenda and materials
        r.wait("agenda_t3", p["yi_boss"])
        r.jump(MEETING - DAY)  # T−1: the host's digest of the answers
        r.wait("rsvp_digest", p["host"])

        r.jump(MEETING + timedelta(hours=2))  # the minutes, an objection, version 2
        r.send(r.mail(p["recorder"], "[M-0001] 会议纪要", demo.GUIDE_MINUTES))
        r.reply(r.wait("minutes_draft", p["recorder"]), p["recorder"], "确认")
        for key in ("bing_boss", "tech", "legal", "boss"):
            r.reply(r.wait("minutes_formal", p[key]), p[key], "收到，无异议。")
        r.reply(
            r.wait("minutes_formal", p["yi_pm"]),
            p["yi_pm"],
            "收到。第1条：补充协议需要法务审核，2个工作日来不及，请改为3个工作日。",
        )
        r.reply(r.wait("minutes_objection", p["recorder"]), p["recorder"], demo.CORRECTED_MINUTES)
        r.reply(r.wait("minutes_draft", p["recorder"], count=2), p["recorder"], "确认")
        for key in ("yi_pm", "yi_boss", "bing_boss", "tech"):
            r.reply(r.wait("minutes_formal", p[key], count=2), p[key], "收到，无异议")

        r.jump(MEETING + timedelta(hours=4 + cfg.policy.objection_window_hours, minutes=5))
        r.wait("minutes_final", p["host"])
        r.jump(MORNING + DAY)  # Thursday: the document is overdue, the rest reminded
        r.wait("item_overdue", p["tech"])
        r.reply(
            r.wait("item_before", p["legal"]),
            p["legal"],
            "法律意见：宣传物料版权归甲方所有，乙方、丙方可在合作期内使用，需署名三方。",
        )
        r.jump(MORNING + 2 * DAY)  # Friday
        r.reply(
            r.wait("item_overdue", p["tech"], count=2),
            p["tech"],
            "原因：乙方接口字段还在调整，文档在等最终字段。",
        )

        # the weekend passes on its own, faster: a restart continues the clock
        r.stop()
        friday = r.now()
        r.serve("--speed", str(WEEKEND_SPEED))
        assert "continuing the rehearsal clock" in r.service.log()
        r.wait_until_clock(MORNING + 5 * DAY, timeout=60)
        weekly = r.wait("weekly_table", p["host"])
        assert weekly.created_at > friday
        tasks = r.meetloop("tasks")  # the CLI reads the same clock: nothing is "overdue" by
        assert "数据对接标准文档" in tasks  # the real date, weeks later
    finally:
        r.stop()
    wall = time.monotonic() - began

    store_db.connect(cfg.store_url)
    with store_db.db.connection_context():
        end = ServiceClock.get().instant
        audits = [a.at for a in AuditLog.select()]
        created = [o.created_at for o in Outbox.select()]
        sent = Outbox.select().where(Outbox.status == "sent").count()
        kinds = {o.kind for o in Outbox.select()}
        open_items = Item.select().where(Item.owner.is_null(False)).count()
    store_db.db.close()
    assert end >= MORNING + 5 * DAY
    assert {"poll", "invitation", "agenda_t3", "rsvp_digest", "minutes_formal"} <= kinds
    assert {"minutes_final", "item_before", "item_overdue", "weekly_table"} <= kinds
    assert open_items >= 3
    mails = maildir_messages(cfg)
    assert len(mails) == sent > 50  # (what was queued as the service stopped waits for it)
    for msg in mails:
        assert msg["X-Meetloop-Rehearsal"] == "yes", msg["Subject"]
        assert START <= parsedate_to_datetime(msg["Date"]) <= end, msg["Subject"]
    assert audits and all(START <= at <= end for at in audits)
    assert all(START <= at <= end for at in created)
    print(f"two rehearsed weeks took {wall:.1f} s of real time")
    assert wall < WALL_BUDGET_SECONDS
