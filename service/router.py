"""Which thread a stored message answers, and who wrote it.

A reply is matched by the strongest evidence first: a valid signed token in
an address we received it on, then the Message-IDs it says it answers, then
a short reference in the subject. A forged or malformed token is worth
nothing and the next rule decides. The sender is a known person only when
the From address (or an alias) is in the directory and no trusted receiving
host reported that DMARC or DKIM failed for it.
"""

from __future__ import annotations

import email.parser
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parsers.mime import ParsedMail
from service import tokens
from service.config import Config
from service.mail import MESSAGE_ID_PREFIX
from store.models import Item, Meeting, Outbox, Person
from store.queries import REF_FORMATS, person_by_address

# Where a reply token may be found: the ParsedMail fields of To, Cc and
# Delivered-To (in that order), then the SMTP envelope's recipients.
TOKEN_FIELDS = ("to", "cc", "delivered_to")

# Message-IDs the mailer gives our mails start like this; no others can match.
OUR_MESSAGE_ID_START = f"<{MESSAGE_ID_PREFIX}."

ROUTED_BY_TOKEN = "token"
ROUTED_BY_REFERENCES = "references"
ROUTED_BY_SUBJECT = "subject"

# Short references in subjects ("[M-0042]", "[T-0042]"): the letter before the
# dash names the thread kind, derived from the one list of reference formats.
REF_KINDS: dict[str, str] = {fmt.partition("-")[0]: kind for kind, fmt in REF_FORMATS.items()}
SUBJECT_TAG = re.compile(r"\[\s*([A-Za-z])-(\d{1,9})\s*\]")
REF_MODELS = {"meeting": Meeting, "item": Item}

# Authentication-Results (RFC 8601): the methods whose failure makes a sender
# unknown, and the results that count as failure / as a good signature.
AUTH_RESULTS_HEADER = "authentication-results"
AUTH_CHECKED_METHODS = ("dmarc", "dkim")
AUTH_FAIL_RESULTS = frozenset({"fail"})
AUTH_PASS_RESULTS = frozenset({"pass"})
_AUTH_COMMENT = re.compile(r"\([^()]*\)")
_AUTH_RESULT = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*=\s*([A-Za-z]+)")


@dataclass(frozen=True)
class Route:
    """What a message answers; an empty kind means it answers nothing."""

    thread_kind: str = ""
    thread_id: int = 0
    routed_by: str = ""  # token, references, subject, or "" for a new mail
    token_person_id: int | None = None  # the recipient the token was made for

    @property
    def name(self) -> str:
        return f"{self.thread_kind}:{self.thread_id}" if self.thread_kind else ""

    def __bool__(self) -> bool:
        return bool(self.thread_kind)


NO_ROUTE = Route()


def route(mail: ParsedMail, cfg: Config, envelope_to: Sequence[str] = ()) -> Route:
    """The thread `mail` answers, by token, then references, then subject tag."""
    return (
        by_token(mail, cfg, envelope_to)
        or by_references(mail)
        or by_subject(mail.subject)
        or NO_ROUTE
    )


def token_addresses(mail: ParsedMail, envelope_to: Sequence[str] = ()) -> list[str]:
    """Every address the mail was sent to: To, Cc, Delivered-To and the envelope."""
    found: list[str] = []
    for name in TOKEN_FIELDS:
        for value in getattr(mail, name):
            found.append(value[1] if isinstance(value, tuple) else value)
    return [*found, *envelope_to]


def by_token(mail: ParsedMail, cfg: Config, envelope_to: Sequence[str] = ()) -> Route | None:
    token = tokens.find(
        cfg.secret(), cfg.local_part, cfg.domain, token_addresses(mail, envelope_to)
    )
    if token is None:
        return None
    return Route(token.thread_kind, token.thread_id, ROUTED_BY_TOKEN, token.person_id)


def _thread_of(value: str) -> tuple[str, int] | None:
    kind, _, obj_id = value.partition(":")
    if not kind or not obj_id.isdigit():
        return None
    return kind, int(obj_id)


