"""The guide's example as a directory: 联合营销方案对齐会 between three companies.

甲方 hosts from Shanghai, 乙方 sits in Singapore, 丙方 in Shanghai; a fourth
company in Berlin (English, CET) exercises slot finding across zones.
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
    berlin: Company  # on no guide meeting: for time zones and English
    berlin_boss: Person
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
            name="明道传媒", domains=["mingdao.example.cn"], region="CN", created_at=CREATED
        )
        berlin = Company.create(
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
                "zhou.gm@mingdao.example.cn",
                "周总",
                bing,
                "decision",
                "Asia/Shanghai",
                title="总经理",
            ),
            bing_pm=_person(
                "wu.eng@mingdao.example.cn",
                "吴工",
                bing,
                "execution",
                "Asia/Shanghai",
                title="数据工程师",
            ),
            berlin=berlin,
            berlin_boss=_person(
                "anna.berger@berger.example.de",
                "Anna Berger",
                berlin,
                "decision",
                "Europe/Berlin",
                lang="en",
                title="Managing Director",
            ),
            outsider=_person("nobody@yunqi.example.cn", "路人", jia, "support", "Asia/Shanghai"),
        )


AGENDA = """14:00-14:20 | 背景与目标 | 王敏 | 目标对齐
14:20-15:00 | 联合营销方案讲解 | 陈总 | 方案初稿确认
15:00-15:20 | 数据对接与投放渠道 | 周总 | 对接负责人与时间表
15:20-15:30 | 总结与任务分配 | 王敏 | 任务清单
"""


def guide_meeting(cfg, d: Directory, now: datetime):
    """The guide's meeting: 甲方 hosts, 乙方 and 丙方 attend; 90 minutes, agenda set."""
    from service import meetings
    from service.workflows import agenda

    m = meetings.create_meeting(
        cfg,
        now=now,
        actor="cli",
        title=TITLE,
        goal="对齐三方联合营销方案、预算分摊与数据对接",
        background="三方已签署合作框架协议，需要确定Q4联合营销方案。",
        host=d.host,
        recorder=d.recorder,
        link="https://meet.example.cn/j/8842",
        duration_minutes=90,
        importance="important",
        series="联合营销",
    )
    for person, role in (
        (d.jia_boss, "attendee"),
        (d.yi_boss, "presenter"),
        (d.yi_pm, "attendee"),
        (d.bing_boss, "presenter"),
        (d.bing_pm, "attendee"),
    ):
        meetings.add_attendee(cfg, m, person, now=now, actor="cli", role=role)
    agenda.set_agenda(cfg, m, agenda.parse_lines(AGENDA), now=now, actor="cli")
    return m
