"""Mastery calculations against hand-worked examples (the arithmetic is in each docstring)."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from pollinate.mastery.calculations import (
    METHODS,
    DatedScore,
    calculate,
    level_only,
    validate_settings,
    what_if,
)


def march(*levels: float) -> list[DatedScore]:
    """One score a day from 1 March 2026, in order."""
    return [DatedScore(level=lv, produced_on=date(2026, 3, i)) for i, lv in enumerate(levels, start=1)]


def texts(result) -> list[str]:
    return [s.text for s in result.steps]


# decaying average ------------------------------------------------------------------------------------------------


def test_decaying_average_matches_canvas_worked_example():
    """Canvas's own spec: 1,2,3,4,5 at 65 %.

    1 -> 2 x 0.65 + 1 x 0.35 = 1.65 -> 3 x 0.65 + 1.65 x 0.35 = 2.5275 -> 4 x 0.65 + 2.5275 x 0.35 = 3.484625
    -> 5 x 0.65 + 3.484625 x 0.35 = 4.46961875 -> 4.47.
    """
    result = calculate("decaying_average", march(1, 2, 3, 4, 5))
    assert result.level == 4.47
    assert result.n_scores == 5
    assert [s.value for s in result.steps] == [None, 1, 1.65, 2.53, 3.48, 4.47, 4.47]
    assert texts(result)[1] == "We start with your first score, 1 on 1 March 2026."
    assert texts(result)[3] == (
        "Your next score, 3 on 3 March 2026, counts 65 %; the level so far, 1.65, counts 35 %: "
        "3 × 0.65 + 1.65 × 0.35 = 2.5275."
    )
    assert texts(result)[5] == (
        "Your latest score, 5 on 5 March 2026, counts 65 %; the level so far, 3.4846, counts 35 %: "
        "5 × 0.65 + 3.4846 × 0.35 = 4.47."
    )
    assert texts(result)[-1] == "So your level is 4.47 (Decaying average)."


def test_decaying_average_rounds_halves_up():
    """4, 2, 3 at 65 %: 4 -> 2 x 0.65 + 4 x 0.35 = 2.7 -> 3 x 0.65 + 2.7 x 0.35 = 1.95 + 0.945 = 2.895 -> 2.9."""
    assert calculate("decaying_average", march(4, 2, 3)).level == 2.9
    assert level_only("decaying_average", [4, 2, 3]) == 2.9


def test_decaying_average_with_a_district_weight():
    """2, 4 at 50 %: 4 x 0.5 + 2 x 0.5 = 3."""
    result = calculate("decaying_average", march(2, 4), {"weight": 0.5})
    assert result.level == 3
    assert "counts 50 %" in texts(result)[2]


def test_decaying_average_quotes_the_evidence_title():
    scores = [
        DatedScore(2, date(2026, 3, 2), label="Lab report"),
        DatedScore(3, date(2026, 3, 12), label="Poster"),
    ]
    assert texts(calculate("decaying_average", scores))[2].startswith(
        "Your latest score, 3 on 12 March 2026 (Poster), counts 65 %;"
    )


# weighted average (Canvas's original decaying average) -----------------------------------------------------------


def test_weighted_average_matches_canvas_legacy_example():
    """1,2,3,4,5 at 65 %: latest 5 x 0.65 + mean(1,2,3,4) = 2.5 x 0.35 = 3.25 + 0.875 = 4.125 -> 4.13."""
    result = calculate("weighted_average", march(1, 2, 3, 4, 5))
    assert result.level == 4.13
    assert texts(result)[1:4] == [
        "Your latest score, 5 on 5 March 2026, counts 65 %.",
        "The average of your 4 earlier scores (1, 2, 3 and 4) is 2.5; it counts 35 %.",
        "5 × 0.65 + 2.5 × 0.35 = 4.13.",
    ]


# power law -------------------------------------------------------------------------------------------------------


def test_power_law_fits_the_trend_and_reads_it_at_the_latest_attempt():
    """2, 2, 3, 3 at attempts 1..4. x = ln t = 0, .6931, 1.0986, 1.3863 (mean .7945); y = ln level (mean .8959).

    b = Sxy / Sxx = .36325 / 1.08421 = .33504; a = exp(.8959 - .33504 x .7945) = 1.87703;
    level = 1.87703 x 4^.33504 = 2.9866 -> 2.99 (the mean would say 2.5, the latest 3).
    """
    result = calculate("power_law", march(2, 2, 3, 3))
    assert result.level == 2.99
    assert texts(result)[1] == (
        "We draw the smooth learning curve that best fits your 4 scores (2, 2, 3 and 3), one after the other: "
        "level = 1.877 × (piece of work number)^0.335."
    )
    assert texts(result)[2] == "At your latest piece of work (number 4) the trend is at 2.99."


def test_power_law_is_clamped_to_the_scale():
    """1..5: ln level = ln t exactly, so a = 1, b = 1 and the trend at attempt 5 is 5, above the top (4)."""
    result = calculate("power_law", march(1, 2, 3, 4, 5))
    assert result.level == 4
    assert texts(result)[3] == "That is above the top of the scale, so we use 4."
    assert calculate("power_law", march(1, 2, 3, 4, 5), {"scale_min": 0, "scale_max": 5}).level == 5


def test_power_law_needs_three_scores():
    """Two scores: no trend yet, the latest (3)."""
    result = calculate("power_law", march(1, 3))
    assert result.level == 3
    assert texts(result)[1] == (
        "With fewer than 3 scores there is no trend to draw yet, so we use your latest score, 3 on 2 March 2026."
    )


def test_power_law_with_a_zero_uses_a_straight_line():
    """0, 1, 2 (a 0-3 scale): ln 0 is undefined; the least-squares line is level = -1 + 1 x t, at t = 3: 2."""
    result = calculate("power_law", march(0, 1, 2), {"scale_min": 0, "scale_max": 3})
    assert result.level == 2
    assert texts(result)[1].startswith("A score of 0 does not fit a learning curve")


# most recent, highest, mean, mode ----------------------------------------------------------------------------------


def test_scores_are_ordered_by_when_the_work_was_produced_not_when_it_was_marked():
    """The 2 was produced on 10 March but marked on 20 March; the 4 was produced later (12 March): latest = 4."""
    scores = [
        DatedScore(4, produced_on=date(2026, 3, 12), recorded_on=date(2026, 3, 13)),
        DatedScore(2, produced_on=date(2026, 3, 10), recorded_on=date(2026, 3, 20)),
    ]
    assert calculate("most_recent", scores).level == 4
    # Decaying average: 2 first, then 4 x 0.65 + 2 x 0.35 = 3.3 (ordered by marking it would be 2.7).
    assert calculate("decaying_average", scores).level == 3.3


def test_same_day_work_is_ordered_by_when_it_was_marked():
    scores = [
        DatedScore(3, produced_on=date(2026, 3, 5), recorded_on=date(2026, 3, 9)),
        DatedScore(1, produced_on=date(2026, 3, 5), recorded_on=date(2026, 3, 6)),
    ]
    assert calculate("most_recent", scores).level == 3
    assert calculate("most_recent", list(reversed(scores))).level == 3


def test_highest_and_mean():
    """Highest of 2, 4, 3 is 4; mean is (2 + 4 + 3) / 3 = 3."""
    scores = march(2, 4, 3)
    assert calculate("highest", scores).level == 4
    assert texts(calculate("highest", scores))[0] == "Your highest of 3 scores is 4 on 2 March 2026."
    result = calculate("mean", scores)
    assert result.level == 3
    assert texts(result)[0] == "Your 3 scores (2, 4 and 3) add up to 9; 9 ÷ 3 = 3."


def test_mean_is_not_rounded_before_the_end():
    """(1 + 2 + 2) / 3 = 1.6667 -> 1.67."""
    assert calculate("mean", march(1, 2, 2)).level == 1.67


def test_mode_and_its_tie_break_by_the_most_recent():
    """2, 3, 3, 1: 3 twice -> 3. 3, 2, 2, 3: 2 and 3 twice each; the 3 came last -> 3; 2, 3, 3, 2 -> 2."""
    assert calculate("mode", march(2, 3, 3, 1)).level == 3
    assert texts(calculate("mode", march(2, 3, 3, 1)))[0] == "The score you got most often is 3: 2 times out of 4."
    tie = calculate("mode", march(3, 2, 2, 3))
    assert tie.level == 3
    assert texts(tie)[1] == "2 and 3 each came up 2 times; we use the one you got most recently, 3."
    assert calculate("mode", march(2, 3, 3, 2)).level == 2


# n times at a level ------------------------------------------------------------------------------------------------


def test_n_times_mastered_is_the_mean_of_the_scores_at_or_above_the_level():
    """n = 2 at level 3: 2, 3, 4 has two scores >= 3 (3 and 4): mastered, level (3 + 4) / 2 = 3.5."""
    result = calculate("n_times", march(2, 3, 4))
    assert result.level == 3.5
    assert texts(result)[:2] == [
        "You scored 3 or higher 2 times; 2 are needed. You have shown this competency.",
        "The average of those scores (3 and 4) is 3.5.",
    ]


def test_n_times_not_yet_shows_the_highest_score_below_the_level():
    """n = 2 at level 3: 2, 4, 1 has one score >= 3: not yet; highest below 3 is 2."""
    result = calculate("n_times", march(2, 4, 1))
    assert result.level == 2
    assert texts(result)[:2] == [
        "You scored 3 or higher 1 time; 2 are needed.",
        "Until then your level is your highest score below 3: 2.",
    ]


def test_n_times_with_only_high_scores_but_too_few_stays_one_step_below():
    """One 4, n = 2 at level 3: not yet shown twice, nothing below 3: one step below, 2."""
    result = calculate("n_times", march(4))
    assert result.level == 2
    assert texts(result)[1] == "Until then your level stays one step below 3: 2."


def test_n_times_with_district_settings():
    """n = 3 at level 3 (Canvas's spec): 1,2,3,4,5 -> 3, 4, 5 qualify -> 4."""
    assert calculate("n_times", march(1, 2, 3, 4, 5), {"n": 3, "level": 3}).level == 4


# edge cases ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", sorted(METHODS))
def test_no_scores_means_no_level(method):
    result = calculate(method, [])
    assert result.level is None
    assert result.n_scores == 0
    assert texts(result) == ["There are no scores yet."]
    assert level_only(method, []) is None


@pytest.mark.parametrize("method", sorted(set(METHODS) - {"n_times"}))
def test_one_score_is_the_level(method):
    result = calculate(method, march(3))
    assert result.level == 3
    assert result.steps[-1].text.startswith("So your level is 3 (")


@pytest.mark.parametrize("method", sorted(METHODS))
def test_all_equal_scores_give_that_score(method):
    assert calculate(method, march(3, 3, 3, 3)).level == 3


@pytest.mark.parametrize("method", sorted(METHODS))
def test_scores_on_identical_dates(method):
    """Same produced and marked date: the order given is kept (a stable sort)."""
    day = date(2026, 3, 4)
    scores = [DatedScore(2, day, day), DatedScore(4, day, day), DatedScore(3, day, day)]
    assert calculate(method, scores).level == level_only(method, [2, 4, 3])


@pytest.mark.parametrize("method", sorted(METHODS))
def test_level_only_agrees_with_calculate(method):
    rng = random.Random(4)
    for _ in range(200):
        levels = [float(rng.randint(1, 4)) for _ in range(rng.randint(1, 8))]
        assert level_only(method, levels) == calculate(method, march(*levels)).level


# what if ---------------------------------------------------------------------------------------------------------


def test_what_if_adds_one_hypothetical_score_after_the_real_ones():
    """2, 3 -> 3 x 0.65 + 2 x 0.35 = 2.65; what if 4 on 10 March: 4 x 0.65 + 2.65 x 0.35 = 3.5275 -> 3.53."""
    scores = march(2, 3)
    result = what_if("decaying_average", scores, None, extra_level=4, on=date(2026, 3, 10))
    assert result.level == 3.53
    assert result.n_scores == 3
    assert "4 on 10 March 2026 (what if)" in texts(result)[3]
    assert calculate("decaying_average", scores).level == 2.65  # the real scores are untouched


def test_what_if_on_the_same_day_as_a_real_score_counts_as_the_latest():
    scores = march(2, 3)
    assert what_if("most_recent", scores, None, extra_level=1, on=date(2026, 3, 2)).level == 1


def test_what_if_reaching_n_times():
    """One 3 so far (n = 2 at 3): level 2. What if another 3: two scores >= 3 -> (3 + 3) / 2 = 3."""
    scores = march(2, 3)
    assert calculate("n_times", scores).level == 2
    assert what_if("n_times", scores, {}, extra_level=3, on=date(2026, 3, 9)).level == 3


# settings --------------------------------------------------------------------------------------------------------


def test_validate_settings_fills_in_defaults():
    assert validate_settings("decaying_average", {}) == {"weight": 0.65}
    assert validate_settings("n_times", {"n": 3.0}) == {"n": 3, "level": 3}
    assert validate_settings("power_law", None) == {"scale_min": 1, "scale_max": 4}
    assert validate_settings("mean", {}) == {}


@pytest.mark.parametrize(
    ("method", "settings", "message"),
    [
        ("median", {}, "“median” is not a calculation method. Choose one of: decaying_average, weighted_average,"),
        (
            "decaying_average",
            {"weigth": 0.7},
            "“weigth” is not a setting of Decaying average. Its settings are: weight.",
        ),
        ("decaying_average", {"weight": 65}, "The weight of the latest score must be between 0.5 and 0.99"),
        ("decaying_average", {"weight": 0.3}, "must be between 0.5 and 0.99 (a fraction: 0.65 means 65 %), not 0.3."),
        ("weighted_average", {"weight": 1}, "must be between 0.01 and 0.99"),
        ("decaying_average", {"weight": "0.65"}, "The setting “weight” of Decaying average must be a number"),
        ("n_times", {"n": True}, "The setting “n” of Number of times at a level must be a number"),
        ("n_times", {"n": 2.5}, "The number of times must be a whole number from 1 to 10, not 2.5."),
        ("n_times", {"n": 0}, "The number of times must be a whole number from 1 to 10, not 0."),
        ("power_law", {"scale_min": 4, "scale_max": 4}, "The bottom of the scale (4) must be below its top (4)."),
        ("mode", {"weight": 0.65}, "Most common score takes no settings, but “weight” was given."),
    ],
)
def test_validate_settings_refuses_with_a_clear_sentence(method, settings, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        validate_settings(method, settings)
    with pytest.raises(ValueError, match=re.escape(message)):
        calculate(method, march(3), settings)
    with pytest.raises(ValueError, match=re.escape(message)):
        level_only(method, [3], settings)


def test_any_method_may_carry_the_frameworks_bkt_settings():
    """The mastery app keeps the quick-check (BKT) parameters beside the method's own settings."""
    settings = {"weight": 0.7, "bkt": {"prior": 0.2, "slip": 0.1}}
    assert validate_settings("decaying_average", settings) == settings
    assert validate_settings("mean", {"bkt": {"guess": 0.25}}) == {"bkt": {"guess": 0.25}}
    # 2, 4 at 70 %: 4 x 0.7 + 2 x 0.3 = 3.4; the BKT values do not change the arithmetic.
    assert level_only("decaying_average", [2, 4], settings) == 3.4
    assert calculate("decaying_average", march(2, 4), settings).level == 3.4


@pytest.mark.parametrize(
    ("bkt", "message"),
    [
        ({"forget": 0.1}, "“forget” is not a quick-check (BKT) setting. They are: prior, learn, guess, slip."),
        ({"prior": 1.2}, "The quick-check (BKT) setting “prior” must be a probability between 0 and 1, not “1.2”."),
        ({"guess": 0.6}, "The quick-check (BKT) “guess” must be at most 0.5, not 0.6."),
        ([0.2], "The quick-check (BKT) settings must be a set of named values"),
    ],
)
def test_bkt_settings_are_checked(bkt, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        validate_settings("most_recent", {"bkt": bkt})
    with pytest.raises(ValueError, match=re.escape(message)):
        level_only("most_recent", [3], {"bkt": bkt})
