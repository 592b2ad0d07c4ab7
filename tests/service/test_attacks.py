"""Attacks through the real receiver (SMTP over loopback, a SQLite store):
each one must change nothing and answer nobody it should not.

Items of issue 12: 3 (bulk and list mail is never answered), 4 (a forged
bounce changes nothing), 5 (only our own addresses are accepted), 6 (size
limits that fit together), 7 (no sender forged by an encoded display name),
8 (doctor warns when forged From could act), plus token tampering and
actions across companies.
"""

from __future__ import annotations

import base64
import smtplib

import pytest

from store.models import AuditLog, InboundMessage, Outbox, Person
from tests.conftest import make_config
from tests.support.flow import Flow
from tests.support.smtp import running_receiver, send


def _b64_word(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


@pytest.fixture
def flow(cfg):
    with Flow(cfg) as running:
        yield running


# ---------------------------------------------------------- 5: who we accept


def test_only_the_service_address_its_tokens_aliases_and_postmaster_are_accepted(tmp_path, store):
    cfg = make_config(tmp_path, smtp={"aliases": ["meetings"]})
    raw = b"From: x@partner.example.cn\r\nSubject: hi\r\nMessage-ID: <a5@p>\r\n\r\nhello\r\n"
    ours = [
        "meet@alliance.example.cn",
        "MEET+m-1-7-abc@alliance.example.cn",
        "meetings@alliance.example.cn",
        "postmaster@alliance.example.cn",
    ]
    with running_receiver(cfg) as receiver:
        refused = send(receiver, raw, to=[*ours, "boss@alliance.example.cn"])
        assert list(refused) == ["boss@alliance.example.cn"]
        assert refused["boss@alliance.example.cn"][0] == 550
        assert b"5.1.1" in refused["boss@alliance.example.cn"][1]
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            send(receiver, raw.replace(b"<a5@p>", b"<a5b@p>"), to=["ceo@alliance.example.cn"])
    (row,) = InboundMessage.select()
    assert row.envelope_to == ours
    assert Outbox.select().count() == 0  # nobody is told anything for a refused address


# ---------------------------------------------------------- 7: the sender


def test_an_encoded_display_name_cannot_become_the_sender(flow):
    victim = flow.person("victim@yunqi.example.cn", "受害人")
    name = _b64_word(f"Evil\r\nBcc: {victim.email}")
    raw = (
        f"From: {name} <attacker@evil.example.org>\r\nTo: {flow.address}\r\n"
        "Subject: hello\r\nMessage-ID: <enc-1@evil.example.org>\r\n\r\n你好\r\n"
    ).encode()
    row = flow.send(raw, sender="attacker@evil.example.org", rcpt=[flow.address])
    assert row.sender == "attacker@evil.example.org"
    assert (row.status, row.intent) == ("ignored", "unknown_sender")
    assert flow.outbox(to=victim) == []


def test_an_encoded_word_in_place_of_the_address_is_no_address(flow):
    victim = flow.person("victim@yunqi.example.cn", "受害人")
    raw = (
        f"From: {_b64_word(victim.email)}\r\nTo: {flow.address}\r\n"
        "Subject: hello\r\nMessage-ID: <enc-2@evil.example.org>\r\n\r\n帮助\r\n"
    ).encode()
    row = flow.send(raw, sender="attacker@evil.example.org", rcpt=[flow.address])
    assert row.sender == ""
    assert row.status == "ignored"
    assert flow.outbox(to=victim) == []
    assert not AuditLog.select().where(AuditLog.actor == victim).exists()


# ---------------------------------------------------------- 3: lists and bulk


@pytest.mark.parametrize(
    "header",
    [
        ("Precedence", "bulk"),
        ("List-Id", "<partners.lists.yunqi.example.cn>"),
        ("List-Unsubscribe", "<mailto:leave@lists.yunqi.example.cn>"),
    ],
)
def test_list_and_bulk_mail_from_a_known_person_is_not_answered(flow, header):
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    row = flow.send(
        flow.mail(zhang, flow.address, "周报", "本周进展见附件", headers=dict([header]))
    )
    assert row.status == "done"
    assert flow.outbox(to=zhang) == []
    # the same person writing directly still gets the help mail
    flow.send(flow.mail(zhang, flow.address, "你好", "怎么用？"))
    assert [m.kind for m in flow.outbox(to=zhang)] == ["help"]


# ---------------------------------------------------------- 4: forged bounces


def _meeting_mail_to(flow, person):
    from service.mail import Thread, queue_mail
    from store.db import write_txn
    from store.models import Meeting

    host = flow.person("host@alliance.example.cn", "王主持")
    with write_txn():
        meeting = Meeting.create(
            ref="M-0001", title="周会", host=host, ical_uid="u1",
            created_at=flow.now, updated_at=flow.now,
        )  # fmt: skip
        return queue_mail(
            flow.cfg, key="inv", to=person, template="help", context={}, now=flow.now,
            meeting=meeting, thread=Thread("meeting", meeting.id),
        )  # fmt: skip


def _plain_bounce(flow, failed: str, extra: str = ""):
    return flow.mail(
        "Mail Delivery System <MAILER-DAEMON@mx.evil.example.org>",
        flow.address,
        "Undelivered Mail Returned to Sender",
        f"This is the mail system.\n\n<{failed}>: 550 5.1.1 User unknown\n{extra}",
    )


def test_a_strangers_bounce_about_no_mail_of_ours_changes_nothing(flow):
    li = flow.person("li.si@yunqi.example.cn", "李四")
    _meeting_mail_to(flow, li)
    row = flow.send(_plain_bounce(flow, li.email), sender="")
    assert (row.status, row.intent, row.route) == ("done", "bounce", "")
    assert Person.get_by_id(li.id).bounced_at is None
    assert flow.outbox(kind="bounce_notice") == []
    [entry] = flow.audits("mail.bounce")
    assert entry.detail["refers_to_our_mail"] is False


def test_a_bounce_quoting_our_message_id_needs_a_dsn_envelope(flow):
    li = flow.person("li.si@yunqi.example.cn", "李四")
    ours = _meeting_mail_to(flow, li)
    forged = _plain_bounce(flow, li.email, f"Message-ID: {ours.message_id}\n")
    flow.send(forged, sender="mailer-daemon@mx.evil.example.org")
    assert Person.get_by_id(li.id).bounced_at is None
    assert flow.outbox(kind="bounce_notice") == []


def test_a_real_bounce_to_the_signed_return_path_counts(flow):
    from service import delivery

    li = flow.person("li.si@yunqi.example.cn", "李四")
    ours = _meeting_mail_to(flow, li)
    return_path = delivery.return_path(flow.cfg, ours.id)
    row = flow.send(_plain_bounce(flow, li.email), sender="", rcpt=[return_path])
    assert row.route.startswith("meeting:")
    assert Person.get_by_id(li.id).bounced_at == flow.now
    assert len(flow.outbox(kind="bounce_notice")) == 1
    # a return path with a made-up row or signature names nothing
    tampered = return_path.replace(f"bounce-{ours.id}-", f"bounce-{ours.id + 1}-")
    Person.update(bounced_at=None).where(Person.id == li.id).execute()
    flow.send(_plain_bounce(flow, li.email, "again"), sender="", rcpt=[tampered])
    assert Person.get_by_id(li.id).bounced_at is None


# ---------------------------------------------------------- 6: size limits


def test_the_largest_deliverable_allowed_is_not_refused_by_the_receiver(cfg, store):
    """A file of policy.max_deliverable_bytes, base64 in a mail, fits smtp.max_size."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "zhang@yunqi.example.cn"
    msg["To"] = cfg.service.address
    msg["Subject"] = "交付物"
    msg["Message-ID"] = "<largest-deliverable@yunqi.example.cn>"
    msg.set_content("交付物见附件。")
    payload = bytes(range(256)) * (cfg.policy.max_deliverable_bytes // 256)
    msg.add_attachment(payload, maintype="application", subtype="zip", filename="交付物.zip")
    with running_receiver(cfg) as receiver:
        wire = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))  # as clients send it
        assert send(receiver, wire, to=[cfg.service.address]) == {}
    assert InboundMessage.select().count() == 1


def test_doctor_fails_sizes_that_do_not_fit(tmp_path):
    from service.cli.setup import check_smtp

    assert check_smtp(make_config(tmp_path)).ok is True
    tight = make_config(tmp_path, smtp={"max_size": 26_214_400})
    found = check_smtp(tight)
    assert found.ok is False
    assert "smtp.max_size" in found.detail and "policy.max_deliverable_bytes" in found.detail


# ---------------------------------------------------------- 8: forged From


def test_doctor_warns_a_public_receiver_without_trusted_authentication(tmp_path):
    from service.cli.setup import check_smtp

    public = make_config(tmp_path, smtp={"host": "0.0.0.0"})
    found = check_smtp(public)
    assert found.ok is None and "smtp.trusted_auth_hosts" in found.detail
    assert "authserv-id" in found.fix
    trusted = make_config(
        tmp_path, smtp={"host": "0.0.0.0", "trusted_auth_hosts": ["mx.alliance.example.cn"]}
    )
    assert check_smtp(trusted).ok is True
    assert check_smtp(make_config(tmp_path)).ok is True  # loopback behind the MTA: fine


# ------------------------------------------- token tampering, across companies


def _task_reminder(cfg, flow):
    from datetime import timedelta

    from store.models import Item
    from tests.support.after_meeting import AFTER, confirmed, held_meeting

    held = held_meeting(cfg)
    confirmed(flow, held)
    flow.tick(AFTER + timedelta(minutes=5))
    task = Item.get(Item.kind == "task")
    reminder = [m for m in flow.outbox(to=held.tech) if m.row.item_id == task.id][-1]
    return held, task, reminder


def _unchanged(task) -> bool:
    from store.models import Item, ItemUpdate

    now = Item.get_by_id(task.id)
    changed = ItemUpdate.select().where(ItemUpdate.item == task, ItemUpdate.kind != "created")
    return (now.status, now.percent, now.due_at) == (task.status, task.percent, task.due_at) and (
        not changed.exists()
    )


@pytest.fixture
def held_flow(cfg):
    from tests.support.after_meeting import AFTER

    with Flow(cfg, start=AFTER) as running:
        yield running


def test_another_companys_attendee_cannot_close_a_task_through_its_owners_token(cfg, held_flow):
    held, task, reminder = _task_reminder(cfg, held_flow)
    row = held_flow.reply_to(reminder, held.d.yi_pm, "已完成，进度100%，请验收。")
    assert row.route == f"item:{task.id}"  # the token took it to the task: entitlement refused
    assert _unchanged(task)
    assert held_flow.outbox(to=held.tech, kind="item_closed") == []


def test_a_tampered_token_routes_nowhere_and_changes_nothing(cfg, held_flow):
    held, task, reminder = _task_reminder(cfg, held_flow)
    local, _, domain = reminder.reply_to.partition("@")
    base, _, token = local.partition("+")
    kind, item_id, person_id, signature = token.split("-")
    forged_tokens = [
        f"{kind}-{item_id}-{held.d.yi_pm.id}-{signature}",  # claims to be another reader
        f"{kind}-{int(item_id) + 1}-{person_id}-{signature}",  # another task
        f"{kind}-{item_id}-{person_id}-{'a' * len(signature)}",  # a made-up signature
    ]
    for forged in forged_tokens:
        message = held_flow.mail(
            held.d.yi_pm, f"{base}+{forged}@{domain}", f"Re: {reminder.subject}", "已完成"
        )
        row = held_flow.send(message)
        assert row.status in ("done", "ignored")
    assert _unchanged(task)


def test_forged_from_with_failed_dmarc_cannot_move_a_task(tmp_path):
    from tests.support.after_meeting import AFTER

    cfg = make_config(tmp_path, smtp={"trusted_auth_hosts": ["mx.alliance.example.cn"]})
    with Flow(cfg, start=AFTER) as flow:
        held, task, reminder = _task_reminder(cfg, flow)
        forged = flow.build_reply(reminder, held.tech, "已完成，进度100%")
        forged["Authentication-Results"] = (
            f"mx.alliance.example.cn; dkim=none; dmarc=fail header.from={held.tech.email.split('@')[1]}"
        )
        row = flow.send(forged)
        assert (row.status, row.intent) == ("ignored", "unknown_sender")
        assert _unchanged(task)
