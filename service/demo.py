"""`meetloop demo`: the guide's whole example on a temporary embedded store.

联合营销方案对齐会 between 甲方 (云启科技, host), 乙方 (星河数据) and 丙方
(明道传媒), played in simulated time. People's mails go through the same
path real mail takes (ingest → process → workflows), from the preparation
form to the acceptance, and time through the same `tick`; only the
directory is created directly. Every mail the service sends is printed
(when, to, subject, first lines), and at the end the tracking table.
"""

from __future__ import annotations

import email
import email.policy
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from service import clock
from service.config import Config, from_dict
from store import db as store_db
from store import schema
from store.models import Company, Item, Meeting, Outbox, Person

Printer = Callable[[str], None]

MEETING_TITLE = "联合营销方案对齐会"
# the chosen slot: Tuesday 2026-11-24 14:00–15:30 in Shanghai (06:00 UTC)
MEETING_START = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
START = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # Mon 10:00 Shanghai
PREP_FORM = """会议筹备表
会议主题：联合营销方案对齐会
会议目标：对齐三方联合营销方案、预算分摊与数据对接
背景：三方已签署合作框架协议，需要确定Q4联合营销方案。
参会公司及人员：
甲方 云启科技：王敏（主持人）、李静（记录人）、赵总、张伟、刘洋
乙方 星河数据：陈总（汇报人）、林峰
丙方 明道传媒：周总（汇报人）、吴工
形式：线上 https://meet.example.cn/j/8842
时长：90分钟
候选时间：
1. 2026-11-24 14:00
2. 2026-11-25 14:00
投票截止：2026-11-18 18:00
重要程度：重要
系列：联合营销
议程：
14:00-14:20 | 背景与目标 | 王敏 | 目标对齐
14:20-15:00 | 联合营销方案讲解 | 陈总 | 方案初稿确认
15:00-15:20 | 数据对接与投放渠道 | 周总 | 对接负责人与时间表
15:20-15:30 | 总结与任务分配 | 王敏 | 任务清单

王敏
云启科技 项目经理
"""
GUIDE_MINUTES = (
    "各位好，联合营销方案对齐会纪要如下：\n\n"
    "决议：联合推广预算按3:7分摊（甲方30%，乙方70%），由财务经理*在2个工作日内签订补充协议；"
    "任务：技术负责人*需在会后整理《数据对接标准文档》，24小时内同步给乙方技术团队；"
    "疑问：丙方提出的'宣传物料版权归属'问题，需法务专员*在3个工作日内提供法律意见\n\n李静\n"
)
CORRECTED_MINUTES = GUIDE_MINUTES.replace("由财务经理*在2个工作日内", "由财务经理*在3个工作日内")
DELIVERABLE = ("数据对接标准文档.pdf", "application/pdf", b"%PDF-1.4\n% data interface standard\n")


def local(dt: datetime, tz: str = "Asia/Shanghai") -> datetime:
    from zoneinfo import ZoneInfo

    return dt.astimezone(ZoneInfo(tz))


