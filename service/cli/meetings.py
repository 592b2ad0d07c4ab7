"""`meetloop meeting …` and `meetloop template prep`: the host's desk from the shell.

Thin: each command parses its arguments and calls the same functions the
mail workflows call (service.meetings, service.workflows.*), with the actor
"cli" and the command line in the audit trail. The workflow modules are
imported inside the commands, not when `meetloop` builds its parser, so
every other command starts faster.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from service import clock, meetings
from service.cli.common import (
    CommandError,
    add_json_flag,
    parse_local_time,
    print_json,
    setup,
    table,
)
from service.config import Config
from service.meetings import MeetingError
from store.db import write_txn
from store.models import (
    MEETING_ROLES,
    MEETING_STATES,
    Company,
    Meeting,
    Outbox,
    Person,
    Poll,
    TopicRequest,
)
from store.queries import person_by_address

ACTOR = "cli"
PROPOSALS = 3  # times proposed when the host gives none


def _command(args: argparse.Namespace) -> str:
    return "meetloop " + " ".join(sys.argv[1:]) if sys.argv else f"meetloop {args.command}"


def _person(address: str) -> Person:
    person = person_by_address(address)
    if person is None:
        raise CommandError(
            f"no person with the address {address!r} (add them: meetloop person add)"
        )
    return person


def _meeting(ref: str) -> Meeting:
    meeting = meetings.meeting_by_ref(ref)
    if meeting is None:
        raise CommandError(f"no meeting {ref!r}")
    return meeting


def parse_time(text: str, tz: str) -> datetime:
    """ "2026-10-12 14:00" in `tz`, or an ISO 8601 time with its own offset."""
    return parse_local_time(text, ZoneInfo(tz))


def _guard(fn):
    """MeetingError (the user's mistake) becomes a one-line CommandError."""

    def run(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except MeetingError as e:
            raise CommandError(str(e)) from e

    return run


# -- create / list / show -----------------------------------------------------------


@_guard
def cmd_create(args: argparse.Namespace) -> int:
    cfg = setup(args)
    host = _person(args.host)
    recorder = _person(args.recorder) if args.recorder else None
    company = None
    if args.host_company:
        company = Company.get_or_none(Company.name == args.host_company)
        if company is None:
            raise CommandError(f"no company {args.host_company!r}")
    rule = None
    if args.required_roles:
        try:
            rule = meetings.validate_required_roles(json.loads(args.required_roles))
        except json.JSONDecodeError as e:
            raise CommandError(f"--required-roles is not JSON: {e.msg}") from e
    meeting = meetings.create_meeting(
        cfg,
        now=clock.now(),
        actor=ACTOR,
        title=args.title,
        goal=args.goal,
        background=args.background,
        host=host,
        host_company=company,
        recorder=recorder,
        format="offline" if args.offline else "online",
        link=args.online or "",
        room=args.offline or "",
        equipment_check=False if args.no_equipment_check else None,
        duration_minutes=args.duration,
        importance=args.importance,
        series=args.series,
        timezone=args.timezone,
        required_roles=rule,
        command=_command(args),
    )
    print(meeting.ref)
    return 0


def _when(meeting: Meeting, cfg: Config) -> str:
    if meeting.start_at is None:
        return "-"
    tz = ZoneInfo(meetings.meeting_timezone(meeting, cfg))
    return f"{meeting.start_at.astimezone(tz):%Y-%m-%d %H:%M}"


@_guard
def cmd_list(args: argparse.Namespace) -> int:
    cfg = setup(args)
    query = Meeting.select().order_by(Meeting.id)
    if args.status:
        query = query.where(Meeting.status == args.status)
    rows = []
    for m in query:
        host = meetings.host_of(m)
        rows.append(
            {
                "ref": m.ref,
                "title": m.title,
                "status": m.status,
                "start": _when(m, cfg),
                "timezone": meetings.meeting_timezone(m, cfg),
                "host": host.name if host else "",
                "attendees": len(meetings.attendees(m)),
            }
        )
    if args.json:
        print_json(rows)
    else:
        table(
            ["ref", "title", "status", "start", "host", "attendees"],
            [
                [r["ref"], r["title"], r["status"], r["start"], r["host"], r["attendees"]]
                for r in rows
            ],
        )
    return 0


def meeting_state(meeting: Meeting, cfg: Config) -> dict[str, Any]:
    """Everything `meeting show` prints: attendees, RSVPs, agenda, poll, gaps, mails sent."""
    from service.workflows import meeting_mail, scheduling

    tz = meetings.meeting_timezone(meeting, cfg)
    host, recorder = meetings.host_of(meeting), meetings.recorder_of(meeting)
    attendees = [
        {
            "party": meetings.party_of(meeting, p.person.company),
            "company": p.person.company.name if p.person.company_id else "",
            "name": p.person.name,
            "email": p.person.email,
            "tier": p.person.tier,
            "role": p.role,
            "required": p.required,
            "rsvp": p.rsvp,
            "delegate": p.delegate_text,
        }
        for p in meetings.participants(meeting)
    ]
    poll = Poll.select().where(Poll.meeting == meeting).order_by(Poll.id.desc()).first()
    poll_state = None
    if poll is not None:
        poll_state = {
            "status": poll.status,
            "deadline": poll.deadline_at,
            "chosen": poll.chosen_position,
            "waiting": [p.name for p in scheduling.waiting(poll)],
            "ranking": [
                {"option": r.position, "start": r.start, "score": r.score, "yes": r.yes}
                for r in scheduling.ranking(poll)
            ],
        }
    sent = [
        {
            "at": row.created_at,
            "kind": row.kind,
            "to": ", ".join(row.recipients),
            "subject": row.subject,
            "status": row.status,
        }
        for row in Outbox.select().where(Outbox.meeting == meeting).order_by(Outbox.id)
    ]
    return {
        "ref": meeting.ref,
        "title": meeting.title,
        "status": meeting.status,
        "goal": meeting.goal,
        "start": meeting.start_at,
        "end": meeting.end_at,
        "timezone": tz,
        "format": meeting.format,
        "location": meeting_mail.location(meeting),
        "equipment_check": meeting.equipment_check,
        "duration_minutes": meeting.duration_minutes,
        "importance": meeting.importance,
        "series": meeting.series,
        "host": host.name if host else None,
        "recorder": recorder.name if recorder else None,
        "sequence": meeting.ical_sequence,
        "attendees": attendees,
        "role_gaps": [g.text(host.language if host else "zh") for g in meetings.role_gaps(meeting)],
        "agenda": meeting_mail.agenda_rows(meeting, tz),
        "topics": [
            {"by": t.person.name if t.person_id else "", "text": t.text}
            for t in TopicRequest.select().where(TopicRequest.meeting == meeting)
        ],
        "poll": poll_state,
        "sent": sent,
        "retrospectives": _retrospectives(meeting),
    }


def _retrospectives(meeting: Meeting) -> list[dict[str, Any]]:
    """The host side's answers a week after (service.workflows.retrospective)."""
    from service.workflows.retrospective import retrospectives_of

    return [
        {
            "by": r.person.name if r.person_id else "",
            "worked": r.worked,
            "improve": r.improve,
            "text": r.text,
        }
        for r in retrospectives_of(meeting)
    ]


def print_state(state: dict[str, Any], out=None) -> None:
    out = out or sys.stdout
    tz = ZoneInfo(state["timezone"])

    def local(value: datetime | None) -> str:
        return f"{value.astimezone(tz):%Y-%m-%d %H:%M}" if value else "-"

    print(f"{state['ref']}  {state['title']}  [{state['status']}]", file=out)
    print(
        f"时间 when: {local(state['start'])} – {local(state['end'])} ({state['timezone']})",
        file=out,
    )
    print(
        f"形式 format: {state['format']} {state['location']}"
        + ("  (equipment check)" if state["equipment_check"] else ""),
        file=out,
    )
    print(
        f"主持人 host: {state['host'] or '-'}   记录人 recorder: {state['recorder'] or '-'}   "
        f"importance: {state['importance']}",
        file=out,
    )
    print("\n参会人 attendees (by company and tier):", file=out)
    table(
        ["party", "company", "name", "tier", "role", "rsvp", "delegate"],
        [
            [a["party"], a["company"], a["name"], a["tier"], a["role"], a["rsvp"], a["delegate"]]
            for a in state["attendees"]
        ],
        out=out,
    )
    gaps = state["role_gaps"]
    print(f"\n关键角色 key roles: {'; '.join(gaps) if gaps else 'complete'}", file=out)
    print("\n议程 agenda:", file=out)
    if state["agenda"]:
        table(
            ["time", "topic", "presenter", "expected output"],
            [[a["time"], a["topic"], a["presenter"], a["output"]] for a in state["agenda"]],
            out=out,
        )
    else:
        print("-", file=out)
    if state["topics"]:
        print("\n议题建议 topics raised:", file=out)
        for t in state["topics"]:
            print(f"- {t['by']}: {t['text']}", file=out)
    poll = state["poll"]
    print("\n时间投票 poll:", file=out)
    if poll:
        chosen = f", chosen option {poll['chosen']}" if poll["chosen"] else ""
        print(f"{poll['status']}{chosen}; waiting: {', '.join(poll['waiting']) or '-'}", file=out)
        table(
            ["option", "start", "score", "can attend"],
            [
                [r["option"], local(r["start"]), r["score"], ", ".join(r["yes"])]
                for r in poll["ranking"]
            ],
            out=out,
        )
    else:
        print("-", file=out)
    if state.get("retrospectives"):
        print("\n复盘 retrospective:", file=out)
        for r in state["retrospectives"]:
            print(
                f"- {r['by']}: 做得好 worked: {r['worked'] or '-'}; "
                f"需改进 improve: {r['improve'] or '-'}",
                file=out,
            )
    print("\n已发送 sent:", file=out)
    table(
        ["at (UTC)", "kind", "to", "status", "subject"],
        [[s["at"], s["kind"], s["to"], s["status"], s["subject"]] for s in state["sent"]],
        out=out,
    )


@_guard
def cmd_show(args: argparse.Namespace) -> int:
    cfg = setup(args)
    state = meeting_state(_meeting(args.ref), cfg)
    if args.json:
        print_json(state)
    else:
        print_state(state)
    return 0


# -- attendees, agenda ---------------------------------------------------------------


@_guard
def cmd_topics(args: argparse.Namespace) -> int:
    """List the topics attendees proposed (numbered, with their state), or
    --accept some onto the agenda (attendees get the update)."""
    from service.workflows import topics

    cfg = setup(args)
    meeting = _meeting(args.ref)
    if args.accept:
        try:
            numbers = [int(n) for n in args.accept.replace("，", ",").split(",") if n.strip()]
        except ValueError as e:
            raise CommandError(f"--accept takes topic numbers such as 1,3: {args.accept!r}") from e
        with write_txn():
            added = topics.accept(
                cfg, meeting, numbers, now=clock.now(), actor=ACTOR, command=_command(args)
            )
        print(f"{meeting.ref}: {len(added)} topic(s) added to the agenda")
        return 0
    accepted = topics.accepted_ids(meeting)
    for n, topic in enumerate(topics.numbered(meeting), 1):
        who = topic.person.name if topic.person_id else "—"
        state = "on the agenda" if topic.id in accepted else "proposed"
        print(f"{n}. {topic.text}  ({who}; {state})")
    return 0


@_guard
def cmd_invite(args: argparse.Namespace) -> int:
    """Add (or --remove) attendees; warn the host of key-role gaps; invite the new
    people at once when the meeting already has its time (or send them the open
    poll); those removed are told, with a calendar cancellation."""
    from service.workflows import invitations, staffing

    cfg = setup(args)
    meeting = _meeting(args.ref)
    people = [_person(a) for a in args.people]
    now = clock.now()
    with write_txn():
        for person in people:
            if args.remove:
                meetings.remove_attendee(
                    meeting, person, now=now, actor=ACTOR, command=_command(args)
                )
            else:
                meetings.add_attendee(
                    cfg,
                    meeting,
                    person,
                    now=now,
                    actor=ACTOR,
                    role=args.role,
                    required=not args.optional,
                    party=args.party,
                    command=_command(args),
                )
        gaps = staffing.warn_role_gaps(cfg, meeting, now)
        if args.remove:
            sent = sum(invitations.send_removed(cfg, meeting, p, now=now) for p in people)
        else:
            sent = invitations.welcome(cfg, meeting, people, now=now)
    for gap in gaps:
        print(f"warning: {gap}")
    print(f"{meeting.ref}: {len(meetings.attendees(meeting))} attendees; {sent} mails queued")
    return 0


@_guard
def cmd_agenda(args: argparse.Namespace) -> int:
    from service.workflows import agenda, invitations, meeting_mail

    cfg = setup(args)
    meeting = _meeting(args.ref)
    if args.csv:
        try:
            text = Path(args.csv).read_text(encoding="utf-8-sig")
        except OSError as e:
            raise CommandError(f"cannot read {args.csv}: {e.strerror}") from e
        rows = agenda.parse_csv(text)
    elif args.item:
        rows = agenda.parse_lines("\n".join(args.item))
    elif args.material:
        rows = None
    else:
        tz = meetings.meeting_timezone(meeting, cfg)
        table(
            ["time", "topic", "presenter", "expected output"],
            [
                [a["time"], a["topic"], a["presenter"], a["output"]]
                for a in meeting_mail.agenda_rows(meeting, tz)
            ],
        )
        return 0
    files = []
    for name in args.material:
        try:
            files.append((Path(name).name, Path(name).read_bytes()))
        except OSError as e:
            raise CommandError(f"cannot read {name}: {e.strerror}") from e
    now = clock.now()
    with write_txn():
        for filename, data in files:
            content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
            meetings.add_material(
                cfg,
                meeting,
                filename=filename,
                content_type=content_type,
                data=data,
                now=now,
                actor=ACTOR,
                command=_command(args),
            )
        sent = 0
        if rows is not None:
            items = agenda.set_agenda(
                cfg, meeting, rows, now=now, actor=ACTOR, command=_command(args)
            )
            sent = invitations.send_update(cfg, meeting, now=now)
            print(f"{meeting.ref}: agenda of {len(items)} items; {sent} updates queued")
    if files:
        print(f"{meeting.ref}: {len(files)} material file(s) stored for the agenda mail")
    return 0


# -- time: poll, schedule, reschedule, cancel ------------------------------------------


@_guard
def cmd_poll(args: argparse.Namespace) -> int:
    from service import slots
    from service.workflows import scheduling

    cfg = setup(args)
    meeting = _meeting(args.ref)
    tz = meetings.meeting_timezone(meeting, cfg)
    now = clock.now()
    poll = scheduling.open_poll_of(meeting)
    if args.confirm is not None:
        if poll is None:
            raise CommandError(f"{meeting.ref} has no open poll")
        sent = scheduling.confirm(
            cfg, poll, args.confirm, now=now, actor=ACTOR, command=_command(args)
        )
        print(f"{meeting.ref}: scheduled on option {args.confirm}; {sent} invitations queued")
        return 0
    if args.ranking:
        if poll is None:
            raise CommandError(f"{meeting.ref} has no open poll")
        ranked = [
            {
                "option": r.position,
                "start": r.start.astimezone(ZoneInfo(tz)),
                "score": r.score,
                "yes": list(r.yes),
            }
            for r in scheduling.ranking(poll)
        ]
        if args.json:
            print_json(ranked)
            return 0
        table(
            ["option", "start", "score", "can attend"],
            [[r["option"], r["start"], r["score"], ", ".join(r["yes"])] for r in ranked],
        )
        return 0
    starts = [parse_time(o, tz) for o in args.option]
    if not starts:
        starts = slots.propose(cfg, meeting, after=now, count=args.propose)
        if not starts:
            raise CommandError(
                "no time in the next two weeks suits every attendee; give --option times"
            )
    else:
        for problem in slots.option_problems(cfg, meeting, starts):
            print(f"warning: option {problem.text()}")
    deadline = parse_time(args.deadline, tz) if args.deadline else None
    poll = scheduling.open_poll(
        cfg,
        meeting,
        starts,
        now=now,
        actor=ACTOR,
        deadline=deadline,
        auto_pick=args.auto_pick,
        command=_command(args),
    )
    for option in scheduling.options_of(poll):
        print(
            f"{option.position}. {option.start_at.astimezone(ZoneInfo(tz)):%Y-%m-%d %H:%M} ({tz})"
        )
    return 0


def _schedule(args: argparse.Namespace, *, moving: bool) -> int:
    from service import slots
    from service.workflows import invitations

    cfg = setup(args)
    meeting = _meeting(args.ref)
    if moving and meeting.status != "scheduled":
        raise CommandError(f"{meeting.ref} is {meeting.status}: use 'meeting schedule'")
    tz = args.timezone or meetings.meeting_timezone(meeting, cfg)
    start = parse_time(args.start, tz)
    for problem in slots.option_problems(cfg, meeting, [start]):
        print(f"warning: {problem.text().partition(': ')[2]}")
    with write_txn():
        sent = invitations.schedule(
            cfg, meeting, start, now=clock.now(), actor=ACTOR, command=_command(args)
        )
    print(f"{meeting.ref}: {start:%Y-%m-%d %H:%M} ({tz}); {sent} mails queued")
    return 0


@_guard
def cmd_schedule(args: argparse.Namespace) -> int:
    return _schedule(args, moving=False)


@_guard
def cmd_reschedule(args: argparse.Namespace) -> int:
    return _schedule(args, moving=True)


@_guard
def cmd_update(args: argparse.Namespace) -> int:
    """Change title, place, duration, goal, background or recorder; a scheduled
    meeting's attendees get the update (SEQUENCE + 1)."""
    from service.workflows import invitations

    cfg = setup(args)
    meeting = _meeting(args.ref)
    changes: dict[str, Any] = {}
    for name in ("title", "goal", "background", "series"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.online:
        changes.update(format="online", link=args.online, room="")
    if args.offline:
        changes.update(format="offline", room=args.offline, link="", equipment_check=True)
    if args.duration is not None:
        if args.duration <= 0:
            raise CommandError("--duration must be a positive number of minutes")
        changes["duration_minutes"] = args.duration
    now = clock.now()
    with write_txn():
        if args.recorder:
            recorder = _person(args.recorder)
            meetings.add_attendee(
                cfg,
                meeting,
                recorder,
                now=now,
                actor=ACTOR,
                role="recorder",
                command=_command(args),
            )
        changed = meetings.update_meeting(
            meeting, now=now, actor=ACTOR, command=_command(args), **changes
        )
        sent = invitations.send_update(cfg, meeting, now=now) if changed or args.recorder else 0
    print(f"{meeting.ref}: changed {', '.join(changed) or 'nothing'}; {sent} updates queued")
    return 0


@_guard
def cmd_cancel(args: argparse.Namespace) -> int:
    from service.workflows import invitations

    cfg = setup(args)
    meeting = _meeting(args.ref)
    sent = invitations.cancel(
        cfg, meeting, now=clock.now(), actor=ACTOR, reason=args.reason, command=_command(args)
    )
    print(f"{meeting.ref}: cancelled; {sent} cancellations queued")
    return 0


@_guard
def cmd_template(args: argparse.Namespace) -> int:
    from service.workflows import prepare

    print(prepare.blank_form(args.lang), end="")
    return 0


# -- argparse --------------------------------------------------------------------------


def _ref(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ref", metavar="M-NNNN", help="the meeting's reference")


def register(subparsers) -> None:
    meeting = subparsers.add_parser("meeting", help="prepare, schedule and show meetings")
    sub = meeting.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    p = sub.add_parser("create", help="create a draft meeting")
    p.add_argument("--title", required=True)
    p.add_argument("--host", required=True, metavar="EMAIL")
    p.add_argument("--recorder", metavar="EMAIL")
    p.add_argument("--host-company", metavar="NAME", help="default: the host's company")
    p.add_argument("--goal", default="")
    p.add_argument("--background", default="")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--online", metavar="LINK", help="an online meeting at LINK")
    where.add_argument("--offline", metavar="ROOM", help="an offline meeting in ROOM")
    p.add_argument(
        "--no-equipment-check",
        action="store_true",
        help="no equipment check reminder for an offline meeting",
    )
    p.add_argument("--duration", type=int, default=60, metavar="MINUTES")
    p.add_argument("--importance", choices=("normal", "important"), default="normal")
    p.add_argument("--series", default="", help="meetings of one project share it")
    p.add_argument("--timezone", default="", help="default: the host's zone")
    p.add_argument(
        "--required-roles",
        metavar="JSON",
        help='e.g. \'{"*": ["decision"], "乙方": ["execution"]}\'',
    )
    p.set_defaults(func=cmd_create)

    p = sub.add_parser("list", help="list meetings")
    p.add_argument("--status", choices=MEETING_STATES)
    add_json_flag(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="attendees, RSVPs, agenda, poll and mails of a meeting")
    _ref(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("invite", help="add (or remove) attendees")
    _ref(p)
    p.add_argument("people", nargs="+", metavar="EMAIL")
    p.add_argument("--role", choices=MEETING_ROLES, default="attendee")
    p.add_argument("--optional", action="store_true", help="not required (weighs less in polls)")
    p.add_argument("--party", default="", help="甲方, 乙方, … for their company")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=cmd_invite)

    p = sub.add_parser("topics", help="topics attendees proposed; --accept puts them on the agenda")
    _ref(p)
    p.add_argument("--accept", metavar="N,N", help="topic numbers to add to the agenda")
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser("agenda", help="show or replace the agenda")
    _ref(p)
    p.add_argument("--csv", metavar="FILE", help="start,duration,topic,presenter,output")
    p.add_argument(
        "--item",
        action="append",
        default=[],
        help='"14:00-14:20 | topic | presenter | expected output" (repeatable)',
    )
    p.add_argument(
        "--material",
        action="append",
        default=[],
        metavar="FILE",
        help="background material sent with the agenda mail (repeatable)",
    )
    p.set_defaults(func=cmd_agenda)

    p = sub.add_parser("poll", help="ask attendees which time suits them")
    _ref(p)
    p.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="TIME",
        help='a candidate start, e.g. "2026-10-12 14:00" (repeatable)',
    )
    p.add_argument(
        "--propose",
        type=int,
        default=PROPOSALS,
        metavar="N",
        help="without --option: propose N times that suit everyone",
    )
    p.add_argument("--deadline", metavar="TIME")
    p.add_argument("--auto-pick", action="store_true", help="pick the best option at the deadline")
    p.add_argument("--confirm", type=int, metavar="N", help="confirm option N and invite")
    p.add_argument("--ranking", action="store_true", help="print the current ranking")
    add_json_flag(p)  # for --ranking
    p.set_defaults(func=cmd_poll)

    for name, fn, text in (
        ("schedule", cmd_schedule, "fix the time and send the invitation"),
        ("reschedule", cmd_reschedule, "move the meeting and send the update"),
    ):
        p = sub.add_parser(name, help=text)
        _ref(p)
        p.add_argument("start", metavar="TIME", help='e.g. "2026-10-12 14:00"')
        p.add_argument("--timezone", default="", help="default: the meeting's zone")
        p.set_defaults(func=fn)

    p = sub.add_parser("update", help="change title, place, duration…; attendees get the update")
    _ref(p)
    for name in ("title", "goal", "background", "series"):
        p.add_argument(f"--{name}")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--online", metavar="LINK")
    where.add_argument("--offline", metavar="ROOM")
    p.add_argument("--duration", type=int, metavar="MINUTES")
    p.add_argument("--recorder", metavar="EMAIL")
    p.set_defaults(func=cmd_update)

    p = sub.add_parser("cancel", help="cancel and tell everyone")
    _ref(p)
    p.add_argument("--reason", default="")
    p.set_defaults(func=cmd_cancel)

    template = subparsers.add_parser("template", help="print blank forms")
    tsub = template.add_subparsers(dest="template_command", metavar="FORM", required=True)
    p = tsub.add_parser("prep", help="the blank preparation form (会议筹备表)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.set_defaults(func=cmd_template)
