"""A local HTTP server that plays the three platforms' custom robots as documented.

It checks what a real platform checks and answers as it does (HTTP 200, the
error in the JSON body): the path and token, the JSON shape, DingTalk's 加签
(timestamp in ms and sign in the query) and Feishu's signature (timestamp in
seconds and sign in the body), each within an hour of now; the custom keyword;
and more than RATE_LIMIT posts to one robot in a minute. Every accepted
message is kept in `received`, every answer in `answers`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RATE_LIMIT = 20
WINDOW_SECONDS = 60.0
TIMESTAMP_TOLERANCE_SECONDS = 3600
WECOM_CONTENT_LIMIT = 4096


@dataclass
class Robot:
    kind: str
    token: str
    secret: str = ""
    keyword: str = ""


@dataclass
class Platforms:
    """The server; `url(robot)` is the webhook of one robot it plays."""

    robots: list[Robot] = field(default_factory=list)
    received: list[dict] = field(default_factory=list)
    answers: list[dict] = field(default_factory=list)
    fail_next: list[int] = field(default_factory=list)  # HTTP statuses to answer first
    port: int = 0

    def url(self, robot: Robot) -> str:
        base = f"http://127.0.0.1:{self.port}"
        if robot.kind == "wecom":
            return f"{base}/cgi-bin/webhook/send?key={robot.token}"
        if robot.kind == "dingtalk":
            return f"{base}/robot/send?access_token={robot.token}"
        return f"{base}/open-apis/bot/v2/hook/{robot.token}"


def _sign_dingtalk(secret: str, ts: str) -> str:
    mac = hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def _sign_feishu(secret: str, ts: str) -> str:
    mac = hmac.new(f"{ts}\n{secret}".encode(), b"", hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def _fresh(ts: str, unit: float) -> bool:
    try:
        return abs(int(ts) / unit - time.time()) < TIMESTAMP_TOLERANCE_SECONDS
    except ValueError:
        return False


def _text_of(kind: str, body: dict) -> str:
    """Every text of the message, as the platform searches it for the keyword."""
    if kind == "feishu":
        return json.dumps(body.get("content", {}), ensure_ascii=False)
    md = body.get("markdown") or {}
    return f"{md.get('title', '')}\n{md.get('content', md.get('text', ''))}"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:  # quiet: the test asserts on `received`
        pass

    def do_POST(self) -> None:
        platforms = self.server.platforms
        length = int(self.headers.get("Content-Length", 0))
        raw = self.rfile.read(length)
        with self.server.lock:
            failing = platforms.fail_next.pop(0) if platforms.fail_next else None
        if failing is not None:
            self._answer(failing, {"errmsg": "busy"}, None)
            return
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        robot, answer = self._judge(parts.path, query, body)
        self._answer(200, answer, robot and {"robot": robot.token, "query": query, "body": body})

    def _answer(self, status: int, answer: dict, accepted: dict | None) -> None:
        platforms = self.server.platforms
        with self.server.lock:
            platforms.answers.append({"status": status, **answer})
            ok = answer.get("errcode", answer.get("code")) == 0
            if accepted is not None and ok:
                platforms.received.append(accepted)
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _robot(self, kind: str, token: str) -> Robot | None:
        for robot in self.server.platforms.robots:
            if robot.kind == kind and robot.token == token:
                return robot
        return None

    def _rate_limited(self, robot: Robot) -> bool:
        now = time.monotonic()
        with self.server.lock:
            times = self.server.posts.setdefault(robot.token, deque())
            while times and times[0] <= now - WINDOW_SECONDS:
                times.popleft()
            if len(times) >= RATE_LIMIT:
                return True
            times.append(now)
            return False

    def _judge(self, path: str, query: dict, body: object) -> tuple[Robot | None, dict]:
        if path == "/cgi-bin/webhook/send":
            return self._wecom(query, body)
        if path == "/robot/send":
            return self._dingtalk(query, body)
        if path.startswith("/open-apis/bot/v2/hook/"):
            return self._feishu(path.rsplit("/", 1)[1], body)
        return None, {"errcode": 404, "errmsg": "not found"}

    def _wecom(self, query: dict, body: object) -> tuple[Robot | None, dict]:
        robot = self._robot("wecom", query.get("key", ""))
        if robot is None:
            return None, {"errcode": 93000, "errmsg": "invalid webhook url"}
        if not isinstance(body, dict) or body.get("msgtype") != "markdown":
            return None, {"errcode": 40008, "errmsg": "invalid message type"}
        content = (body.get("markdown") or {}).get("content", "")
        if not content:
            return None, {"errcode": 44004, "errmsg": "empty content"}
        if len(content.encode()) > WECOM_CONTENT_LIMIT:
            return None, {"errcode": 45002, "errmsg": "content exceed max length"}
        if self._rate_limited(robot):
            return None, {"errcode": 45009, "errmsg": "api freq out of limit"}
        return robot, {"errcode": 0, "errmsg": "ok"}

    def _dingtalk(self, query: dict, body: object) -> tuple[Robot | None, dict]:
        robot = self._robot("dingtalk", query.get("access_token", ""))
        if robot is None:
            return None, {"errcode": 300001, "errmsg": "token is not exist"}
        if robot.secret:
            ts, sign = query.get("timestamp", ""), query.get("sign", "")
            if not _fresh(ts, 1000):
                return None, {"errcode": 310000, "errmsg": "invalid timestamp"}
            if sign != _sign_dingtalk(robot.secret, ts):
                return None, {"errcode": 310000, "errmsg": "sign not match"}
        if not isinstance(body, dict) or body.get("msgtype") != "markdown":
            return None, {"errcode": 40035, "errmsg": "缺少参数 msgtype"}
        md = body.get("markdown") or {}
        if not md.get("title") or not md.get("text"):
            return None, {"errcode": 40035, "errmsg": "缺少参数 markdown.title/text"}
        if robot.keyword and robot.keyword not in _text_of("dingtalk", body):
            return None, {"errcode": 310000, "errmsg": "keywords not in content"}
        if self._rate_limited(robot):
            return None, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"}
        return robot, {"errcode": 0, "errmsg": "ok"}

    def _feishu(self, token: str, body: object) -> tuple[Robot | None, dict]:
        robot = self._robot("feishu", token)
        if robot is None:
            return None, {
                "code": 19001,
                "msg": "param invalid: incoming webhook access token invalid",
                "data": {},
            }
        if not isinstance(body, dict):
            return None, {"code": 9499, "msg": "Bad Request", "data": {}}
        if robot.secret:
            ts, sign = str(body.get("timestamp", "")), body.get("sign", "")
            if not _fresh(ts, 1) or sign != _sign_feishu(robot.secret, ts):
                return None, {
                    "code": 19021,
                    "msg": "sign match fail or timestamp is not within one hour from current time",
                    "data": {},
                }
        post = (body.get("content") or {}).get("post") if body.get("msg_type") == "post" else None
        if not isinstance(post, dict) or not post:
            return None, {"code": 19002, "msg": "params error, msg_type need", "data": {}}
        for lang in post.values():
            rows = lang.get("content")
            shape = isinstance(rows, list) and all(
                isinstance(row, list) and all(isinstance(e, dict) and "tag" in e for e in row)
                for row in rows
            )
            if not shape:
                return None, {"code": 9499, "msg": "Bad Request", "data": {}}
        if robot.keyword and robot.keyword not in _text_of("feishu", body):
            return None, {"code": 19024, "msg": "Key Words Not Found", "data": {}}
        if self._rate_limited(robot):
            return None, {"code": 11232, "msg": "frequency limited psm", "data": {}}
        return robot, {"code": 0, "msg": "success", "data": {}}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, platforms: Platforms):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.platforms = platforms
        self.lock = threading.Lock()
        self.posts: dict[str, deque[float]] = {}


class running:
    """`with running(Platforms(...)) as p:` serves on a free loopback port."""

    def __init__(self, platforms: Platforms):
        self.platforms = platforms
        self.server = _Server(platforms)
        platforms.port = self.server.server_address[1]

    def __enter__(self) -> Platforms:
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self.platforms

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
