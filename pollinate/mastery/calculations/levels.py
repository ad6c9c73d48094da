"""The arithmetic of each calculation method on a plain list of levels, oldest first.

These functions are the single source of every number: ``level_only`` (bulk recompute) calls them directly and
``calculate`` calls them too before wording the explanation, so a level on a grid and its "why" never disagree.
Settings arrive already validated (``settings.resolve``).

Sources for the definitions (see also docs in ``__init__``):

- decaying_average: Canvas's current "Decaying Average" (``standard_decaying_average`` in canvas-lms): start from
  the first score, then each later score counts ``weight`` and the value so far ``1 - weight``. canvas-lms's own
  spec: scores 1,2,3,4,5 at 65 % give 1.65, 2.5275, 3.485, 4.47.
- weighted_average: Canvas's original "decaying average" (shown as "Weighted Average" in Canvas today, and the
  definition in ``docs/domain.md``): the latest score counts ``weight``, the plain mean of all earlier scores
  ``1 - weight``. canvas-lms's spec: 1,2,3,4,5 at 65 % give 5 x 0.65 + 2.5 x 0.35 = 4.125.
- n_times: Canvas's "n Number of Times" (``n_mastery``): once at least ``n`` scores are at or above ``level``,
  the level is the mean of those scores (canvas-lms spec: 1..5, level 3, n 3 give 4). Canvas shows nothing
  until then; we show the highest score below ``level`` (or one step below ``level`` when every score so far
  is at or above it), so the level never claims mastery that has not been shown ``n`` times.
- power_law: Marzano's power law of learning, level = a x t^b over attempts t = 1..n, fitted by least squares on
  (ln t, ln level); we report the fitted value at the latest attempt, clamped to the scale. With fewer than 3
  scores there is no trend to fit: the latest score. A score of 0 or below has no logarithm: a straight
  least-squares line instead, read at the latest attempt.
- mode: the most frequent score; on a tie, the tied score the learner got most recently.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache


def decaying_average(levels: Sequence[float], weight: float) -> float:
    value = levels[0]
    rest = 1.0 - weight
    for level in levels[1:]:
        value = level * weight + value * rest
    return value


def weighted_average(levels: Sequence[float], weight: float) -> float:
    n = len(levels)
    if n == 1:
        return levels[0]
    return levels[-1] * weight + (sum(levels) - levels[-1]) / (n - 1) * (1.0 - weight)


@lru_cache(maxsize=64)
def _attempts(n: int, log: bool) -> tuple[tuple[float, ...], float, float]:
    """Attempt numbers 1..n (or their logs) centred on their mean, their sum of squares, and the latest one."""
    xs = [math.log(t) if log else float(t) for t in range(1, n + 1)]
    mx = sum(xs) / n
    centred = tuple(x - mx for x in xs)
    return centred, sum(c * c for c in centred), xs[-1] - mx


def power_law_fit(levels: Sequence[float]) -> tuple[str, float, float, float]:
    """("latest"|"power"|"line", a, b, raw value at the latest attempt) before clamping.

    "power": level = a * t**b; "line": level = a + b * t.
    """
    n = len(levels)
    if n < 3:
        return "latest", levels[-1], 0.0, levels[-1]
    power = min(levels) > 0
    centred, sxx, last = _attempts(n, power)
    ys = [math.log(level) for level in levels] if power else levels
    my = sum(ys) / n
    b = sum(c * y for c, y in zip(centred, ys, strict=True)) / sxx
    at_latest = my + b * last  # the fitted value (in log space for "power") at attempt n
    if power:
        a = math.exp(at_latest) / n**b
        return "power", a, b, math.exp(at_latest)
    return "line", at_latest - b * n, b, at_latest


def power_law(levels: Sequence[float], scale_min: float, scale_max: float) -> float:
    raw = power_law_fit(levels)[3]
    return min(max(raw, scale_min), scale_max)


def most_recent(levels: Sequence[float]) -> float:
    return levels[-1]


def highest(levels: Sequence[float]) -> float:
    return max(levels)


def mean(levels: Sequence[float]) -> float:
    return sum(levels) / len(levels)


def mode_counts(levels: Sequence[float]) -> tuple[float, int, list[float]]:
    """(chosen level, how often it occurs, every level tied at that count in order of last occurrence)."""
    counts: dict[float, int] = {}
    last: dict[float, int] = {}
    for i, level in enumerate(levels):
        counts[level] = counts.get(level, 0) + 1
        last[level] = i
    top = max(counts.values())
    tied = sorted((level for level, c in counts.items() if c == top), key=last.__getitem__)
    return tied[-1], top, tied


def mode(levels: Sequence[float]) -> float:
    return mode_counts(levels)[0]


def n_times(levels: Sequence[float], n: int, level: float) -> float:
    at_or_above = [x for x in levels if x >= level]
    if len(at_or_above) >= n:
        return sum(at_or_above) / len(at_or_above)
    below = [x for x in levels if x < level]
    return max(below) if below else level - 1
