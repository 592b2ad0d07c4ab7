"""One-line corrections of the minutes, as recorders and hosts write them."""

from __future__ import annotations

import pytest

from parsers.minutes_edit import (
    ATTENDANCE,
    DELETE,
    DUE,
    KIND,
    OWNER,
    Edit,
    read_attendance,
    read_edit,
    read_edits,
)


@pytest.mark.parametrize(
    ("line", "edit"),
    [
        ("第5条负责人改为刘芳", Edit(OWNER, n=5, value="刘芳")),
        ("第5条的负责人改成刘芳。", Edit(OWNER, n=5, value="刘芳")),
        ("请把第五条负责人换成刘芳，谢谢", Edit(OWNER, n=5, value="刘芳")),
        ("第12项责任人：王磊", Edit(OWNER, n=12, value="王磊")),
        ("第3条改由林峰负责", Edit(OWNER, n=3, value="林峰")),
        ("T-0006 负责人改为刘芳", Edit(OWNER, ref="T-0006", value="刘芳")),
        ("T-0006 截止改为10月16日", Edit(DUE, ref="T-0006", value="10月16日")),
        ("T0006截止时间延到10月16日", Edit(DUE, ref="T-0006", value="10月16日")),
        ("第2条截止日期调整为下周五", Edit(DUE, n=2, value="下周五")),
        ("删除第3条", Edit(DELETE, n=3)),
        ("第3条删掉", Edit(DELETE, n=3)),
        ("去掉第十条", Edit(DELETE, n=10)),
        ("第2条是疑问不是任务", Edit(KIND, n=2, value="question")),
        ("第2条应为决议，而不是任务。", Edit(KIND, n=2, value="decision")),
        ("第4条改为任务", Edit(KIND, n=4, value="task")),
        ("Item 5: owner should be Liu Fang", Edit(OWNER, n=5, value="Liu Fang")),
        ("Please change the owner of item 5 to Liu Fang.", Edit(OWNER, n=5, value="Liu Fang")),
        ("item 5 owner -> Liu Fang", Edit(OWNER, n=5, value="Liu Fang")),
        ("T-0006 due date to Oct 16, 2026", Edit(DUE, ref="T-0006", value="Oct 16, 2026")),
        (
            "Change the deadline of T-0006 to 16 October.",
            Edit(DUE, ref="T-0006", value="16 October"),
        ),
        ("Delete item 3", Edit(DELETE, n=3)),
        ("please remove item 3.", Edit(DELETE, n=3)),
        ("Item 3 should be removed", Edit(DELETE, n=3)),
        ("Item 2 is a question, not a task", Edit(KIND, n=2, value="question")),
        ("item 2 should be a decision", Edit(KIND, n=2, value="decision")),
    ],
)
def test_one_line_corrections(line, edit):
    assert read_edit(line) == edit


@pytest.mark.parametrize(
    "line",
    [
        "第5条我们会尽快完成",  # an update, no correction
        "8D报告目前完成了60%",
        "第2条是疑问，需要法务答复吗？",
        "收到，无异议",
        "T-0006 已完成",
        "The owner of the supplier audit is on leave this week",
        "删除线在附件里看不到",
        "第5条负责人",  # no name given
        "第2条负责人是张伟吗？",  # a question about it
        "Is the owner of item 2 Zhang Wei?",
        "item 2 is a question?",
    ],
)
def test_lines_that_are_no_correction(line):
    assert read_edit(line) is None


def test_several_corrections_and_the_rest_of_the_mail():
    found = read_edits(
        "王总好，\n\n第5条负责人改为刘芳；删除第3条\nT-0006 截止改为10月16日\n\n谢谢\n"
    )
    assert found.edits == [
        Edit(OWNER, n=5, value="刘芳"),
        Edit(DELETE, n=3),
        Edit(DUE, ref="T-0006", value="10月16日"),
    ]
    assert found.other == ["王总好，", "谢谢"]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("参会：王敏、李静、陈总", ("王敏", "李静", "陈总")),
        ("参会人员：云启科技：王敏、李静；星河数据：林峰（代陈总）", ("王敏", "李静", "林峰")),
        ("参会人改为：王敏，李静和张伟。", ("王敏", "李静", "张伟")),
        ("Attendees: Wang Min, Li Jing and Lin Feng", ("Wang Min", "Li Jing", "Lin Feng")),
        ("Present: Wang Min; Xinghe Data: Lin Feng", ("Wang Min", "Lin Feng")),
    ],
)
def test_who_attended(line, names):
    assert read_attendance(line) == names
    assert read_edits(line).edits == [Edit(ATTENDANCE, names=names)]


@pytest.mark.parametrize("line", ["参会人都到齐了", "出席情况良好", "Attendees were all on time"])
def test_lines_that_list_no_attendees(line):
    assert read_attendance(line) is None
