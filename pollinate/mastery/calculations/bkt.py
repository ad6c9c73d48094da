"""Bayesian Knowledge Tracing for right/wrong checks: the standard 4-parameter model, fitted per skill by EM.

A learner either knows a skill or not. Before the first attempt they know it with probability ``prior``; after
each attempt an unknowing learner comes to know it with probability ``learn`` (no forgetting). A knowing learner
answers right unless they ``slip``; an unknowing one answers right by ``guess``.

Fitting is Baum-Welch (EM), vectorised with numpy over every sequence of every skill at once and over several
seeded random restarts (the best likelihood per skill wins, as pyBKT's ``num_fits``). Without forgetting, the
hidden path of a sequence of T answers is fixed by one number: the attempt k (0..T, T = "not yet") at which the
learner first knows the skill, and that path's log-probability is linear in k and in the right answers before k.
So the forward-backward pass becomes a softmax over k per sequence, over one flat array of all sequences; there is
no Python loop over time steps. Skills whose restarts have all converged leave the arrays. Guess and slip are
kept at or below 0.5 after each M-step (a right answer must never be weaker evidence of knowing than a wrong
one), and every parameter inside [1e-6, 1 - 1e-6].
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

EPS = 1e-6
MAX_GUESS = 0.5
MAX_SLIP = 0.5


@dataclass(frozen=True)
class BKTParams:
    prior: float  # P(knows the skill before the first attempt)
    learn: float  # P(comes to know it after an attempt, when they did not)
    guess: float  # P(right answer while not knowing it)
    slip: float  # P(wrong answer while knowing it)


DEFAULT = BKTParams(prior=0.5, learn=0.1, guess=0.2, slip=0.1)  # a skill with no data yet


def p_mastery(params: BKTParams, responses: Sequence[int]) -> float:
    """P(the learner knows the skill) after these answers (oldest first), ready for the next attempt."""
    known = params.prior
    for right in responses:
        known = update(params, known, right)
    return known


def predict(params: BKTParams, responses: Sequence[int]) -> list[float]:
    """P(right answer) before each response, from the responses before it."""
    known = params.prior
    out = []
    for right in responses:
        out.append(known * (1 - params.slip) + (1 - known) * params.guess)
        known = update(params, known, right)
    return out


def update(p: BKTParams, known: float, right: int) -> float:
    """P(knows) before the next attempt, from P(knows) before this one and its answer."""
    if right:
        seen = known * (1 - p.slip)
        posterior = seen / (seen + (1 - known) * p.guess)
    else:
        seen = known * p.slip
        posterior = seen / (seen + (1 - known) * (1 - p.guess))
    return posterior + (1 - posterior) * p.learn


def simulate(params: BKTParams, lengths: Sequence[int], rng: np.random.Generator) -> list[list[int]]:
    """Answer sequences drawn from the model (for tests and the synthetic benchmark)."""
    out = []
    for n in lengths:
        knows = rng.random() < params.prior
        seq = []
        for _ in range(n):
            right = rng.random() < ((1 - params.slip) if knows else params.guess)
            seq.append(int(right))
            if not knows:
                knows = rng.random() < params.learn
        out.append(seq)
    return out


def log_likelihood(params: BKTParams, sequences: Sequence[Sequence[int]]) -> float:
    """Total log P(answers | params), by the forward pass (used to check fits)."""
    total = 0.0
    for seq in sequences:
        known = params.prior
        for right in seq:
            p_right = known * (1 - params.slip) + (1 - known) * params.guess
            total += float(np.log(p_right if right else 1 - p_right))
            known = update(params, known, right)
    return total


class _Layout:
    """Every sequence of every skill in one flat array of "slots": a sequence of T answers owns T + 1 slots, slot k
    standing for "first knows the skill at attempt k" (k = T: not yet). Given k, the path's log-probability is
    linear in k and in the number of right answers before k, so both are precomputed and each EM iteration is a
    few elementwise operations and segment sums, with no loop over time."""

    def __init__(self, sequences: list[list[int]], seq_skill: np.ndarray, n_skills: int):
        lengths = np.fromiter((len(s) for s in sequences), dtype=np.int64, count=len(sequences))
        slots = lengths + 1
        n_slots = int(slots.sum())
        self.seg_start = np.concatenate(([0], np.cumsum(slots)[:-1]))
        self.seg_end = self.seg_start + lengths  # the "not yet" slot
        seg_id = np.repeat(np.arange(len(sequences)), slots)
        self.k = (np.arange(n_slots) - self.seg_start[seg_id]).astype(np.float64)
        answers = np.zeros(n_slots, dtype=np.float64)
        is_answer = np.ones(n_slots, dtype=bool)
        is_answer[self.seg_end] = False
        answers[is_answer] = np.fromiter((a for s in sequences for a in s), dtype=np.float64, count=int(lengths.sum()))
        # Right answers strictly before slot k, within its sequence.
        running = np.cumsum(answers) - answers
        self.rights_before = running - running[self.seg_start][seg_id]
        skill = seq_skill[seg_id]
        self.skill = skill
        self.seg_id = seg_id
        # Path code: 3*skill + 0 (k = 0: knew it before), 1 (learnt before attempt k), 2 (k = T: not yet).
        kind = np.ones(n_slots, dtype=np.int64)
        kind[self.seg_start] = 0
        kind[self.seg_end] = 2
        self.path = 3 * skill + kind
        # Sequences are grouped by skill, so per-skill sums are reduceat over these starts.
        self.skill_seq_start = np.searchsorted(seq_skill, np.arange(n_skills))
        self.n_sequences = np.bincount(seq_skill, minlength=n_skills).astype(np.float64)
        self.n_answers = np.bincount(skill[is_answer], minlength=n_skills).astype(np.float64)
        self.n_right = np.bincount(skill[is_answer], weights=answers[is_answer], minlength=n_skills)


def _e_step(layout: _Layout, prior, learn, guess, slip):
    """Expected counts and log-likelihood per (restart, skill); parameters are (R, S) arrays.

    With d1 = log P(right | not known) - log P(right | known), d0 the same for a wrong answer and k_r the right
    answers before k: log P(answers, first knows at k) = k_r (d1 - d0) + k (d0 + log(1 - learn)) + c(kind)
    + the log-probability of every answer given knowing (a constant per sequence, added to the likelihood).
    """
    r = prior.shape[0]
    d1 = np.log(guess) - np.log1p(-slip)
    d0 = np.log1p(-guess) - np.log(slip)
    log_stay = np.log1p(-learn)
    path_const = np.stack(
        (np.log(prior), np.log1p(-prior) + np.log(learn) - log_stay, np.log1p(-prior) - log_stay), axis=2
    ).reshape(r, -1)

    logw = np.take(d1 - d0, layout.skill, axis=1)
    logw *= layout.rights_before
    slope = np.take(d0 + log_stay, layout.skill, axis=1)
    slope *= layout.k
    logw += slope
    logw += np.take(path_const, layout.path, axis=1)
    top = np.maximum.reduceat(logw, layout.seg_start, axis=1)
    logw -= np.take(top, layout.seg_id, axis=1)
    w = np.exp(logw, out=logw)
    z = np.add.reduceat(w, layout.seg_start, axis=1)
    # Posterior expectations per sequence: k = answers given while not knowing; k_r = those that were right.
    expected_k = np.add.reduceat(w * layout.k, layout.seg_start, axis=1) / z
    expected_kr = np.add.reduceat(w * layout.rights_before, layout.seg_start, axis=1) / z
    knew = w[:, layout.seg_start] / z
    not_yet = w[:, layout.seg_end] / z

    starts = layout.skill_seq_start
    ll = np.add.reduceat(top + np.log(z), starts, axis=1)
    ll += layout.n_right * np.log1p(-slip) + (layout.n_answers - layout.n_right) * np.log(slip)
    return (
        ll,
        np.add.reduceat(expected_k, starts, axis=1),
        np.add.reduceat(expected_kr, starts, axis=1),
        np.add.reduceat(knew, starts, axis=1),
        np.add.reduceat(not_yet, starts, axis=1),
    )


def _m_step(layout: _Layout, unknown, unknown_right, knew, not_yet):
    n_seq, n_ans, n_right = layout.n_sequences, layout.n_answers, layout.n_right
    prior = knew / n_seq
    learnt = n_seq - knew - not_yet  # sequences whose learner came to know the skill along the way
    chances = unknown - not_yet  # answers given while not knowing, that had a next attempt
    learn = np.divide(learnt, chances, out=np.full_like(learnt, EPS), where=chances > 1e-12)
    guess = np.divide(unknown_right, unknown, out=np.full_like(unknown, EPS), where=unknown > 1e-12)
    known = n_ans - unknown
    known_wrong = (n_ans - n_right) - (unknown - unknown_right)
    slip = np.divide(known_wrong, known, out=np.full_like(known, EPS), where=known > 1e-12)
    return (
        np.clip(prior, EPS, 1 - EPS),
        np.clip(learn, EPS, 1 - EPS),
        np.clip(guess, EPS, MAX_GUESS),
        np.clip(slip, EPS, MAX_SLIP),
    )


def fit(
    sequences_by_skill: Mapping[Hashable, list[list[int]]],
    *,
    restarts: int = 5,
    max_iter: int = 100,
    tol: float = 1e-6,
    seed: int = 0,
) -> dict[Hashable, BKTParams]:
    """The maximum-likelihood parameters per skill (EM from ``restarts`` seeded random starts).

    Stops when no (restart, skill) log-likelihood per answer moved by more than ``tol``, or after ``max_iter``.
    A skill with no answers gets ``DEFAULT``.
    """
    result = dict.fromkeys(sequences_by_skill, DEFAULT)
    skills: list[Hashable] = []  # the skills with at least one answer, in a compact index
    per_skill: list[list[list[int]]] = []
    for skill, seqs in sequences_by_skill.items():
        kept = [[1 if a else 0 for a in seq] for seq in seqs if len(seq)]
        if kept:
            per_skill.append(kept)
            skills.append(skill)
    if not skills:
        return result

    rng = np.random.default_rng(seed)
    size = (restarts, len(skills))
    params = np.stack(
        (
            rng.uniform(0.05, 0.95, size),  # prior
            rng.uniform(0.01, 0.5, size),  # learn
            rng.uniform(0.05, 0.4, size),  # guess
            rng.uniform(0.05, 0.4, size),  # slip
        )
    )
    ll = np.full(size, -np.inf)
    active = np.arange(len(skills))  # skills still being fitted (a skill stops once all its restarts converged)
    layout = _layout_for(per_skill, active)
    in_layout = active
    for _ in range(max_iter):
        ll_now, *counts = _e_step(layout, *params[:, :, in_layout])
        moved = np.abs(ll_now - ll[:, in_layout]) / layout.n_answers
        ll[:, in_layout] = ll_now
        going = ~np.all(moved < tol, axis=0) & np.isin(in_layout, active)
        active = in_layout[going]
        if not active.size:
            break
        updated = np.stack(_m_step(layout, *counts))
        params[:, :, active] = updated[:, :, going]  # converged skills keep the parameters their likelihood is for
        # Most skills converge in 10-20 iterations and a few take many more: drop the finished ones from the arrays.
        if active.size <= 0.7 * in_layout.size:
            in_layout = active
            layout = _layout_for(per_skill, active)
    else:
        ll[:, in_layout] = _e_step(layout, *params[:, :, in_layout])[0]

    best = np.argmax(ll, axis=0)
    for i, skill in enumerate(skills):
        prior, learn, guess, slip = (float(v) for v in params[:, best[i], i])
        result[skill] = BKTParams(prior=prior, learn=learn, guess=guess, slip=slip)
    return result


def _layout_for(per_skill: list[list[list[int]]], chosen: np.ndarray) -> _Layout:
    sequences = [seq for i in chosen for seq in per_skill[i]]
    owner = np.repeat(np.arange(len(chosen)), [len(per_skill[i]) for i in chosen])
    return _Layout(sequences, owner, len(chosen))
