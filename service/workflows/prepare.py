"""The preparation form (会议筹备表) by mail: the host fills it in, the service
creates the meeting, its attendees, agenda and time poll in one go.

The form is read as labelled fields ("会议主题：…", or a table row
"会议主题 | …"); a field's value runs until the next label. Every mistake is
collected and answered in one mail, numbered; nothing is created unless the
whole form is right. A mail saying only "帮助" / "help" / "筹备表" / "prep form"
gets the blank form (with a short reminder of how to answer the other mails).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from parsers.reply_body import reply_body
from service import meetings, slots
from service.config import Config
from service.entitlement import note_intent
from service.mail import Thread, queue_mail
from service.meetings import MeetingError
from service.render import environment, language
from service.workflows import agenda, meeting_mail, retrospective, scheduling
from service.workflows.registry import Incoming, intake
from store.db import write_txn
from store.models import Company, Meeting, Person
from store.queries import person_by_address

PREP_PRIORITY = 10
# Field labels, zh and en: the one list the reader and the blank form agree on.
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("会议主题", "主题", "会议名称", "title", "subject", "meeting title"),
    "goal": ("会议目标", "目标", "goal", "goals"),
    "background": ("背景", "会议背景", "background"),
    "materials": ("材料", "会议材料", "背景材料", "附件", "materials", "material", "attachments"),
    "people": ("参会公司及人员", "参会人员", "参会人", "companies and attendees", "attendees"),
    "format": ("形式", "会议形式", "format"),
    "duration": ("时长", "会议时长", "duration"),
    "times": ("候选时间", "时间", "candidate times", "times"),
    "deadline": ("投票截止", "截止", "poll deadline"),
    "agenda": ("议程", "会议议程", "agenda"),
    "importance": ("重要程度", "importance"),
    "series": ("系列", "项目", "series", "project"),
}
REQUIRED_FIELDS = ("title", "people", "format", "duration")
FORM_REQUEST = re.compile(
    r"^\s*(帮助|求助|筹备表|会议筹备表|筹备|新会议|help|prep(aration)? form|new meeting)"
    r"\s*[。.!！?？]?\s*$",
    re.IGNORECASE,
)
ROLE_WORDS = {
    "主持人": "host",
    "主持": "host",
    "host": "host",
    "记录人": "recorder",
    "记录": "recorder",
    "recorder": "recorder",
    "汇报人": "presenter",
    "汇报": "presenter",
    "主讲": "presenter",
    "presenter": "presenter",
    "抄送": "cc",
    "cc": "cc",
    "参会人": "attendee",
    "attendee": "attendee",
}
OPTIONAL_WORDS = ("可选", "optional")
PARTY = re.compile(r"^\s*([甲乙丙丁戊己]方)\s*")
PARTY_START = re.compile(r"\s+(?=[甲乙丙丁戊己]方\s)")
PERSON_SPLIT = re.compile(r"[、,，;；]")
PERSON_ROLE = re.compile(r"^(?P<who>[^（(]+?)\s*(?:[（(](?P<role>[^）)]*)[）)])?\s*$")
COMPANY_PART = re.compile(r"^([^:：]*)[:：](.*)$")
URL = re.compile(r"https?://\S+")
DURATION = re.compile(
    r"(\d+(?:\.\d+)?)\s*(分钟|分|min(?:ute)?s?|小时|个小时|h(?:ours?)?)", re.IGNORECASE
)
DATETIME = re.compile(
    r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?\s*(?:\S*?\s*)?"
    r"(\d{1,2})\s*[:：点]\s*(\d{2})?"
)
# "投票截止：2026-09-24 18:00 自动选定": the service picks the best option then.
AUTO_PICK = re.compile(
    r"[（(]?\s*(自动选定|自动确定|自动|auto[- ]?pick|pick automatically)\s*[)）]?", re.IGNORECASE
)
PROPOSE_WORDS = ("系统推荐", "推荐", "自动", "propose", "suggest", "auto")
MAX_NAME = 60
# A file named under 材料 ("forecast.xlsx"), as opposed to a link or a remark.
FILE_NAME = re.compile(r"^[^\s/\\:：]+\.[A-Za-z0-9]{2,5}$")
MATERIAL_SPLIT = re.compile(r"[、,，;；\s]+")
# Calendar parts are an invitation's, never material.
CALENDAR_TYPES = ("text/calendar", "application/ics")


@dataclass
class Form:
    """The form as read, before anything is created."""

    fields: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _label_pattern() -> re.Pattern[str]:
    names = sorted((n for names in LABELS.values() for n in names), key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"^\s*[*#>\-•]*\s*(?P<label>{alternatives})\s*(?:[:：|｜\t]|\s{{2,}})\s*(?P<value>.*)$",
        re.IGNORECASE,
    )


LABEL_LINE = _label_pattern()
BARE_LABEL = re.compile(
    r"^\s*(?P<label>" + "|".join(re.escape(n) for v in LABELS.values() for n in v) + r")\s*$",
    re.IGNORECASE,
)


def _key(label: str) -> str:
    label = label.lower()
    return next(k for k, names in LABELS.items() if label in (n.lower() for n in names))


def read_fields(text: str) -> dict[str, str]:
    """Labelled fields of the form (plain text or a pasted table)."""
    fields: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        clean = line.strip().strip("|｜").strip()
        m = LABEL_LINE.match(clean) or BARE_LABEL.match(clean)
        if m:
            current = _key(m.group("label"))
            value = m.groupdict().get("value") or ""
            value = re.sub(r"^[（(][^）)]*[）)]\s*", "", value.strip()).strip(" |｜\t")
            fields.setdefault(current, [])
            if value:
                fields[current].append(value)
        elif current and clean:
            fields[current].append(clean)
    return {k: "\n".join(v).strip() for k, v in fields.items()}


def is_form(text: str) -> bool:
    """Enough labelled fields (the title among them) to be a filled-in form."""
    fields = read_fields(text)
    return bool(fields.get("title")) and len(fields) >= 3


def _find_person(written: str, company: Company | None) -> list[Person]:
    found = URL.sub("", written)
    address = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", found)
    if address:
        person = person_by_address(address.group(0))
        return [person] if person else []
    name = written.strip()
    query = Person.select().where((Person.name == name) & (Person.active == True))  # noqa: E712
    people = list(query)
    if company is not None:
        same = [p for p in people if p.company_id == company.id]
        people = same or people
    return people


def _company(name: str) -> Company | None:
    name = name.strip()
    if not name:
        return None
    return Company.get_or_none(Company.name == name)


@dataclass
class Invitee:
    person: Person
    role: str
    required: bool
    party: str


def read_people(text: str, errors: list[str]) -> list[Invitee]:
    """ "甲方 云启科技：王敏（主持人）、李静（记录人）" lines → invitees; mistakes to `errors`."""
    out: list[Invitee] = []
    # table cells run a company's lines together: each party starts a line
    text = PARTY_START.sub("\n", text)
    for line in text.splitlines():
        line = line.strip().lstrip("-*•·").strip()
        if not line:
            continue
        party = ""
        pm = PARTY.match(line)
        if pm:
            party, line = pm.group(1), line[pm.end() :]
        head, sep, rest = [*re.split(r"([:：])", line, maxsplit=1), "", ""][:3]
        if sep:
            company_name, names = head.strip(), rest
        else:
            company_name, names = "", line
        company = _company(company_name)
        if company_name and company is None:
            errors.append(f"未找到公司“{company_name}” / unknown company {company_name}")
            continue
        for item in PERSON_SPLIT.split(names):
            item = item.strip()
            if not item:
                continue
            m = PERSON_ROLE.match(item)
            who = (m.group("who") if m else item).strip()[:MAX_NAME]
            role_text = (m.group("role") or "").strip().lower() if m else ""
            role = "attendee"
            required = True
            for word in re.split(r"[\s/、,，]+", role_text):
                if word in ROLE_WORDS:
                    role = ROLE_WORDS[word]
                elif word in OPTIONAL_WORDS:
                    required = False
            people = _find_person(who, company)
            if not people:
                errors.append(f"通讯录中没有“{who}” / {who} is not in the directory")
            elif len(people) > 1:
                errors.append(
                    f"“{who}”有{len(people)}人同名，请写邮箱地址 / several people are called "
                    f"{who}: write the address"
                )
            else:
                person = people[0]
                if company is not None and person.company_id != company.id:
                    errors.append(
                        f"{who}不属于{company.name} / {who} does not work for {company.name}"
                    )
                    continue
                out.append(Invitee(person, role, required, party))
    if not out and not errors:
        errors.append("没有参会人 / no attendees")
    return out


def read_duration(text: str) -> int | None:
    m = DURATION.search(text)
    if not m:
        return int(text) if text.strip().isdigit() else None
    value, unit = float(m.group(1)), m.group(2).lower()
    return round(value * 60) if unit.startswith(("小时", "个小时", "h")) else round(value)


def read_times(text: str, tz: ZoneInfo, errors: list[str]) -> list[datetime] | None:
    """Candidate starts in the host's zone; None means "let the service propose"."""
    if any(w in text.lower() for w in PROPOSE_WORDS):
        return None
    starts = []
    for line in text.splitlines():
        if not line.strip():
            continue
        m = DATETIME.search(line)
        if not m:
            errors.append(
                f"候选时间“{line.strip()}”无法识别，请写作 2026-10-12 14:00 / "
                f"cannot read the time {line.strip()!r}; write 2026-10-12 14:00"
            )
            continue
        y, mo, d, h, mi = (int(x) if x else 0 for x in m.groups())
        try:
            starts.append(datetime(y, mo, d, h, mi, tzinfo=tz))
        except ValueError:
            errors.append(f"候选时间“{line.strip()}”不是有效日期 / {line.strip()} is not a date")
    return starts


