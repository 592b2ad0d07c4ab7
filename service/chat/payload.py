"""Each platform's message, signature and answer: pure functions, no network.

WeCom: `markdown` (content ≤ 4096 bytes). DingTalk: `markdown` with a title;
"加签" adds `timestamp` (ms) and `sign` query parameters. Feishu: `post`; its
signature puts `timestamp` (s) and `sign` into the JSON body. A custom keyword
is put into every message, since the platforms drop messages without it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

WECOM = "wecom"
DINGTALK = "dingtalk"
FEISHU = "feishu"
KINDS = (WECOM, DINGTALK, FEISHU)

# The largest text each platform takes in one message (UTF-8 bytes): WeCom's
# documented 4096 for markdown content; DingTalk and Feishu refuse bodies of
# about 20 KB, so their text stays well below with the JSON around it.
TEXT_LIMIT_BYTES = {WECOM: 4096, DINGTALK: 18_000, FEISHU: 18_000}
TITLE_LIMIT_CHARS = 64
FEISHU_LANG = {"zh": "zh_cn", "en": "en_us"}

# The platforms' answer codes (HTTP 200, JSON body) that mean "slow down" or
# "busy": worth another try later. Any other non-zero code is for good.
RATE_LIMITED = {
    WECOM: {45009, -1},
    DINGTALK: {130101, 410100, -1},
    FEISHU: {11232, -1},
}

# The path each kind's webhook has, and where its token is.
WEBHOOK_PATH = {
    WECOM: re.compile(r"/cgi-bin/webhook/send"),
    DINGTALK: re.compile(r"/robot/send"),
    FEISHU: re.compile(r"/open-apis/bot/v2/hook/[\w-]+"),
}
TOKEN_PARAM = {WECOM: "key", DINGTALK: "access_token"}
OFFICIAL_HOSTS = {
    WECOM: ("qyapi.weixin.qq.com",),
    DINGTALK: ("oapi.dingtalk.com",),
    FEISHU: ("open.feishu.cn", "open.larksuite.com"),
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
NEEDS_SECRET = (DINGTALK, FEISHU)  # kinds that can sign; a secret is optional but advised


@dataclass(frozen=True)
class Notice:
    """What a group reads: a title and markdown text, with owners to @-mention."""

    title: str
    text: str
    mobiles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The platform's answer to one post: ok, or an error worth retrying or not."""

    ok: bool
    retry: bool
    text: str


def webhook_problem(kind: str, url: str) -> str:
    """Why `url` is not a webhook of `kind` ("" when it looks right)."""
    if kind not in KINDS:
        return f"kind must be one of {', '.join(KINDS)}"
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        return "the webhook must be an https:// address"
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        return "the webhook must be https:// (plain http only on this machine)"
    if not WEBHOOK_PATH[kind].fullmatch(parts.path):
        return f"a {kind} webhook looks like {example_webhook(kind)}"
    param = TOKEN_PARAM.get(kind)
    if param and not dict(parse_qsl(parts.query)).get(param):
        return f"a {kind} webhook carries its {param}=…: {example_webhook(kind)}"
    return ""


def example_webhook(kind: str) -> str:
    """The shape of a `kind` webhook, for messages."""
    host = OFFICIAL_HOSTS[kind][0]
    return {
        WECOM: f"https://{host}/cgi-bin/webhook/send?key=…",
        DINGTALK: f"https://{host}/robot/send?access_token=…",
        FEISHU: f"https://{host}/open-apis/bot/v2/hook/…",
    }[kind]


def masked_webhook(url: str) -> str:
    """The webhook with its token hidden: the token alone lets anyone post."""
    parts = urlsplit(url)
    query = urlencode([(k, _mask(v)) for k, v in parse_qsl(parts.query)], safe="…")
    head, _, last = parts.path.rpartition("/")
    path = f"{head}/{_mask(last)}" if "/hook/" in parts.path else parts.path
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def _mask(token: str) -> str:
    return f"{token[:4]}…" if len(token) > 8 else "…"


