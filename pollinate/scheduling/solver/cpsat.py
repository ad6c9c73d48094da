"""The exact scheduler: OR-Tools CP-SAT, coverage first, then travel, seeded with the greedy week.

Three things make it fast on district-sized weeks (see bench/README.md for the figures):

1. Independent components (caseloads that share no person) are solved one by one: the objective is a sum
   over coaches, so the union of the best sub-weeks is the best week.
2. Redundant constraints tie "coach visits school s on day d" to the meetings there that day (both ways),
   and CP-SAT is asked for its full linear relaxation (``linearization_level=2``): together they give the
   bounds that prove coverage and travel optimal. This matters most (see bench/README.md).
3. Coverage first, then travel: one lexicographic solve seeded with the greedy week usually proves both; when
   it runs out of time, a second phase fixes the number placed and minimises travel alone.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from ortools.sat.python import cp_model

from .common import capacity_left, components, options, reasons, travel_of, violations
from .greedy import greedy
from .instance import Instance, Placement, Solution

Progress = Callable[[float, str], None]


@dataclass
class Model:
    model: cp_model.CpModel
    x: dict  # (request id, slot) → BoolVar
    visit: dict  # (coach, day, school) → BoolVar, only where the visit costs minutes
    placed: cp_model.LinearExpr
    travel: cp_model.LinearExpr
    fixed_travel: int
    max_travel: int


def build(instance: Instance, *, redundant: bool = True) -> Model:
    """The week as a CP-SAT model with expressions for the number placed and the travel (no objective yet)."""
    m = cp_model.CpModel()
    allowed = options(instance)
    cap = capacity_left(instance)
    fixed_visits = {(f.coach, f.slot[0], f.school) for f in instance.fixed}
    x = {}
    for r in instance.requests:
        for s in allowed[r.id]:
            x[(r.id, s)] = m.new_bool_var(f"x{r.id}_{s[0]}_{s[1]}")
        if len(allowed[r.id]) > 1:
            m.add_at_most_one(x[(r.id, s)] for s in allowed[r.id])

    by_person_slot = defaultdict(list)
    by_coach_day = defaultdict(list)
    by_visit = defaultdict(list)
    for r in instance.requests:
        for s in allowed[r.id]:
            var = x[(r.id, s)]
            by_person_slot[(r.coach, s)].append(var)
            by_person_slot[(r.attendee, s)].append(var)
            by_coach_day[(r.coach, s[0])].append(var)
            key = (r.coach, s[0], r.school)
            if key not in fixed_visits and instance.visit_cost(r.coach, r.school) > 0:
                by_visit[key].append(var)
    for vars_ in by_person_slot.values():
        if len(vars_) > 1:
            m.add_at_most_one(vars_)
    if instance.clashes:
        # Where bells differ: nobody in two meetings whose periods overlap in time at two schools.
        by_person_place = defaultdict(lambda: defaultdict(list))  # (person, day) → (school, period) → vars
        for r in instance.requests:
            for s in allowed[r.id]:
                for person in (r.coach, r.attendee):
                    by_person_place[(person, s[0])][(r.school, s[1])].append(x[(r.id, s)])
        for places in by_person_place.values():
            for a, b in combinations(places, 2):
                if instance.clash(a, b):
                    m.add_at_most_one(places[a] + places[b])
    for (c, d), vars_ in by_coach_day.items():
        if len(vars_) > cap[(c, d)]:
            m.add(sum(vars_) <= cap[(c, d)])

    visit = {}
    for (c, d, school), vars_ in by_visit.items():
        v = m.new_bool_var(f"v{c}_{d}_{school}")
        visit[(c, d, school)] = v
        for var in vars_:
            m.add_implication(var, v)
        if redundant:
            # A visit is paid only if someone is met there, and it holds at most the day's capacity.
            m.add(sum(vars_) <= min(cap[(c, d)], instance.periods, len(vars_)) * v)
            m.add(sum(vars_) >= v)
    fixed_travel = sum(instance.visit_cost(c, s) for c, _d, s in fixed_visits)
    costs = {k: instance.visit_cost(k[0], k[2]) for k in visit}
    travel = sum(costs[k] * v for k, v in visit.items()) + fixed_travel
    return Model(m, x, visit, sum(x.values()), travel, fixed_travel, fixed_travel + sum(costs.values()))


def _placements(solver: cp_model.CpSolver, built: Model) -> list[Placement]:
    return sorted(
        (Placement(rid, slot) for (rid, slot), var in built.x.items() if solver.value(var)),
        key=lambda p: p.request,
    )


def _hint(built: Model, instance: Instance, placements: list[Placement]) -> None:
    chosen = {(p.request, p.slot) for p in placements}
    by_id = {r.id: r for r in instance.requests}
    visits = {(by_id[p.request].coach, p.slot[0], by_id[p.request].school) for p in placements}
    built.model.clear_hints()
    for key, var in built.x.items():
        built.model.add_hint(var, key in chosen)
    for key, var in built.visit.items():
        built.model.add_hint(var, key in visits)


def _solver(seconds: float, workers: int, *, strong_lp: bool = True) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = workers
    if strong_lp:
        # The full linear relaxation (with the redundant visit constraints) is what proves bounds on these
        # models; with several workers CP-SAT gives it to only some of them, so one worker is the default.
        solver.parameters.linearization_level = 2
    return solver


@dataclass
class _Part:
    placements: list[Placement]
    placed_bound: int
    travel_bound: float
    optimal: bool


def _solve_component(inst: Instance, seconds: float, workers: int) -> _Part:
    """One caseload (or a group of caseloads sharing people): coverage first, then travel.

    First one lexicographic solve (``big × placed − travel``, greedy hint, most of the time): with the strong
    relaxation it usually proves both optima at once. If it does not, the classic second phase fixes the number
    placed at the best found (when proven maximal) and spends the rest of the time on travel alone.
    """
    started = time.perf_counter()
    start = greedy(inst)
    built = build(inst)
    best = list(start.placements)
    weight = built.max_travel + 1

    built.model.maximize(weight * built.placed - built.travel)
    _hint(built, inst, best)
    solver = _solver(seconds * 0.6, workers)
    status = solver.solve(built.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = _placements(solver, built)
        if (len(found), -travel_of(inst, found)) >= (len(best), -travel_of(inst, best)):
            best = found
    if status == cp_model.OPTIMAL:
        return _Part(best, len(best), float(travel_of(inst, best)), True)
    bound = solver.best_objective_bound if status != cp_model.UNKNOWN else weight * len(inst.requests)
    placed_bound = max(len(best), min(len(inst.requests), math.floor((bound + built.max_travel) / weight + 1e-9)))
    coverage_proven = placed_bound == len(best)

    # Second phase: that many placed, with the least travel.
    built.model.add(built.placed == len(best) if coverage_proven else built.placed >= len(best))
    built.model.minimize(built.travel)
    _hint(built, inst, best)
    solver = _solver(max(0.05, seconds - (time.perf_counter() - started)), workers)
    status = solver.solve(built.model)
    travel_bound = float(built.fixed_travel)
    travel_proven = False
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = _placements(solver, built)
        if travel_of(inst, found) <= travel_of(inst, best) and len(found) >= len(best):
            best = found
        travel_bound = max(float(built.fixed_travel), solver.best_objective_bound)
        travel_proven = status == cp_model.OPTIMAL
    if violations(inst, best):  # never trust a model over the rules; the greedy week is always feasible
        best = list(start.placements)
        travel_proven = False
    return _Part(best, placed_bound, travel_bound, coverage_proven and travel_proven)


def solve(
    instance: Instance,
    *,
    time_limit: float = 30.0,
    workers: int = 1,
    progress: Progress | None = None,
    split: bool = True,
) -> Solution:
    """The best week found within ``time_limit`` seconds, with proven bounds and a reason per request left out.

    ``split=False`` solves the week as one model (for the benchmark: what the two phases do on their own).
    """
    started = time.perf_counter()
    parts = components(instance) if split else [instance] if instance.requests else []
    # Biggest first: they need the time most, and small ones finish in milliseconds.
    parts.sort(key=lambda p: -len(p.requests))
    remaining_requests = total_requests = sum(len(p.requests) for p in parts)
    placements: list[Placement] = []
    placed_bound = 0
    travel_bound = float(travel_of(instance, []) - sum(travel_of(p, []) for p in parts))
    optimal = True
    for i, part in enumerate(parts):
        left = time_limit - (time.perf_counter() - started)
        share = left * len(part.requests) / max(1, remaining_requests)
        result = _solve_component(part, share, workers)
        remaining_requests -= len(part.requests)
        placements += result.placements
        placed_bound += result.placed_bound
        travel_bound += result.travel_bound
        optimal = optimal and result.optimal
        if progress:
            # By requests, not caseloads: the biggest caseload comes first and is most of the work.
            done = total_requests - remaining_requests
            progress(done / total_requests, f"{i + 1}/{len(parts)}")
    placements.sort(key=lambda p: p.request)
    travel = travel_of(instance, placements)
    return Solution(
        placements=tuple(placements),
        unplaced=tuple(reasons(instance, placements)),
        requested=len(instance.requests),
        travel=travel,
        placed_bound=placed_bound,
        travel_bound=min(float(travel), travel_bound),
        optimal=optimal,
        seconds=time.perf_counter() - started,
        method="cp-sat",
    )


def solve_plain(
    instance: Instance, *, time_limit: float = 120.0, workers: int = 2, strong_lp: bool = False
) -> Solution:
    """The textbook model for comparison: one CP-SAT solve of ``big × placed − travel``, no hint, no split,
    CP-SAT's default parameters (``strong_lp=True``: the full linear relaxation on one worker, as ``solve`` uses).

    It keeps the redundant visit constraints (without them CP-SAT proves no bound at all on these weeks).
    """
    started = time.perf_counter()
    built = build(instance)
    weight = built.max_travel + 1
    built.model.maximize(weight * built.placed - built.travel)
    solver = _solver(time_limit, workers, strong_lp=strong_lp)
    status = solver.solve(built.model)
    placements = _placements(solver, built) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else []
    bound = solver.best_objective_bound
    placed_bound = math.floor((bound + built.max_travel) / weight + 1e-9) if placements else len(instance.requests)
    travel = travel_of(instance, placements)
    travel_bound = None
    if placements and placed_bound == len(placements):
        travel_bound = max(float(built.fixed_travel), weight * len(placements) - bound)
    return Solution(
        placements=tuple(placements),
        unplaced=tuple(reasons(instance, placements)),
        requested=len(instance.requests),
        travel=travel,
        placed_bound=min(placed_bound, len(instance.requests)),
        travel_bound=travel_bound,
        optimal=status == cp_model.OPTIMAL,
        seconds=time.perf_counter() - started,
        method="plain cp-sat" + (" (strong LP)" if strong_lp else ""),
    )
