"""Bodies of replies written as partners write them, one test per mail, grouped by kind.

The mails are tests/fixtures/bodies/*.eml (see make_bodies.py there for the kinds).
Run this file as a script to print the score per kind:

    .venv/bin/python tests/parsers/test_reply_body_kinds.py
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import pytest

from parsers.mime import parse_mail
from parsers.reply import read_reply

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bodies"
CASES = json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8"))


def squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def body_of(name: str) -> str | None:
    case = CASES[name]
    mail = parse_mail((FIXTURES / f"{name}.eml").read_bytes())
    return read_reply(mail, "any", directory=tuple(case["directory"])).body


@pytest.mark.parametrize("name", sorted(CASES))
def test_body(name):
    assert squash(body_of(name)) == squash(CASES[name]["body"])


def score() -> None:
    per: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for name, case in sorted(CASES.items()):
        ok = squash(body_of(name)) == squash(case["body"])
        per[case["kind"]][0] += ok
        per[case["kind"]][1] += 1
        if not ok:
            print(f"miss {case['kind']:<10} {name}: {squash(body_of(name))[:100]!r}")
    for kind, (ok, n) in sorted(per.items()):
        print(f"{kind:<12} {ok:>3}/{n}")
    ok, n = (sum(v[i] for v in per.values()) for i in (0, 1))
    print(f"bodies right: {ok}/{n} ({100 * ok / n:.1f}%)")


if __name__ == "__main__":
    score()
