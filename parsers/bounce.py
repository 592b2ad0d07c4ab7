"""Delivery failure reports: standard DSNs and the common non-standard bounces.

RFC 3464 multipart/report is read from its delivery-status part.  Many servers
(qmail, Exim, older Exchange, Tencent and Coremail in Chinese) send a plain
human-readable text instead; those are recognised by a daemon sender or a bounce
subject together with a failure text, and the failed address is the one the text
names next to a failure cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.mime import ParsedMail

# Local parts of the addresses mail systems send bounces from.
DAEMON_LOCALS = frozenset(
    {
        "mailer-daemon",
        "mail-daemon",
        "mailerdaemon",
        "postmaster",
        "mailer_daemon",
        "bounce",
        "bounces",
    }
)
DAEMON_NAMES = re.compile(
    r"mail delivery (system|subsystem)|mailer.?daemon|postmaster|系统退信|退信", re.I
)

BOUNCE_SUBJECTS = re.compile(
    r"undeliver|undelivered mail|delivery status notification|delivery (has )?fail|"
    r"mail delivery failed|returned mail|failure notice|delivery failure|non.?delivery|"
    r"could not be delivered|nicht zustellbar|退信|无法送达|無法傳遞|无法投递|投递失败|未能送达|"
    r"發送失敗|发送失败|邮件被退回",
    re.I,
)
# Text that only a failure report holds (checked in the new text, not in a returned original).
FAILURE_TEXT = re.compile(
    r"\b[45]\.\d{1,3}\.\d{1,3}\b|\b5[0-5]\d\b|could not be delivered|wasn't able to deliver|"
    r"was not delivered|wasn't delivered|delivery has failed|permanent error|"
    r"following address(es)? failed|user unknown|does not exist|no such user|mailbox (is )?full|"
    r"mailbox unavailable|address not found|recipient address rejected|"
    r"退信|被退回|无法送达|無法傳遞|无法发送|未能成功投递|投递失败|不存在|邮箱空间已满|邮箱已满|"
    r"拒收|无法投递|未能送达|發送失敗",
    re.I,
)
# A failure cue on the line of (or the line before) the failed address.
ADDRESS_CUES = re.compile(
    r"final-recipient|original-recipient|failed|rcpt to|recipient|无法发送到|无法送达|收件人|"
    r"收件者|wasn't delivered to|not delivered to|address|user unknown|does not exist|"
    r"following|以下收件人|^\s*<[^>]+>\s*:",
    re.I,
)
ADDRESS = re.compile(r"[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")

# The per-recipient DSN action that means the message did not arrive (RFC 3464 §2.3.3);
# "delayed", "relayed", "delivered" and "expanded" are not failures.
FAILED_ACTION = "failed"


@dataclass(frozen=True)
class Bounce:
    failed_recipient: str | None
    status: str
    diagnostic: str


def _is_daemon(mail: ParsedMail) -> bool:
    local = mail.from_addr.split("@", 1)[0]
    return local in DAEMON_LOCALS or bool(DAEMON_NAMES.search(mail.from_name or ""))


def read_bounce(mail: ParsedMail) -> Bounce | None:
    """A Bounce when the mail reports a delivery failure; None otherwise."""
    report = mail.report
    if report is not None and report.recipients:
        failed = [
            r
            for r in report.recipients
            if r.action.lower() == FAILED_ACTION or (not r.action and r.status.startswith("5"))
        ]
        if not failed:
            return None  # delayed/relayed/delivered notices are not failures
        first = failed[0]
        return Bounce(first.recipient or _address_from_text(mail), first.status, first.diagnostic)
    reportish = mail.content_type == "multipart/report"
    if not (reportish or _is_daemon(mail) or BOUNCE_SUBJECTS.search(mail.subject or "")):
        return None
    if not reportish and not (_is_daemon(mail) or mail.headers.get("auto-submitted")):
        # a bounce-like subject from a person ("退信了怎么办？") needs a daemon or auto header
        return None
    if not FAILURE_TEXT.search(mail.text or "") and not reportish:
        return None
    status = FAILURE_STATUS.search(mail.text or "")
    return Bounce(_address_from_text(mail), status.group(0) if status else "", "")


FAILURE_STATUS = re.compile(r"\b[45]\.\d{1,3}\.\d{1,3}\b")


def _address_from_text(mail: ParsedMail) -> str | None:
    """The failed address in a human-readable bounce: next to a failure cue, not ours."""
    ours = {a for _, a in mail.to} | {mail.from_addr}
    ours |= {v.lower() for k, v in mail.headers.items() if k in ("return-path", "x-original-to")}
    candidates: list[tuple[int, int, str]] = []
    lines = (mail.text or "").splitlines()
    for n, line in enumerate(lines):
        for m in ADDRESS.finditer(line):
            addr = m.group(0).strip(".'").lower()
            if addr in ours or addr.split("@", 1)[0] in DAEMON_LOCALS:
                continue
            cue = ADDRESS_CUES.search(line) or (n and ADDRESS_CUES.search(lines[n - 1]))
            candidates.append((0 if cue else 1, n, addr))
    if candidates:
        return min(candidates)[2]
    orig = mail.report.original_headers if mail.report else {}
    to = orig.get("to", "")
    found = ADDRESS.search(to)
    return found.group(0).lower() if found else None
