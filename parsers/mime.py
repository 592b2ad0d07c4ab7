"""Raw mail bytes -> ParsedMail: MIME structure, and human text through parsers.charset.

`parse_mail` never raises: a message with a lying charset, broken MIME or
no headers at all is decoded as well as possible and the trouble is listed
in `defects`, so that nothing a person sent is lost on the way in.
"""

from __future__ import annotations

import email
import email.utils
import html as htmlmod
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from html.parser import HTMLParser

import mailparser

from parsers.charset import decode_bytes, decode_header_value

# mail-parser warns on every calendar or report part it does not render; we handle those here.
logging.getLogger("mailparser").setLevel(logging.ERROR)

# Separator line emitted for Outlook's HTML quote separator (a div with border-top).
# parsers.quote_patterns lists it as a quote header.
OUTLOOK_SEPARATOR = "________________________________"

CALENDAR_TYPES = frozenset({"text/calendar", "application/ics", "text/x-vcalendar"})
REPORT_TYPES = frozenset({"message/delivery-status", "message/global-delivery-status"})
HEADERS_TYPES = frozenset({"text/rfc822-headers", "message/rfc822-headers"})
MSGID_RE = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int
    payload: bytes = field(repr=False)


@dataclass(frozen=True)
class RecipientStatus:
    """One per-recipient block of a delivery-status report (RFC 3464)."""

    recipient: str
    action: str
    status: str
    diagnostic: str


@dataclass(frozen=True)
class DeliveryReport:
    """What a multipart/report says: per-recipient status and the returned headers."""

    recipients: list[RecipientStatus]
    original_headers: dict[str, str]


@dataclass(frozen=True)
class ParsedMail:
    message_id: str | None = None
    subject: str = ""
    from_addr: str = ""
    from_name: str = ""
    to: list[tuple[str, str]] = field(default_factory=list)
    cc: list[tuple[str, str]] = field(default_factory=list)
    delivered_to: list[str] = field(default_factory=list)
    reply_to: list[tuple[str, str]] = field(default_factory=list)
    date: datetime | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # first of each name
    header_list: list[tuple[str, str]] = field(default_factory=list)  # all, in order
    text: str = ""
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    calendar_parts: list[bytes] = field(default_factory=list)
    report: DeliveryReport | None = None
    forwarded: list[ParsedMail] = field(default_factory=list)  # messages attached whole
    content_type: str = "text/plain"
    defects: list[str] = field(default_factory=list)
    is_mail: bool = False