@dataclass
class Plan:
    """Everything the form asks for, checked; `create` makes it real."""

    title: str
    goal: str
    background: str
    invitees: list[Invitee]
    format: str
    link: str
    room: str
    duration: int
    times: list[datetime] | None
    deadline: datetime | None
    auto_pick: bool
    agenda_rows: list[agenda.AgendaLine]
    importance: str
    series: str


def read_materials(text: str, attached: list[str], errors: list[str]) -> str:
    """The 材料 field: every file it names must be attached to the form mail (a
    mistake otherwise); what is not a file name (links, remarks) is returned."""
    have = {meetings.safe_filename(name).lower() for name in attached}
    rest = []
    for token in MATERIAL_SPLIT.split(URL.sub(" ", text)):
        token = token.strip("（）()“”\"'。.")
        if not token:
            continue
        if FILE_NAME.match(token):
            if meetings.safe_filename(token).lower() not in have:
                errors.append(
                    f"材料“{token}”未随邮件附上，请附上后重新发送 / "
                    f"{token} is named under materials but not attached"
                )
        else:
            rest.append(token)
    links = URL.findall(text)
    return " ".join([*links, *rest]) if links else ""


def read_form(
    text: str, host: Person, cfg: Config, now: datetime, attached: list[str] | None = None
) -> tuple[Plan | None, list[str]]:
    """The plan, or the numbered list of everything wrong with the form
    (`attached`: the file names the form mail carries, checked against 材料)."""
    fields = read_fields(text)
    errors: list[str] = []
    material_links = (
        read_materials(fields.get("materials", ""), attached or [], errors)
        if attached is not None
        else ""
    )
    names = {"title": "会议主题", "people": "参会公司及人员", "format": "形式", "duration": "时长"}
    for key in REQUIRED_FIELDS:
        if not fields.get(key):
            errors.append(f"缺少“{names[key]}” / {key} is missing")
    tz = ZoneInfo(meetings.person_timezone(host, cfg))
    invitees = read_people(fields.get("people", ""), errors) if fields.get("people") else []
    fmt_text = fields.get("format", "")
    link_m = URL.search(fmt_text)
    link = link_m.group(0) if link_m else ""
    offline = bool(re.search(r"线下|现场|offline|on.?site|会议室|room", fmt_text, re.IGNORECASE))
    room = ""
    if fmt_text and offline and not link:
        room = re.sub(
            r"^(线下|现场|offline|on.?site)[\s,，:：]*", "", fmt_text, flags=re.IGNORECASE
        ).strip()
        if not room:
            errors.append("线下会议请写明会议室 / an offline meeting needs a room")
    elif fmt_text and not link:
        errors.append("线上会议请附会议链接 / an online meeting needs its link")
    duration = read_duration(fields.get("duration", "")) if fields.get("duration") else None
    if fields.get("duration") and not duration:
        errors.append(
            f"时长“{fields['duration']}”无法识别，请写作 90分钟 / write the duration as 90 minutes"
        )
    times = read_times(fields.get("times", ""), tz, errors) if fields.get("times") else []
    for start in times or []:
        if start <= now:
            errors.append(
                f"候选时间 {start:%Y-%m-%d %H:%M} 已过去 / {start:%Y-%m-%d %H:%M} is past"
            )
    deadline = None
    if fields.get("deadline"):
        found = read_times(AUTO_PICK.sub("", fields["deadline"]), tz, errors)
        deadline = found[0] if found else None
    rows: list[agenda.AgendaLine] = []
    if fields.get("agenda"):
        try:
            rows = agenda.parse_lines(fields["agenda"])
        except MeetingError as e:
            errors.append(str(e))
        if duration and rows:
            first = rows[0].start
            last = rows[-1]
            if first and last.start:
                span = (last.start.hour * 60 + last.start.minute + last.minutes) - (
                    first.hour * 60 + first.minute
                )
                if span > duration:
                    errors.append(
                        f"议程共{span}分钟，超过时长{duration}分钟 / the agenda "
                        f"({span} min) is longer than the meeting ({duration} min)"
                    )
    hosts = [i for i in invitees if i.role == "host"]
    if len(hosts) > 1:
        errors.append("只能有一位主持人 / only one host")
    if errors:
        return None, errors
    importance = (
        "important"
        if re.search(r"重要|important|high", fields.get("importance", ""), re.IGNORECASE)
        else "normal"
    )
    return (
        Plan(
            title=fields["title"].splitlines()[0],
            goal=fields.get("goal", ""),
            background="\n".join(
                b
                for b in (
                    fields.get("background", ""),
                    material_links and f"材料：{material_links}",
                )
                if b
            ),
            invitees=invitees,
            format="offline" if room else "online",
            link=link,
            room=room,
            duration=duration or 60,
            times=times,
            deadline=deadline,
            auto_pick=deadline is not None and bool(AUTO_PICK.search(fields.get("deadline", ""))),
            agenda_rows=rows,
            importance=importance,
            series=fields.get("series", ""),
        ),
        [],
    )


