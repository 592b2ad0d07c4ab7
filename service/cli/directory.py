"""`meetloop company …` and `meetloop person …`: the directory from the command line.

Thin: argument parsing and printing only; the rules live in service.directory,
which mail-driven workflows call too.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import datetime
from pathlib import Path

from service import clock, directory
from service.cli import common
from service.directory import DirectoryError, ImportRejected, Origin, PersonFields
from store.models import LANGUAGES, TIERS

PERSON_HEADERS = ("email", "name", "company", "title", "tier", "tz", "lang", "manager")
COMPANY_HEADERS = ("name", "domains", "management cc", "region", "people")


def _origin() -> Origin:
    return Origin(actor_text="cli", command=shlex.join(["meetloop", *sys.argv[1:]]))


def _refused(e: DirectoryError) -> common.CommandError:
    return common.CommandError(str(e))


# ---------------------------------------------------------------- companies


def cmd_company_add(args: argparse.Namespace) -> int:
    common.setup(args)
    try:
        company = directory.add_company(
            args.name,
            args.domain,
            management_cc=args.cc,
            region=args.region,
            now=clock.now(),
            origin=_origin(),
        )
    except DirectoryError as e:
        raise _refused(e) from e
    print(f"added company {company.name} ({', '.join(company.domains)})")
    return 0


def cmd_company_set(args: argparse.Namespace) -> int:
    common.setup(args)
    try:
        company = directory.update_company(
            args.company,
            name=args.name,
            add_domains=args.domain,
            remove_domains=args.remove_domain,
            add_cc=args.cc,
            remove_cc=args.remove_cc,
            region=args.region,
            now=clock.now(),
            origin=_origin(),
        )
    except DirectoryError as e:
        raise _refused(e) from e
    print(f"company {company.name}: {', '.join(company.domains) or 'no domains'}")
    return 0


def _company_row(record: dict) -> list:
    return [
        record["name"],
        " ".join(record["domains"]),
        " ".join(record["management_cc"]),
        record["region"] or "-",
        record["people"],
    ]


def cmd_company_list(args: argparse.Namespace) -> int:
    common.setup(args)
    records = [directory.company_record(c) for c in directory.list_companies()]
    if args.json:
        common.print_json(records)
    else:
        common.table(COMPANY_HEADERS, [_company_row(r) for r in records])
    return 0


def cmd_company_show(args: argparse.Namespace) -> int:
    common.setup(args)
    try:
        company = directory.get_company(args.company)
        people = directory.list_people(company.name)
    except DirectoryError as e:
        raise _refused(e) from e
    record = directory.company_record(company)
    record["members"] = [directory.person_record(p) for p in people]
    if args.json:
        common.print_json(record)
        return 0
    print(f"company:        {company.name}")
    print(f"domains:        {' '.join(record['domains']) or '-'}")
    print(f"management cc:  {' '.join(record['management_cc']) or '-'}")
    print(f"region:         {company.region or '- (the service’s)'}")
    print(f"people:         {len(people)}")
    if people:
        print()
        common.table(PERSON_HEADERS, [_person_row(r) for r in record["members"]])
    return 0


# ---------------------------------------------------------------- people


def _fields(args: argparse.Namespace, email: str) -> PersonFields:
    return PersonFields(
        email=email,
        name=args.name,
        company=args.company,
        title=args.title,
        tier=args.tier,
        timezone=args.tz,
        language=args.lang,
        manager=args.manager,
        active=getattr(args, "active", None),
    )


def cmd_person_add(args: argparse.Namespace) -> int:
    cfg = common.setup(args)
    given = _fields(args, args.email)
    given.aliases = args.alias or None
    try:
        person = directory.add_person(
            given,
            now=clock.now(),
            create_companies=args.create_companies,
            default_language=cfg.service.language,
            origin=_origin(),
        )
    except DirectoryError as e:
        raise _refused(e) from e
    print(f"added {person.name} <{person.email}>")
    return 0


def cmd_person_set(args: argparse.Namespace) -> int:
    common.setup(args)
    try:
        person = directory.update_person(
            args.email,
            _fields(args, args.email),
            add_aliases=args.alias,
            remove_aliases=args.remove_alias,
            now=clock.now(),
            create_companies=args.create_companies,
            origin=_origin(),
        )
    except DirectoryError as e:
        raise _refused(e) from e
    print(f"updated {person.name} <{person.email}>")
    return 0


def cmd_person_import(args: argparse.Namespace) -> int:
    cfg = common.setup(args)
    source = args.file
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as e:
        raise common.CommandError(f"cannot read {source}: {e.strerror}") from e
    try:
        report = directory.import_people(
            data,
            now=clock.now(),
            create_companies=args.create_companies,
            default_language=cfg.service.language,
            origin=_origin(),
        )
    except ImportRejected as e:
        for line, why in e.problems:
            where = f"{source} line {line}" if line else source
            print(f"meetloop: {where}: {why}", file=sys.stderr)
        raise common.CommandError(
            f"{source}: {len(e.problems)} problem(s); nothing was imported"
        ) from e
    except DirectoryError as e:
        raise common.CommandError(f"{source}: {e}") from e
    summary = {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "companies_created": report.companies_created,
    }
    if args.json:
        common.print_json(summary)
    else:
        print(
            f"imported {source}: {len(report.created)} added, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged"
            + (
                f"; companies added: {', '.join(report.companies_created)}"
                if report.companies_created
                else ""
            )
        )
    return 0


def _person_row(record: dict) -> list:
    return [
        record["email"],
        record["name"],
        record["company"],
        record["title"] or "-",
        record["tier"],
        record["timezone"] or "-",
        record["language"],
        record["manager"],
    ]


def cmd_person_list(args: argparse.Namespace) -> int:
    common.setup(args)
    try:
        records = [directory.person_record(p) for p in directory.list_people(args.company)]
    except DirectoryError as e:
        raise _refused(e) from e
    if args.json:
        common.print_json(records)
    else:
        common.table(PERSON_HEADERS, [_person_row(r) for r in records])
    return 0


def cmd_person_show(args: argparse.Namespace) -> int:
    common.setup(args)
    try:
        person = directory.get_person(args.email)
    except DirectoryError as e:
        raise _refused(e) from e
    record = directory.person_record(person)
    record["reports"] = sorted(p.email for p in person.reports)
    if args.json:
        common.print_json(record)
        return 0
    labels = {
        "email": "email",
        "name": "name",
        "company": "company",
        "title": "title",
        "tier": "tier",
        "timezone": "time zone",
        "language": "language",
        "manager": "manager",
        "aliases": "aliases",
        "reports": "reports",
        "active": "active",
        "bounced_at": "last bounce",
    }
    for key, label in labels.items():
        print(f"{label + ':':<12} {_show_value(record[key])}")
    return 0


def _show_value(value: object) -> str:
    if isinstance(value, list):
        value = " ".join(value)
    if value is None or value == "":
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return str(value)


# ---------------------------------------------------------------- parsers


def _person_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    parser.add_argument("--name", required=adding, help="full name as colleagues write it")
    parser.add_argument("--company", help="company name or mail domain")
    parser.add_argument("--title", help="job title, e.g. 财务经理")
    parser.add_argument("--tier", help=f"one of {', '.join(TIERS)} (决策/执行/支持)")
    parser.add_argument("--tz", help="IANA time zone, e.g. Asia/Shanghai ('' = the service's)")
    parser.add_argument("--lang", help=f"mail language: {' or '.join(LANGUAGES)}")
    parser.add_argument("--manager", help="the manager's address ('' = none)")
    parser.add_argument(
        "--create-companies", action="store_true", help="create a company that is not known yet"
    )


def register(sub: argparse._SubParsersAction) -> None:
    company = sub.add_parser("company", help="companies: add, set, list, show")
    csub = company.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = csub.add_parser("add", help="add a company")
    add.add_argument("name")
    add.add_argument("--domain", action="append", required=True, help="a mail domain (repeat)")
    add.add_argument("--cc", action="append", default=[], help="a management cc address (repeat)")
    add.add_argument("--region", default="", help="holidays region, e.g. CN, SG, DE-BY")
    add.set_defaults(func=cmd_company_add)

    cset = csub.add_parser("set", help="change a company")
    cset.add_argument("company", help="name or mail domain")
    cset.add_argument("--name", help="a new name")
    cset.add_argument("--domain", action="append", default=[], help="add a mail domain")
    cset.add_argument("--remove-domain", action="append", default=[], help="remove a domain")
    cset.add_argument("--cc", action="append", default=[], help="add a management cc address")
    cset.add_argument("--remove-cc", action="append", default=[], help="remove a cc address")
    cset.add_argument("--region", help="holidays region ('' = the service's)")
    cset.set_defaults(func=cmd_company_set)

    clist = csub.add_parser("list", help="list companies")
    common.add_json_flag(clist)
    clist.set_defaults(func=cmd_company_list)

    show = csub.add_parser("show", help="a company and its people")
    show.add_argument("company", help="name or mail domain")
    common.add_json_flag(show)
    show.set_defaults(func=cmd_company_show)

    person = sub.add_parser("person", help="people: add, import, list, show, set")
    psub = person.add_subparsers(dest="action", metavar="ACTION", required=True)

    padd = psub.add_parser("add", help="add a person")
    padd.add_argument("email")
    _person_options(padd, adding=True)
    padd.add_argument("--alias", action="append", default=[], help="another address (repeat)")
    padd.set_defaults(func=cmd_person_add)

    pimport = psub.add_parser(
        "import",
        help="add or update people from a CSV (UTF-8 or GBK)",
        description="Columns: " + ", ".join(directory.CSV_COLUMNS) + ". Every row is checked "
        "first; one bad row and nothing is imported. Importing again updates; an empty cell "
        "leaves the value as it is.",
    )
    pimport.add_argument("file", help="the CSV file, or - for standard input")
    pimport.add_argument(
        "--create-companies", action="store_true", help="create companies that are not known yet"
    )
    common.add_json_flag(pimport)
    pimport.set_defaults(func=cmd_person_import)

    plist = psub.add_parser("list", help="list people")
    plist.add_argument("--company", help="only this company (name or domain)")
    common.add_json_flag(plist)
    plist.set_defaults(func=cmd_person_list)

    pshow = psub.add_parser("show", help="one person")
    pshow.add_argument("email", help="address or alias")
    common.add_json_flag(pshow)
    pshow.set_defaults(func=cmd_person_show)

    pset = psub.add_parser("set", help="change a person")
    pset.add_argument("email", help="address or alias")
    _person_options(pset, adding=False)
    pset.add_argument("--alias", action="append", default=[], help="add an address (repeat)")
    pset.add_argument("--remove-alias", action="append", default=[], help="remove an address")
    active = pset.add_mutually_exclusive_group()
    active.add_argument("--active", dest="active", action="store_true", default=None)
    active.add_argument("--inactive", dest="active", action="store_false")
    pset.set_defaults(func=cmd_person_set)
