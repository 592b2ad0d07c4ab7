import email
from datetime import UTC, datetime
from email.header import decode_header, make_header

from service import tokens
from service.mail import Thread, queue_mail
from store.db import write_txn
from store.models import Outbox, Person

NOW = datetime(2026, 7, 8, 8, 0, tzinfo=UTC)


def _person(**kw):
    return Person.create(email="zhang@a.example.cn", name="张三", created_at=NOW, **kw)


def test_queue_mail_is_idempotent_and_signed(cfg, store):
    with write_txn():
        p = _person()
        first = queue_mail(
            cfg, key="help:1", to=p, template="help", context={}, now=NOW, thread=Thread("help", 1)
        )
        second = queue_mail(cfg, key="help:1", to=p, template="help", context={}, now=NOW)
    assert first is not None and second is None
    assert Outbox.select().count() == 1
    msg = email.message_from_bytes(Outbox.get().raw)
    assert str(make_header(decode_header(msg["Subject"]))) == "meetloop 使用说明"
    assert msg["Auto-Submitted"] == "auto-generated"
    local, _, _domain = msg["Reply-To"].partition("@")
    token = tokens.parse(cfg.secret(), local.partition("+")[2])
    assert token is not None and (token.thread, token.person_id) == ("help:1", p.id)
    assert tokens.parse(b"other-secret", local.partition("+")[2]) is None
    parts = [part.get_content_type() for part in msg.walk()]
    assert parts == ["multipart/alternative", "text/plain", "text/html"]


def test_english_recipient_gets_english(cfg, store):
    with write_txn():
        p = _person(language="en")
        queue_mail(cfg, key="help:2", to=p, template="help", context={}, now=NOW)
    assert Outbox.get().subject == "How to use meetloop"


def _message_id_in_a_fresh_store(tmp_path, name: str) -> str:
    from store import db as store_db
    from store import schema
    from tests.conftest import make_config

    cfg = make_config(tmp_path / name)
    store_db.connect(cfg.store_url)
    schema.upgrade()
    try:
        with write_txn():
            queue_mail(cfg, key="help:1", to=_person(), template="help", context={}, now=NOW)
        return Outbox.get().message_id
    finally:
        store_db.db.close()


def test_message_ids_differ_between_stores_for_the_same_key(tmp_path):
    """Staging beside production, or a re-initialised store: the same idempotency
    key must not give the same Message-ID (receivers drop such mail as a duplicate)."""
    first = _message_id_in_a_fresh_store(tmp_path, "production")
    second = _message_id_in_a_fresh_store(tmp_path, "staging")
    assert first != second
    assert first.endswith("@alliance.example.cn>") and second.endswith("@alliance.example.cn>")
