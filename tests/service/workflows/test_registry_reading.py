"""A known sender's reply is read with their own directory entry as signature evidence."""

from datetime import UTC, datetime
from email.message import EmailMessage

from parsers.mime import parse_mail
from service.workflows.registry import Incoming
from store.models import Company, Person


def _mail(text: str) -> bytes:
    m = EmailMessage()
    m["From"] = "王婷 <wangting@tongchuang.example.cn>"
    m["To"] = "assistant@meetloop.example.com"
    m["Subject"] = "回复：会议纪要"
    m.set_content(text)
    return bytes(m)


def _incoming(sender: Person | None) -> Incoming:
    mail = parse_mail(_mail("同意。\n\n同创未来 采购\n"))
    return Incoming(None, datetime(2026, 7, 8, tzinfo=UTC), None, mail, sender)


def test_company_and_title_from_the_directory_are_signature():
    person = Person(name="王婷", title="采购", company=Company(name="同创未来"))
    incoming = _incoming(person)
    assert incoming.sender_directory() == ("王婷", "采购", "同创未来")
    assert incoming.reading("minutes").body == "同意。"


def test_unknown_sender_keeps_the_line():
    """Without the directory the line reads as text ('来' is an answer word), so it stays."""
    incoming = _incoming(None)
    assert incoming.sender_directory() == ()
    assert incoming.reading("minutes").body == "同意。\n\n同创未来 采购"
