"""What the mastery API reads and answers."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str
    errors: list[str]


class ScoreIn(Schema):
    evidence_id: int
    competency_id: int
    level: int = Field(..., ge=0, le=100)
    comment: str = Field("", max_length=2000)


class ScoreOut(Schema):
    id: int
    learner_id: int
    evidence_id: int
    competency_id: int
    kind: str = Field(..., description="self (the learner's own rating) or guide")
    level: float
    produced_on: dt.date
    scored_at: dt.datetime
    revision: int


class ScoreFilter(Schema):
    learner_id: int | None = None
    evidence_id: int | None = None
    competency_id: int | None = None


class MasteryOut(Schema):
    competency_id: int
    code: str = Field(..., alias="competency.code")
    framework_id: int
    level: float | None
    method: str
    n_scores: int
    last_produced_on: dt.date | None
    status: str = Field(..., description="mastered, working or not_started")
    p_mastery: float | None = Field(None, description="BKT probability the skill is known, from quick checks")
    n_responses: int


class GridCellOut(Schema):
    competency_id: int
    level: float | None
    words: str
    status: str


class GridRowOut(Schema):
    learner_id: int
    name: str
    cells: list[GridCellOut]


class GridCompetencyOut(Schema):
    id: int
    code: str
    label: str


class GridGroupOut(Schema):
    competency_id: int
    next_level: int
    learner_ids: list[int]


class GridOut(Schema):
    section_id: int
    framework_id: int | None
    competencies: list[GridCompetencyOut]
    rows: list[GridRowOut]
    groups: list[GridGroupOut]


class WhyScoreOut(Schema):
    evidence_id: int
    title: str
    level: float
    level_words: str
    produced_on: dt.date
    scored_on: dt.date


class StepOut(Schema):
    text: str
    value: float | None


class WhyOut(Schema):
    learner_id: int
    competency_id: int
    method: str
    level: float | None
    level_words: str
    steps: list[StepOut]
    scores: list[WhyScoreOut]
    what_if_level: int | None = None
    what_if: float | None = None
