from __future__ import annotations

import pytest

from pollinate.competencies.tests.factories import make_competency, make_framework


@pytest.fixture
def framework(world):
    """District A's science framework on the default 1-4 scale (mastered at 3), decaying average 65/35."""
    fw = make_framework(
        world.school_a1.district,
        title="Science practices",
        mastery_method="decaying_average",
        mastery_settings={"weight": 0.65},
    )
    make_competency(fw, "Ask a testable question", code="SCI.1", abbreviated="Questions", position=1)
    make_competency(fw, "Plan an investigation", code="SCI.2", abbreviated="Planning", position=2)
    make_competency(fw, "Explain with evidence", code="SCI.3", abbreviated="Explaining", position=3)
    return fw


@pytest.fixture
def comps(framework):
    return list(framework.competencies.order_by("position"))
