"""Bayesian Knowledge Tracing: hand-worked updates, the vectorised likelihood, and parameter recovery."""

from __future__ import annotations

import numpy as np
import pytest

from pollinate.mastery.calculations import bkt
from pollinate.mastery.calculations.bkt import BKTParams

P = BKTParams(prior=0.3, learn=0.2, guess=0.2, slip=0.1)


def test_predict_and_p_mastery_by_hand():
    """prior .3, learn .2, guess .2, slip .1; answers right, wrong.

    P(right 1) = .3 x .9 + .7 x .2 = .41; knows after a right: .27 / .41 = .658537, then learns: + .341463 x .2
    = .726829. P(right 2) = .726829 x .9 + .273171 x .2 = .708780. After the wrong: .0726829 / (.0726829 +
    .273171 x .8) = .249581, then + .750419 x .2 = .399665.
    """
    assert predict_rounded(P, [1, 0]) == [0.41, 0.70878]
    assert bkt.p_mastery(P, [1, 0]) == pytest.approx(0.399665, abs=1e-6)
    assert bkt.p_mastery(P, [1]) == pytest.approx(0.726829, abs=1e-6)


def predict_rounded(params, answers):
    return [round(p, 6) for p in bkt.predict(params, answers)]


def test_no_answers_yet():
    assert bkt.p_mastery(P, []) == 0.3
    assert bkt.predict(P, []) == []


def test_the_vectorised_likelihood_equals_the_forward_pass():
    """The closed form over "first knows at attempt k" must give the forward algorithm's likelihood exactly."""
    rng = np.random.default_rng(3)
    truth = [BKTParams(0.4, 0.15, 0.25, 0.1), BKTParams(0.1, 0.3, 0.1, 0.2)]
    seqs = [bkt.simulate(t, rng.integers(1, 25, size=30), rng) for t in truth]
    layout = bkt._Layout([s for group in seqs for s in group], np.repeat([0, 1], 30), 2)
    trial = np.array([[[0.5, 0.2], [0.1, 0.05], [0.3, 0.45], [0.2, 0.01]]])  # (1 restart, 4 params, 2 skills)
    ll = bkt._e_step(layout, *(trial[:, i, :] for i in range(4)))[0]
    for skill in (0, 1):
        params = BKTParams(*(float(trial[0, i, skill]) for i in range(4)))
        assert ll[0, skill] == pytest.approx(bkt.log_likelihood(params, seqs[skill]), rel=1e-10)


def recovery_data(seed: int):
    rng = np.random.default_rng(seed)
    truth = {
        "fractions": BKTParams(prior=0.2, learn=0.15, guess=0.25, slip=0.1),
        "ratios": BKTParams(prior=0.5, learn=0.05, guess=0.15, slip=0.05),
        "area": BKTParams(prior=0.05, learn=0.3, guess=0.3, slip=0.15),
    }
    train = {s: bkt.simulate(p, rng.integers(5, 30, size=1500), rng) for s, p in truth.items()}
    test = {s: bkt.simulate(p, rng.integers(5, 30, size=300), rng) for s, p in truth.items()}
    return truth, train, test


def test_fit_recovers_known_parameters():
    truth, train, _ = recovery_data(seed=11)
    fitted = bkt.fit(train, seed=0)
    assert set(fitted) == set(truth)
    for skill, p in truth.items():
        got = fitted[skill]
        assert got.prior == pytest.approx(p.prior, abs=0.04), skill
        assert got.learn == pytest.approx(p.learn, abs=0.02), skill
        assert got.guess == pytest.approx(p.guess, abs=0.02), skill
        assert got.slip == pytest.approx(p.slip, abs=0.02), skill
        # A maximum-likelihood fit explains the data at least as well as the parameters that generated it.
        assert bkt.log_likelihood(got, train[skill]) >= bkt.log_likelihood(p, train[skill])


def auc(y: list[int], p: list[float]) -> float:
    pos = [q for q, a in zip(p, y, strict=True) if a]
    neg = [q for q, a in zip(p, y, strict=True) if not a]
    neg_sorted = np.sort(neg)
    below = np.searchsorted(neg_sorted, pos, side="left")
    ties = np.searchsorted(neg_sorted, pos, side="right") - below
    return float((below.sum() + 0.5 * ties.sum()) / (len(pos) * len(neg)))


def test_predictions_beat_a_constant_on_unseen_learners():
    _, train, test = recovery_data(seed=12)
    fitted = bkt.fit(train, seed=0)
    mean_right = np.mean([a for seqs in train.values() for s in seqs for a in s])
    y, p = [], []
    for skill, seqs in test.items():
        for seq in seqs:
            y += seq
            p += bkt.predict(fitted[skill], seq)
    y_arr, p_arr = np.array(y), np.array(p)
    ours_rmse = float(np.sqrt(np.mean((y_arr - p_arr) ** 2)))
    constant_rmse = float(np.sqrt(np.mean((y_arr - mean_right) ** 2)))
    assert auc(y, p) > 0.75  # a constant prediction has AUC 0.5
    assert ours_rmse < constant_rmse - 0.05


def test_guess_and_slip_stay_at_or_below_one_half():
    """Data where right answers mean *not* knowing: the fit may not flip the meaning of the states."""
    rng = np.random.default_rng(5)
    flipped = BKTParams(prior=0.3, learn=0.2, guess=0.85, slip=0.7)
    fitted = bkt.fit({"odd": bkt.simulate(flipped, [20] * 400, rng)}, seed=1)["odd"]
    assert 0 < fitted.guess <= 0.5
    assert 0 < fitted.slip <= 0.5
    assert 0 < fitted.prior < 1
    assert 0 < fitted.learn < 1


def test_skills_without_answers_get_the_default_and_fits_are_reproducible():
    _, train, _ = recovery_data(seed=13)
    data = {"empty": [], "blank": [[]], **train}
    first = bkt.fit(data, seed=7, restarts=3)
    assert first["empty"] == bkt.DEFAULT
    assert first["blank"] == bkt.DEFAULT
    assert bkt.fit(data, seed=7, restarts=3) == first
    assert bkt.fit({}) == {}
    assert bkt.fit({"nothing": []}) == {"nothing": bkt.DEFAULT}


def test_one_answer_sequences():
    """Sequences of one answer carry no learning signal; the fit still runs and stays inside the bounds."""
    fitted = bkt.fit({"once": [[1], [0], [1], [1]]}, seed=2)["once"]
    assert 0 < fitted.prior < 1
    assert 0 < fitted.guess <= 0.5
    assert 0 < fitted.slip <= 0.5
