"""Words for levels, shared by every mastery read: the rubric label (or the family's words) and a symbol."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _

from pollinate.competencies.models import RubricScale
from pollinate.mastery.models import MasteryRecord

ST = MasteryRecord.Status
# A symbol per status so the grid and the charts never rely on colour alone.
SYMBOLS = {ST.MASTERED: "✓", ST.WORKING: "◐", ST.NOT_STARTED: "○"}


def status_label(status: str) -> str:
    return str(ST(status).label)


@dataclass(frozen=True)
class ScaleWords:
    """A rubric scale read once: level values with their label and family words, and the mastery threshold."""

    threshold: float
    levels: tuple[tuple[int, str, str], ...]  # (value, label, family label)

    @classmethod
    def of(cls, scale: RubricScale) -> ScaleWords:
        # Uses prefetched levels when the caller loaded them.
        return cls(
            threshold=scale.mastery_threshold,
            levels=tuple((lv.value, lv.label, lv.family_label or lv.label) for lv in scale.levels.all()),
        )

    @property
    def top(self) -> int:
        return max((v for v, _l, _f in self.levels), default=4)

    def reached(self, level: float | None) -> tuple[int, str, str] | None:
        """The highest rubric level at or below ``level`` (2.6 has reached 2, Developing)."""
        if level is None:
            return None
        found = None
        for entry in self.levels:
            if entry[0] <= level + 1e-9:
                found = entry
        return found

    def words(self, level: float | None, *, family: bool = False) -> str:
        entry = self.reached(level)
        if entry is None:
            return _("not started") if level is None else _("below the first level")
        return entry[2] if family else entry[1]

    def next_level(self, level: float | None) -> int | None:
        """The next rubric level to reach: one above the level reached; None at the top."""
        if level is None:
            return self.levels[0][0] if self.levels else 1
        nxt = math.floor(level + 1e-9) + 1
        return nxt if nxt <= self.top else None

    def label_of(self, value: int, *, family: bool = False) -> str:
        for v, label, family_label in self.levels:
            if v == value:
                return family_label if family else label
        return str(value)


def fmt_level(level: float | None) -> str:
    if level is None:
        return "—"
    return f"{level:.2f}".rstrip("0").rstrip(".")


def pace_label(pace: str) -> str:
    return {"ahead": _("Ahead"), "on_pace": _("On pace"), "behind": _("Behind")}.get(pace, "")


def method_label(method: str) -> str:
    from pollinate.mastery import calculations

    found: Any = calculations.METHODS.get(method)
    return str(found.label) if found else method


# Pace against the school's expected progression

PACE_MARGIN = 0.5


def expected_at(points: list[tuple[Any, float]], day: Any) -> float | None:
    """The expected level on ``day`` from (date, level) checkpoints sorted by date: a straight line between
    two checkpoints, the last level after the last one, and no expectation before the first."""
    if not points or day < points[0][0]:
        return None
    for (d0, l0), (d1, l1) in pairwise(points):
        if d0 <= day <= d1:
            span = (d1 - d0).days
            return l1 if span == 0 else l0 + (l1 - l0) * (day - d0).days / span
    return points[-1][1]


def pace_of(level: float | None, expected: float | None) -> str:
    """ahead / on_pace / behind, within half a rubric level of the expectation counting as on pace."""
    if expected is None:
        return ""
    if level is None:
        return "behind"
    if level >= expected + PACE_MARGIN:
        return "ahead"
    if level <= expected - PACE_MARGIN:
        return "behind"
    return "on_pace"
