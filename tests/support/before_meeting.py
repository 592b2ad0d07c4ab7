"""The guide's example as a directory: 联合营销方案对齐会 between three companies.

甲方 hosts from Shanghai, 乙方 sits in Singapore, 丙方 in Berlin, so slot
finding, time zones and languages are exercised by the same people the
end-to-end test uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from store.db import write_txn
from store.models import Company, Person

CREATED = datetime(2026, 9, 1, tzinfo=UTC)
TITLE = "联合营销方案对齐会"


@dataclass
class Directory:
    jia: Company
    yi: Company
    bing: Company
    host: Person  # 甲方 project manager
    recorder: Person
    jia_boss: Person
    yi_boss: Person
    yi_pm: Person
    bing_boss: Person
    bing_pm: Person
    outsider: Person  # known, but on no meeting


def _person(email, name, company, tier, tz="", lang="zh", title=""):
    return Person.create(
        email=email,
        name=name,
        company=company,
        tier=tier,
        timezone=tz,
        language=lang,
        title=title,
        created_at=CREATED,
    )


def make_directory() -> Directory:
    """Three companies and their people (call with a store)."""
    with write_txn():
        jia = Company.create(
            name="云启科技",
            domains=["yunqi.example.cn"],
            region="CN",
            created_at=CREATED,
            management_cc=["mgmt@yunqi.example.cn"],
        )
        yi = Company.create(
            name="星河数据", domains=["xinghe.example.sg"], region="SG", created_at=CREATED
        )
        bing = Company.create(
            name="Berger Media GmbH",
            domains=["berger.example.de"],
            region="DE",
            created_at=CREATED,
        )
        return Directory(
            jia=jia,
            yi=yi,
            bing=bing,
            host=_person(
                "wang.pm@yunqi.example.cn",
                "王敏",
                jia,
                "execution",
                "Asia/Shanghai",
                title="项目经理",
            ),
            recorder=_person(
                "li.rec@yunqi.example.cn", "李静", jia, "support", "Asia/Shanghai", title="助理"
            ),
            jia_boss=_person(
                "zhao.vp@yunqi.example.cn",
                "赵总",
                jia,
                "decision",
                "Asia/Shanghai",
                title="市场副总裁",
            ),
            yi_boss=_person(
                "chen.ceo@xinghe.example.sg", "陈总", yi, "decision", "Asia/Singapore", title="CEO"
            ),
            yi_pm=_person(
                "lin.pm@xinghe.example.sg",
                "林峰",
                yi,
                "execution",
                "Asia/Singapore",
                title="财务经理",
            ),
            bing_boss=_person(
                "anna.berger@berger.example.de",
                "Anna Berger",
                bing,
                "decision",
                "Europe/Berlin",
                lang="en",
                title="Managing Director",
            ),
            bing_pm=_person(
                "tom.kunz@berger.example.de",
                "Tom Kunz",
                bing,
                "execution",
                "Europe/Berlin",
                lang="en",
                title="Project Lead",
            ),
            outsider=_person("nobody@yunqi.example.cn", "路人", jia, "support", "Asia/Shanghai"),
        )
