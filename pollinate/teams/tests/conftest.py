from __future__ import annotations

import pytest

from pollinate.teams.tests.factories import make_team


@pytest.fixture
def team(world):
    """A plan-together team of the two teachers of Alder Elementary, facilitated by their coach."""
    return make_team([world.teacher, world.other_teacher], school=world.school_a1, facilitators=(world.coach,))
