"""Help, unknown senders and bounces, end to end through real SMTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from service.entitlement import explain_not_entitled
from service.mail import Thread, queue_mail
from service.workflows.help import HELP_MAILS_PER_DAY
from service.workflows.registry import REPLY_HANDLERS, Incoming
from store.db import write_txn
from store.models import ALL_MODELS, AuditLog, InboundMessage, Meeting, Outbox, Person
from tests.conftest import make_config
from tests.support.flow import Flow, parse_sent


@pytest.fixture
def flow(cfg):
    with Flow(cfg) as f:
        yield f


def test_known_person_gets_help_in_their_language(flow):
    alice = flow.person("alice@partner.example.com", "Alice", language="en")
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    en = flow.send(flow.mail(alice, flow.address, "Hello", "What can you do?"))
    zh = flow.send(flow.mail(zhang, flow.address, "你好", "请问怎么用？"))
    assert (en.status, en.intent, zh.status, zh.intent) == ("done", "help", "done", "help")
    [to_alice] = flow.outbox(to=alice, kind="help")
    [to_zhang] = flow.outbox(to=zhang, kind="help")
    assert to_alice.subject == "How to use meetloop"
    assert "Hello" in to_alice.text and "Dear Alice" in to_alice.text
    assert to_zhang.subject == "meetloop 使用说明"
    assert "张三，您好" in to_zhang.text
    # it answers their mail in their client's thread, and replies come back to "help"
    assert to_alice.header("In-Reply-To") == InboundMessage.get_by_id(en.id).message_id
    assert "+help-" in to_alice.reply_to


def test_help_lands_in_the_maildir(flow):
    alice = flow.person("alice@partner.example.com", "Alice", language="en")
    flow.send(flow.mail(alice, flow.address, "Hello", "What can you do?"))
    assert flow.deliver() == 1
    [delivered] = flow.delivered()
    assert delivered["Subject"] == "How to use meetloop"
    assert delivered["To"].addresses[0].addr_spec == "alice@partner.example.com"
    assert "reply to a mail I sent you" in delivered.get_body(("plain",)).get_content()
    assert flow.deliver() == 0  # delivered once


def test_unknown_sender_changes_nothing_and_is_told_once_a_day(flow):
    flow.person("zhang@yunqi.example.cn", "张三")
    state = [m for m in ALL_MODELS if m not in (AuditLog, InboundMessage, Outbox)]
    before = {m.__name__: m.select().count() for m in state}
    first = flow.send(flow.mail("Stranger <x@nowhere.example.org>", flow.address, "Hi", "hello"))
    second = flow.send(flow.mail("x@nowhere.example.org", flow.address, "Again", "hello?"))
    assert (first.status, first.intent) == ("ignored", "unknown_sender")
    assert second.status == "ignored"
    assert {m.__name__: m.select().count() for m in state} == before
    explained = flow.outbox(to="x@nowhere.example.org")
    assert [m.kind for m in explained] == ["unknown_sender"]
    assert explained[0].subject.startswith("We could not act on your mail")
    audits = AuditLog.select().where(AuditLog.action == "mail.unknown_sender")
    assert [a.actor_text for a in audits] == ["x@nowhere.example.org"] * 2
    # the next local day: one more explanation
    flow.at(flow.now + timedelta(days=1))
    flow.send(flow.mail("x@nowhere.example.org", flow.address, "你好", "在吗"))
    kinds = [m.subject for m in flow.outbox(to="x@nowhere.example.org")]
    assert len(kinds) == 2 and kinds[1].startswith("无法处理您的邮件")


def test_auto_reply_from_unknown_sender_gets_no_answer(flow):
    flow.send(
        flow.mail(
            "x@nowhere.example.org",
            flow.address,
            "自动回复: 你好",
            "我正在休假",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )
    row = InboundMessage.get()
    assert (row.status, row.intent) == ("ignored", "auto_reply")
    assert Outbox.select().count() == 0


def test_list_mail_is_never_answered(flow):
    flow.send(
        flow.mail(
            "news@lists.example.org", flow.address, "Weekly news", "…", headers={"List-Id": "<n.x>"}
        )
    )
    assert InboundMessage.get().status == "ignored"
    assert Outbox.select().count() == 0


def test_help_is_capped_per_day(flow):
    """A broken auto-responder answering our help mail cannot start a loop."""
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    for n in range(HELP_MAILS_PER_DAY + 2):
        flow.send(flow.mail(zhang, flow.address, f"第{n}封", "你好"))
    assert len(flow.outbox(to=zhang, kind="help")) == HELP_MAILS_PER_DAY
    assert InboundMessage.select().where(InboundMessage.status == "done").count() == (
        HELP_MAILS_PER_DAY + 2
    )


KIND = "zzguarded"


def test_not_entitled_changes_nothing_and_explains_once_a_day(flow, monkeypatch):
    """What a workflow handler does for a known person who may not act here."""
    owner = flow.person("owner@yunqi.example.cn", "李四")
    other = flow.person("bob@partner.example.com", "Bob", language="en")

    def guarded(incoming: Incoming) -> None:
        if incoming.sender != owner:
            explain_not_entitled(
                incoming,
                {"zh": "任务负责人", "en": "the task's owner"},
                people=[owner],
                what={"zh": "更新进度", "en": "update the progress"},
            )

    monkeypatch.setitem(REPLY_HANDLERS, KIND, guarded)
    with write_txn():
        ours = queue_mail(
            flow.cfg, key="t", to=owner, template="help", context={}, now=flow.now,
            thread=Thread(KIND, 1),
        )  # fmt: skip
    first = flow.reply_to(ours, other, "It is 80% done", to=parse_sent(ours).reply_to)
    flow.reply_to(ours, other, "Now 90%")
    assert (first.status, first.intent, first.route) == ("done", "not_entitled", f"{KIND}:1")
    [told] = flow.outbox(to=other)
    assert told.kind == "not_entitled"
    assert "can only be done by the task's owner (李四)" in told.text
    assert '"update the progress"' in told.text
    audits = flow.audits("mail.not_entitled")
    assert len(audits) == 2 and audits[0].actor_id == other.id
    assert audits[0].detail["people"] == ["owner@yunqi.example.cn"]


def test_a_conversation_that_only_copies_us_is_left_alone(flow):
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    row = flow.send(
        flow.mail(zhang, "li@partner.example.com", "周报", "附上周报。", cc=[flow.address])
    )
    assert (row.status, row.intent) == ("done", "copied")
    assert flow.outbox() == []


def test_a_reply_to_the_help_mail_goes_through_intake_again(flow):
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    flow.send(flow.mail(zhang, flow.address, "你好", "怎么用？"))
    [help_mail] = flow.outbox(to=zhang, kind="help")
    row = flow.reply_to(help_mail, zhang, "还是不太明白")
    assert (row.route, row.intent) == (f"help:{zhang.id}", "help")
    assert len(flow.outbox(to=zhang, kind="help")) == 2


def test_a_bounce_naming_nobody_blames_the_bounced_mails_recipient(flow):
    host = flow.person("host@alliance.example.cn", "王主持")
    li = flow.person("li.si@yunqi.example.cn", "李四")
    with write_txn():
        meeting = Meeting.create(
            ref="M-0003", title="周会", host=host, ical_uid="u3",
            created_at=flow.now, updated_at=flow.now,
        )  # fmt: skip
        invite = queue_mail(
            flow.cfg, key="inv", to=li, template="help", context={}, now=flow.now,
            meeting=meeting, thread=Thread("meeting", meeting.id),
        )  # fmt: skip
    bounce = flow.mail(
        "Mail Delivery System <MAILER-DAEMON@mx.yunqi.example.cn>",
        flow.address,
        "Undelivered Mail Returned to Sender",
        "Your message could not be delivered: mailbox unavailable.\n\n"
        f"Message-ID: {invite.message_id}\n",
    )
    row = flow.send(bounce, sender="")  # a DSN's null envelope sender
    assert (row.intent, row.route) == ("bounce", f"meeting:{meeting.id}")
    assert Person.get_by_id(li.id).bounced_at == flow.now
    [notice] = flow.outbox(to=host, kind="bounce_notice")
    assert "li.si@yunqi.example.cn" in notice.text


@pytest.mark.parametrize("allowed", [0, 2])
def test_explanations_per_day_follow_the_policy(tmp_path, allowed):
    cfg = make_config(tmp_path, policy={"unknown_sender_replies_per_day": allowed})
    with Flow(cfg) as flow:
        for n in range(3):
            flow.send(flow.mail("x@nowhere.example.org", flow.address, f"Hi {n}", "hello"))
        assert len(flow.outbox(to="x@nowhere.example.org")) == allowed
        assert len(flow.audits("mail.unknown_sender")) == 3


def test_flow_builds_replies_like_a_client(flow):
    """The harness itself: threading headers, quoting, attachments, a calendar part."""
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    flow.send(flow.mail(zhang, flow.address, "你好", "怎么用？"))
    [ours] = flow.outbox(to=zhang)
    ics = "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n"
    reply = flow.build_reply(
        ours, zhang, "收到", attachments=[("报告.pdf", "application/pdf", b"%PDF-1.4")],
        calendar=(ics, "REPLY"),
    )  # fmt: skip
    assert reply["To"] == ours.reply_to and reply["In-Reply-To"] == ours.message_id
    assert reply["Subject"] == f"Re: {ours.subject}"
    assert ours.message_id in reply["References"]
    body = reply.get_body(("plain",)).get_content()
    assert body.startswith("收到\n\n-----原始邮件-----\n发件人: ")
    types = [p.get_content_type() for p in reply.walk()]
    assert "text/calendar" in types and "application/pdf" in types
    [attachment] = list(reply.iter_attachments())
    assert attachment.get_filename() == "报告.pdf"


@pytest.mark.parametrize(
    "sender",
    ["meet@alliance.example.cn", "meet+help-1-2-abc@alliance.example.cn", "no-reply@x.org"],
)
def test_ourselves_and_robots_are_never_answered(flow, sender):
    row = flow.send(flow.mail(sender, flow.address, "Hello", "loop?"))
    assert (row.status, row.intent) == ("ignored", "unknown_sender")
    assert flow.outbox() == []
