"""What the commands share: times typed by an admin."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from service.cli.common import CommandError, parse_local_time

SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    "text",
    ["2026-10-12 14:00", "2026-10-12T14:00", "2026/10/12 14:00", " 2026-10-12 14:00 "],
)
def test_a_time_without_offset_is_in_the_given_zone(text):
    assert parse_local_time(text, SH) == datetime(2026, 10, 12, 14, 0, tzinfo=SH)


def test_an_offset_wins_over_the_zone():
    value = parse_local_time("2026-10-12T06:00+00:00", SH)
    assert value == datetime(2026, 10, 12, 6, 0, tzinfo=UTC)


def test_a_bare_date_needs_to_know_which_time_it_means():
    with pytest.raises(CommandError, match="write 2026-10-12 14:00"):
        parse_local_time("2026-10-12", SH)
    assert parse_local_time("2026/10/12", SH, date_at=time(18, 0)) == datetime(
        2026, 10, 12, 18, 0, tzinfo=SH
    )


def test_unreadable_text_names_itself():
    with pytest.raises(CommandError, match="'next friday'"):
        parse_local_time("next friday", SH, date_at=time(18, 0))
