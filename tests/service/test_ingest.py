"""ingest(): durable, de-duplicated, lenient with bad mail, strict with non-mail."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from service import ingest as ingest_module
from service.ingest import HASH_PREFIX, NotAMailError, ingest
from store.db import unit_of_work
from store.models import InboundMessage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "inbound"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_stores_raw_with_sender_subject_and_envelope(store):
    raw = fixture("plain.eml")
    when = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    result = ingest(
        raw,
        "smtp",
        envelope_from="bounce@partner.example.cn",
        envelope_to=["meet@alliance.example.cn"],
        now=when,
    )
    assert result.duplicate is False
    row = InboundMessage.get_by_id(result.id)
    assert row.raw == raw
    assert row.status == "new"
    assert row.source == "smtp"
    assert row.sender == "zhang.san@partner.example.cn"
    assert row.subject == "会议纪要 [M-0001]"
    assert row.message_id == "<plain-1@partner.example.cn>"
    assert row.dedup_key == "<plain-1@partner.example.cn>"
    assert row.envelope_to == ["meet@alliance.example.cn"]
    assert row.envelope_from == "bounce@partner.example.cn"
    assert row.received_at == when


def test_same_message_id_is_a_duplicate_even_with_other_bytes(store):
    raw = fixture("plain.eml")
    first = ingest(raw, "smtp")
    # A resend through another relay gains a Received line: same Message-ID.
    resent = b"Received: from relay2.partner.example.cn\r\n" + raw
    second = ingest(resent, "imap")
    assert second == ingest_module.IngestResult(first.id, True)
    assert InboundMessage.select().count() == 1


def test_without_message_id_the_hash_decides(store):
    raw = fixture("no_message_id.eml")
    first = ingest(raw, "cli")
    again = ingest(raw, "cli")
    other = ingest(raw + b"One more line.\n", "cli")
    assert again.duplicate and again.id == first.id
    assert not other.duplicate and other.id != first.id
    row = InboundMessage.get_by_id(first.id)
    assert row.dedup_key == HASH_PREFIX + row.sha256
    assert row.message_id == ""


def test_malformed_mail_is_stored_not_refused(store):
    raw = fixture("malformed.eml")
    result = ingest(raw, "smtp")
    row = InboundMessage.get_by_id(result.id)
    assert row.raw == raw
    assert row.status == "new"
    assert "会议纪要" in row.subject  # raw 8-bit GBK read through GB18030
    assert row.message_id == "<malformed-1@partner.example.cn"


def test_mbox_from_line_of_a_pipe_transport_is_dropped(store):
    raw = fixture("plain.eml")
    result = ingest(b"From someone@partner.example.cn Mon Nov 23 10:00:00 2026\n" + raw, "cli")
    assert InboundMessage.get_by_id(result.id).raw == raw


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"  \r\n\r\n",
        b"just some words, no headers\nat all\n",
        b"\x00\x01\x02\xff" * 50,
        b"\r\nSubject: after an empty first line this is body\r\n",
    ],
)
def test_clearly_not_a_mail_is_refused(store, raw):
    with pytest.raises(NotAMailError):
        ingest(raw, "cli")
    assert InboundMessage.select().count() == 0


def test_very_long_message_id_still_fits_the_key(store):
    long_id = "<" + "x" * 400 + "@partner.example.cn>"
    raw = f"From: a@partner.example.cn\nMessage-ID: {long_id}\nSubject: s\n\nbody\n".encode()
    first = ingest(raw, "cli")
    assert ingest(raw, "cli").duplicate
    row = InboundMessage.get_by_id(first.id)
    assert len(row.dedup_key) <= ingest_module.KEY_WIDTH
    assert row.dedup_key.startswith("mid-" + HASH_PREFIX)


def test_on_stored_hook_runs_after_commit_once_per_new_row(store, monkeypatch):
    seen: list[tuple[int, str]] = []

    def hook(message_id: int) -> None:
        # Committed: the row is visible and complete when the hook runs.
        seen.append((message_id, InboundMessage.get_by_id(message_id).status))

    monkeypatch.setattr(ingest_module, "on_stored", hook)
    first = ingest(fixture("plain.eml"), "smtp")
    ingest(fixture("plain.eml"), "smtp")
    assert seen == [(first.id, "new")]


def test_unknown_source_is_a_programming_error(store):
    with pytest.raises(ValueError, match="unknown source"):
        ingest(fixture("plain.eml"), "fax")


@pytest.mark.parametrize("backend", ["store", pytest.param("pg_store", marks=pytest.mark.pg)])
def test_concurrent_resends_store_one_row(request, backend):
    """Eight threads ingest the same mail at once: one row, one id, seven duplicates."""
    request.getfixturevalue(backend)
    raw = fixture("plain.eml")
    barrier = threading.Barrier(8)

    def deliver() -> ingest_module.IngestResult:
        barrier.wait()
        with unit_of_work():
            return ingest(raw, "smtp")

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: deliver(), range(8)))
    assert len({r.id for r in results}) == 1
    assert sorted(r.duplicate for r in results) == [False] + [True] * 7
    assert InboundMessage.select().count() == 1


def test_a_failing_hook_does_not_undo_the_store(store, monkeypatch):
    def broken_hook(message_id: int) -> None:
        raise ConnectionError("queue down")

    monkeypatch.setattr(ingest_module, "on_stored", broken_hook)
    result = ingest(fixture("plain.eml"), "smtp")
    assert InboundMessage.get_by_id(result.id).status == "new"
