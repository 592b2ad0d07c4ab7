"""Peewee models: the whole state of the service.

Times are `UTCDateTimeField` (aware in, naive UTC stored). Vocabulary
columns (status, role, tier, kind) take the values of the tuples beside
them; those tuples are the one list of allowed values.
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from store.db import BytesField, JSONTextField, UTCDateTimeField, db

TIERS = ("decision", "execution", "support")
LANGUAGES = ("zh", "en", "zh-Hant")  # zh-Hant: Traditional Chinese (HK, TW)
MEETING_ROLES = ("host", "recorder", "presenter", "attendee", "cc")
RSVP_STATES = ("needs-action", "accepted", "declined", "tentative", "delegated")
MEETING_FORMATS = ("online", "offline")
MEETING_STATES = ("draft", "polling", "scheduled", "held", "cancelled")
IMPORTANCE = ("normal", "important")
POLL_STATES = ("open", "closed")
MINUTES_STATES = ("draft", "sent", "final", "superseded")
ACK_KINDS = ("ack", "objection")
ITEM_KINDS = ("decision", "task", "question")
ITEM_STATES = ("open", "in_progress", "submitted", "accepted", "cancelled")
ITEM_CLOSED_STATES = ("accepted", "cancelled")
INBOUND_STATES = ("new", "processing", "done", "failed", "ignored")
INBOUND_SOURCES = ("smtp", "imap", "cli")
OUTBOX_STATES = ("pending", "sending", "sent", "failed")
FILE_PURPOSES = ("material", "deliverable", "minutes")


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class InboundMessage(BaseModel):
    """Every mail received, raw, stored before it is acknowledged."""

    dedup_key = CharField(unique=True)  # Message-ID, or sha256 of the bytes without one
    message_id = CharField(default="", index=True)
    sha256 = CharField()
    raw = BytesField()
    source = CharField()  # smtp / imap / cli
    envelope_from = CharField(default="")
    envelope_to = JSONTextField(default=list)
    sender = CharField(default="", index=True)  # From address, lower-case
    subject = TextField(default="")
    received_at = UTCDateTimeField(index=True)
    status = CharField(default="new", index=True)
    attempts = IntegerField(default=0)
    error = TextField(default="")
    next_attempt_at = UTCDateTimeField(null=True)
    processed_at = UTCDateTimeField(null=True)
    route = CharField(default="")  # what it answered, e.g. "task:12"
    intent = CharField(default="")


class Company(BaseModel):
    name = CharField(unique=True)
    domains = JSONTextField(default=list)  # mail domains, lower-case
    management_cc = JSONTextField(default=list)  # addresses cc'd on formal minutes
    region = CharField(default="")  # holidays region; "" = the service's
    created_at = UTCDateTimeField()


class Person(BaseModel):
    email = CharField(unique=True)  # lower-case primary address
    name = CharField()
    company = ForeignKeyField(Company, null=True, backref="people", on_delete="SET NULL")
    title = CharField(default="")
    tier = CharField(default="execution")
    timezone = CharField(default="")  # "" = the service's
    language = CharField(default="zh")
    manager = ForeignKeyField("self", null=True, backref="reports", on_delete="SET NULL")
    active = BooleanField(default=True)
    bounced_at = UTCDateTimeField(null=True)  # last hard bounce of this address
    bounce_reason = TextField(default="")
    created_at = UTCDateTimeField()


class PersonAlias(BaseModel):
    person = ForeignKeyField(Person, backref="aliases", on_delete="CASCADE")
    email = CharField(unique=True)


class Meeting(BaseModel):
    ref = CharField(unique=True)  # M-0042
    title = CharField()
    goal = TextField(default="")
    background = TextField(default="")
    series = CharField(default="", index=True)  # meetings of one project share it
    host_company = ForeignKeyField(Company, null=True, on_delete="SET NULL")
    host = ForeignKeyField(Person, null=True, backref="hosted", on_delete="SET NULL")
    recorder = ForeignKeyField(Person, null=True, backref="recorded", on_delete="SET NULL")
    format = CharField(default="online")
    link = TextField(default="")
    room = CharField(default="")
    equipment_check = BooleanField(default=False)
    duration_minutes = IntegerField(default=60)
    importance = CharField(default="normal")
    status = CharField(default="draft", index=True)
    start_at = UTCDateTimeField(null=True, index=True)
    end_at = UTCDateTimeField(null=True)
    timezone = CharField(default="")  # the host's zone for display; "" = the service's
    required_roles = JSONTextField(null=True)  # None = the default rule
    ical_uid = CharField(unique=True)
    ical_sequence = IntegerField(default=0)
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()


class MeetingCompany(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="companies", on_delete="CASCADE")
    company = ForeignKeyField(Company, on_delete="CASCADE")
    party = CharField(default="")  # 甲方 / 乙方 / 丙方 as the minutes name them

    class Meta:
        indexes = ((("meeting", "company"), True),)


class Participant(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="participants", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="participations", on_delete="CASCADE")
    role = CharField(default="attendee")
    required = BooleanField(default=True)
    rsvp = CharField(default="needs-action")
    rsvp_at = UTCDateTimeField(null=True)
    delegate_text = TextField(default="")  # the substitute as written
    delegate_for = ForeignKeyField("self", null=True, on_delete="SET NULL")
    comment = TextField(default="")

    class Meta:
        indexes = ((("meeting", "person"), True),)


class AgendaItem(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="agenda", on_delete="CASCADE")
    position = IntegerField()
    start_offset_minutes = IntegerField()  # from the meeting's start
    duration_minutes = IntegerField()
    topic = TextField()
    presenter = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    presenter_text = CharField(default="")
    expected_output = TextField(default="")


class TopicRequest(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="topic_requests", on_delete="CASCADE")
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    text = TextField()
    message = ForeignKeyField(InboundMessage, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField()


class Poll(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="polls", on_delete="CASCADE")
    status = CharField(default="open")
    deadline_at = UTCDateTimeField(null=True)
    auto_pick = BooleanField(default=False)
    chosen_position = IntegerField(null=True)
    created_at = UTCDateTimeField()
    closed_at = UTCDateTimeField(null=True)


class PollOption(BaseModel):
    poll = ForeignKeyField(Poll, backref="options", on_delete="CASCADE")
    position = IntegerField()  # 1..N as shown in the poll mail
    start_at = UTCDateTimeField()
    end_at = UTCDateTimeField()

    class Meta:
        indexes = ((("poll", "position"), True),)


class Vote(BaseModel):
    poll = ForeignKeyField(Poll, backref="votes", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    slots = JSONTextField(default=list)  # option positions the person can attend
    message = ForeignKeyField(InboundMessage, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField()

    class Meta:
        indexes = ((("poll", "person"), True),)


class MinutesVersion(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="minutes", on_delete="CASCADE")
    version = IntegerField()
    status = CharField(default="draft")
    body = TextField(default="")  # the text as the recorder sent it
    items = JSONTextField(default=list)  # parsed items as confirmed
    unread = JSONTextField(default=list)  # item-like lines the reader could not read
    changes = TextField(default="")  # what changed against the previous version
    # who attended as the recorder confirmed it: [{"person_id", "name", "company"}];
    # None = the participants who did not decline (delegates for those they replaced)
    attendance = JSONTextField(null=True)
    recorder = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    message = ForeignKeyField(InboundMessage, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField()
    sent_at = UTCDateTimeField(null=True)
    window_ends_at = UTCDateTimeField(null=True)
    finalized_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("meeting", "version"), True),)


class MinutesAck(BaseModel):
    minutes = ForeignKeyField(MinutesVersion, backref="acks", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    kind = CharField()  # ack / objection
    text = TextField(default="")
    resolved = BooleanField(default=False)  # an objection answered by a new version
    message = ForeignKeyField(InboundMessage, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField()

    class Meta:
        indexes = ((("minutes", "person"), True),)


class Item(BaseModel):
    """A decision, task or question from the minutes; tracked when it has an owner."""

    ref = CharField(unique=True)  # T-0042
    meeting = ForeignKeyField(Meeting, backref="items", on_delete="CASCADE")
    minutes = ForeignKeyField(MinutesVersion, null=True, on_delete="SET NULL")
    kind = CharField()
    text = TextField()
    title = CharField(default="")  # short name for subjects, e.g. 《数据对接标准文档》
    owner = ForeignKeyField(Person, null=True, backref="items", on_delete="SET NULL")
    owner_text = CharField(default="")  # as written in the minutes
    requester = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    raised_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    due_at = UTCDateTimeField(null=True)
    due_text = CharField(default="")
    status = CharField(default="open")
    percent = IntegerField(default=0)
    proposed_due_at = UTCDateTimeField(null=True)  # a delay waiting for approval
    proposed_reason = TextField(default="")
    answer = TextField(default="")  # for questions
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()
    last_update_at = UTCDateTimeField(null=True)  # the owner's last word
    accepted_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("status", "due_at"), False),)


class ItemUpdate(BaseModel):
    """The history of an item: every change and who made it."""

    item = ForeignKeyField(Item, backref="updates", on_delete="CASCADE")
    kind = CharField()  # created, progress, done, delay, approve, accept, reject, answer, admin
    by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    text = TextField(default="")
    percent = IntegerField(null=True)
    old_status = CharField(default="")
    new_status = CharField(default="")
    old_due_at = UTCDateTimeField(null=True)
    new_due_at = UTCDateTimeField(null=True)
    message = ForeignKeyField(InboundMessage, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField()


class StoredFile(BaseModel):
    """Materials and deliverables: content kept with its hash."""

    meeting = ForeignKeyField(Meeting, null=True, backref="files", on_delete="CASCADE")
    item = ForeignKeyField(Item, null=True, backref="files", on_delete="CASCADE")
    purpose = CharField()
    filename = CharField()  # safe name
    content_type = CharField(default="application/octet-stream")
    size = IntegerField()
    sha256 = CharField(index=True)
    data = BytesField()
    uploaded_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    message = ForeignKeyField(InboundMessage, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField()


class Retrospective(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="retrospectives", on_delete="CASCADE")
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    worked = TextField(default="")
    improve = TextField(default="")
    text = TextField(default="")
    message = ForeignKeyField(InboundMessage, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField()


class Outbox(BaseModel):
    """Every mail the service sends: written with the change that causes it."""

    key = CharField(unique=True)  # idempotency key, e.g. minutes-reminder:meeting 42:recipient 7
    message_id = CharField(unique=True)
    kind = CharField(default="", index=True)  # the template name
    recipients = JSONTextField(default=list)  # envelope recipients
    subject = TextField(default="")
    raw = BytesField()  # the complete message, built once: a retry sends the same bytes
    thread = CharField(default="", index=True)  # what replies to it answer, e.g. "task:12"
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    meeting = ForeignKeyField(Meeting, null=True, on_delete="SET NULL")
    item = ForeignKeyField(Item, null=True, on_delete="SET NULL")
    status = CharField(default="pending", index=True)
    attempts = IntegerField(default=0)
    last_error = TextField(default="")
    created_at = UTCDateTimeField(index=True)
    next_attempt_at = UTCDateTimeField(null=True)
    sending_since = UTCDateTimeField(null=True)
    sent_at = UTCDateTimeField(null=True)
    relay_reply = TextField(default="")
    # Per recipient: the relay accepted these; refused these for good ({address: reply}).
    # A recipient in neither is still to be tried (a 4xx for one is retried for that one).
    delivered_to = JSONTextField(default=list)
    refused = JSONTextField(default=dict)


class AuditLog(BaseModel):
    """Every state change: who, what, when, caused by which message or command."""

    at = UTCDateTimeField(index=True)
    actor = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    actor_text = CharField(default="")  # e.g. "cli", "system", an unknown address
    action = CharField()
    object_kind = CharField(default="")
    object_id = IntegerField(null=True)
    detail = JSONTextField(default=dict)
    message = ForeignKeyField(InboundMessage, null=True, on_delete="SET NULL")
    command = TextField(default="")


class ImapState(BaseModel):
    """The IMAP watermark: nothing missed or read twice across restarts."""

    mailbox = CharField(unique=True)  # user@host/folder
    uidvalidity = IntegerField(default=0)
    last_uid = IntegerField(default=0)
    updated_at = UTCDateTimeField(null=True)


class Installation(BaseModel):
    """This store's own random value, made once: Message-IDs mix it in, so two
    stores (staging beside production, a re-initialised one) never share one."""

    nonce = CharField(unique=True)
    created_at = UTCDateTimeField()


class ServiceClock(BaseModel):
    """A rehearsal clock (`meetloop serve --start-at`), one row; none on a live store.

    `instant` is the clock's reading at the real time `wall_at`; while `serving`
    it runs `speed`× from there. The row's presence marks the store as rehearsed
    until `meetloop init --reset-clock` removes it."""

    start_at = UTCDateTimeField()
    instant = UTCDateTimeField()
    wall_at = UTCDateTimeField()
    speed = FloatField(default=1.0)
    serving = BooleanField(default=False)


class Counter(BaseModel):
    """Short references (M-0042, T-0042) handed out without gaps or clashes."""

    name = CharField(unique=True)
    value = IntegerField(default=0)


class ChatRobot(BaseModel):
    """A group robot (WeCom, DingTalk, Feishu webhook) that gets notices beside mail.

    Scope: one company's group, one meeting's group, or every notice (`everything`).
    The secret is kept here or read from `secret_file` when posting; neither is shown.
    """

    name = CharField(unique=True)
    kind = CharField()  # wecom, dingtalk, feishu
    webhook = TextField()
    secret = TextField(default="")
    secret_file = TextField(default="")
    keyword = CharField(default="")
    language = CharField(default="zh")
    company = ForeignKeyField(Company, null=True, on_delete="CASCADE")
    meeting = ForeignKeyField(Meeting, null=True, on_delete="CASCADE")
    everything = BooleanField(default=False)
    created_at = UTCDateTimeField()


ALL_MODELS = (
    Company,
    Person,
    PersonAlias,
    Meeting,
    MeetingCompany,
    Participant,
    AgendaItem,
    TopicRequest,
    Poll,
    PollOption,
    Vote,
    MinutesVersion,
    MinutesAck,
    Item,
    ItemUpdate,
    StoredFile,
    Retrospective,
    InboundMessage,
    Outbox,
    AuditLog,
    ImapState,
    Counter,
    Installation,
    ServiceClock,
    ChatRobot,
)
