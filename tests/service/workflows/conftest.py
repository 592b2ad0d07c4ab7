"""Fixtures the after-meeting tests share; each module defines its own `flow` (start time)."""

import pytest

from tests.support.after_meeting import confirmed, held_meeting


@pytest.fixture
def held(cfg, flow):
    """The guide's meeting, held, its minutes confirmed: the tasks exist."""
    held = held_meeting(cfg)
    confirmed(flow, held)
    return held
