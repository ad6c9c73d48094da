"""``calculate`` and ``what_if``: the level plus the arithmetic, in sentences a learner and a parent understand."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pollinate.mastery.calculations import levels as lv
from pollinate.mastery.calculations.methods import METHODS, bound_level_function, resolve
from pollinate.mastery.calculations.types import DatedScore, MasteryResult, Step


def round_level(value: float, places: int = 2) -> float:
    """Halves up (4.125 -> 4.13, as Canvas shows it); the inner round absorbs float noise (2.5275 * 100)."""
    scale = 10**places
    return math.floor(round(value * scale, 6) + 0.5) / scale


def num(value: float, places: int = 2) -> str:
    """A number as people write it: 3, 2.5, 3.42 (localised decimal mark), at most ``places`` decimals."""
    r = round_level(value, places)
    shown = 0
    while shown < places and round_level(r * 10**shown, 0) != round_level(r * 10**shown, places - shown):
        shown += 1
    return number_format(r, shown)


def percent(fraction: float) -> str:
    return num(fraction * 100)


def ordered(scores: Sequence[DatedScore]) -> list[DatedScore]:
    """By the date the work was produced; same-day work by the date it was scored (unknown first), then as given."""
    return sorted(scores, key=lambda s: (s.produced_on, s.recorded_on or date.min))


def _when(d: date) -> str:
    # Translators: a Django date format for a score's date, e.g. "12 March 2026" (Spanish: j \d\e F \d\e Y).
    return date_format(d, _("j F Y"))


def _score(s: DatedScore) -> str:
    if s.label:
        return _("%(score)s on %(date)s (%(label)s)") % {
            "score": num(s.level),
            "date": _when(s.produced_on),
            "label": s.label,
        }
    return _("%(score)s on %(date)s") % {"score": num(s.level), "date": _when(s.produced_on)}


def _listing(values: Sequence[float]) -> str:
    words = [num(v) for v in values]
    if len(words) == 1:
        return words[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _order_step() -> Step:
    return Step(
        _(
            "Your scores are taken in the order you did the work (the date the evidence was produced), not the "
            "order they were marked."
        )
    )


def _decaying(scores: list[DatedScore], s: Mapping) -> list[Step]:
    w = s["weight"]
    steps = [
        _order_step(),
        Step(_("We start with your first score, %(score)s.") % {"score": _score(scores[0])}, scores[0].level),
    ]
    value = scores[0].level
    for i, sc in enumerate(scores[1:], start=2):
        new = sc.level * w + value * (1 - w)
        lead = _("Your latest score") if i == len(scores) else _("Your next score")
        steps.append(
            Step(
                _(
                    "%(lead)s, %(score)s, counts %(w)s %%; the level so far, %(prev)s, counts %(rest)s %%: "
                    "%(level)s × %(wf)s + %(prev)s × %(restf)s = %(new)s."
                )
                % {
                    "lead": lead,
                    "score": _score(sc),
                    "w": percent(w),
                    "prev": num(value, 4),
                    "rest": percent(1 - w),
                    "level": num(sc.level),
                    "wf": num(w),
                    "restf": num(1 - w),
                    "new": num(new, 2 if i == len(scores) else 4),
                },
                round_level(new),
            )
        )
        value = new
    return steps


def _weighted(scores: list[DatedScore], s: Mapping) -> list[Step]:
    w = s["weight"]
    if len(scores) == 1:
        return [Step(_("You have one score, %(score)s.") % {"score": _score(scores[0])}, scores[0].level)]
    latest, earlier = scores[-1], [x.level for x in scores[:-1]]
    avg = sum(earlier) / len(earlier)
    value = lv.weighted_average([*earlier, latest.level], w)
    return [
        _order_step(),
        Step(
            _("Your latest score, %(score)s, counts %(w)s %%.") % {"score": _score(latest), "w": percent(w)},
            latest.level,
        ),
        Step(
            ngettext(
                "Your earlier score, %(list)s, counts %(rest)s %%.",
                "The average of your %(count)s earlier scores (%(list)s) is %(avg)s; it counts %(rest)s %%.",
                len(earlier),
            )
            % {"count": len(earlier), "list": _listing(earlier), "avg": num(avg), "rest": percent(1 - w)},
            round_level(avg),
        ),
        Step(
            _("%(latest)s × %(wf)s + %(avg)s × %(restf)s = %(value)s.")
            % {"latest": num(latest.level), "wf": num(w), "avg": num(avg), "restf": num(1 - w), "value": num(value)},
            round_level(value),
        ),
    ]


def _power(scores: list[DatedScore], s: Mapping) -> list[Step]:
    values = [x.level for x in scores]
    kind, a, b, raw = lv.power_law_fit(values)
    n = len(values)
    if kind == "latest":
        return [
            _order_step(),
            Step(
                _("With fewer than 3 scores there is no trend to draw yet, so we use your latest score, %(score)s.")
                % {"score": _score(scores[-1])},
                scores[-1].level,
            ),
        ]
    steps = [_order_step()]
    if kind == "power":
        steps.append(
            Step(
                _(
                    "We draw the smooth learning curve that best fits your %(count)s scores (%(list)s), one after "
                    "the other: level = %(a)s × (piece of work number)^%(b)s."
                )
                % {"count": n, "list": _listing(values), "a": number_format(a, 3), "b": number_format(b, 3)}
            )
        )
    else:
        steps.append(
            Step(
                _(
                    "A score of 0 does not fit a learning curve, so we draw the straight line that best fits your "
                    "%(count)s scores (%(list)s): level = %(a)s + %(b)s × (piece of work number)."
                )
                % {"count": n, "list": _listing(values), "a": number_format(a, 3), "b": number_format(b, 3)}
            )
        )
    steps.append(
        Step(
            _("At your latest piece of work (number %(n)s) the trend is at %(raw)s.") % {"n": n, "raw": num(raw)},
            round_level(raw),
        )
    )
    if raw > s["scale_max"]:
        steps.append(
            Step(
                _("That is above the top of the scale, so we use %(top)s.") % {"top": num(s["scale_max"])},
                s["scale_max"],
            )
        )
    elif raw < s["scale_min"]:
        steps.append(
            Step(
                _("That is below the bottom of the scale, so we use %(low)s.") % {"low": num(s["scale_min"])},
                s["scale_min"],
            )
        )
    return steps


def _most_recent(scores: list[DatedScore], s: Mapping) -> list[Step]:
    return [_order_step(), Step(_("Your latest score is %(score)s.") % {"score": _score(scores[-1])}, scores[-1].level)]


def _highest(scores: list[DatedScore], s: Mapping) -> list[Step]:
    best = max(scores, key=lambda x: x.level)
    return [
        Step(
            ngettext(
                "Your highest score is %(score)s.",
                "Your highest of %(count)s scores is %(score)s.",
                len(scores),
            )
            % {"count": len(scores), "score": _score(best)},
            best.level,
        )
    ]


def _mean(scores: list[DatedScore], s: Mapping) -> list[Step]:
    values = [x.level for x in scores]
    total = sum(values)
    if len(values) == 1:
        return [Step(_("You have one score, %(score)s.") % {"score": _score(scores[0])}, values[0])]
    return [
        Step(
            _("Your %(count)s scores (%(list)s) add up to %(total)s; %(total)s ÷ %(count)s = %(avg)s.")
            % {"count": len(values), "list": _listing(values), "total": num(total), "avg": num(total / len(values))},
            round_level(total / len(values)),
        )
    ]


def _mode(scores: list[DatedScore], s: Mapping) -> list[Step]:
    values = [x.level for x in scores]
    chosen, count, tied = lv.mode_counts(values)
    steps = [
        Step(
            ngettext(
                "The score you got most often is %(score)s: %(count)s time out of %(n)s.",
                "The score you got most often is %(score)s: %(count)s times out of %(n)s.",
                count,
            )
            % {"score": num(chosen), "count": count, "n": len(values)},
            chosen,
        )
    ]
    if len(tied) > 1:
        steps = [
            _order_step(),
            Step(
                ngettext(
                    "%(list)s each came up %(count)s time; we use the one you got most recently, %(score)s.",
                    "%(list)s each came up %(count)s times; we use the one you got most recently, %(score)s.",
                    count,
                )
                % {"list": _listing(sorted(tied)), "count": count, "score": num(chosen)},
                chosen,
            ),
        ]
    return steps


def _n_times(scores: list[DatedScore], s: Mapping) -> list[Step]:
    n, level = s["n"], s["level"]
    values = [x.level for x in scores]
    at = [v for v in values if v >= level]
    counted = ngettext(
        "You scored %(level)s or higher %(count)s time; %(n)s are needed.",
        "You scored %(level)s or higher %(count)s times; %(n)s are needed.",
        len(at),
    ) % {"level": num(level), "count": len(at), "n": n}
    if len(at) >= n:
        avg = sum(at) / len(at)
        return [
            Step(counted + " " + _("You have shown this competency."), len(at)),
            Step(
                _("The average of those scores (%(list)s) is %(avg)s.") % {"list": _listing(at), "avg": num(avg)},
                round_level(avg),
            ),
        ]
    value = lv.n_times(values, n, level)
    if any(v < level for v in values):
        then = _("Until then your level is your highest score below %(level)s: %(value)s.")
    else:
        then = _("Until then your level stays one step below %(level)s: %(value)s.")
    return [Step(counted, len(at)), Step(then % {"level": num(level), "value": num(value)}, value)]


_EXPLAIN = {
    "decaying_average": _decaying,
    "weighted_average": _weighted,
    "power_law": _power,
    "most_recent": _most_recent,
    "highest": _highest,
    "mean": _mean,
    "mode": _mode,
    "n_times": _n_times,
}


def calculate(method: str, scores: Sequence[DatedScore], settings: Mapping | None = None) -> MasteryResult:
    """The level from the scores (ordered by produced date) and the steps that explain it."""
    s = resolve(method, settings)
    if not scores:
        return MasteryResult(None, method, (Step(_("There are no scores yet.")),), 0)
    in_order = ordered(scores)
    level = round_level(bound_level_function(method, settings)([x.level for x in in_order]))
    steps = _EXPLAIN[method](in_order, s)
    steps.append(
        Step(
            _("So your level is %(level)s (%(method)s).") % {"level": num(level), "method": METHODS[method].label},
            level,
        )
    )
    return MasteryResult(level, method, tuple(steps), len(in_order))


def what_if(
    method: str, scores: Sequence[DatedScore], settings: Mapping | None, *, extra_level: float, on: date
) -> MasteryResult:
    """The result if one more piece of evidence, produced on ``on``, were scored ``extra_level``.

    It sorts after any real evidence produced the same day (recorded "last").
    """
    extra = DatedScore(level=extra_level, produced_on=on, recorded_on=date.max, label=_("what if"))
    return calculate(method, [*scores, extra], settings)
