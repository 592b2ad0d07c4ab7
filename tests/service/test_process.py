"""Processing stored mail: dispatch, one transaction, retries, stale rows, bounces, the CLI."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest

from service import process
from service.cli import main
from service.config import load
from service.mail import Thread, queue_mail
from service.workflows.registry import REPLY_HANDLERS, Incoming
from store import db as store_db
from store.db import write_txn
from store.models import AuditLog, Company, InboundMessage, Meeting, Outbox, Person, PersonAlias
from store.queries import audit
from tests.conftest import PG_URL, make_config
from tests.support.command import write_config
from tests.support.flow import Flow

FIXTURES = Path(__file__).parent.parent / "fixtures" / "routing"
KIND = "zztest"  # a thread kind only these tests handle
ADMIN = "ops@alliance.example.cn"


@pytest.fixture
def flow(cfg):
    with Flow(cfg) as f:
        yield f


@pytest.fixture
def handled(monkeypatch):
    """A reply handler for KIND that records what it saw, and may be told to fail."""
    seen: list[Incoming] = []
    state = {"fail": 0}

    def handler(incoming: Incoming) -> None:
        seen.append(incoming)
        with write_txn():  # a savepoint inside the processor's transaction
            Company.create(name=f"made-{len(seen)}", created_at=incoming.now)
            queue_mail(
                incoming.config,
                key=f"zz:{incoming.message.id}",
                to=incoming.sender,
                template="help",
                context={},
                now=incoming.now,
            )
            audit("zz.changed", at=incoming.now, actor=incoming.sender, message=incoming.message)
        if state["fail"]:
            state["fail"] -= 1
            raise RuntimeError("handler broke")

    monkeypatch.setitem(REPLY_HANDLERS, KIND, handler)
    return seen, state


def _our_mail(flow: Flow, person: Person, n: int = 1) -> Outbox:
    with write_txn():
        return queue_mail(
            flow.cfg,
            key=f"ours:{n}",
            to=person,
            template="help",
            context={},
            now=flow.now,
            thread=Thread(KIND, n),
        )


def test_reply_by_token_reaches_the_handler_and_commits_with_its_mail(flow, handled):
    seen, _ = handled
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    ours = _our_mail(flow, zhang, 5)
    row = flow.reply_to(ours, zhang, "收到")
    assert (row.status, row.route, row.error) == ("done", f"{KIND}:5", "")
    [incoming] = seen
    assert (incoming.sender, incoming.routed_by, incoming.thread_id) == (zhang, "token", 5)
    assert incoming.token_person_id == zhang.id
    assert "收到" in incoming.mail.text
    assert Company.select().count() == 1
    assert Outbox.select().where(Outbox.key == f"zz:{row.id}").exists()


@pytest.fixture
def admin_flow(tmp_path):
    with Flow(make_config(tmp_path, service={"admins": [ADMIN]})) as f:
        yield f


def test_failing_handler_rolls_back_retries_with_backoff_then_fails(admin_flow, handled):
    flow = admin_flow
    seen, state = handled
    state["fail"] = 99
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    row = flow.reply_to(_our_mail(flow, zhang), zhang, "收到")
    assert (row.status, row.attempts) == ("failed", 1)
    assert "RuntimeError: handler broke" in row.error
    assert row.next_attempt_at == flow.now + process.RETRY_DELAYS[0]
    # nothing of the failed attempt is left: no state change, no mail, no audit
    assert Company.select().count() == 0
    assert not Outbox.select().where(Outbox.key.startswith("zz:")).exists()
    assert not AuditLog.select().where(AuditLog.action == "zz.changed").exists()
    # not due yet: nothing runs
    assert process.process_pending(flow.cfg) == 0
    for attempt in range(2, process.MAX_ATTEMPTS + 1):
        flow.at(InboundMessage.get_by_id(row.id).next_attempt_at)
        assert process.process_pending(flow.cfg) == 1
        assert InboundMessage.get_by_id(row.id).attempts == attempt
    final = InboundMessage.get_by_id(row.id)
    assert (final.status, final.next_attempt_at) == ("failed", None)
    assert len(seen) == process.MAX_ATTEMPTS
    # the admin is told once; the sender sees no error
    [notice] = flow.outbox(to=ADMIN)
    assert notice.kind == "inbox_failed" and f"meetloop inbox retry {row.id}" in notice.text
    assert "RuntimeError: handler broke" in notice.text
    assert [m.kind for m in flow.outbox(to=zhang)] == ["help"]  # only our own first mail
    flow.at(flow.now + timedelta(days=30))
    assert process.process_pending(flow.cfg) == 0
    assert process.stale_messages(flow.now) == []


def test_unknown_sender_with_a_valid_token_changes_nothing(flow, handled):
    seen, _ = handled
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    ours = _our_mail(flow, zhang)
    row = flow.reply_to(ours, "Colleague <wang@yunqi.example.cn>", "我来替他回复")
    assert (row.status, row.intent, row.route) == ("ignored", "unknown_sender", f"{KIND}:1")
    assert seen == []
    assert [m.kind for m in flow.outbox(to="wang@yunqi.example.cn")] == ["unknown_sender"]


def test_forged_token_is_ignored_and_the_mail_is_new(flow, handled):
    seen, _ = handled
    zhang = flow.person("zhang@yunqi.example.cn", "张三", language="en")
    _our_mail(flow, zhang, 3)
    forged_to = flow.outbox()[0].reply_to.replace(f"{KIND}-3-", f"{KIND}-4-")
    row = flow.send(flow.mail(zhang, forged_to, "Re: hello", "done"))
    assert seen == []
    assert (row.route, row.intent) == ("intake:help.send_help", "help")


def test_dmarc_fail_from_trusted_host_is_unknown_and_not_answered(tmp_path):
    cfg = make_config(tmp_path, smtp={"trusted_auth_hosts": ["mx.alliance.example.cn"]})
    with Flow(cfg) as flow:
        flow.person("zhang@yunqi.example.cn", "张三")
        row = flow.send((FIXTURES / "dmarc_fail.eml").read_bytes(), rcpt=[flow.address])
        assert (row.status, row.intent) == ("ignored", "unknown_sender")
        [entry] = AuditLog.select().where(AuditLog.action == "mail.unknown_sender")
        assert entry.detail["authentication_failed"] is True
        assert Outbox.select().count() == 0  # no backscatter to a forged address


def test_auto_reply_to_our_thread_is_not_handled(flow, handled):
    seen, _ = handled
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    ours = _our_mail(flow, zhang)
    reply = flow.build_reply(ours, zhang, "我正在休假，11月30日返回。", subject="自动回复: 你好")
    row = flow.send(reply)
    assert (row.status, row.intent) == ("ignored", "auto_reply")
    assert seen == []


def test_bounce_marks_the_person_and_tells_the_host(flow):
    host = flow.person("host@alliance.example.cn", "王主持", language="en")
    li = flow.person("li.si@yunqi.example.cn", "李四")
    with write_txn():
        now = flow.now
        meeting = Meeting.create(
            ref="M-0001", title="联合营销方案对齐会", host=host, ical_uid="u1",
            created_at=now, updated_at=now,
        )  # fmt: skip
        invite = queue_mail(
            flow.cfg, key="inv:1", to=li, template="help", context={}, now=now,
            meeting=meeting, thread=Thread("meeting", meeting.id),
        )  # fmt: skip
        Outbox.update(message_id="<ml.0123456789abcdef01234567@alliance.example.cn>").where(
            Outbox.id == invite.id
        ).execute()
    raw = (FIXTURES / "dsn_bounce.eml").read_bytes()
    row = flow.send(raw, sender="", rcpt=[flow.address])
    assert (row.status, row.intent, row.route) == ("done", "bounce", f"meeting:{meeting.id}")
    li = Person.get_by_id(li.id)
    assert li.bounced_at == flow.now and "5.1.1" in li.bounce_reason
    [notice] = flow.outbox(to=host, kind="bounce_notice")
    assert "li.si@yunqi.example.cn" in notice.text and "M-0001" in notice.subject
    assert AuditLog.select().where(AuditLog.action == "person.bounced").count() == 1
    # the daemon gets no answer; a second bounce the same day tells the host nothing new
    flow.send(raw.replace(b"<20261123022002.4Xq2AB0C1Dz9v@", b"<second@"), sender="")
    assert len(flow.outbox(kind="bounce_notice")) == 1
    assert flow.outbox(to="mailer-daemon@mx.yunqi.example.cn") == []


def test_stale_processing_and_forgotten_new_rows_are_found_again(flow):
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    a = flow.send(flow.mail(zhang, flow.address, "a", "x"), process=False)
    b = flow.send(flow.mail(zhang, flow.address, "b", "y"), process=False)
    assert process.stale_messages(flow.now) == []  # just stored: its task is queued
    # a worker claimed `a` and was killed; `b` was never queued
    assert process._claim(a.id, flow.now, force=False)
    later = flow.now + max(process.PROCESSING_LEASE, process.NEW_STALE_AFTER)
    assert process.stale_messages(later) == [a.id, b.id]
    flow.at(later)
    assert process.process_pending(flow.cfg) == 2
    assert [InboundMessage.get_by_id(i).status for i in (a.id, b.id)] == ["done", "done"]
    assert InboundMessage.get_by_id(a.id).attempts == 2


def test_a_message_that_keeps_killing_workers_is_given_up(flow):
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    row = flow.send(flow.mail(zhang, flow.address, "poison", "x"), process=False)
    now = flow.now
    for _ in range(process.MAX_ATTEMPTS):
        assert process._claim(row.id, now, force=False)  # ...and the worker dies
        now += process.PROCESSING_LEASE
    assert process.process_message(row.id, flow.cfg, now=now) == "failed"
    final = InboundMessage.get_by_id(row.id)
    assert final.next_attempt_at is None and "worker stopped" in final.error


def test_claimed_message_is_not_processed_twice(flow):
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    row = flow.send(flow.mail(zhang, flow.address, "once", "x"), process=False)
    assert process._claim(row.id, flow.now, force=False)
    assert process.process_message(row.id, flow.cfg) == process.SKIPPED
    assert process.process_message(row.id, flow.cfg, force=True) == process.SKIPPED


def test_inbox_cli_lists_shows_and_retries(tmp_path, handled, capsys):
    seen, state = handled
    path = write_config(tmp_path, service={"address": "meet@alliance.example.cn", "secret": "s3"})
    cfg = load(path)
    with Flow(cfg) as flow:
        zhang = flow.person("zhang@yunqi.example.cn", "张三")
        state["fail"] = 1
        row = flow.reply_to(_our_mail(flow, zhang), zhang, "进度50%")
        assert row.status == "failed"
        ok = flow.send(flow.mail(zhang, flow.address, "你好", "在吗"))
        capsys.readouterr()
        assert main(["--config", str(path), "inbox", "--failed"]) == 0
        listed = capsys.readouterr().out
        assert f"\n{row.id} " in listed and "handler broke" in listed
        assert f"\n{ok.id} " not in listed
        assert main(["--config", str(path), "inbox", "list", "--json"]) == 0
        assert '"intent": "help"' in capsys.readouterr().out
        assert main(["--config", str(path), "inbox", "show", str(row.id)]) == 0
        shown = capsys.readouterr().out
        assert "status: failed" in shown and f"route: {KIND}:1" in shown
        assert "RuntimeError: handler broke" in shown and "进度50%" in shown
        # retry runs it now, synchronously, although its back-off has not passed
        assert main(["--config", str(path), "inbox", "retry", str(row.id)]) == 0
        assert "done" in capsys.readouterr().out
        assert InboundMessage.get_by_id(row.id).status == "done" and len(seen) == 2
        assert main(["--config", str(path), "inbox", "retry", str(row.id)]) == 2
        assert "already processed" in capsys.readouterr().err
        # a stranger's mail, ignored; once the address is added as an alias, run it again
        wang = flow.send(flow.mail("wang@yunqi.example.cn", flow.address, "你好", "在吗"))
        assert wang.status == "ignored"
        with write_txn():
            PersonAlias.create(person=zhang, email="wang@yunqi.example.cn")
        assert main(["--config", str(path), "inbox", "retry", str(wang.id)]) == 0
        assert InboundMessage.get_by_id(wang.id).intent == "help"
        assert main(["--config", str(path), "inbox", "show", "999"]) == 2
        assert "no received message 999" in capsys.readouterr().err


def test_same_processing_on_postgresql(tmp_path, pg_store, handled):
    """Claims use UPDATE … RETURNING and the outcome commits with the mails: on PG too."""
    seen, state = handled
    cfg = make_config(tmp_path, store={"url": PG_URL})
    with Flow(cfg) as flow:
        zhang = flow.person("zhang@yunqi.example.cn", "张三")
        state["fail"] = 1
        row = flow.reply_to(_our_mail(flow, zhang), zhang, "收到")
        assert (row.status, row.attempts) == ("failed", 1)
        assert process.process_message(row.id, cfg) == process.SKIPPED  # not due yet
        flow.at(row.next_attempt_at)
        assert process.process_pending(cfg) == 1
        assert InboundMessage.get_by_id(row.id).status == "done" and len(seen) == 2
        stranger = flow.send(flow.mail("x@nowhere.example.org", flow.address, "Hi", "hello"))
        assert (stranger.status, stranger.intent) == ("ignored", "unknown_sender")
        assert [m.kind for m in flow.outbox(to="x@nowhere.example.org")] == ["unknown_sender"]


def test_a_workflow_that_cannot_be_imported_fails_the_message_with_its_error(flow, monkeypatch):
    def broken() -> None:
        raise ImportError("cannot import name 'x' from 'service.workflows.half_written'")

    monkeypatch.setattr(process, "_workflows_loaded", False)
    monkeypatch.setattr(process.registry, "load_all", broken)
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    row = flow.send(flow.mail(zhang, flow.address, "你好", "在吗"))
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.error.startswith("ImportError: cannot import name 'x'")
    assert row.next_attempt_at is not None and flow.outbox() == []


def test_two_workers_on_the_same_messages_act_once_each(flow, handled):
    """Duplicated tasks (a sweep re-queue racing the original) never act twice."""
    seen, _ = handled
    zhang = flow.person("zhang@yunqi.example.cn", "张三")
    ours = _our_mail(flow, zhang)
    ids = [
        flow.send(flow.build_reply(ours, zhang, f"第{n}条"), process=False).id for n in range(12)
    ]
    outcomes: list[str] = []

    def worker() -> None:
        for message_id in ids:
            outcomes.append(process.process_message(message_id, flow.cfg))
        store_db.db.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(i.message.id for i in seen) == ids
    assert outcomes.count("done") == len(ids)
    assert outcomes.count(process.SKIPPED) == len(ids)
    assert Company.select().count() == len(ids)


def test_a_forged_bounce_marks_nobody(tmp_path):
    cfg = make_config(tmp_path, smtp={"trusted_auth_hosts": ["mx.alliance.example.cn"]})
    with Flow(cfg) as flow:
        li = flow.person("li.si@yunqi.example.cn", "李四")
        forged = (
            b"Authentication-Results: mx.alliance.example.cn; dkim=none;"
            b" dmarc=fail header.from=mx.yunqi.example.cn\r\n"
        ) + (FIXTURES / "dsn_bounce.eml").read_bytes()
        row = flow.send(forged, sender="", rcpt=[flow.address])
        assert (row.status, row.intent) == ("done", "bounce")
        assert Person.get_by_id(li.id).bounced_at is None
        [entry] = flow.audits("mail.bounce")
        assert entry.detail["authentication_failed"] is True
        assert flow.outbox() == []
