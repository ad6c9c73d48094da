"""The catalogue of calculation methods, their settings and how settings are checked."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.mastery.calculations import levels as lv
from pollinate.mastery.calculations.types import Method

METHODS: dict[str, Method] = {
    m.key: m
    for m in (
        Method(
            "decaying_average",
            gettext_lazy("Decaying average"),
            gettext_lazy(
                "Goes through the scores in the order the work was done: each new score counts for most of the "
                "level (by default 65 %; the district may choose another weight) and everything before it for the "
                "rest, so recent work matters most and older work fades."
            ),
            {"weight": 0.65},
        ),
        Method(
            "weighted_average",
            gettext_lazy("Weighted average (latest and the rest)"),
            gettext_lazy(
                "The latest score counts for most of the level (by default 65 %; the district may choose another "
                "weight) and the plain average of all earlier scores for the rest."
            ),
            {"weight": 0.65},
        ),
        Method(
            "power_law",
            gettext_lazy("Power law (trend)"),
            gettext_lazy(
                "Fits the smooth learning curve that best matches the scores in order and reads where it is at "
                "the latest piece of work, so one bad day does not pull the level down."
            ),
            {"scale_min": 1, "scale_max": 4},
        ),
        Method("most_recent", gettext_lazy("Most recent"), gettext_lazy("The level is the latest score."), {}),
        Method("highest", gettext_lazy("Highest"), gettext_lazy("The level is the highest score so far."), {}),
        Method("mean", gettext_lazy("Average"), gettext_lazy("The level is the average of all the scores."), {}),
        Method(
            "mode",
            gettext_lazy("Most common score"),
            gettext_lazy("The level is the score that came up most often; on a tie, the one reached most recently."),
            {},
        ),
        Method(
            "n_times",
            gettext_lazy("Number of times at a level"),
            gettext_lazy(
                "The competency is shown once enough scores (2 unless the district chose another number) reach "
                "the mastery level (3 unless chosen otherwise); the level is then the average of those scores."
            ),
            {"n": 2, "level": 3},
        ),
    )
}

BKT_KEY = "bkt"
BKT_PARAMS = ("prior", "learn", "guess", "slip")

# The bounds follow Canvas: its decaying average takes 50-99 %, its weighted average 1-99 %.
_WEIGHT_BOUNDS = {"decaying_average": (0.5, 0.99), "weighted_average": (0.01, 0.99)}


def _number(method: str, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(
            _("The setting “%(key)s” of %(method)s must be a number, not “%(value)s”.")
            % {"key": key, "method": METHODS[method].label, "value": value}
        )
    return value


def validate_settings(method: str, settings: Mapping | None) -> dict:
    """The method's settings with defaults filled in; ValueError with a sentence a district admin understands."""
    if method not in METHODS:
        raise ValueError(
            _("“%(method)s” is not a calculation method. Choose one of: %(choices)s.")
            % {"method": method, "choices": ", ".join(METHODS)}
        )
    spec = METHODS[method]
    settings = dict(settings or {})
    bkt = settings.pop(BKT_KEY, None)
    unknown = sorted(set(settings) - set(spec.defaults))
    if unknown:
        if spec.defaults:
            raise ValueError(
                _("“%(key)s” is not a setting of %(method)s. Its settings are: %(keys)s.")
                % {"key": unknown[0], "method": spec.label, "keys": ", ".join(spec.defaults)}
            )
        raise ValueError(
            _("%(method)s takes no settings, but “%(key)s” was given.") % {"key": unknown[0], "method": spec.label}
        )
    resolved = {**spec.defaults, **settings}
    for key, value in resolved.items():
        _number(method, key, value)
    if method in _WEIGHT_BOUNDS:
        low, high = _WEIGHT_BOUNDS[method]
        if not low <= resolved["weight"] <= high:
            raise ValueError(
                _(
                    "The weight of the latest score must be between %(low)s and %(high)s (a fraction: 0.65 means "
                    "65 %%), not %(value)s."
                )
                % {"low": low, "high": high, "value": resolved["weight"]}
            )
    elif method == "power_law":
        if resolved["scale_min"] >= resolved["scale_max"]:
            raise ValueError(
                _("The bottom of the scale (%(low)s) must be below its top (%(high)s).")
                % {"low": resolved["scale_min"], "high": resolved["scale_max"]}
            )
    elif method == "n_times":
        n = resolved["n"]
        if n != int(n) or not 1 <= n <= 10:
            raise ValueError(
                _("The number of times must be a whole number from 1 to 10, not %(value)s.") % {"value": n}
            )
        resolved["n"] = int(n)
    if bkt is not None:
        resolved[BKT_KEY] = _validate_bkt(bkt)
    return resolved


