"""A real SMTP sink on loopback: the relay that outbound tests deliver to.

It records every accepted message, can be told to answer DATA with a
temporary or permanent error, and can offer STARTTLS and require AUTH.
"""

from __future__ import annotations

import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    peer: tuple = ()
    tls: bool = False

    @property
    def message(self) -> Message:
        return message_from_bytes(self.data)


@dataclass
class SinkHandler:
    received: list[Received] = field(default_factory=list)
    data_reply: str | None = None  # e.g. "451 4.3.0 try later": refuse DATA with it
    rcpt_replies: dict[str, str] = field(default_factory=dict)  # address -> refusal at RCPT
    arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options
    ) -> str:
        refusal = self.rcpt_replies.get(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.data_reply:
            return self.data_reply
        with self.arrived:
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    envelope.original_content,
                    tuple(session.peer),
                    session.ssl is not None,
                )
            )
            self.arrived.notify_all()
        return f"250 2.0.0 Ok: queued as S{len(self.received)}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """`with Sink() as sink:` … `sink.port`, `sink.received`, `sink.wait(n)`."""

    def __init__(
        self,
        *,
        tls_context: ssl.SSLContext | None = None,
        users: dict[str, str] | None = None,
        port: int | None = None,  # a port chosen before (a relay that comes up late)
    ):
        self.handler = SinkHandler()
        self.port = port or free_port()
        self.users = users
        options: dict = {}
        if tls_context is not None:
            options.update(tls_context=tls_context, require_starttls=True)
        if users is not None:
            options.update(
                authenticator=self._authenticate,
                auth_required=True,
                auth_require_tls=bool(tls_context),
            )
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **options)
        self.logins: list[str] = []

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user = auth_data.login.decode()
        ok = self.users is not None and self.users.get(user) == auth_data.password.decode()
        if ok:
            self.logins.append(user)
        return AuthResult(success=ok, handled=False)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def refuse_data(self, reply: str | None) -> None:
        self.handler.data_reply = reply

    def refuse_rcpt(self, address: str, reply: str | None) -> None:
        """Answer RCPT TO:<address> with `reply` (None: accept it again)."""
        if reply is None:
            self.handler.rcpt_replies.pop(address, None)
        else:
            self.handler.rcpt_replies[address] = reply

    def wait(self, count: int, timeout: float = 10.0) -> list[Received]:
        with self.handler.arrived:
            self.handler.arrived.wait_for(lambda: len(self.received) >= count, timeout)
        return list(self.received)

    def start(self) -> Sink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def __enter__(self) -> Sink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
