"""Mastery calculations: pure Python (no Django models), so the mastery app, the competencies pages and bulk
recompute share one definition of every number.

- ``calculate(method, scores, settings)``: the level and the arithmetic in plain words (``Step``s).
- ``level_only(method, levels, settings)``: the same number without words, for bulk recompute.
- ``what_if(...)``: the result with one more hypothetical score.
- ``validate_settings(method, settings)``: the settings with defaults, or ValueError with a clear sentence.
- ``METHODS``: key -> ``Method`` (label, description, default settings).
- ``bkt``: Bayesian Knowledge Tracing for right/wrong checks.

Definitions and their sources are in ``levels.py``. Every level is rounded to two decimals, halves up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pollinate.mastery.calculations.explain import calculate, ordered, round_level, what_if
from pollinate.mastery.calculations.methods import METHODS, bound_level_function, validate_settings
from pollinate.mastery.calculations.types import DatedScore, MasteryResult, Method, Step

__all__ = [
    "METHODS",
    "DatedScore",
    "MasteryResult",
    "Method",
    "Step",
    "calculate",
    "level_only",
    "ordered",
    "validate_settings",
    "what_if",
]


def level_only(method: str, levels: Sequence[float], settings: Mapping | None = None) -> float | None:
    """The level of ``levels`` (already in produced-date order, oldest first), without an explanation."""
    if not levels:
        return None
    return round_level(bound_level_function(method, settings)(levels))
