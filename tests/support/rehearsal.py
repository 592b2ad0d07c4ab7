"""A rehearsal driven from outside: `meetloop serve --start-at … --speed …` in a
subprocess, people's mail over real SMTP, time moved with `meetloop tick --now`.

Nothing runs in the test's process but reading the store: the service's
clock is the one kept in the store, and every wait is for mail the running
service wrote into its maildir.
"""

from __future__ import annotations

import email
import email.policy
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path

from service import rehearsal
from service.config import Config
from store import db as store_db
from store.models import Outbox, Person, ServiceClock
from tests.support.command import run
from tests.support.serve_process import ServiceProcess, load, send, wait_until

WAIT_SECONDS = 30.0  # for one mail of the running service (a busy shared CPU is slow)


class Rehearsal:
    """The service under rehearsal, and the people who write to it."""

    def __init__(self, config: Path):
        self.config = config
        self.cfg: Config = load(config)
        self.service: ServiceProcess | None = None
        self.runs = 0

    # -- the service -------------------------------------------------------------------
    def serve(self, *args: str) -> None:
        self.runs += 1
        self.service = ServiceProcess(self.config, "serve", *args, name=f"serve{self.runs}")
        self.service.start(wait_for_port=self.cfg.smtp.port)

    def stop(self) -> None:
        if self.service is not None:
            assert self.service.stop() == 0, self.service.log()
            self.service = None

    def meetloop(self, *args: str) -> str:
        done = run(*args, config=self.config)
        assert done.returncode == 0, f"meetloop {' '.join(args)}: {done.stderr}"
        return done.stdout

    def now(self) -> datetime:
        """The rehearsal clock as the store has it (written every second while serving)."""
        with _store(self.cfg):
            return rehearsal.reading(ServiceClock.get())

    def jump(self, instant: datetime) -> None:
        """`meetloop tick --now`: the clock moves forward; wait till the service follows."""
        self.meetloop("tick", "--now", instant.isoformat())
        if self.service is not None:
            assert wait_until(lambda: self.now() >= instant, WAIT_SECONDS), self.service.log()

    def wait_until_clock(self, instant: datetime, timeout: float) -> None:
        """Let the clock run (no jump) until it shows `instant`."""
        assert wait_until(lambda: self.now() >= instant, timeout, interval=0.2), (
            f"clock at {self.now()}, waiting for {instant}"
        )

    # -- mail --------------------------------------------------------------------------
    def sent(self, kind: str, to: Person) -> list[Outbox]:
        with _store(self.cfg):
            return [
                r
                for r in Outbox.select()
                .where(Outbox.kind == kind, Outbox.status == "sent")
                .order_by(Outbox.id)
                if to.email in r.recipients
            ]

    def wait(self, kind: str, to: Person, count: int = 1) -> Outbox:
        """The newest `kind` mail to `to` once at least `count` are in the maildir."""
        found = wait_until(lambda: len(self.sent(kind, to)) >= count, WAIT_SECONDS, 0.05)
        log = self.service.log() if self.service else ""
        assert found, f"no {kind} mail to {to.email} in the maildir\n{log[-3000:]}"
        return self.sent(kind, to)[-1]

    def mail(self, who: Person, subject: str, body: str, **kw) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = formataddr((who.name, who.email))
        msg["To"] = kw.get("to") or self.cfg.service.address
        msg["Subject"] = subject
        msg["Date"] = format_datetime(self.now())
        msg["Message-ID"] = make_msgid(domain=who.email.rpartition("@")[2])
        if kw.get("in_reply_to"):
            msg["In-Reply-To"] = msg["References"] = kw["in_reply_to"]
        msg.set_content(body)
        for name, ctype, data in kw.get("attachments", ()):
            maintype, _, subtype = ctype.partition("/")
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        return msg

    def send(self, msg: EmailMessage) -> None:
        send(self.cfg.smtp.port, msg)

    def reply(self, row: Outbox, who: Person, body: str, **kw) -> None:
        """Answer one of the service's mails as Outlook does: quote below."""
        original = email.message_from_bytes(row.raw, policy=email.policy.default)
        text = original.get_body(("plain",))
        quoted = text.get_content() if text else ""
        full = f"{body}\n\n-----原始邮件-----\n发件人: {original['From']}\n主题: {row.subject}\n\n{quoted}"
        self.send(
            self.mail(
                who,
                f"Re: {row.subject}",
                full,
                to=str(original["Reply-To"]),
                in_reply_to=row.message_id,
                **kw,
            )
        )


class _store:
    """A short read of the service's store from the test's process."""

    def __init__(self, cfg: Config):
        self.cfg = cfg

    def __enter__(self) -> None:
        store_db.connect(self.cfg.store_url)
        store_db.db.connect(reuse_if_open=True)

    def __exit__(self, *exc: object) -> None:
        store_db.db.close()
