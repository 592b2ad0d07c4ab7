"""The directory of companies and people, shared by the CLI and mail-driven workflows.

Every change is validated in full before anything is written, runs in one
write transaction and leaves an audit row, so a half-applied import or a
person with an unknown tier cannot exist. Nothing here knows about argparse:
callers pass plain values and get model objects or a `DirectoryError`
phrased for the admin who must fix the input.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peewee import JOIN, fn

from service.config import is_region
from store.db import write_txn
from store.models import LANGUAGES, TIERS, Company, InboundMessage, Person, PersonAlias
from store.queries import audit, person_by_address

CSV_COLUMNS = (
    "email",
    "name",
    "company",
    "title",
    "tier",
    "timezone",
    "language",
    "manager",
    "aliases",
)
# Header names admins write in Chinese spreadsheets, mapped to CSV_COLUMNS.
HEADER_SYNONYMS = {
    "邮箱": "email",
    "电子邮件": "email",
    "邮件地址": "email",
    "mail": "email",
    "姓名": "name",
    "名字": "name",
    "公司": "company",
    "职位": "title",
    "职务": "title",
    "层级": "tier",
    "时区": "timezone",
    "tz": "timezone",
    "语言": "language",
    "lang": "language",
    "上级": "manager",
    "直属上级": "manager",
    "别名": "aliases",
    "alias": "aliases",
}
# Words people put in the tier and language columns, mapped to the vocabularies.
TIER_SYNONYMS = {
    "决策": "decision",
    "决策层": "decision",
    "执行": "execution",
    "执行层": "execution",
    "支持": "support",
    "支持层": "support",
}
LANGUAGE_SYNONYMS = {
    "中文": "zh",
    "汉语": "zh",
    "english": "en",
    "英文": "en",
    "英语": "en",
    **{
        written: "zh-Hant"
        for written in (
            "zh-hant",
            "zh-tw",
            "zh-hk",
            "zh-mo",
            "繁體",
            "繁体",
            "繁體中文",
            "繁体中文",
        )
    },
}
ALIAS_SEPARATOR = re.compile(r"[;,；，、\s]+")
MAX_MANAGER_CHAIN = 100
DEFAULT_LANGUAGE = Person.language.default  # for new people when the caller gives none

_ADDRESS = re.compile(r"[^@\s<>,;()\"']+@[^@\s<>,;()\"']+\.[^@\s<>,;()\"'.]+")
_DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)+")


class DirectoryError(ValueError):
    """Input the directory refuses, with the reason."""


class ImportRejected(DirectoryError):
    """A people file with bad rows: each (line, reason); nothing was imported."""

    def __init__(self, problems: list[tuple[int | None, str]]):
        self.problems = problems
        super().__init__(
            "; ".join(f"line {line}: {why}" if line else why for line, why in problems)
        )


@dataclass(frozen=True)
class Origin:
    """Who asked for a change, for the audit log: the CLI, or a person by mail."""

    actor: Person | None = None
    actor_text: str = "cli"
    message: InboundMessage | None = None
    command: str = ""

    def audit(self, action: str, obj: Any, detail: dict[str, Any], now: datetime) -> None:
        audit(
            action,
            at=now,
            actor=self.actor,
            actor_text=self.actor_text,
            obj=obj,
            detail=detail,
            message=self.message,
            command=self.command,
        )


CLI = Origin()


# ---------------------------------------------------------------- values


def normalize_address(value: str, what: str = "address") -> str:
    """A lower-case mail address, or DirectoryError naming `what`."""
    address = (value or "").strip().strip("<>").strip().lower()
    if not _ADDRESS.fullmatch(address):
        raise DirectoryError(f"{what} {value!r} is not a mail address")
    return address


def normalize_domain(value: str) -> str:
    domain = (value or "").strip().lstrip("@").lower().rstrip(".")
    if not _DOMAIN.fullmatch(domain):
        raise DirectoryError(f"domain {value!r} is not a mail domain such as example.cn")
    return domain


def normalize_tier(value: str) -> str:
    tier = TIER_SYNONYMS.get(value.strip(), value.strip().lower())
    if tier not in TIERS:
        raise DirectoryError(f"tier {value!r} is not allowed; expected {_one_of(TIERS)}")
    return tier


def normalize_language(value: str) -> str:
    text = value.strip().lower()
    language = LANGUAGE_SYNONYMS.get(text, re.split(r"[-_]", text)[0])
    if language not in LANGUAGES:
        raise DirectoryError(f"language {value!r} is not allowed; expected {_one_of(LANGUAGES)}")
    return language


def normalize_timezone(value: str) -> str:
    """An IANA zone name, or "" for the service's own zone."""
    zone = value.strip()
    if not zone:
        return ""
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise DirectoryError(
            f"time zone {value!r} is unknown; expected an IANA name such as Asia/Shanghai"
        ) from None
    return zone


