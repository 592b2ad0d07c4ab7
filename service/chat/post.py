"""Posting a group notice: sign it now, post it with httpx, read the answer.

The platforms answer HTTP 200 with an error code in the JSON body, so the
body decides: rate limits, 5xx and network errors are tried again with the
outbox's back-off; a wrong key, signature or keyword fails for good, visible
in `meetloop outbox list`. WeCom and DingTalk take about 20 messages a minute
per robot: posts beyond that wait for the next try instead of being refused.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque

import httpx

from service.chat import notices, payload, robots
from service.delivery import DeliveryError, Sent
from store.models import ChatRobot, Outbox

log = logging.getLogger(__name__)
# httpx logs each request's URL at INFO, and a webhook's URL holds its token
# (and DingTalk's signature): keep it to warnings.
logging.getLogger("httpx").setLevel(logging.WARNING)

TIMEOUT_SECONDS = 10.0
PER_MINUTE = 20  # posts one robot takes in a minute
WINDOW_SECONDS = 60.0

_lock = threading.Lock()
_recent: dict[str, deque[float]] = {}


def _paced(name: str, now: float) -> bool:
    """Count a post to robot `name` at `now` unless it already had PER_MINUTE."""
    with _lock:
        times = _recent.setdefault(name, deque())
        while times and times[0] <= now - WINDOW_SECONDS:
            times.popleft()
        if len(times) >= PER_MINUTE:
            return False
        times.append(now)
        return True


def post(robot: ChatRobot, body: dict, *, client: httpx.Client | None = None) -> payload.Answer:
    """Sign and post `body` to `robot` once; the platform's answer."""
    secret = robots.secret_of(robot)
    url, signed_body = payload.signed(robot.kind, robot.webhook, body, secret, time.time())
    try:
        if client is None:
            with httpx.Client(timeout=TIMEOUT_SECONDS) as own:
                response = own.post(url, json=signed_body)
        else:
            response = client.post(url, json=signed_body)
    except httpx.HTTPError as e:  # the URL holds the token: say only the kind of failure
        return payload.Answer(False, True, f"network: {type(e).__name__}")
    try:
        answer = response.json()
    except ValueError:
        answer = None
    return payload.read_answer(robot.kind, response.status_code, answer)


def send(row: Outbox, resumed: bool) -> Sent:
    """Deliver one claimed group-notice row; raises DeliveryError when it did not go.

    `resumed`: the row was left mid-post by a worker that died. Whether the
    platform got it is unknown and a group cannot de-duplicate, so it is not
    posted again: it fails, visibly, and `meetloop outbox retry` posts it.
    """
    name = notices.robot_name(row)
    if resumed:
        raise DeliveryError(
            "a worker stopped while posting this notice; not posted again so the group "
            "does not see it twice (meetloop outbox retry posts it)",
            permanent=True,
        )
    robot = ChatRobot.get_or_none(ChatRobot.name == name)
    if robot is None:
        raise DeliveryError(f"no robot named {name!r} any more", permanent=True)
    if not _paced(name, time.monotonic()):
        raise DeliveryError(f"robot {name}: {PER_MINUTE} posts this minute; waiting")
    try:
        answer = post(robot, json.loads(row.raw))
    except robots.RobotError as e:
        raise DeliveryError(str(e)) from e
    if not answer.ok:
        log.warning("outbox %s: robot %s answered %s", row.id, name, answer.text)
        raise DeliveryError(f"robot {name}: {answer.text}", permanent=not answer.retry)
    return Sent(answer.text, [row.recipients[0]])
