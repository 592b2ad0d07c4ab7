"""The directory: companies and people, by the functions mail uses and by the real command."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from service import directory
from service.cli import main
from service.cli.common import display_width
from service.directory import DirectoryError, ImportRejected, PersonFields
from store.models import AuditLog, Company, Person, PersonAlias
from store.queries import person_by_address
from tests.support.command import run, write_config

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

HEADER = "email,name,company,title,tier,timezone,language,manager,aliases\n"
PEOPLE = (
    HEADER
    + "li@yi.example.com,李娜,乙方,数据工程师,execution,Asia/Shanghai,zh,wang@yi.example.com,lina@qq.com\n"
    + "wang@yi.example.com,王强,乙方,技术总监,decision,,zh,,\n"
    + "anna@bing.example.de,Anna Schmidt,丙方,CFO,决策层,Europe/Berlin,en,,anna.s@gmail.com;a@bing.example.de\n"
)


@pytest.fixture
def companies(store):
    directory.add_company(
        "甲方", ["jia.example.cn"], management_cc=["mgmt@jia.example.cn"], now=NOW
    )
    directory.add_company("乙方", ["yi.example.com"], now=NOW)
    directory.add_company("丙方", ["bing.example.de"], region="DE", now=NOW)
    return store


def audits(action: str) -> list[AuditLog]:
    return list(AuditLog.select().where(AuditLog.action == action).order_by(AuditLog.id))


# ---------------------------------------------------------------- companies


def test_company_add_validates_and_audits(store):
    company = directory.add_company(
        "甲方",
        ["@Jia.Example.CN", "jia.example.com"],
        management_cc=["Boss@Jia.example.cn"],
        region="cn",
        now=NOW,
    )
    assert company.domains == ["jia.example.cn", "jia.example.com"]
    assert company.management_cc == ["boss@jia.example.cn"]
    assert company.region == "CN"
    (row,) = audits("company.add")
    assert (row.actor_text, row.object_kind, row.object_id) == ("cli", "company", company.id)
    assert row.detail["domains"] == ["jia.example.cn", "jia.example.com"]

    with pytest.raises(DirectoryError, match="company '甲方' already exists"):
        directory.add_company("甲方", ["other.cn"], now=NOW)
    with pytest.raises(
        DirectoryError, match=r"domain jia\.example\.cn already belongs to company 甲方"
    ):
        directory.add_company("乙方", ["jia.example.cn"], now=NOW)
    with pytest.raises(DirectoryError, match="region 'XX' is unknown"):
        directory.add_company("乙方", ["yi.cn"], region="XX", now=NOW)
    with pytest.raises(DirectoryError, match="'nobody' is not a mail address"):
        directory.add_company("乙方", ["yi.cn"], management_cc=["nobody"], now=NOW)
    with pytest.raises(DirectoryError, match="not a mail domain"):
        directory.add_company("乙方", ["not a domain"], now=NOW)
    assert Company.select().count() == 1
    assert directory.find_company("jia.example.com").name == "甲方"


def test_company_update_adds_and_removes_domains(companies):
    company = directory.update_company(
        "乙方",
        add_domains=["yi.example.cn"],
        remove_domains=["yi.example.com"],
        add_cc=["ceo@yi.example.cn"],
        region="SG",
        now=NOW,
    )
    assert company.domains == ["yi.example.cn"]
    assert company.management_cc == ["ceo@yi.example.cn"]
    (row,) = audits("company.update")
    assert row.detail["region"] == ["", "SG"]
    directory.update_company("乙方", region="SG", now=NOW)
    assert len(audits("company.update")) == 1  # nothing changed, nothing audited


# ---------------------------------------------------------------- people, one at a time


def test_person_add_resolves_company_and_audits(companies):
    boss = directory.add_person(
        PersonFields("Wang@Yi.Example.com", name="王强", company="乙方", tier="决策"), now=NOW
    )
    person = directory.add_person(
        PersonFields(
            "li@yi.example.com",
            name=" 李  娜 ",
            company="yi.example.com",
            title="数据工程师",
            timezone="Asia/Shanghai",
            language="zh-CN",
            manager="wang@yi.example.com",
            aliases=["LiNa@QQ.com"],
        ),
        now=NOW,
    )
    assert boss.email == "wang@yi.example.com" and boss.tier == "decision"
    assert (person.name, person.company.name, person.language) == ("李 娜", "乙方", "zh")
    assert person.manager.id == boss.id
    assert person_by_address("lina@qq.com").id == person.id
    row = audits("person.add")[-1]
    assert row.detail["aliases"] == ["lina@qq.com"] and row.detail["manager"] == boss.email


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (dict(name="X", company="丁方"), "company '丁方' is not in the directory"),
        (
            dict(name="X", tier="boss"),
            "tier 'boss' is not allowed; expected decision, execution or support",
        ),
        (dict(name="X", language="fr"), "language 'fr' is not allowed; expected zh, en or zh-Hant"),
        (dict(name="X", timezone="Asia/Beijing"), "time zone 'Asia/Beijing' is unknown"),
        (
            dict(name="X", manager="ghost@yi.example.com"),
            "manager ghost@yi.example.com is not in the directory",
        ),
        (dict(name="X", manager="new@yi.example.com"), "cannot be their own manager"),
        (dict(name=""), "the name is empty"),
        (dict(name="X", aliases=["wang@yi.example.com"]), "already belongs to wang@yi.example.com"),
    ],
)
def test_person_add_refuses_bad_values(companies, fields, error):
    directory.add_person(PersonFields("wang@yi.example.com", name="王强"), now=NOW)
    with pytest.raises(DirectoryError, match=error):
        directory.add_person(PersonFields("new@yi.example.com", **fields), now=NOW)
    assert person_by_address("new@yi.example.com") is None


def test_person_add_twice_or_by_alias_is_refused(companies):
    directory.add_person(
        PersonFields("wang@yi.example.com", name="王强", aliases=["w@qq.com"]), now=NOW
    )
    with pytest.raises(DirectoryError, match="already in the directory"):
        directory.add_person(PersonFields("WANG@yi.example.com", name="王强"), now=NOW)
    with pytest.raises(DirectoryError, match=r"is an alias of wang@yi\.example\.com"):
        directory.add_person(PersonFields("w@qq.com", name="W"), now=NOW)
    with pytest.raises(DirectoryError, match="'not-mail' is not a mail address"):
        directory.add_person(PersonFields("not-mail", name="N"), now=NOW)


def test_create_companies_on_request(store):
    person = directory.add_person(
        PersonFields("a@x.example.cn", name="A", company="新公司"), now=NOW, create_companies=True
    )
    assert person.company.name == "新公司"
    assert [a.detail["name"] for a in audits("company.add")] == ["新公司"]


def test_person_set_changes_only_given_fields(companies):
    directory.add_person(PersonFields("wang@yi.example.com", name="王强", tier="decision"), now=NOW)
    directory.add_person(
        PersonFields(
            "li@yi.example.com", name="李娜", manager="wang@yi.example.com", aliases=["a@qq.com"]
        ),
        now=NOW,
    )
    person = directory.update_person(
        "a@qq.com",  # found by alias
        PersonFields("", title="数据负责人", language="en", manager=""),
        add_aliases=["b@163.com"],
        remove_aliases=["a@qq.com"],
        now=NOW,
    )
    assert (person.title, person.language, person.manager, person.name) == (
        "数据负责人",
        "en",
        None,
        "李娜",
    )
    assert [a.email for a in person.aliases] == ["b@163.com"]
    row = audits("person.update")[-1]
    assert row.detail["manager"] == ["wang@yi.example.com", None]
    assert row.detail["aliases"] == [["a@qq.com"], ["b@163.com"]]
    assert "name" not in row.detail

    with pytest.raises(DirectoryError, match=r"'ghost@yi\.example\.com' is not in the directory"):
        directory.update_person("ghost@yi.example.com", PersonFields("", title="x"), now=NOW)


def test_manager_loop_is_refused(companies):
    directory.add_person(PersonFields("a@yi.example.com", name="A"), now=NOW)
    directory.add_person(
        PersonFields("b@yi.example.com", name="B", manager="a@yi.example.com"), now=NOW
    )
    with pytest.raises(DirectoryError, match="would make a loop of managers"):
        directory.update_person(
            "a@yi.example.com", PersonFields("", manager="b@yi.example.com"), now=NOW
        )
    assert Person.get(Person.email == "a@yi.example.com").manager is None


# ---------------------------------------------------------------- CSV import


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_import_reads_excel_encodings_and_managers_defined_later(companies, encoding):
    report = directory.import_people(PEOPLE.encode(encoding), now=NOW)
    assert sorted(report.created) == [
        "anna@bing.example.de",
        "li@yi.example.com",
        "wang@yi.example.com",
    ]
    li = person_by_address("lina@qq.com")
    assert (li.name, li.title, li.company.name, li.manager.email) == (
        "李娜",
        "数据工程师",
        "乙方",
        "wang@yi.example.com",
    )
    anna = person_by_address("a@bing.example.de")
    assert (anna.tier, anna.language, anna.timezone) == ("decision", "en", "Europe/Berlin")
    assert len(audits("person.add")) == 3


def test_import_again_changes_nothing_then_updates(companies):
    directory.import_people(PEOPLE.encode(), now=NOW)
    again = directory.import_people(PEOPLE.encode(), now=NOW)
    assert (again.created, again.updated, len(again.unchanged)) == ([], [], 3)
    assert len(audits("person.update")) == 0
    assert PersonAlias.select().count() == 3

    changed = PEOPLE.replace("数据工程师", "数据负责人").replace("lina@qq.com", "")
    report = directory.import_people(changed.encode(), now=NOW)
    assert report.updated == ["li@yi.example.com"]
    (row,) = audits("person.update")
    assert row.detail == {"title": ["数据工程师", "数据负责人"], "aliases": [["lina@qq.com"], []]}
    assert person_by_address("lina@qq.com") is None


def test_import_with_bad_rows_names_each_line_and_imports_nothing(companies):
    bad = (
        HEADER
        + "ok@yi.example.com,好人,乙方,,,,,,\n"
        + "\n"
        + "broken-address,坏人,乙方,,,,,,\n"
        + "x@yi.example.com,X,丁方,,boss,Mars/Base,fr,nobody@yi.example.com,\n"
        + "ok@yi.example.com,重复,乙方,,,,,,\n"
        + "y@yi.example.com,,乙方,,,,,,\n"
    )
    with pytest.raises(ImportRejected) as caught:
        directory.import_people(bad.encode("gbk"), now=NOW)
    problems = caught.value.problems
    by_line = {}
    for line, why in problems:
        by_line.setdefault(line, []).append(why)
    assert sorted(by_line) == [4, 5, 6, 7]
    assert by_line[4] == ["email 'broken-address' is not a mail address"]
    assert any("company '丁方' is not in the directory" in w for w in by_line[5])
    assert any("tier 'boss'" in w for w in by_line[5])
    assert any("time zone 'Mars/Base'" in w for w in by_line[5])
    assert any("language 'fr'" in w for w in by_line[5])
    assert any("manager nobody@yi.example.com" in w for w in by_line[5])
    assert by_line[6] == ["ok@yi.example.com is also on line 2"]
    assert by_line[7] == ["the name is empty"]
    assert Person.select().count() == 0
    assert AuditLog.select().where(AuditLog.action.startswith("person")).count() == 0


def test_import_header_problems_and_chinese_headers(companies):
    with pytest.raises(ImportRejected, match="line 1: unknown column 'phone'"):
        directory.import_people(b"email,name,phone\na@b.cn,A,123\n", now=NOW)
    with pytest.raises(ImportRejected, match="no 'name' column"):
        directory.import_people(b"email\na@b.cn\n", now=NOW)
    with pytest.raises(ImportRejected, match="line 2: 4 cells but the header has 2"):
        directory.import_people(b"email,name\na@b.cn,A,x,y\n", now=NOW)
    chinese = "邮箱,姓名,公司,层级,语言\nzhao@jia.example.cn,赵敏,甲方,支持,英文\n"
    report = directory.import_people(chinese.encode("gbk"), now=NOW)
    zhao = person_by_address(report.created[0])
    assert (zhao.name, zhao.company.name, zhao.tier, zhao.language) == (
        "赵敏",
        "甲方",
        "support",
        "en",
    )


def test_import_unknown_company_unless_created(store):
    data = (HEADER + "a@new.example.cn,甲,新公司,,,,,,\n").encode()
    with pytest.raises(ImportRejected, match="line 2: company '新公司' is not in the directory"):
        directory.import_people(data, now=NOW)
    report = directory.import_people(data, now=NOW, create_companies=True)
    assert report.companies_created == ["新公司"]
    assert person_by_address("a@new.example.cn").company.name == "新公司"


def test_import_alias_clashes_inside_the_file(companies):
    data = (
        HEADER
        + "a@yi.example.com,A,乙方,,,,,,x@qq.com\nb@yi.example.com,B,乙方,,,,,,x@qq.com;a@yi.example.com\n"
    )
    with pytest.raises(ImportRejected) as caught:
        directory.import_people(data.encode(), now=NOW)
    reasons = [why for _, why in caught.value.problems]
    assert "alias x@qq.com is also given for a@yi.example.com" in reasons
    assert "alias a@yi.example.com is the address of another person in this file" in reasons


# ---------------------------------------------------------------- the real command


def meetloop(config, *args: str) -> int:
    """The command in this process (fast); `run` is the real executable (few calls, slow)."""
    return main(["--config", str(config), *args])


def test_command_directory_round_trip(tmp_path, capsys):
    config = write_config(tmp_path)
    steps = [
        ["init"],
        ["company", "add", "甲方科技", "--domain", "jia.example.cn", "--cc", "mgmt@jia.example.cn"],
        ["company", "add", "Yi Partners", "--domain", "yi.example.com", "--region", "SG"],
        ["person", "add", "zhang@jia.example.cn", "--name", "张伟", "--company", "甲方科技",
         "--tier", "decision", "--title", "项目经理"],
        ["person", "add", "lee@yi.example.com", "--name", "Lee", "--company", "yi.example.com",
         "--lang", "en", "--tz", "Asia/Singapore", "--manager", "zhang@jia.example.cn",
         "--alias", "lee@gmail.com"],
        ["person", "set", "lee@gmail.com", "--title", "Engineer"],
    ]  # fmt: skip
    for step in steps:
        assert meetloop(config, *step) == 0, step
    capsys.readouterr()

    assert meetloop(config, "person", "show", "lee@gmail.com", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["title"], shown["aliases"]) == ("Engineer", ["lee@gmail.com"])
    assert meetloop(config, "person", "show", "zhang@jia.example.cn", "--json") == 0
    assert json.loads(capsys.readouterr().out)["reports"] == ["lee@yi.example.com"]
    assert meetloop(config, "company", "show", "甲方科技", "--json") == 0
    company = json.loads(capsys.readouterr().out)
    assert company["management_cc"] == ["mgmt@jia.example.cn"]
    assert [m["email"] for m in company["members"]] == ["zhang@jia.example.cn"]
    assert meetloop(config, "company", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["name"], c["people"]) for c in listed] == [("Yi Partners", 1), ("甲方科技", 1)]
    assert len(audits("person.update")) == 1 and audits("person.update")[0].actor_text == "cli"

    people = json.loads(run("person", "list", "--json", config=config).stdout)
    assert [(p["email"], p["company"], p["manager"]) for p in people] == [
        ("lee@yi.example.com", "Yi Partners", "zhang@jia.example.cn"),
        ("zhang@jia.example.cn", "甲方科技", None),
    ]
    table = run("person", "list", config=config).stdout.splitlines()
    assert table[0].startswith("email") and set(table[1]) <= {"-", " "}
    company_column = table[0].index("company")
    for line, company in zip(table[2:], ["Yi Partners", "甲方科技"], strict=True):
        # Chinese names take two columns each and do not push the next column out of line
        assert display_width(line[: line.index(company)]) == company_column


def test_real_command_refuses_with_one_line(tmp_path):
    config = write_config(tmp_path)
    assert meetloop(config, "init") == 0
    done = run("person", "add", "a@b.example.cn", "--name", "A", "--tier", "boss", config=config)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "meetloop: tier 'boss' is not allowed; expected decision, execution or support"
    ]
    assert meetloop(config, "person", "show", "nobody@b.example.cn") == 2


def test_real_command_import_reports_bad_lines_and_reimports(tmp_path, capsys):
    config = write_config(tmp_path)
    assert meetloop(config, "init") == 0
    assert meetloop(config, "company", "add", "乙方", "--domain", "yi.example.com") == 0
    bad = tmp_path / "people.csv"
    bad_rows = "li@yi.example.com,李娜,乙方,,boss,,,,\nwang@yi.example.com,王强,丙方,,,,,,\n"
    bad.write_bytes((HEADER + bad_rows).encode("gbk"))
    done = run("person", "import", str(bad), config=config)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"meetloop: {bad} line 2: tier 'boss' is not allowed; expected decision, execution or support",
        f"meetloop: {bad} line 3: company '丙方' is not in the directory; add it first",
        f"meetloop: {bad}: 2 problem(s); nothing was imported",
    ]

    good = tmp_path / "good.csv"
    good_rows = "li@yi.example.com,李娜,乙方,,,,,wang@yi.example.com,\nwang@yi.example.com,王强,丙方,,,,,,\n"
    good.write_bytes(b"\xef\xbb\xbf" + (HEADER + good_rows).encode())
    capsys.readouterr()
    assert meetloop(config, "person", "import", str(good), "--create-companies", "--json") == 0
    assert json.loads(capsys.readouterr().out)["companies_created"] == ["丙方"]
    edited = good.read_text(encoding="utf-8-sig").replace("王强,丙方,", "王强,丙方,CTO")
    done = run("person", "import", "-", config=config, stdin=edited)
    assert done.stdout.strip() == "imported -: 0 added, 1 updated, 1 unchanged"
    (update,) = audits("person.update")
    assert update.detail == {"title": ["", "CTO"]}
    assert (update.actor_text, update.command) == (
        "cli",
        f"meetloop --config {config} person import -",
    )


def test_import_excel_line_endings_and_quoted_cells(companies):
    rows = PEOPLE.replace("数据工程师", '"数据工程师, 平台组"').replace("\n", "\r\n")
    report = directory.import_people(rows.encode("gbk"), now=NOW)
    assert len(report.created) == 3
    assert person_by_address("li@yi.example.com").title == "数据工程师, 平台组"
