"""The values the calculations take and give back (plain frozen dataclasses, no Django models)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DatedScore:
    level: float
    produced_on: date  # when the learner produced the evidence: the ordering key
    recorded_on: date | None = None  # when it was scored; only breaks ties between same-day evidence
    label: str = ""  # e.g. the evidence title, quoted in explanations


@dataclass(frozen=True)
class Step:
    text: str  # one plain-language sentence, already translated
    value: float | None = None


@dataclass(frozen=True)
class MasteryResult:
    level: float | None  # None when there are no scores
    method: str
    steps: tuple[Step, ...]
    n_scores: int


@dataclass(frozen=True)
class Method:
    key: str
    label: str
    description: str
    defaults: dict = field(default_factory=dict)