def parse_mail(raw: bytes) -> ParsedMail:
    """Parse raw bytes into a ParsedMail; never raises."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        return ParsedMail(defects=["not bytes"])
    raw = bytes(raw)
    defects: list[str] = []
    msg = _message(raw, defects)
    if msg is None:
        return ParsedMail(defects=defects)
    try:
        return _build(msg, defects)
    except Exception as exc:  # a parser bug must not lose the mail: report it as a defect
        defects.append(f"parse error: {type(exc).__name__}: {exc}")
        return ParsedMail(defects=defects, headers=_safe_headers(msg))


def _message(raw: bytes, defects: list[str]) -> Message | None:
    """The compat32 message tree; mail-parser diagnoses it when the tree has defects.

    mail-parser wraps this same stdlib parser and then re-walks every part and
    header, which doubles the cost of a clean mail; its categorised defects are
    only worth that cost when stdlib has found something wrong.
    """
    try:
        msg = email.message_from_bytes(raw)
    except Exception as exc:  # RecursionError on absurd nesting, and the like
        defects.append(f"email: {type(exc).__name__}")
        return _mailparser_message(raw, defects)
    found = sorted({type(d).__name__ for part in msg.walk() for d in part.defects})
    if found:
        try:
            mp = mailparser.parse_from_bytes(raw)
            defects.extend(str(d) for d in sorted(mp.defects_categories or found))
        except Exception as exc:  # mail-parser gives up on some broken input; stdlib did not
            defects.append(f"mail-parser: {type(exc).__name__}")
            defects.extend(found)
    return msg


def _mailparser_message(raw: bytes, defects: list[str]) -> Message | None:
    try:
        return mailparser.parse_from_bytes(raw).message
    except Exception as exc:
        defects.append(f"mail-parser: {type(exc).__name__}")
        return None


def _safe_headers(msg: Message) -> dict[str, str]:
    try:
        return _headers(msg)
    except Exception:
        return {}


def _header_list(msg: Message) -> list[tuple[str, str]]:
    """Every header, decoded, with lower-case names (Received, Authentication-Results repeat)."""
    out = []
    for name, value in msg.raw_items():
        key = str(name).strip().lower()
        if key:
            out.append((key, decode_header_value(value)))
    return out


def _headers(msg: Message, listed: list[tuple[str, str]] | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in _header_list(msg) if listed is None else listed:
        out.setdefault(key, value)
    return out


def _raw_header(msg: Message, name: str) -> list[str]:
    return [str(v) for k, v in msg.raw_items() if str(k).strip().lower() == name]


def _addresses(msg: Message, name: str) -> list[tuple[str, str]]:
    raw = _raw_header(msg, name)
    if not raw:
        return []
    out = []
    for disp, addr in email.utils.getaddresses(raw):
        addr = plain_address(addr)
        disp = decode_header_value(disp).strip().strip('"').strip()
        if addr or disp:
            out.append((disp, addr))
    return out


def plain_address(addr: str) -> str:
    """The address part as the header wrote it, lower-case; "" for an encoded word.

    RFC 2047 words are never an address (§5): decoding one could turn
    `=?utf-8?b?…?=` into any address, or into "Evil\r\nBcc: victim@…".
    """
    if "=?" in addr:
        return ""
    return decode_header_value(addr).strip().strip("<>").lower()


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _msgids(value: str) -> list[str]:
    return MSGID_RE.findall(value or "")


def _build(msg: Message, defects: list[str], depth: int = 0) -> ParsedMail:
    header_list = _header_list(msg)
    headers = _headers(msg, header_list)
    frm = _addresses(msg, "from") or _addresses(msg, "sender")
    from_name, from_addr = frm[0] if frm else ("", "")
    irt = _msgids(headers.get("in-reply-to", ""))
    mid = _msgids(headers.get("message-id", ""))
    delivered = [
        a for v in _raw_header(msg, "delivered-to") for _, a in email.utils.getaddresses([v]) if a
    ]
    body = _Bodies()
    body.walk(msg, defects, depth)
    text = "\n".join(t for t in body.plain if t.strip())
    html = "\n".join(body.html) if body.html else None
    if not text.strip() and html:
        text = html_to_text(html)
    return ParsedMail(
        message_id=mid[0] if mid else (headers.get("message-id") or None),
        subject=headers.get("subject", ""),
        from_addr=from_addr.lower(),
        from_name=from_name,
        to=_addresses(msg, "to"),
        cc=_addresses(msg, "cc"),
        delivered_to=[a.strip().lower() for a in delivered],
        reply_to=_addresses(msg, "reply-to"),
        date=_date(headers.get("date", "")),
        in_reply_to=irt[0] if irt else None,
        references=_msgids(headers.get("references", "")),
        headers=headers,
        header_list=header_list,
        text=text,
        html=html,
        attachments=body.attachments,
        calendar_parts=body.calendar,
        report=body.report,
        forwarded=body.forwarded,
        content_type=msg.get_content_type(),
        defects=defects,
        is_mail=bool(headers)
        and any(h in headers for h in ("from", "to", "subject", "date", "message-id", "received")),
    )


class _Bodies:
    """Collects the text, HTML, calendar, report and attachment parts of one message."""

    def __init__(self) -> None:
        self.plain: list[str] = []
        self.html: list[str] = []
        self.calendar: list[bytes] = []
        self.attachments: list[Attachment] = []
        self.report: DeliveryReport | None = None
        self._statuses: list[RecipientStatus] = []
        self._orig_headers: dict[str, str] = {}
        self.forwarded: list[ParsedMail] = []
        self.in_report = False

    def walk(self, msg: Message, defects: list[str], depth: int = 0) -> None:
        if depth > 40:
            defects.append("MIME nesting too deep")
            return
        ctype = msg.get_content_type()
        if ctype in REPORT_TYPES:
            self._delivery_status(msg)
            return
        if ctype in HEADERS_TYPES or (ctype == "message/rfc822" and self.in_report):
            self._returned(msg)
            return
        if ctype == "message/rfc822":
            self._forwarded(msg, defects, depth)
            return
        if msg.is_multipart():
            payload = msg.get_payload()
            parts = payload if isinstance(payload, list) else []
            if ctype == "multipart/alternative":
                self._alternative(parts, defects, depth)
                return
            if ctype == "multipart/report":
                self.in_report = True
            for part in parts:
                if isinstance(part, Message):
                    self.walk(part, defects, depth + 1)
            return
        data = _payload(msg)
        filename = _filename(msg)
        disposition = (msg.get("content-disposition") or "").split(";")[0].strip().lower()
        if ctype in CALENDAR_TYPES or filename.lower().endswith(".ics"):
            self.calendar.append(data)
            if disposition == "attachment" or ctype != "text/calendar":
                self.attachments.append(Attachment(filename, ctype, len(data), data))
            return
        if disposition != "attachment" and not filename and ctype in ("text/plain", "text/html"):
            text = decode_bytes(data, msg.get_content_charset() or _meta_charset(data, ctype))
            (self.plain if ctype == "text/plain" else self.html).append(text)
            return
        if ctype.startswith("text/") and disposition != "attachment" and not filename:
            self.plain.append(decode_bytes(data, msg.get_content_charset()))
            return
        self.attachments.append(Attachment(filename, ctype, len(data), data))

    def _forwarded(self, msg: Message, defects: list[str], depth: int) -> None:
        """A message attached whole (forwarded as attachment): parsed on its own."""
        payload = msg.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if not isinstance(inner, Message):
            return
        sub: list[str] = []
        self.forwarded.append(_build(inner, sub, depth + 1))
        defects.extend(f"forwarded: {d}" for d in sub)

    def _alternative(self, parts: list, defects: list[str], depth: int) -> None:
        """Keep one text rendering of the alternatives, but every calendar part."""
        sub = _Bodies()
        sub.in_report = self.in_report
        for part in parts:
            if isinstance(part, Message):
                sub.walk(part, defects, depth + 1)
        if sub.plain:
            self.plain.extend(sub.plain)
        self.html.extend(sub.html)
        self.calendar.extend(sub.calendar)
        self.attachments.extend(sub.attachments)
        self.forwarded.extend(sub.forwarded)
        if sub.report is not None:
            self.report = sub.report

    def _delivery_status(self, msg: Message) -> None:
        raw = msg.get_payload()
        if isinstance(raw, list):
            text = "\n\n".join(str(p) for p in raw)
        else:
            text = decode_bytes(_payload(msg), "utf-8")
        self._statuses.extend(_parse_delivery_status(text))
        self.report = DeliveryReport(self._statuses, self._orig_headers)

    def _returned(self, msg: Message) -> None:
        payload = msg.get_payload()
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            self._orig_headers.update(_headers(payload[0]))
        else:
            head = decode_bytes(_payload(msg)).split("\n\n", 1)[0]
            try:
                self._orig_headers.update(_headers(email.message_from_string(head)))
            except Exception:
                self._orig_headers.setdefault("raw", head)
        self.report = DeliveryReport(self._statuses, self._orig_headers)


def _payload(msg: Message) -> bytes:
    try:
        data = msg.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    raw = msg.get_payload()
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return b""


def _filename(msg: Message) -> str:
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        try:
            value = msg.get_param(param, header=header)
        except Exception:
            value = None
        if value is None:
            continue
        if isinstance(value, tuple):  # RFC 2231: (charset, language, text)
            cs, _, text = value
            return decode_bytes(text.encode("latin-1", "surrogateescape"), cs or "utf-8")
        return decode_header_value(email.utils.unquote(str(value)))
    return ""


_META_RE = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


def _meta_charset(data: bytes, ctype: str) -> str | None:
    """HTML with no MIME charset: the charset its <meta> declares."""
    if ctype != "text/html":
        return None
    m = _META_RE.search(data[:2048])
    return m.group(1).decode("ascii") if m else None


def _parse_delivery_status(text: str) -> list[RecipientStatus]:
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        fields: dict[str, str] = {}
        for line in re.sub(r"\n[ \t]+", " ", block).split("\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                fields.setdefault(k.strip().lower(), v.strip())
        rcpt = fields.get("final-recipient") or fields.get("original-recipient")
        if not rcpt:
            continue
        addr = rcpt.split(";", 1)[-1].strip().strip("<>").lower()
        out.append(
            RecipientStatus(
                addr,
                fields.get("action", ""),
                fields.get("status", ""),
                fields.get("diagnostic-code", ""),
            )
        )
    return out


# --------------------------------------------------------------------------- HTML to text

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "ul",
    ]
)
SKIP_TAGS = frozenset({"head", "script", "style", "title", "xml", "noscript", "template"})
VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"})
BORDER_TOP_RE = re.compile(r"border-top\s*:\s*solid", re.I)
NBSP_RE = re.compile(r"[\u00a0\u3000\u2007\u202f]")


class _HtmlText(HTMLParser):
    """Renders HTML to lines, keeping what the reply and minutes parsers need."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []  # (quote depth, text)
        self.cur: list[str] = []
        self.depth = 0
        self.skip = 0
        self.pre = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a quote / separator)
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.outside_cell: list[str] = []  # the line being built when a cell opened

    # -- line handling
    def _flush(self) -> None:
        if self.cell is not None:
            return
        text = "".join(self.cur)
        self.cur = []
        if self.pre:
            for line in text.split("\n"):
                self.lines.append((self.depth, line.rstrip()))
            return
        text = re.sub(r"[ \t\r\n\f]+", " ", NBSP_RE.sub(" ", text)).strip()
        if text:
            self.lines.append((self.depth, text))

    def _blank(self) -> None:
        self._flush()
        if self.lines and self.lines[-1][1] != "":
            self.lines.append((self.depth, ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skip += 1
            return
        if self.skip:
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "br":
            if self.cell is not None:
                self.cur.append(" ")
            else:
                self._flush_br()
            return
        if tag == "hr":
            self._flush()
            self.lines.append((self.depth, OUTLOOK_SEPARATOR))
            return
        if tag in VOID_TAGS:
            return
        opened = False
        if tag == "blockquote":
            self._flush()
            self.depth += 1
            opened = True
        elif tag == "tr":
            self._flush()
            self.row = []
        elif tag in ("td", "th"):
            if self.row is None:
                self._flush()
                self.row = []
            self.cell = []
            self.outside_cell = self.cur
            self.cur = self.cell
        elif tag == "pre":
            self._flush()
            self.pre += 1
        elif tag in BLOCK_TAGS:
            if self.cell is None:
                self._flush()
            elif self.cur and self.cur[-1] != " ":
                self.cur.append(" ")
            if tag == "div" and BORDER_TOP_RE.search(a.get("style", "")) and self.cell is None:
                self.lines.append((self.depth, OUTLOOK_SEPARATOR))
        if tag not in VOID_TAGS:
            self.stack.append((tag, opened))

    def _flush_br(self) -> None:
        text = "".join(self.cur)
        self.cur = []
        text = re.sub(r"[ \t\r\n\f]+", " ", NBSP_RE.sub(" ", text)).strip()
        self.lines.append((self.depth, text))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip or tag in VOID_TAGS:
            return
        # pop to the matching open tag (HTML in mail is often unbalanced)
        idx = next((i for i in range(len(self.stack) - 1, -1, -1) if self.stack[i][0] == tag), None)
        if idx is None:
            return
        closing = self.stack[idx:]
        del self.stack[idx:]
        for t, opened in reversed(closing):
            self._close(t, opened)

    def _close(self, tag: str, opened: bool) -> None:
        if tag in ("td", "th") and self.cell is not None:
            cell = re.sub(r"\s+", " ", NBSP_RE.sub(" ", "".join(self.cell))).strip()
            self.cell = None
            self.cur = self.outside_cell
            if self.row is not None:
                self.row.append(cell)
        elif tag == "tr" and self.row is not None:
            cells = self.row
            self.row = None
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                self.lines.append((self.depth, " | ".join(cells)))
        elif tag == "blockquote" and opened:
            self._flush()
            self.depth = max(0, self.depth - 1)
        elif tag == "pre":
            self._flush()
            self.pre = max(0, self.pre - 1)
        elif tag in BLOCK_TAGS and self.cell is None:
            self._flush()
            if tag in ("p", "table", "ul", "ol") or tag.startswith("h"):
                self._blank()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.cur.append(data)

    def text(self) -> str:
        if self.cell is not None:
            self._close("td", False)
        if self.row is not None:
            self._close("tr", False)
        self._flush()
        out: list[str] = []
        for depth, line in self.lines:
            if depth:
                out.append(("> " * depth + line).rstrip())
            else:
                out.append(line)
        text = "\n".join(out)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def html_to_text(html: str) -> str:
    """Plain text of an HTML mail body: blockquotes as '> ' lines, table rows as 'a | b'."""
    if not html:
        return ""
    parser = _HtmlText()
    try:
        parser.feed(html)
        parser.close()
        return parser.text()
    except Exception:  # malformed markup beyond what HTMLParser tolerates: strip tags instead
        return htmlmod.unescape(re.sub(r"<[^>]*>", " ", html)).strip()