def _validate_bkt(given: object) -> dict:
    """Any method may carry the framework's BKT parameters for right/wrong checks (the mastery app reads them)."""
    if not isinstance(given, Mapping):
        raise ValueError(_("The quick-check (BKT) settings must be a set of named values, not “%(v)s”.") % {"v": given})
    unknown = sorted(set(given) - set(BKT_PARAMS))
    if unknown:
        raise ValueError(
            _("“%(key)s” is not a quick-check (BKT) setting. They are: %(keys)s.")
            % {"key": unknown[0], "keys": ", ".join(BKT_PARAMS)}
        )
    clean = {}
    for key, value in given.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
            raise ValueError(
                _("The quick-check (BKT) setting “%(key)s” must be a probability between 0 and 1, not “%(v)s”.")
                % {"key": key, "v": value}
            )
        if key in ("guess", "slip") and value > 0.5:
            raise ValueError(
                _("The quick-check (BKT) “%(key)s” must be at most 0.5, not %(v)s.") % {"key": key, "v": value}
            )
        clean[key] = value
    return clean


def _key(settings: Mapping) -> tuple:
    """A hashable form of settings (the nested BKT values included), for the caches below."""
    return tuple(sorted((k, _key(v) if isinstance(v, Mapping) else v) for k, v in settings.items()))


@lru_cache(maxsize=256)
def _resolve_cached(method: str, key: tuple) -> dict:
    return validate_settings(method, _unkey(key))


def resolve(method: str, settings: Mapping | None) -> dict:
    """validate_settings, cached: bulk recompute passes the same few framework settings millions of times."""
    if not settings:
        return _resolve_cached(method, ())
    try:
        return _resolve_cached(method, _key(settings))
    except TypeError:  # an unhashable value: validate without the cache, which then reports it
        return validate_settings(method, settings)


def bound_level_function(method: str, settings: Mapping | None) -> Callable[[Sequence[float]], float]:
    """The arithmetic of one method with its (validated) settings bound, cached like ``resolve``."""
    if not settings:
        return _bound_cached(method, ())
    try:
        return _bound_cached(method, _key(settings))
    except TypeError:
        return level_function(method, validate_settings(method, settings))


@lru_cache(maxsize=256)
def _bound_cached(method: str, key: tuple) -> Callable[[Sequence[float]], float]:
    return level_function(method, validate_settings(method, _unkey(key)))


def _unkey(key: tuple) -> dict:
    return {k: _unkey(v) if isinstance(v, tuple) else v for k, v in key}


def level_function(method: str, s: Mapping) -> Callable[[Sequence[float]], float]:
    """The arithmetic of one method with its settings bound: one call per learner x competency."""
    if method == "decaying_average":
        weight = s["weight"]
        return lambda levels: lv.decaying_average(levels, weight)
    if method == "weighted_average":
        weight = s["weight"]
        return lambda levels: lv.weighted_average(levels, weight)
    if method == "power_law":
        low, high = s["scale_min"], s["scale_max"]
        return lambda levels: lv.power_law(levels, low, high)
    if method == "n_times":
        n, level = s["n"], s["level"]
        return lambda levels: lv.n_times(levels, n, level)
    return {"most_recent": lv.most_recent, "highest": lv.highest, "mean": lv.mean, "mode": lv.mode}[method]