def normalize_region(value: str) -> str:
    """A holidays region (CN, SG, DE-BY), or "" for the service's own."""
    region = value.strip().upper()
    if region and not is_region(region):
        raise DirectoryError(
            f"region {value!r} is unknown; expected a two-letter country code such as CN, SG or DE-BY"
        )
    return region


def _one_of(values: Sequence[str]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1]


def split_aliases(text: str) -> list[str]:
    return [a for a in ALIAS_SEPARATOR.split(text or "") if a]


# ---------------------------------------------------------------- companies


def find_company(key: str) -> Company | None:
    """A company by name (any case) or by one of its mail domains."""
    key = (key or "").strip()
    if not key:
        return None
    company = Company.get_or_none(fn.LOWER(Company.name) == key.lower())
    if company is None and "." in key and " " not in key:
        domain = key.lstrip("@").lower()
        company = next((c for c in Company.select() if domain in (c.domains or [])), None)
    return company


def get_company(key: str) -> Company:
    company = find_company(key)
    if company is None:
        raise DirectoryError(f"company {key!r} is not in the directory")
    return company


def list_companies() -> list[Company]:
    return list(Company.select().order_by(Company.name))


def _check_domains(domains: Iterable[str], company: Company | None) -> list[str]:
    checked = list(dict.fromkeys(normalize_domain(d) for d in domains))
    for domain in checked:
        for other in Company.select():
            if other.id != getattr(company, "id", None) and domain in (other.domains or []):
                raise DirectoryError(f"domain {domain} already belongs to company {other.name}")
    return checked


def add_company(
    name: str,
    domains: Iterable[str],
    *,
    management_cc: Iterable[str] = (),
    region: str = "",
    now: datetime,
    origin: Origin = CLI,
) -> Company:
    name = " ".join((name or "").split())
    if not name:
        raise DirectoryError("a company needs a name")
    with write_txn():
        if Company.get_or_none(fn.LOWER(Company.name) == name.lower()) is not None:
            raise DirectoryError(f"company {name!r} already exists")
        company = Company.create(
            name=name,
            domains=_check_domains(domains, None),
            management_cc=[normalize_address(a, "management cc") for a in management_cc],
            region=normalize_region(region),
            created_at=now,
        )
        origin.audit("company.add", company, company_record(company, people=False), now)
    return company


def update_company(
    key: str,
    *,
    name: str | None = None,
    add_domains: Iterable[str] = (),
    remove_domains: Iterable[str] = (),
    add_cc: Iterable[str] = (),
    remove_cc: Iterable[str] = (),
    region: str | None = None,
    now: datetime,
    origin: Origin = CLI,
) -> Company:
    with write_txn():
        company = get_company(key)
        before = company_record(company, people=False)
        if name is not None:
            name = " ".join(name.split())
            other = find_company(name)
            if not name or (other is not None and other.id != company.id):
                raise DirectoryError(f"company name {name!r} is empty or taken")
            company.name = name
        gone = {normalize_domain(d) for d in remove_domains}
        kept = [d for d in company.domains or [] if d not in gone]
        company.domains = _check_domains([*kept, *add_domains], company)
        gone_cc = {normalize_address(a, "management cc") for a in remove_cc}
        cc = [a for a in company.management_cc or [] if a not in gone_cc]
        cc += [normalize_address(a, "management cc") for a in add_cc]
        company.management_cc = list(dict.fromkeys(cc))
        if region is not None:
            company.region = normalize_region(region)
        after = company_record(company, people=False)
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changes:
            company.save()
            origin.audit("company.update", company, changes, now)
    return company


