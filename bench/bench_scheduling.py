"""Benchmark the weekly check-in scheduler (issue 5, "Performance") on generated, seeded weeks.

    .venv/bin/python bench/bench_scheduling.py                       # both sizes (about 10 minutes)
    .venv/bin/python bench/bench_scheduling.py --size small          # 500 teachers only
    .venv/bin/python bench/bench_scheduling.py --plain-seconds 60    # a shorter plain CP-SAT run (say so!)

Weeks (5 days × 8 periods): ``small`` = 500 teachers, 40 coaches, 25 schools; ``large`` = 2,000 / 160 / 100.
Schools sit at random in a square that grows with their number (same density); travel between two schools is
3 minutes plus 2 per km, symmetric. Every school is some coach's base; the other coaches' bases are random.
Each teacher works at a random school and is in the caseload of one of the coaches based at the three schools
nearest to it (the least loaded), and needs one check-in this week. A teacher is free in each slot with
probability 0.15, a coach busy in each slot with probability 0.3; coaches take at most 4 check-ins a day.
Travel is the solver's definition (``pollinate/scheduling/solver/instance.py``): per coach and day, home → each
other school visited → home, once per school.

Side by side: the greedy baseline; Pollinate's solver (components, two phases, greedy hint; 30 s limit, 120 s
for large), and the same without splitting into independent caseloads (one model, two phases, hint); and a
plain single CP-SAT model of the same instance and objective (``big × placed − travel``, no hint, no
splitting, CP-SAT's default parameters with 2 workers; 120 s, 300 s for large), and that plain model with the
strong linear relaxation Pollinate's solver uses (``linearization_level=2``, one worker; 30 s / 120 s).
Target: within 30 s Pollinate places the proven maximum and travels no more than the plain model. Exits
non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pollinate.scheduling.solver import (  # noqa: E402
    Coach,
    Instance,
    Request,
    Solution,
    Travel,
    greedy,
    solve,
    solve_plain,
)

SIZES = {"small": (500, 40, 25), "large": (2000, 160, 100)}
DAYS, PERIODS = 5, 8


def generate(teachers: int, coaches: int, schools: int, seed: int = 5) -> Instance:
    rng = random.Random(seed)
    side = 4.0 * math.sqrt(schools)
    where = [(rng.uniform(0, side), rng.uniform(0, side)) for _ in range(schools)]

    def minutes(a: int, b: int) -> int:
        return round(3 + 2 * math.dist(where[a], where[b]))

    travel = Travel.from_pairs((a, b, minutes(a, b)) for a in range(schools) for b in range(a + 1, schools))
    bases = list(range(schools)) + [rng.randrange(schools) for _ in range(coaches - schools)]
    slots = [(d, p) for d in range(DAYS) for p in range(PERIODS)]
    coach_list = tuple(
        Coach(
            id=10_000 + i,
            home_school=base,
            capacity_per_day=4,
            busy=frozenset(s for s in slots if rng.random() < 0.3),
        )
        for i, base in enumerate(bases)
    )
    nearest = {s: sorted(range(schools), key=lambda t, s=s: math.dist(where[s], where[t]))[:3] for s in range(schools)}
    load: Counter = Counter()
    requests = []
    for t in range(teachers):
        school = rng.randrange(schools)
        candidates = [c for c in coach_list if c.home_school in nearest[school]]
        chosen = min(candidates, key=lambda c: (load[c.id], rng.random()))
        load[chosen.id] += 1
        free = frozenset(s for s in slots if rng.random() < 0.15)
        requests.append(Request(id=t, coach=chosen.id, attendee=t, school=school, free=free))
    return Instance(days=DAYS, periods=PERIODS, coaches=coach_list, requests=tuple(requests), travel=travel)


def row(label: str, sol: Solution) -> str:
    bound = "-" if sol.travel_bound is None else f"{sol.travel_bound:.0f}"
    gap = "-" if sol.gap is None else f"{100 * sol.gap:.1f}%"
    return (
        f"{label:<26} {sol.placed:>5}/{sol.requested:<5} {sol.placed_bound:>9} {sol.travel:>7} {bound:>7} {gap:>7} "
        f"{sol.seconds:>7.1f}"
    )


def run(size: str, *, seconds: float, plain_seconds: float, workers: int, seed: int) -> bool:
    teachers, coaches, schools = SIZES[size]
    instance = generate(teachers, coaches, schools, seed)
    print(f"\n## {size}: {teachers} teachers, {coaches} coaches, {schools} schools, {DAYS} days × {PERIODS} periods")
    print(f"{'method':<26} {'placed':>11} {'max (prv)':>9} {'travel':>7} {'bound':>7} {'gap':>7} {'seconds':>7}")
    quick = greedy(instance)
    print(row("greedy", quick), flush=True)
    ours = solve(instance, time_limit=seconds)
    print(row(f"pollinate ({seconds:.0f} s)", ours), flush=True)
    whole = solve(instance, time_limit=seconds, split=False)
    print(row(f"  same, unsplit ({seconds:.0f} s)", whole), flush=True)
    plain = solve_plain(instance, time_limit=plain_seconds, workers=workers)
    print(row(f"plain CP-SAT ({plain_seconds:.0f} s)", plain), flush=True)
    tuned = solve_plain(instance, time_limit=seconds, workers=1, strong_lp=True)
    print(row(f"  plain, strong LP ({seconds:.0f} s)", tuned), flush=True)
    reasons = Counter(u.reason for u in ours.unplaced)
    print(f"not placed by pollinate: {len(ours.unplaced)} {dict(sorted(reasons.items()))}")
    for u in ours.unplaced[:10]:
        print(f"  teacher {u.request}: {u.reason}")
    ok = ours.placed == ours.placed_bound and ours.seconds <= seconds + 1 and ours.travel <= plain.travel
    print(
        f"target ({seconds:.0f} s, proven maximum placed, travel <= plain): {'met' if ok else 'MISSED'}"
        f" (placed {ours.placed} of proven max {ours.placed_bound}; travel {ours.travel} vs plain {plain.travel})"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=["small", "large", "both"], default="both")
    parser.add_argument("--seconds", type=float, help="Pollinate's limit (default 30 small, 120 large)")
    parser.add_argument("--plain-seconds", type=float, help="plain model's limit (default 120 small, 300 large)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers for the plain model (default 2)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    ok = True
    for size in ["small", "large"] if args.size == "both" else [args.size]:
        ok &= run(
            size,
            seconds=args.seconds or (30 if size == "small" else 120),
            plain_seconds=args.plain_seconds or (120 if size == "small" else 300),
            workers=args.workers,
            seed=args.seed,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
