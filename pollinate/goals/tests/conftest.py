from __future__ import annotations

import pytest

from pollinate.goals.models import Goal
from pollinate.goals.tests.factories import make_goal


@pytest.fixture
def goal_in(world):
    """A goal of the student, proposed to their teacher, in the status asked for."""

    def _make(status: str = Goal.Status.PROPOSED, **fields):
        return make_goal(world.student, guide=world.teacher, status=status, **fields)

    return _make