def create(cfg: Config, plan: Plan, host: Person, *, now: datetime, message=None) -> Meeting:
    """The meeting, attendees, agenda and poll of a checked plan, in one transaction."""
    named_host = next((i.person for i in plan.invitees if i.role == "host"), host)
    recorder = next((i.person for i in plan.invitees if i.role == "recorder"), None)
    with write_txn():
        meeting = meetings.create_meeting(
            cfg,
            now=now,
            actor=host,
            title=plan.title,
            goal=plan.goal,
            background=plan.background,
            host=named_host,
            recorder=recorder,
            format=plan.format,
            link=plan.link,
            room=plan.room,
            duration_minutes=plan.duration,
            importance=plan.importance,
            series=plan.series,
            message=message,
        )
        if named_host.id != host.id and meetings.participant_of(meeting, host) is None:
            meetings.add_attendee(cfg, meeting, host, now=now, actor=host, message=message)
        for inv in plan.invitees:
            if inv.person.company_id and inv.party:
                meetings.add_company(
                    meeting,
                    inv.person.company,
                    now=now,
                    actor=host,
                    party=inv.party,
                    message=message,
                )
        for inv in plan.invitees:
            if inv.role in ("host", "recorder"):
                continue
            meetings.add_attendee(
                cfg,
                meeting,
                inv.person,
                now=now,
                actor=host,
                role=inv.role,
                required=inv.required,
                message=message,
            )
        if plan.agenda_rows:
            agenda.set_agenda(cfg, meeting, plan.agenda_rows, now=now, actor=host, message=message)
        starts = plan.times
        if starts is None:
            starts = slots.propose(cfg, meeting, after=now)
        if starts:
            scheduling.open_poll(
                cfg,
                meeting,
                starts,
                now=now,
                actor=host,
                deadline=plan.deadline,
                auto_pick=plan.auto_pick,
                message=message,
            )
    return meeting


