"""The host's attendee changes as written, in Chinese and English."""

import pytest

from parsers.roster_command import ADD, REMOVE, REPLACE, TIER, read_roster_changes


def _one(body):
    [change] = read_roster_changes(body)
    return change


def test_add_a_new_person_with_address_party_and_title():
    c = _one("丙方请加上 Katrin Weber（k.weber@mingdao-media.example.com），她是明道传媒的总经理。")
    assert (c.action, c.person.text, c.person.address, c.person.party) == (
        ADD,
        "Katrin Weber",
        "k.weber@mingdao-media.example.com",
        "丙方",
    )
    assert c.title == "明道传媒的总经理"


@pytest.mark.parametrize(
    ("body", "action", "who"),
    [
        ("去掉林峰，他不用参加了。", REMOVE, "林峰"),
        ("林峰不用参加了", REMOVE, "林峰"),
        ("不用邀请吴工了", REMOVE, "吴工"),
        ("Please remove Lin Feng from the invite, thanks.", REMOVE, "Lin Feng"),
        ("Could you take Lin Feng off the list?", REMOVE, "Lin Feng"),
        ("乙方加一下陈总", ADD, "陈总"),
        (
            "Please add Kevin Wu, kevin.wu@berger.example.de, he is our Sales Director.",
            ADD,
            "Kevin Wu",
        ),
    ],
)
def test_add_and_remove(body, action, who):
    c = _one(body)
    assert (c.action, c.person.text) == (action, who)


@pytest.mark.parametrize(
    ("body", "old", "new"),
    [
        ("请把吴工换成黄丽（huang.li@mingdao.example.cn）", "吴工", "黄丽"),
        ("Replace Lin Feng with Huang Li.", "Lin Feng", "Huang Li"),
        ("Invite Kevin instead of Anna.", "Anna", "Kevin"),
    ],
)
def test_replace(body, old, new):
    c = _one(body)
    assert (c.action, c.person.text, c.replacement.text) == (REPLACE, old, new)


def test_tier_said_by_reply():
    c = _one("Katrin Weber 是决策层")
    assert (c.action, c.person.text, c.tier) == (TIER, "Katrin Weber", "decision")


@pytest.mark.parametrize(
    "body",
    [
        "参加",
        "好的，收到",
        "同意",
        "希望增加议题：预算分摊",
        "收到，我会加上议程",
        "我会邀请他们",
        "去掉他吧",
    ],
)
def test_no_change_asked(body):
    assert read_roster_changes(body) == []