class Demo:
    """The example, step by step; `run()` plays it all."""

    def __init__(self, folder: Path, out: Printer = print):
        self.out = out
        self.cfg: Config = from_dict(
            {
                "service": {
                    "address": "meet@alliance.example.cn",
                    "secret": "demo-secret-not-for-production",
                    "data_dir": "var",
                },
                "store": {"url": "sqlite:///var/demo.db"},
                "queue": {"url": "sqlite:///var/queue.db"},
                "outbound": {"url": "maildir:var/maildir"},
                "smtp": {"enabled": False, "port": 0},
            },
            folder,
        )
        self.shown = 0
        self.people: dict[str, Person] = {}

    # -- plumbing ----------------------------------------------------------------------
    def at(self, when: datetime, what: str) -> None:
        clock.set_now(when)
        self.out(f"\n=== {local(when):%Y-%m-%d %a %H:%M}  {what}")

    def tick(self, when: datetime, what: str) -> None:
        from service.process import process_pending
        from service.tick import tick

        self.at(when, what)
        tick(when, self.cfg)
        process_pending(self.cfg, when)
        self.show_new()

    def send(self, msg: EmailMessage) -> None:
        from service.ingest import ingest
        from service.process import process_pending

        sender = parseaddr(str(msg["From"]))[1]
        self.out(f"  ← {sender}: {msg['Subject']}")
        ingest(msg.as_bytes(), "cli", envelope_from=sender, envelope_to=[self.cfg.service.address])
        process_pending(self.cfg, clock.now())
        self.show_new()

    def mail(self, who: Person, subject: str, body: str, to: str = "", **kw: Any) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = formataddr((who.name, who.email))
        msg["To"] = to or self.cfg.service.address
        msg["Subject"] = subject
        msg["Date"] = format_datetime(local(clock.now(), who.timezone or "Asia/Shanghai"))
        msg["Message-ID"] = make_msgid(domain=who.email.rpartition("@")[2])
        if kw.get("in_reply_to"):
            msg["In-Reply-To"] = kw["in_reply_to"]
            msg["References"] = kw["in_reply_to"]
        msg.set_content(body)
        for name, ctype, data in kw.get("attachments", ()):
            maintype, _, subtype = ctype.partition("/")
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        return msg

    def reply(self, row: Outbox, who: Person, body: str, **kw: Any) -> None:
        """Answer one of the service's mails as Outlook does: quote below."""
        original = email.message_from_bytes(row.raw, policy=email.policy.default)
        text = original.get_body(("plain",))
        quoted = text.get_content() if text else ""
        full = f"{body}\n\n-----原始邮件-----\n发件人: {original['From']}\n主题: {row.subject}\n\n{quoted}"
        self.send(
            self.mail(
                who,
                f"Re: {row.subject}",
                full,
                to=str(original["Reply-To"]),
                in_reply_to=row.message_id,
                **kw,
            )
        )

    def last(self, kind: str, to: Person) -> Outbox:
        rows = [
            r
            for r in Outbox.select().where(Outbox.kind == kind).order_by(Outbox.id.desc())
            if to.email in r.recipients
        ]
        if not rows:
            raise LookupError(f"no {kind} mail to {to.email}")
        return rows[0]

    def show_new(self) -> None:
        """Print the mails queued since last time; one line per group sent together."""
        rows = list(Outbox.select().where(Outbox.id > self.shown).order_by(Outbox.id))
        groups: list[list[Outbox]] = []
        for row in rows:
            self.shown = row.id
            if groups and (groups[-1][0].kind, groups[-1][0].subject) == (row.kind, row.subject):
                groups[-1].append(row)
            else:
                groups.append([row])
        for group in groups:
            first = group[0]
            msg = email.message_from_bytes(first.raw, policy=email.policy.default)
            body = msg.get_body(("plain",))
            lines = [ln.strip() for ln in (body.get_content() if body else "").splitlines()]
            lines = [ln for ln in lines if ln][1:3]
            extra = " [+日历]" if b"text/calendar" in first.raw else ""
            extra += " [+附件]" if b"Content-Disposition: attachment" in first.raw else ""
            names = [r.person.name if r.person else r.recipients[0] for r in group]
            to = "、".join(names) if len(names) <= 3 else f"{'、'.join(names[:3])} 等{len(names)}人"
            self.out(f"  → {local(first.created_at):%m-%d %H:%M} 致 {to}：{first.subject}{extra}")
            for line in lines:
                self.out(f"      {line[:80]}")

    # -- the story ---------------------------------------------------------------------
    def directory(self) -> None:
        now = clock.now()
        companies = {
            "甲方": Company.create(
                name="云启科技",
                domains=["yunqi.example.cn"],
                region="CN",
                management_cc=["mgmt@yunqi.example.cn"],
                created_at=now,
            ),
            "乙方": Company.create(
                name="星河数据", domains=["xinghe.example.cn"], region="CN", created_at=now
            ),
            "丙方": Company.create(
                name="明道传媒", domains=["mingdao.example.cn"], region="CN", created_at=now
            ),
        }
        rows = (
            ("host", "wang.pm@yunqi.example.cn", "王敏", "甲方", "execution", "项目经理", None),
            ("boss", "zhao.vp@yunqi.example.cn", "赵总", "甲方", "decision", "市场副总裁", None),
            ("recorder", "li.rec@yunqi.example.cn", "李静", "甲方", "support", "助理", None),
            (
                "tech",
                "zhang.cto@yunqi.example.cn",
                "张伟",
                "甲方",
                "execution",
                "技术负责人",
                "boss",
            ),
            ("legal", "liu.law@yunqi.example.cn", "刘洋", "甲方", "support", "法务专员", None),
            ("yi_boss", "chen.ceo@xinghe.example.cn", "陈总", "乙方", "decision", "CEO", None),
            ("yi_pm", "lin.fin@xinghe.example.cn", "林峰", "乙方", "execution", "财务经理", None),
            ("bing_boss", "zhou.gm@mingdao.example.cn", "周总", "丙方", "decision", "总经理", None),
            (
                "bing_pm",
                "wu.eng@mingdao.example.cn",
                "吴工",
                "丙方",
                "execution",
                "数据工程师",
                None,
            ),
        )
        for key, address, name, party, tier, title, manager in rows:
            self.people[key] = Person.create(
                email=address,
                name=name,
                company=companies[party],
                tier=tier,
                title=title,
                timezone="Asia/Shanghai",
                manager=self.people.get(manager) if manager else None,
                created_at=now,
            )
        self.companies = companies

    def prepare(self) -> None:
        p = self.people
        self.at(START, "筹备：王敏把会议筹备表发给服务地址")
        self.send(self.mail(p["host"], "会议筹备表", PREP_FORM))
        self.meeting = Meeting.get(Meeting.title == MEETING_TITLE)

    def poll(self) -> None:
        p = self.people
        self.at(START + timedelta(hours=2), "参会人回复投票")
        for key, answer in (
            ("yi_boss", "1"),
            ("bing_boss", "1、2"),
            ("boss", "1"),
            ("yi_pm", "都可以"),
            ("bing_pm", "1"),
            ("tech", "1"),
        ):
            self.reply(self.last("poll", p[key]), p[key], answer)
        self.at(START + timedelta(hours=3), "主持人确认时间：回复“选1”")
        self.reply(self.last("poll", p["host"]), p["host"], "选1")

    def before(self) -> None:
        p = self.people
        self.at(START + timedelta(hours=4), "回复邀请")
        for key in ("yi_boss", "bing_boss", "yi_pm", "tech"):
            self.reply(self.last("invitation", p[key]), p[key], "参加")
        self.tick(MEETING_START - timedelta(days=3), "T−3：议程与材料")
        self.tick(MEETING_START - timedelta(days=1), "T−1：给主持人的回复汇总")

    def minutes(self) -> None:
        p = self.people
        self.at(MEETING_START + timedelta(hours=2), "会后：李静发来纪要（指南的三条记录）")
        self.send(self.mail(p["recorder"], f"[{self.meeting.ref}] 会议纪要", GUIDE_MINUTES))
        self.at(MEETING_START + timedelta(hours=2, minutes=10), "李静确认草稿")
        self.reply(self.last("minutes_draft", p["recorder"]), p["recorder"], "确认")
        self.at(MEETING_START + timedelta(hours=3), "确认与一条异议")
        for key in ("bing_boss", "tech", "legal", "boss"):
            self.reply(self.last("minutes_formal", p[key]), p[key], "收到，无异议。")
        self.reply(
            self.last("minutes_formal", p["yi_pm"]),
            p["yi_pm"],
            "收到。第1条：补充协议需要法务审核，2个工作日来不及，请改为3个工作日。",
        )
        self.at(MEETING_START + timedelta(hours=4), "李静回复修订版（v2）")
        self.reply(self.last("minutes_objection", p["recorder"]), p["recorder"], CORRECTED_MINUTES)
        self.at(MEETING_START + timedelta(hours=4, minutes=5), "李静核对修订稿后确认，发出第2版")
        self.reply(self.last("minutes_draft", p["recorder"]), p["recorder"], "确认")
        self.at(MEETING_START + timedelta(hours=5), "对 v2 的确认")
        for key in ("yi_pm", "yi_boss", "bing_boss", "tech"):
            self.reply(self.last("minutes_formal", p[key]), p[key], "收到，无异议")

    def tracking(self) -> None:
        p = self.people
        day = timedelta(days=1)
        v2_sent = MEETING_START + timedelta(hours=4)
        morning = datetime(2026, 11, 25, 1, 5, tzinfo=UTC)  # Wed 09:05 Shanghai
        policy = self.cfg.policy
        self.tick(
            v2_sent + timedelta(hours=policy.ack_reminder_hours, minutes=5), "v2 未确认者提醒一次"
        )
        self.tick(
            v2_sent + timedelta(hours=policy.objection_window_hours, minutes=5),
            "异议期结束：纪要定稿",
        )
        self.tick(morning, "周三：任务到期日")
        self.tick(morning + day, "周四：《数据对接标准文档》逾期；其他事项到期前提醒")
        self.at(morning + day + timedelta(hours=1), "刘洋答复法律问题（答复转给提出问题的丙方）")
        self.reply(
            self.last("item_before", p["legal"]),
            p["legal"],
            "法律意见：宣传物料版权归甲方所有，乙方、丙方可在合作期内使用，需署名三方。",
        )
        self.tick(morning + day + timedelta(hours=7), "周四 16:05：周五同步会邀请")
        self.tick(morning + 2 * day, "周五：逾期第2天（指南的原话）")
        self.at(morning + 2 * day + timedelta(hours=1), "张伟回复逾期原因")
        self.reply(
            self.last("item_overdue", p["tech"]),
            p["tech"],
            "原因：乙方接口字段还在调整，文档在等最终字段。",
        )
        self.at(morning + 2 * day + timedelta(hours=8), "林峰：补充协议已签")
        self.reply(self.last("item_due", p["yi_pm"]), p["yi_pm"], "已完成，补充协议已签署。")
        self.reply(self.last("acceptance_request", p["host"]), p["host"], "验收通过")
        self.tick(morning + 5 * day, "周一：逾期3个工作日→升级给上级和主持人；周跟踪表")
        self.at(morning + 5 * day + timedelta(hours=3), "张伟提交交付物")
        self.reply(
            self.last("item_overdue", p["tech"]),
            p["tech"],
            "已完成，文档见附件。",
            attachments=[DELIVERABLE],
        )
        self.at(morning + 5 * day + timedelta(hours=5), "乙方验收")
        self.reply(self.last("acceptance_request", p["yi_pm"]), p["yi_pm"], "验收通过")
        self.tick(morning + 6 * day + timedelta(hours=7), "会后7天：复盘")
        self.at(morning + 6 * day + timedelta(hours=8), "王敏回复复盘")
        self.reply(
            self.last("retro_request", p["host"]),
            p["host"],
            "做得好：议程清晰，三方决策人都到场\n需改进：数据对接文档应在会前准备初稿\n",
        )
        self.tick(
            morning + 8 * day + timedelta(hours=7), "下周四 16:05：没有未完成事项，同步会取消"
        )

    def table(self) -> None:
        from service import tracking_table
        from service.cli.common import table

        self.out("\n=== 最终任务跟踪表")
        items = list(
            Item.select()
            .where(Item.owner.is_null(False), Item.status != "cancelled")
            .order_by(Item.id)
        )
        rows = tracking_table.rows(items, clock.now(), self.cfg, "zh")
        lines: list[str] = []

        class _Out:
            def write(self, s: str) -> None:
                lines.append(s)

        table(
            tracking_table.headers("zh"),
            [[r[c] for c in tracking_table.COLUMNS] for r in rows],
            out=_Out(),
        )
        for line in "".join(lines).splitlines():
            self.out(line)

    def run(self) -> dict[str, int]:
        from service.workflows.registry import load_all

        store_db.connect(self.cfg.store_url)
        schema.upgrade()
        load_all()
        try:
            clock.set_now(START)
            with store_db.write_txn():
                self.directory()
            self.prepare()
            self.poll()
            self.before()
            self.minutes()
            self.tracking()
            self.table()
            return {
                "mails": Outbox.select().count(),
                "accepted": Item.select().where(Item.status == "accepted").count(),
            }
        finally:
            clock.set_now(None)


def run_demo(out: Printer = print, folder: Path | None = None) -> dict[str, int]:
    """Play the example on a temporary store (removed afterwards unless `folder`)."""
    if folder is not None:
        return Demo(folder, out).run()
    with tempfile.TemporaryDirectory(prefix="meetloop-demo-") as tmp:
        try:
            return Demo(Path(tmp), out).run()
        finally:
            store_db.db.close()
