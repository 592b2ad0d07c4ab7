"""Naming tasks in a reply to a numbered list: by reference, number or title."""

import pytest

from parsers.task_list_reply import HOW_NUMBER, HOW_REF, HOW_TITLE, ListedTask, named_tasks

LISTED = [
    ListedTask(12, "《数据对接标准文档》"),
    ListedTask(13, "签订补充协议"),
    ListedTask(14, "Legal opinion on artwork copyright"),
]


def _read(body: str) -> list[tuple[int | None, int, str, str]]:
    return [(n.position, n.ref_number, n.how, n.text) for n in named_tasks(body, LISTED, "T")]


def test_numbers_one_per_line_with_their_own_words():
    assert _read("您好\n2 已完成\n#3 80%\n") == [
        (1, 13, HOW_NUMBER, "已完成"),
        (2, 14, HOW_NUMBER, "80%"),
    ]


def test_a_reference_wins_and_is_never_read_as_a_figure():
    assert _read("T-0012 已完成；t-13 需延期至12月5日") == [
        (0, 12, HOW_REF, "已完成"),
        (1, 13, HOW_REF, "需延期至12月5日"),
    ]


def test_a_reference_to_a_task_not_in_the_list_has_no_position():
    assert _read("T-0099 已完成") == [(None, 99, HOW_REF, "已完成")]


def test_a_title_names_its_task_and_following_clauses_continue_it():
    assert _read("数据对接标准文档已完成\n原因：接口调整") == [
        (0, 12, HOW_TITLE, "已完成\n原因：接口调整"),
    ]
    assert _read("legal opinion on artwork copyright: done") == [(2, 14, HOW_TITLE, "done")]


@pytest.mark.parametrize(
    "body", ["80% 完成", "12月2日前交付", "1.5 天后", "2 天内完成", "收到，谢谢"]
)
def test_figures_and_dates_are_not_list_numbers(body):
    assert _read(body) == []


def test_a_number_outside_the_list_names_nothing():
    assert _read("7 已完成") == []