def send_blank_form(cfg: Config, person: Person, now: datetime, key: str) -> None:
    queue_mail(
        cfg,
        key=key,
        to=person,
        template="prep_form",
        now=now,
        context={"tz": meetings.person_timezone(person, cfg)},
        thread=Thread(),
    )


def blank_form(lang: str) -> str:
    """The empty form as `meetloop template prep` prints it."""
    return environment(language(lang)).get_template("_prep_blank.txt").render()


@intake(PREP_PRIORITY)
def preparation_form(incoming: Incoming) -> bool:
    """A filled-in form creates the meeting; "筹备表" gets the blank one."""
    sender, mail = incoming.sender, incoming.mail
    if sender is None:
        return False
    body = reply_body(mail.text or "")
    cfg, now = incoming.config, incoming.now
    key = f"prep:{incoming.message.id}"
    if FORM_REQUEST.match(body) or (not body.strip() and FORM_REQUEST.match(mail.subject or "")):
        with write_txn():
            send_blank_form(cfg, sender, now, key)
        note_intent(incoming, "prep_form")
        return True
    # the newly written text first: a reply to the blank form quotes it below
    text = body if is_form(body) else (mail.text or "")
    if not is_form(text):
        return False
    files = [a for a in mail.attachments if a.content_type not in CALENDAR_TYPES]
    plan, errors = read_form(text, sender, cfg, now, attached=[a.filename for a in files])
    if plan is not None:
        try:
            with write_txn():
                meeting = create(cfg, plan, sender, now=now, message=incoming.message)
                stored = [
                    meetings.add_material(
                        cfg,
                        meeting,
                        filename=a.filename,
                        content_type=a.content_type,
                        data=a.payload,
                        now=now,
                        actor=sender,
                        message=incoming.message,
                    )
                    for a in files
                ]
                poll = scheduling.open_poll_of(meeting)
                options = scheduling.options_of(poll) if poll else []
                meeting_mail.send(
                    cfg,
                    meeting,
                    sender,
                    key=key,
                    template="prep_created",
                    now=now,
                    extra={
                        "options": options,
                        "problems": slots.option_problems(
                            cfg, meeting, [o.start_at for o in options]
                        ),
                        "checklist": retrospective.checklist(meeting.series, meeting),
                        "materials": stored,
                        "days": cfg.policy.agenda_days_before,
                    },
                )
            note_intent(incoming, "prep_created")
            return True
        except MeetingError as e:  # the meeting's own checks: nothing was kept
            errors = [str(e)]
    with write_txn():
        queue_mail(
            cfg,
            key=key,
            to=sender,
            template="prep_errors",
            now=now,
            context={"errors": errors, "title": read_fields(text).get("title", "")},
            thread=Thread(in_reply_to=mail.message_id),
        )
        meetings.record(
            "meeting.form_refused",
            now=now,
            actor=sender,
            obj=incoming.message,
            detail={"errors": errors},
            message=incoming.message,
        )
    note_intent(incoming, "prep_errors")
    return True