def company_record(company: Company, people: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {
        "name": company.name,
        "domains": list(company.domains or []),
        "management_cc": list(company.management_cc or []),
        "region": company.region,
    }
    if people:
        record["people"] = Person.select().where(Person.company == company).count()
        record["created_at"] = company.created_at
    return record


# ---------------------------------------------------------------- people


@dataclass
class PersonFields:
    """What to set on a person. None leaves a value as it is (or its default for a new person)."""

    email: str
    name: str | None = None
    company: str | None = None  # a company name or domain; "" = no company
    title: str | None = None
    tier: str | None = None
    timezone: str | None = None  # "" = the service's
    language: str | None = None
    manager: str | None = None  # an address; "" = no manager
    aliases: list[str] | None = None  # the complete list of other addresses
    active: bool | None = None


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    companies_created: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int | None
    given: PersonFields
    email: str = ""
    existing: Person | None = None
    values: dict[str, Any] = field(default_factory=dict)  # plain columns to set
    company: str | None = None  # lower-case company name to link; "" = none
    manager: str | None = None  # primary address of the manager; "" = none
    aliases: list[str] | None = None


def get_person(address: str) -> Person:
    person = person_by_address(address)
    if person is None:
        raise DirectoryError(f"{address!r} is not in the directory")
    return person


def list_people(company: str | None = None) -> list[Person]:
    query = Person.select(Person, Company).join(Company, JOIN.LEFT_OUTER)
    if company:
        query = query.where(Person.company == get_company(company))
    return sorted(query, key=lambda p: (p.company.name if p.company else "", p.name, p.email))


def person_record(person: Person) -> dict[str, Any]:
    return {
        "email": person.email,
        "name": person.name,
        "company": person.company.name if person.company else None,
        "title": person.title,
        "tier": person.tier,
        "timezone": person.timezone,
        "language": person.language,
        "manager": person.manager.email if person.manager else None,
        "aliases": sorted(a.email for a in person.aliases),
        "active": person.active,
        "bounced_at": person.bounced_at,
        "created_at": person.created_at,
    }


def _audit_record(person: Person) -> dict[str, Any]:
    record = person_record(person)
    return {k: v for k, v in record.items() if k not in ("bounced_at", "created_at")}


def add_person(
    given: PersonFields,
    *,
    now: datetime,
    create_companies: bool = False,
    default_language: str = DEFAULT_LANGUAGE,
    origin: Origin = CLI,
) -> Person:
    """A new person; refused if the address (or an alias of it) is already known."""
    report = _save([_Row(None, given)], "add", now, create_companies, default_language, origin)
    return get_person((report.created or report.updated or report.unchanged)[0])


def update_person(
    address: str,
    changes: PersonFields | None = None,
    *,
    add_aliases: Iterable[str] = (),
    remove_aliases: Iterable[str] = (),
    now: datetime,
    create_companies: bool = False,
    origin: Origin = CLI,
) -> Person:
    """Change the fields given in `changes` (its email is ignored) of the person at `address`."""
    person = get_person(address)
    changes = changes or PersonFields(email="")
    given = PersonFields(**{f.name: getattr(changes, f.name) for f in fields(PersonFields)})
    given.email = person.email
    add, remove = list(add_aliases), list(remove_aliases)
    if add or remove:
        gone = {_quiet_address(a) for a in remove}
        current = given.aliases if given.aliases is not None else [a.email for a in person.aliases]
        given.aliases = [a for a in [*current, *add] if _quiet_address(a) not in gone]
    _save([_Row(None, given)], "set", now, create_companies, DEFAULT_LANGUAGE, origin)
    return get_person(person.email)


def import_people(
    data: bytes,
    *,
    now: datetime,
    create_companies: bool = False,
    default_language: str = DEFAULT_LANGUAGE,
    origin: Origin = CLI,
) -> ImportReport:
    """Import a people CSV (see CSV_COLUMNS): all rows or none; importing again updates."""
    rows = parse_people_csv(data)
    return _save(rows, "upsert", now, create_companies, default_language, origin)


def _quiet_address(value: str) -> str:
    try:
        return normalize_address(value)
    except DirectoryError:
        return value.strip().lower()


# ---------------------------------------------------------------- CSV


def decode_csv(data: bytes) -> str:
    """Text of a CSV from Excel or an editor: UTF-8 (BOM or not), UTF-16 with BOM, or GBK."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # GBK's superset: what Excel in China saves
    except UnicodeDecodeError:
        raise DirectoryError("the file is neither UTF-8 nor GBK text") from None


def parse_people_csv(data: bytes) -> list[_Row]:
    text = decode_csv(data)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[_Row] = []
    problems: list[tuple[int | None, str]] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = _header(cells, line)
            continue
        if len(cells) > len(header):
            problems.append((line, f"{len(cells)} cells but the header has {len(header)}"))
            continue
        values = {h: c.strip() for h, c in zip(header, cells, strict=False)}
        given = PersonFields(email=values.get("email", ""))
        for column in CSV_COLUMNS[1:]:
            cell = values.get(column, "")
            if cell:
                setattr(given, column, split_aliases(cell) if column == "aliases" else cell)
        if "aliases" in header and not values.get("aliases"):
            given.aliases = []
        rows.append(_Row(line, given))
    if header is None:
        raise DirectoryError(f"the file is empty; its first row names the columns: {CSV_COLUMNS}")
    if problems:
        raise ImportRejected(problems)
    return rows


def _header(cells: list[str], line: int) -> list[str]:
    names = []
    for cell in cells:
        raw = cell.strip().lstrip("\ufeff")
        name = HEADER_SYNONYMS.get(raw, HEADER_SYNONYMS.get(raw.lower(), raw.lower()))
        if name not in CSV_COLUMNS:
            raise ImportRejected(
                [(line, f"unknown column {raw!r}; allowed: {', '.join(CSV_COLUMNS)}")]
            )
        if name in names:
            raise ImportRejected([(line, f"column {name!r} appears twice")])
        names.append(name)
    for required in ("email", "name"):
        if required not in names:
            raise ImportRejected([(line, f"the header has no {required!r} column")])
    return names


# ---------------------------------------------------------------- validate, then write


def _save(
    rows: list[_Row],
    mode: str,
    now: datetime,
    create_companies: bool,
    default_language: str,
    origin: Origin,
) -> ImportReport:
    with write_txn():
        problems, new_companies = _validate(rows, mode, create_companies)
        if problems:
            if mode == "upsert":
                raise ImportRejected(problems)
            raise DirectoryError("; ".join(why for _, why in problems))
        return _apply(rows, new_companies, now, default_language, origin)


def _validate(
    rows: list[_Row], mode: str, create_companies: bool
) -> tuple[list[tuple[int | None, str]], dict[str, str]]:
    problems: list[tuple[int | None, str]] = []
    new_companies: dict[str, str] = {}  # lower-case name -> name as written
    seen: dict[str, _Row] = {}

    def fail(row: _Row, why: str) -> None:
        problems.append((row.line, why))

    for row in rows:
        given = row.given
        try:
            row.email = normalize_address(given.email, "email")
        except DirectoryError as e:
            fail(row, str(e) if given.email else "the email is empty")
            continue
        if row.email in seen:
            fail(row, f"{row.email} is also on line {seen[row.email].line}")
            continue
        seen[row.email] = row
        row.existing = Person.get_or_none(fn.LOWER(Person.email) == row.email)
        if row.existing is None:
            owner = person_by_address(row.email)
            if owner is not None:
                fail(row, f"{row.email} is an alias of {owner.email}; use that address")
                continue
        if mode == "add" and row.existing is not None:
            fail(row, f"{row.email} is already in the directory; change it with 'person set'")
        if mode == "set" and row.existing is None:
            fail(row, f"{row.email} is not in the directory")
        for why in _check_plain_fields(row):
            fail(row, why)
        if given.company is not None:
            company = find_company(given.company)
            if not given.company.strip():
                row.company = ""
            elif company is not None:
                row.company = company.name.lower()
            elif create_companies:
                name = " ".join(given.company.split())
                new_companies.setdefault(name.lower(), name)
                row.company = name.lower()
            else:
                fail(row, f"company {given.company!r} is not in the directory; add it first")
    for row in rows:
        if row.email and row.email in seen and seen[row.email] is row:
            for why in _check_links(row, seen):
                fail(row, why)
    for row in rows:
        if row.manager and _manager_loops(row, seen):
            fail(row, f"manager {row.manager} would make a loop of managers")
    problems.sort(key=lambda p: p[0] or 0)
    return problems, new_companies


def _check_plain_fields(row: _Row) -> list[str]:
    given, problems = row.given, []
    if given.name is not None and given.name.strip():
        row.values["name"] = " ".join(given.name.split())
    elif row.existing is None:
        problems.append("the name is empty")
    if given.title is not None:
        row.values["title"] = " ".join(given.title.split())
    if given.active is not None:
        row.values["active"] = given.active
    checks = (
        ("tier", normalize_tier),
        ("timezone", normalize_timezone),
        ("language", normalize_language),
    )
    for column, check in checks:
        value = getattr(given, column)
        if value is not None:
            try:
                row.values[column] = check(value)
            except DirectoryError as e:
                problems.append(str(e))
    return problems


def _check_links(row: _Row, seen: dict[str, _Row]) -> list[str]:
    """Manager and aliases: against the store and the other rows of the same file."""
    given, problems = row.given, []
    if given.manager is not None:
        if not given.manager.strip():
            row.manager = ""
        else:
            try:
                manager = normalize_address(given.manager, "manager")
            except DirectoryError as e:
                problems.append(str(e))
            else:
                known = person_by_address(manager)
                if manager in seen:
                    row.manager = manager
                elif known is not None:
                    row.manager = known.email.lower()
                else:
                    problems.append(f"manager {manager} is not in the directory nor in this file")
                if row.manager == row.email:
                    problems.append("a person cannot be their own manager")
    if given.aliases is not None:
        aliases: list[str] = []
        for alias in given.aliases:
            try:
                address = normalize_address(alias, "alias")
            except DirectoryError as e:
                problems.append(str(e))
                continue
            if address == row.email or address in aliases:
                continue
            owner = person_by_address(address)
            other_row = next(
                (r for r in seen.values() if r is not row and address in _row_aliases(r)), None
            )
            if address in seen:
                problems.append(f"alias {address} is the address of another person in this file")
            elif owner is not None and owner.email.lower() != row.email:
                problems.append(f"alias {address} already belongs to {owner.email}")
            elif other_row is not None:
                problems.append(f"alias {address} is also given for {other_row.email}")
            else:
                aliases.append(address)
        row.aliases = aliases
    return problems


def _row_aliases(row: _Row) -> set[str]:
    return {_quiet_address(a) for a in row.given.aliases or []}


def _manager_loops(row: _Row, seen: dict[str, _Row]) -> bool:
    def manager_of(address: str) -> str:
        planned = seen.get(address)
        if planned is not None and planned.manager is not None:
            return planned.manager
        person = Person.get_or_none(fn.LOWER(Person.email) == address)
        return person.manager.email.lower() if person and person.manager else ""

    current = row.manager or ""
    for _ in range(MAX_MANAGER_CHAIN):
        if not current:
            return False
        if current == row.email:
            return True
        current = manager_of(current)
    return True


def _apply(
    rows: list[_Row],
    new_companies: dict[str, str],
    now: datetime,
    default_language: str,
    origin: Origin,
) -> ImportReport:
    report = ImportReport()
    for name in new_companies.values():
        company = Company.create(name=name, domains=[], management_cc=[], created_at=now)
        origin.audit("company.add", company, company_record(company, people=False), now)
        report.companies_created.append(name)
    people: dict[str, tuple[Person, dict[str, Any]]] = {}
    for row in rows:
        person, changes = row.existing, {}
        if person is None:
            person = Person.create(
                email=row.email,
                created_at=now,
                **{"language": default_language, **row.values},
            )
            changes = {"created": True}
        else:
            for column, value in row.values.items():
                if getattr(person, column) != value:
                    changes[column] = [getattr(person, column), value]
                    setattr(person, column, value)
        if row.company is not None:
            company = find_company(row.company) if row.company else None
            old = person.company.name if person.company else None
            if (company.name if company else None) != old:
                changes["company"] = [old, company.name if company else None]
                person.company = company
        person.save()
        people[row.email] = (person, changes)
    for row in rows:
        person, changes = people[row.email]
        if row.manager is not None:
            manager = people[row.manager][0] if row.manager in people else None
            manager = manager or (person_by_address(row.manager) if row.manager else None)
            old = person.manager.email if person.manager else None
            if (manager.email if manager else None) != old:
                changes["manager"] = [old, manager.email if manager else None]
                person.manager = manager
                person.save()
        if row.aliases is not None:
            old_aliases = sorted(a.email for a in person.aliases)
            if sorted(row.aliases) != old_aliases:
                PersonAlias.delete().where(PersonAlias.person == person).execute()
                for alias in row.aliases:
                    PersonAlias.create(person=person, email=alias)
                changes["aliases"] = [old_aliases, sorted(row.aliases)]
        if changes.get("created"):
            origin.audit("person.add", person, _audit_record(person), now)
            report.created.append(person.email)
        elif changes:
            origin.audit("person.update", person, changes, now)
            report.updated.append(person.email)
        else:
            report.unchanged.append(person.email)
    return report
