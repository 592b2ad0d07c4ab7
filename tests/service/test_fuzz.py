"""Fuzzing the receiver and the worker: seeded mutations of the real fixtures
over real SMTP, and hypothesis-made mail straight into ingest.

Whatever arrives: no crash, no 451 (a handler bug), every mail answered 250 is
stored, every stored mail reaches a final state (done or ignored), and no
mail takes more than a few seconds to process. Bounded for CI: a few hundred
mails. The seed is printed, so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import re
import smtplib
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import process
from service.ingest import NotAMailError, ingest
from store.db import unit_of_work, write_txn
from store.models import InboundMessage, Person
from tests.support.smtp import running_receiver

FIXTURES = sorted(Path(__file__).parents[1].joinpath("fixtures").rglob("*.eml"))
SEED = int(os.environ.get("MEETLOOP_FUZZ_SEED", "20261203"))
MUTANTS = 240
PER_MAIL_SECONDS = 5.0  # no input may make one mail take longer than this
FINAL = {process.DONE, process.IGNORED}
STORED = re.compile(rb"Stored as (\d+)")
JUNK = [
    b"\x00", b"\xff\xfe", b"=?utf-8?b?", b"?=", b"=?gb2312?q?=D6=D0?=", b"\r\n\r\n", b"\n",
    b"--", b"boundary=", b"Content-Type: multipart/mixed; boundary=\"x\"\r\n",
    b"Content-Transfer-Encoding: base64\r\n", b"<", b">", b"@", b"\t", b"\xe4\xb8\xad",
    b"From: =?utf-8?b?RXZpbA0KQmNjOiB2QHguY24=?=\r\n", b"Subject: " + b"A" * 5000 + b"\r\n",
]  # fmt: skip


def _mutate(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        if not data:
            break
        op = rng.randrange(7)
        at = rng.randrange(len(data))
        if op == 0:  # flip bytes
            for i in range(at, min(at + rng.randint(1, 8), len(data))):
                data[i] = rng.randrange(256)
        elif op == 1:  # cut short
            del data[at:]
        elif op == 2:  # junk in
            data[at:at] = rng.choice(JUNK)
        elif op == 3:  # a slice repeated
            end = min(at + rng.randint(1, 400), len(data))
            data[at:at] = data[at:end] * rng.randint(2, 5)
        elif op == 4:  # a slice removed
            del data[at : at + rng.randint(1, 200)]
        elif op == 5:  # line ends mixed
            data = bytearray(
                bytes(data).replace(b"\r\n", b"\n")
                if rng.random() < 0.5
                else bytes(data).replace(b"\n", b"\r\n")
            )
        else:  # headers of another fixture spliced in
            other = FIXTURES[rng.randrange(len(FIXTURES))].read_bytes()
            data[at:at] = other[: rng.randint(0, 600)]
    return bytes(data)


def _people() -> None:
    """Every sender of the fixtures is known: mutated mail reaches the workflows."""
    addresses = set()
    for path in FIXTURES:
        for found in re.findall(rb"^From:.*?([\w.+-]+@[\w.-]+)", path.read_bytes(), re.M | re.I):
            addresses.add(found.decode("ascii", "replace").lower())
    with write_txn():
        for address in sorted(addresses):
            Person.get_or_create(
                email=address, defaults={"name": address.split("@")[0], "created_at": _now()}
            )


def _now():
    from service import clock

    return clock.now()


def _process_all(ids: list[int], cfg) -> dict[int, float]:
    took = {}
    for message_id in ids:
        started = time.monotonic()
        process.process_message(message_id, cfg)
        took[message_id] = time.monotonic() - started
    return took


def _final_states(ids: list[int]) -> dict[int, str]:
    with unit_of_work():
        return {r.id: r.status for r in InboundMessage.select().where(InboundMessage.id.in_(ids))}


@pytest.mark.slow
def test_mutated_fixtures_over_smtp(cfg, store, capsys):
    rng = random.Random(SEED)
    _people()
    answers: dict[int, int] = {}
    stored: list[int] = []
    with running_receiver(cfg) as receiver:
        for n in range(MUTANTS):
            raw = _mutate(FIXTURES[rng.randrange(len(FIXTURES))].read_bytes(), rng)
            if rng.random() < 0.7:  # most as new mail, not as resends of the fixture
                raw = f"Message-ID: <fuzz-{SEED}-{n}@partner.example.cn>\r\n".encode() + raw
            with smtplib.SMTP(receiver.host, receiver.port, timeout=30) as client:
                client.ehlo()
                client.mail("fuzz@partner.example.cn")
                client.rcpt(cfg.service.address)
                code, text = client.data(raw)
            answers[code] = answers.get(code, 0) + 1
            assert code != 451, f"mutant {n} (seed {SEED}) broke the receiver: {text!r}"
            if code == 250:
                stored.append(int(STORED.search(text).group(1)))
    took = _process_all(sorted(set(stored)), cfg)
    states = _final_states(stored)
    with capsys.disabled():
        print(
            f"\nFUZZ seed {SEED}: {MUTANTS} mutants, SMTP answers {answers}, "
            f"{len(set(stored))} stored, slowest {max(took.values(), default=0):.2f} s"
        )
    assert set(states) == set(stored), "a mail answered 250 was not stored"
    broken = {i: s for i, s in states.items() if s not in FINAL}
    assert not broken, f"seed {SEED}: not final: {broken}"
    slow = {i: t for i, t in took.items() if t > PER_MAIL_SECONDS}
    assert not slow, f"seed {SEED}: too slow: {slow}"


HEADER_NAMES = st.sampled_from(
    ["From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References", "Content-Type",
     "Content-Transfer-Encoding", "Date", "Auto-Submitted", "Precedence", "List-Id", "Reply-To"]
)  # fmt: skip
HEADER_VALUES = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["=?utf-8?b?5L2g5aW9?=", "multipart/mixed; boundary=b", "base64", "<a@b>"]),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    headers=st.lists(st.tuples(HEADER_NAMES, HEADER_VALUES), min_size=1, max_size=8),
    body=st.one_of(
        st.text(max_size=400), st.binary(max_size=400).map(lambda b: b.decode("latin-1"))
    ),
)
def test_made_up_mail_is_stored_and_settled(cfg, store, headers, body):
    lines = [f"{name}: {value}".replace("\r", " ").replace("\n", " ") for name, value in headers]
    raw = ("\r\n".join(lines) + "\r\n\r\n" + body).encode("utf-8", "surrogateescape")
    try:
        with unit_of_work():
            row_id = ingest(raw, "cli").id
    except NotAMailError:
        return
    started = time.monotonic()
    process.process_message(row_id, cfg)
    assert time.monotonic() - started < PER_MAIL_SECONDS
    assert _final_states([row_id])[row_id] in FINAL


def test_a_people_line_without_a_company_colon_is_read_not_raised(store):
    """What the fuzz found: a 参会人员 line with no "公司：" before the names raised."""
    from service.workflows.prepare import read_people

    errors: list[str] = []
    read_people("王敏（主持人）、李静（记录人）", errors)
    assert all(isinstance(e, str) for e in errors)


def test_a_long_blob_line_is_no_signature_and_costs_no_seconds():
    """What the fuzz found: a broken base64 part read as text made the signature
    patterns take ~7 s over one 7 KB line."""
    import base64

    from parsers.signature import signature_kind

    line = base64.b64encode(bytes(range(256)) * 20).decode()
    started = time.monotonic()
    assert signature_kind(line) == ""
    assert time.monotonic() - started < 0.5
