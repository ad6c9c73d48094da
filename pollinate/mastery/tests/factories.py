"""Evidence, scores and mastery rows for tests, written straight to the database (services are what tests exercise)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pollinate.evidence.models import Audience, Evidence
from pollinate.mastery.models import Score


def make_evidence(
    learner: Any,
    *,
    title: str = "Pond life poster",
    produced_on: dt.date = dt.date(2026, 10, 1),
    audience: str = Audience.GUIDES,
    **fields: Any,
) -> Evidence:
    return Evidence.objects.create(
        district_id=learner.district_id,
        learner=learner,
        kind=Evidence.Kind.WRITING,
        title=title,
        body="<p>work</p>",
        audience=audience,
        produced_on=produced_on,
        **fields,
    )


def make_score(
    evidence: Evidence, competency: Any, level: float, *, kind: str = Score.Kind.GUIDE, scored_by: Any = None
) -> Score:
    return Score.objects.create(
        district_id=evidence.district_id,
        learner_id=evidence.learner_id,
        evidence=evidence,
        competency=competency,
        kind=kind,
        level=level,
        scored_by=scored_by,
        produced_on=evidence.produced_on,
    )