def by_references(mail: ParsedMail) -> Route | None:
    """The sent mail that In-Reply-To names, else the newest one References names."""
    named = [*([mail.in_reply_to] if mail.in_reply_to else []), *reversed(mail.references)]
    wanted = [m for m in dict.fromkeys(named) if m.startswith(OUR_MESSAGE_ID_START)]
    if not wanted:
        return None
    sent = {
        row.message_id: row.thread
        for row in Outbox.select(Outbox.message_id, Outbox.thread).where(
            Outbox.message_id.in_(wanted), Outbox.thread != ""
        )
    }
    for message_id in wanted:
        thread = _thread_of(sent.get(message_id, ""))
        if thread is not None:
            return Route(thread[0], thread[1], ROUTED_BY_REFERENCES)
    return None


def by_subject(subject: str) -> Route | None:
    """The first "[M-0042]" / "[T-0042]" tag in the subject naming a stored object."""
    for match in SUBJECT_TAG.finditer(subject or ""):
        kind = REF_KINDS.get(match.group(1).upper())
        if kind is None:
            continue
        ref = REF_FORMATS[kind].format(int(match.group(2)))
        model = REF_MODELS[kind]
        row = model.select(model.id).where(model.ref == ref).first()
        if row is not None:
            return Route(kind, row.id, ROUTED_BY_SUBJECT)
    return None


# ---------------------------------------------------------------- the sender


def sender_of(mail: ParsedMail, cfg: Config, raw: bytes | None = None) -> Person | None:
    """The known, active person who wrote `mail`, or None.

    `raw` lets every Authentication-Results header be read (the parsed mail
    keeps only the first of a repeated header).
    """
    person = person_by_address(mail.from_addr)
    if person is None or not person.active:
        return None
    if authentication_failed(mail, cfg, raw):
        return None
    return person


def authentication_failed(mail: ParsedMail, cfg: Config, raw: bytes | None = None) -> bool:
    """True when a trusted receiving host reports DMARC or DKIM failure."""
    trusted = {host.lower() for host in cfg.smtp.trusted_auth_hosts}
    if not trusted or AUTH_RESULTS_HEADER not in mail.headers:
        return False
    values = all_header_values(raw, AUTH_RESULTS_HEADER) if raw else []
    values = values or [mail.headers[AUTH_RESULTS_HEADER]]
    for value in values:
        authserv_id, results = parse_auth_results(value)
        if authserv_id in trusted and auth_results_fail(results):
            return True
    return False


def all_header_values(raw: bytes, name: str) -> list[str]:
    """Every value of header `name` in the raw message's header block."""
    end = min((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), default=len(raw))
    headers = email.parser.BytesHeaderParser().parsebytes(raw[: end + 1])
    return [str(v) for v in headers.get_all(name, [])]


def parse_auth_results(value: str) -> tuple[str, list[tuple[str, str]]]:
    """(authserv-id, [(method, result), …]) of one Authentication-Results value."""
    text = " ".join(value.split())
    while _AUTH_COMMENT.search(text):
        text = _AUTH_COMMENT.sub(" ", text)
    head, *clauses = text.split(";")
    words = head.split()
    authserv_id = words[0].lower() if words else ""
    results = []
    for clause in clauses:
        m = _AUTH_RESULT.match(clause)
        if m:
            results.append((m.group(1).lower(), m.group(2).lower()))
    return authserv_id, results


def auth_results_fail(results: Iterable[tuple[str, str]]) -> bool:
    """A checked method failed: DMARC fail, or DKIM fail with no passing signature
    (a message may carry several signatures; one good one authenticates it)."""
    by_method: dict[str, set[str]] = {}
    for method, result in results:
        by_method.setdefault(method, set()).add(result)
    for method in AUTH_CHECKED_METHODS:
        seen = by_method.get(method, set())
        if seen & AUTH_FAIL_RESULTS and not seen & AUTH_PASS_RESULTS:
            return True
    return False
