"""Routing by token, references and subject tag; the sender and Authentication-Results."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from parsers.mime import parse_mail
from service import router, tokens
from service.mail import Thread, queue_mail
from store.db import write_txn
from store.models import Item, Meeting, Person, PersonAlias
from tests.conftest import make_config

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
FIXTURES = Path(__file__).parent.parent / "fixtures" / "routing"


def _meeting(ref: str = "M-0001") -> Meeting:
    return Meeting.create(
        ref=ref, title="对齐会", ical_uid=f"{ref}@test", created_at=NOW, updated_at=NOW
    )


def _item(meeting: Meeting, ref: str = "T-0001") -> Item:
    return Item.create(
        ref=ref, meeting=meeting, kind="task", text="文档", created_at=NOW, updated_at=NOW
    )


def _person(email: str = "zhang@yunqi.example.cn", **kw) -> Person:
    return Person.create(email=email, name="张三", created_at=NOW, **kw)


def _mail(to="meet@alliance.example.cn", subject="Re: 对齐会", **headers) -> bytes:
    msg = EmailMessage()
    msg["From"] = "张三 <zhang@yunqi.example.cn>"
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = "<r1@yunqi.example.cn>"
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content("收到")
    return msg.as_bytes()


def _token_address(cfg, thread: str, person_id: int) -> str:
    return tokens.reply_address(cfg.secret(), cfg.local_part, cfg.domain, thread, person_id)


@pytest.mark.parametrize("header", ["To", "Cc", "Delivered-To"])
def test_token_routes_from_to_cc_or_delivered_to(cfg, store, header):
    address = _token_address(cfg, "item:7", 3)
    fields = {"to": "meet@alliance.example.cn"}
    if header == "To":
        fields["to"] = f"助手 <{address}>"
    else:
        fields[header.replace("-", "_")] = address
    found = router.route(parse_mail(_mail(**fields)), cfg)
    assert found == router.Route("item", 7, router.ROUTED_BY_TOKEN, 3)
    assert found.name == "item:7"


def test_token_in_envelope_only(cfg, store):
    found = router.route(parse_mail(_mail()), cfg, [_token_address(cfg, "poll:2", 5)])
    assert (found.name, found.routed_by) == ("poll:2", "token")


def test_forged_token_falls_back_to_references(cfg, store):
    with write_txn():
        p = _person()
        sent = queue_mail(
            cfg, key="k1", to=p, template="help", context={}, now=NOW, thread=Thread("minutes", 4)
        )
    genuine = _token_address(cfg, "item:7", p.id)
    forged = genuine.replace("item-7-", "item-8-")
    other_secret = tokens.reply_address(b"guess", cfg.local_part, cfg.domain, "item:9", p.id)
    raw = _mail(to=f"{forged}, {other_secret}", In_Reply_To=sent.message_id)
    found = router.route(parse_mail(raw), cfg)
    assert (found.name, found.routed_by) == ("minutes:4", "references")
    # and with nothing else to go by, a forged token routes nowhere
    assert not router.route(parse_mail(_mail(to=forged)), cfg)


def test_token_of_another_domain_or_local_part_is_ignored(cfg, store):
    address = _token_address(cfg, "item:7", 3)
    assert not router.route(parse_mail(_mail(to=address.replace("alliance", "other"))), cfg)
    assert not router.route(parse_mail(_mail(to=address.replace("meet+", "team+"))), cfg)


def test_references_pick_in_reply_to_first_then_the_newest(cfg, store):
    with write_txn():
        p = _person()
        a = queue_mail(
            cfg, key="a", to=p, template="help", context={}, now=NOW, thread=Thread("meeting", 1)
        )
        b = queue_mail(
            cfg, key="b", to=p, template="help", context={}, now=NOW, thread=Thread("poll", 2)
        )
        c = queue_mail(cfg, key="c", to=p, template="help", context={}, now=NOW)  # no thread
    refs = f"{a.message_id} {b.message_id} {c.message_id}"
    assert router.route(parse_mail(_mail(References=refs)), cfg).name == "poll:2"
    raw = _mail(References=refs, In_Reply_To=a.message_id)
    assert router.route(parse_mail(raw), cfg).name == "meeting:1"
    unknown = _mail(In_Reply_To="<nobody@else>", References="<x@y>")
    assert not router.route(parse_mail(unknown), cfg)


def test_subject_tags(cfg, store):
    with write_txn():
        m = _meeting("M-0042")
        t = _item(m, "T-0007")
    assert router.route(parse_mail(_mail(subject="Re: [M-0042] 议程")), cfg) == router.Route(
        "meeting", m.id, "subject"
    )
    assert (
        router.route(parse_mail(_mail(subject="回复：[t-0007] 进度")), cfg).name == f"item:{t.id}"
    )
    # a tag naming nothing stored is skipped; the next one decides
    assert router.route(parse_mail(_mail(subject="[M-0099] [T-7] x")), cfg).name == f"item:{t.id}"
    assert not router.route(parse_mail(_mail(subject="[X-0001] M-0042 without brackets")), cfg)


def test_token_beats_references_beats_subject(cfg, store):
    with write_txn():
        p = _person()
        m = _meeting("M-0042")
        sent = queue_mail(
            cfg, key="a", to=p, template="help", context={}, now=NOW, thread=Thread("poll", 2)
        )
    subject = "Re: [M-0042] x"
    both = _mail(
        to=_token_address(cfg, "item:7", p.id), subject=subject, In_Reply_To=sent.message_id
    )
    assert router.route(parse_mail(both), cfg).routed_by == "token"
    refs = _mail(subject=subject, In_Reply_To=sent.message_id)
    assert router.route(parse_mail(refs), cfg).name == "poll:2"
    assert router.route(parse_mail(_mail(subject=subject)), cfg).name == f"meeting:{m.id}"


def test_sender_by_address_and_alias(cfg, store):
    with write_txn():
        p = _person()
        PersonAlias.create(person=p, email="san.zhang@yunqi-group.example.cn")
        gone = _person("left@yunqi.example.cn", active=False)
    assert router.sender_of(parse_mail(_mail()), cfg) == p
    alias = _mail().replace(b"zhang@yunqi.example.cn", b"San.Zhang@YUNQI-GROUP.example.cn")
    assert router.sender_of(parse_mail(alias), cfg) == p
    stranger = _mail().replace(b"zhang@yunqi.example.cn", b"x@nowhere.example.org")
    assert router.sender_of(parse_mail(stranger), cfg) is None
    left = _mail().replace(b"zhang@yunqi.example.cn", gone.email.encode())
    assert router.sender_of(parse_mail(left), cfg) is None


def test_dmarc_fail_from_trusted_host_makes_sender_unknown(tmp_path, store):
    raw = (FIXTURES / "dmarc_fail.eml").read_bytes()
    trusting = make_config(tmp_path, smtp={"trusted_auth_hosts": ["mx.alliance.example.cn"]})
    untrusting = make_config(tmp_path, smtp={"trusted_auth_hosts": ["mx.other.example"]})
    with write_txn():
        p = _person()
    mail = parse_mail(raw)
    assert router.sender_of(mail, untrusting, raw) == p
    assert router.sender_of(mail, trusting, raw) is None
    assert router.sender_of(mail, trusting) is None  # the parsed header alone suffices here


def test_one_good_dkim_signature_authenticates_and_untrusted_results_are_ignored(tmp_path, store):
    raw = (FIXTURES / "dkim_one_good_signature.eml").read_bytes()
    cfg = make_config(tmp_path, smtp={"trusted_auth_hosts": ["MX.alliance.example.cn"]})
    with write_txn():
        p = _person()
    assert router.sender_of(parse_mail(raw), cfg, raw) == p
    # the same relay trusted: its dmarc=fail (the second header) counts
    both = make_config(
        tmp_path, smtp={"trusted_auth_hosts": ["mx.alliance.example.cn", "relay.partner.example"]}
    )
    assert router.sender_of(parse_mail(raw), both, raw) is None


@pytest.mark.parametrize(
    ("value", "fails"),
    [
        ("mx.a.example; dkim=fail header.d=x", True),
        ("mx.a.example 1; dmarc=fail (p=none) header.from=x", True),
        ("mx.a.example; dkim=pass; dmarc=pass", False),
        ("mx.a.example; dkim=fail; dkim=pass", False),
        ("mx.a.example; spf=fail smtp.mailfrom=x; dkim=none", False),
        ("mx.a.example; none", False),
        ("mx.a.example (comment; dmarc=fail); dmarc=pass", False),
        ("mx.a.example; DMARC=FAIL", True),
    ],
)
def test_auth_results_reading(value, fails):
    authserv_id, results = router.parse_auth_results(value)
    assert authserv_id == "mx.a.example"
    assert router.auth_results_fail(results) is fails