def fit(text: str, limit_bytes: int, more: str) -> str:
    """`text` if it fits in `limit_bytes`, else its first whole lines and `more`."""
    if len(text.encode()) <= limit_bytes:
        return text
    room = limit_bytes - len(more.encode()) - 1
    kept: list[str] = []
    used = 0
    for line in text.splitlines():
        size = len(line.encode()) + 1
        if used + size > room:
            if not kept:  # one huge line: cut inside it, on a character boundary
                kept.append(line.encode()[:room].decode(errors="ignore"))
            break
        kept.append(line)
        used += size
    return "\n".join(kept).rstrip() + "\n" + more


def with_keyword(text: str, keyword: str) -> str:
    """`text` carrying the robot's custom keyword (first line) when it lacks it."""
    if not keyword or keyword in text:
        return text
    return f"{keyword}\n\n{text}"


def build(kind: str, notice: Notice, *, keyword: str = "", lang: str = "zh", more: str) -> dict:
    """The unsigned JSON body of `notice` for a robot of `kind`.

    `more` ends a text cut to the platform's size ("详见邮件").
    """
    title = notice.title[:TITLE_LIMIT_CHARS]
    text = with_keyword(notice.text, keyword)
    text = fit(text, TEXT_LIMIT_BYTES[kind], more)
    if kind == WECOM:
        return {"msgtype": "markdown", "markdown": {"content": text}}
    if kind == DINGTALK:
        return {
            "msgtype": "markdown",
            "markdown": {"title": with_keyword(title, keyword), "text": text},
            "at": {"atMobiles": list(notice.mobiles), "isAtAll": False},
        }
    if kind == FEISHU:
        lines = [_plain(line) for line in text.splitlines()]
        return {
            "msg_type": "post",
            "content": {
                "post": {
                    FEISHU_LANG.get(lang, "zh_cn"): {
                        "title": title,
                        "content": [[{"tag": "text", "text": line}] for line in lines],
                    }
                }
            },
        }
    raise ValueError(f"unknown robot kind {kind!r}")


_MARKUP = re.compile(r"\*\*|^#+\s*|^>\s?")


def _plain(line: str) -> str:
    """A markdown line as Feishu's `post` text shows it (no markup)."""
    return _MARKUP.sub("", line)


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's 加签: base64(HMAC-SHA256(key=secret, "timestamp\\nsecret"))."""
    message = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """Feishu's signature: base64(HMAC-SHA256(key="timestamp\\nsecret", empty message))."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def signed(kind: str, webhook: str, body: dict, secret: str, now_s: float) -> tuple[str, dict]:
    """The URL and body to post at `now_s` (Unix seconds), signed when there is a secret."""
    if not secret:
        return webhook, body
    if kind == DINGTALK:
        ts = int(now_s * 1000)
        parts = urlsplit(webhook)
        sign = dingtalk_sign(secret, ts)
        query = [*parse_qsl(parts.query), ("timestamp", str(ts)), ("sign", sign)]
        return urlunsplit(parts._replace(query=urlencode(query))), body
    if kind == FEISHU:
        ts = int(now_s)
        return webhook, {"timestamp": str(ts), "sign": feishu_sign(secret, ts), **body}
    return webhook, body


def read_answer(kind: str, status: int, body: object) -> Answer:
    """What the platform said: HTTP 200 with errcode/code 0 is delivered."""
    if status == 429 or status >= 500:
        return Answer(False, True, f"HTTP {status}")
    if not isinstance(body, dict):
        return Answer(False, status >= 500, f"HTTP {status}: not a JSON answer")
    code = body.get("errcode", body.get("code", body.get("StatusCode")))
    message = body.get("errmsg", body.get("msg", body.get("StatusMessage", "")))
    text = f"HTTP {status}: {code} {message}".strip()
    if status == 200 and code == 0:
        return Answer(True, False, text)
    return Answer(False, code in RATE_LIMITED[kind], text)
