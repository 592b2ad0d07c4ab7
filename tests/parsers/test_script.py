"""Names compared across Chinese scripts, cases and spaces."""

from parsers.script import name_key, simplified


def test_traditional_and_simplified_names_are_one_key():
    assert name_key("陳嘉慧") == name_key("陈嘉慧")
    assert name_key("Zhang Wei") == name_key("zhang wei") == name_key("ZhangWei")
    assert name_key("陳嘉慧") != name_key("陈佳慧")


def test_simplified_leaves_simplified_and_latin_alone():
    assert simplified("会议纪要 Minutes") == "会议纪要 Minutes"
    assert simplified("會議紀要") == "会议纪要"
    assert simplified("") == ""
