"""Reply tokens: `local+<thread>-<id>-<person>-<sig>@domain`.

The token names the thing answered and the recipient, signed with an HMAC
so it cannot be guessed. It is lower-case letters, digits and hyphens only,
because some mail systems lower-case local parts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

SIGNATURE_LENGTH = 12
_TOKEN = re.compile(rf"^([a-z]+)-(\d+)-(\d+)-([a-z2-7]{{{SIGNATURE_LENGTH}}})$")


@dataclass(frozen=True)
class Token:
    thread_kind: str  # meeting, poll, minutes, item, tasklist, retro, help
    thread_id: int
    person_id: int

    @property
    def thread(self) -> str:
        return f"{self.thread_kind}:{self.thread_id}"


def _signature(secret: bytes, body: str) -> str:
    digest = hmac.new(secret, body.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower()[:SIGNATURE_LENGTH]


def make(secret: bytes, thread: str, person_id: int) -> str:
    kind, _, obj_id = thread.partition(":")
    body = f"{kind}-{int(obj_id)}-{int(person_id)}"
    return f"{body}-{_signature(secret, body)}"


def parse(secret: bytes, token: str) -> Token | None:
    """The token's meaning, or None when it is malformed or forged."""
    m = _TOKEN.match(token.lower())
    if not m:
        return None
    kind, obj_id, person_id, sig = m.groups()
    if not hmac.compare_digest(sig, _signature(secret, f"{kind}-{obj_id}-{person_id}")):
        return None
    return Token(kind, int(obj_id), int(person_id))


def reply_address(secret: bytes, local: str, domain: str, thread: str, person_id: int) -> str:
    return f"{local}+{make(secret, thread, person_id)}@{domain}"


def find(secret: bytes, local: str, domain: str, addresses: list[str]) -> Token | None:
    """The first valid token among `addresses` (To, Cc, Delivered-To)."""
    prefix = f"{local.lower()}+"
    for address in addresses:
        user, _, host = address.strip().lower().rpartition("@")
        if host == domain.lower() and user.startswith(prefix):
            token = parse(secret, user[len(prefix) :])
            if token is not None:
                return token
    return None
