"""`meetloop chat add|list|remove|test`: group robots from the command line.

Thin: the rules live in service.chat. A secret is taken from --secret or
--secret-file and never printed; the webhook's token is shown masked.
"""

from __future__ import annotations

import argparse
import sys

from service import clock
from service.chat import payload, robots
from service.cli import common
from service.render import LANGUAGES
from store.db import unit_of_work, write_txn
from store.queries import audit

EXIT_NOT_DELIVERED = 1
LIST_HEADERS = ("NAME", "KIND", "SCOPE", "LANG", "SIGNED", "KEYWORD", "WEBHOOK")


def register(sub: argparse._SubParsersAction) -> None:
    chat = sub.add_parser("chat", help="group robots (WeCom, DingTalk, Feishu) for notices")
    csub = chat.add_subparsers(dest="chat_command", metavar="ACTION", required=True)

    p = csub.add_parser("add", help="add a group robot")
    p.add_argument("name")
    p.add_argument("--kind", required=True, choices=payload.KINDS)
    p.add_argument("--webhook", required=True, help="the robot's webhook address")
    secret = p.add_mutually_exclusive_group()
    secret.add_argument("--secret", default="", help="the signing secret (加签 / 签名校验)")
    secret.add_argument("--secret-file", default="", help="a file holding the signing secret")
    p.add_argument("--keyword", default="", help="the robot's custom keyword, put in every notice")
    p.add_argument("--lang", default="zh", choices=LANGUAGES, help="the group's language")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--company", default="", help="notices of this company's meetings")
    target.add_argument("--meeting", default="", help="notices of this meeting (M-0001)")
    target.add_argument("--all", action="store_true", help="every notice")
    p.set_defaults(func=cmd_add)

    p = csub.add_parser("list", help="list the group robots")
    common.add_json_flag(p)
    p.set_defaults(func=cmd_list)

    p = csub.add_parser("remove", help="remove a group robot")
    p.add_argument("name")
    p.set_defaults(func=cmd_remove)

    p = csub.add_parser("test", help="post a short test notice and print the platform's answer")
    p.add_argument("name")
    p.set_defaults(func=cmd_test)


def cmd_add(args: argparse.Namespace) -> int:
    common.setup(args)
    new = robots.NewRobot(
        name=args.name,
        kind=args.kind,
        webhook=args.webhook.strip(),
        secret=args.secret.strip(),
        secret_file=args.secret_file,
        keyword=args.keyword,
        language=args.lang,
        company=args.company,
        meeting=args.meeting,
        everything=args.all,
    )
    now = clock.now()
    with unit_of_work(), write_txn():
        try:
            robot = robots.add(new, now)
        except robots.RobotError as e:
            raise common.CommandError(str(e)) from e
        shown = robots.describe(robot)
        audit("chat.added", at=now, actor_text="cli", obj=robot, detail=shown)
    print(f"added robot {shown['name']} ({shown['kind']}, {shown['scope']})")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    common.setup(args)
    from store.models import ChatRobot

    with unit_of_work():
        rows = [robots.describe(r) for r in ChatRobot.select().order_by(ChatRobot.name)]
    if args.json:
        common.print_json(rows)
        return 0
    common.table(
        LIST_HEADERS,
        [
            (
                r["name"],
                r["kind"],
                r["scope"],
                r["language"],
                "yes" if r["signed"] else "no",
                r["keyword"],
                r["webhook"],
            )
            for r in rows
        ],
    )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    common.setup(args)
    now = clock.now()
    with unit_of_work(), write_txn():
        try:
            robot = robots.get(args.name)
            shown = robots.describe(robot)
            robots.remove(args.name)
        except robots.RobotError as e:
            raise common.CommandError(str(e)) from e
        audit("chat.removed", at=now, actor_text="cli", detail=shown)
    print(f"removed robot {args.name}")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    from service.chat import notices, post

    cfg = common.setup(args)
    with unit_of_work():
        try:
            robot = robots.get(args.name)
        except robots.RobotError as e:
            raise common.CommandError(str(e)) from e
        notice = notices.render_notice("chat_test", robot.language, {"service": cfg.service})
        body = notices.body_for(robot, notice)
        try:
            answer = post.post(robot, body)
        except robots.RobotError as e:
            raise common.CommandError(str(e)) from e
    if answer.ok:
        print(f"robot {robot.name}: posted; the platform answered {answer.text}")
        return 0
    print(f"robot {robot.name}: not posted; the platform answered {answer.text}", file=sys.stderr)
    return EXIT_NOT_DELIVERED
