"""The robots in the directory: add, list, remove, and which ones a notice goes to.

A robot's secret (or the file holding it) is stored to sign each post; it is
never returned by `describe`, printed or logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from service.chat import payload
from service.render import LANGUAGES
from store.models import ChatRobot, Company, Meeting, MeetingCompany

SCOPE_ALL = "all"


class RobotError(ValueError):
    """A robot that cannot be added or used, phrased for the admin."""


@dataclass(frozen=True)
class NewRobot:
    name: str
    kind: str
    webhook: str
    secret: str = ""
    secret_file: str = ""
    keyword: str = ""
    language: str = "zh"
    company: str = ""
    meeting: str = ""
    everything: bool = False


def add(new: NewRobot, now: datetime) -> ChatRobot:
    """Check `new` and store it; call inside a write transaction."""
    name = new.name.strip()
    if not name:
        raise RobotError("a robot needs a name")
    if ChatRobot.get_or_none(ChatRobot.name == name) is not None:
        raise RobotError(f"a robot named {name!r} exists; remove it first")
    problem = payload.webhook_problem(new.kind, new.webhook)
    if problem:
        raise RobotError(f"webhook: {problem}")
    if new.language not in LANGUAGES:
        raise RobotError(f"language must be one of {', '.join(LANGUAGES)}")
    if new.secret and new.secret_file:
        raise RobotError("give the secret or a secret file, not both")
    if (new.secret or new.secret_file) and new.kind not in payload.NEEDS_SECRET:
        raise RobotError(f"a {new.kind} robot has no secret; its webhook key is the secret")
    if new.secret_file and not Path(new.secret_file).is_file():
        raise RobotError(f"secret file {new.secret_file} does not exist")
    if sum(bool(s) for s in (new.company, new.meeting, new.everything)) != 1:
        raise RobotError("say whose notices it gets: one of company, meeting or all")
    company = meeting = None
    if new.company:
        company = Company.get_or_none(Company.name == new.company)
        if company is None:
            raise RobotError(f"no company named {new.company!r}")
    if new.meeting:
        meeting = Meeting.get_or_none(Meeting.ref == new.meeting.upper())
        if meeting is None:
            raise RobotError(f"no meeting {new.meeting}")
    return ChatRobot.create(
        name=name,
        kind=new.kind,
        webhook=new.webhook,
        secret=new.secret,
        secret_file=str(Path(new.secret_file).resolve()) if new.secret_file else "",
        keyword=new.keyword.strip(),
        language=new.language,
        company=company,
        meeting=meeting,
        everything=new.everything,
        created_at=now,
    )


def remove(name: str) -> None:
    """Take a robot out; notices queued for it fail visibly instead of posting."""
    if not ChatRobot.delete().where(ChatRobot.name == name).execute():
        raise RobotError(f"no robot named {name!r}")


def get(name: str) -> ChatRobot:
    robot = ChatRobot.get_or_none(ChatRobot.name == name)
    if robot is None:
        raise RobotError(f"no robot named {name!r}")
    return robot


def secret_of(robot: ChatRobot) -> str:
    """The robot's signing secret, read from its file when it has one."""
    if robot.secret_file:
        try:
            return Path(robot.secret_file).read_text(encoding="utf-8").strip()
        except OSError as e:
            raise RobotError(f"robot {robot.name}: cannot read its secret file: {e}") from e
    return robot.secret


def scope(robot: ChatRobot) -> str:
    """Whose notices the robot gets, as the admin named it."""
    if robot.everything:
        return SCOPE_ALL
    if robot.meeting_id:
        return f"meeting {robot.meeting.ref}"
    if robot.company_id:
        return f"company {robot.company.name}"
    return ""


def describe(robot: ChatRobot) -> dict:
    """What `chat list` shows: never the secret, the webhook's token masked."""
    return {
        "name": robot.name,
        "kind": robot.kind,
        "webhook": payload.masked_webhook(robot.webhook),
        "signed": bool(robot.secret or robot.secret_file),
        "keyword": robot.keyword,
        "language": robot.language,
        "scope": scope(robot),
    }


def problems(robot: ChatRobot) -> list[str]:
    """What is wrong with a stored robot, without posting (doctor)."""
    found = []
    problem = payload.webhook_problem(robot.kind, robot.webhook)
    if problem:
        found.append(f"webhook: {problem}")
    try:
        secret = secret_of(robot)
    except RobotError as e:
        found.append(str(e))
        secret = "?"
    if robot.kind in payload.NEEDS_SECRET and not secret and not robot.keyword:
        found.append("neither a secret nor a keyword: set 加签/signature in the group robot")
    if robot.meeting_id is None and robot.company_id is None and not robot.everything:
        found.append("its company or meeting was deleted: it gets no notices")
    return found


def for_meeting(meeting: Meeting | None) -> list[ChatRobot]:
    """The robots a notice about `meeting` goes to: all-notices robots, the
    meeting's own, and those of the companies taking part."""
    query = ChatRobot.everything == True  # noqa: E712 (peewee expression)
    if meeting is not None:
        companies = MeetingCompany.select(MeetingCompany.company).where(
            MeetingCompany.meeting == meeting
        )
        query = query | (ChatRobot.meeting == meeting) | ChatRobot.company.in_(companies)
    return list(ChatRobot.select().where(query).order_by(ChatRobot.name))
