"""What every solver shares: the slots each request may use, checking a schedule, its travel, and reasons."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

from .instance import (
    NO_CAPACITY,
    NO_COMMON_SLOT,
    NO_FREE_PERIOD,
    SLOTS_TAKEN,
    Instance,
    Placement,
    Slot,
    Unplaced,
)


def capacity_left(instance: Instance) -> dict[tuple[int, int], int]:
    """(coach, day) → meetings the coach may still take that day once the fixed meetings are counted."""
    used = Counter((f.coach, f.slot[0]) for f in instance.fixed)
    return {
        (c.id, d): max(0, c.capacity_per_day - used[(c.id, d)]) for c in instance.coaches for d in range(instance.days)
    }


def options(instance: Instance) -> dict[int, list[Slot]]:
    """Request id → the slots it could take on its own (both free, coach not busy, capacity left that day)."""
    cap = capacity_left(instance)
    # A person may coach in one meeting and be coached in another: every fixed meeting takes both people.
    taken = {(f.coach, f.slot) for f in instance.fixed} | {(f.attendee, f.slot) for f in instance.fixed}
    # ... and, where bells differ, the periods of other schools that overlap it.
    held: dict[tuple[int, int], list] = defaultdict(list)
    if instance.clashes:
        for f in instance.fixed:
            for person in (f.coach, f.attendee):
                held[(person, f.slot[0])].append((f.school, f.slot[1]))

    def clashes_with_fixed(r, s) -> bool:
        here = (r.school, s[1])
        return any(
            instance.clash(here, there) for person in (r.coach, r.attendee) for there in held.get((person, s[0]), ())
        )

    result = {}
    for r in instance.requests:
        coach = instance.coach(r.coach)
        result[r.id] = sorted(
            s
            for s in r.free
            if 0 <= s[0] < instance.days
            and 0 <= s[1] < instance.periods
            and s not in coach.busy
            and (r.coach, s) not in taken
            and (r.attendee, s) not in taken
            and cap[(r.coach, s[0])] > 0
            and not clashes_with_fixed(r, s)
        )
    return result


def violations(instance: Instance, placements: Iterable[Placement]) -> list[str]:
    """Every rule a schedule breaks (empty when it is feasible); used by tests and as a safety net."""
    problems = []
    allowed = options(instance)
    by_id = {r.id: r for r in instance.requests}
    seen: set[int] = set()
    person_slot: Counter = Counter()
    for f in instance.fixed:
        person_slot[(f.coach, f.slot)] += 1
        person_slot[(f.attendee, f.slot)] += 1
    cap = capacity_left(instance)
    per_day: Counter = Counter()
    for pl in placements:
        r = by_id.get(pl.request)
        if r is None:
            problems.append(f"unknown request {pl.request}")
            continue
        if pl.request in seen:
            problems.append(f"request {pl.request} placed twice")
        seen.add(pl.request)
        if pl.slot not in allowed[r.id]:
            problems.append(f"request {r.id} at {pl.slot} outside its options")
        person_slot[(r.coach, pl.slot)] += 1
        person_slot[(r.attendee, pl.slot)] += 1
        per_day[(r.coach, pl.slot[0])] += 1
    problems += [f"person {p} double-booked at {s}" for (p, s), n in person_slot.items() if n > 1]
    if instance.clashes:
        places: dict[tuple[int, int], list] = defaultdict(list)
        for f in instance.fixed:
            places[(f.coach, f.slot[0])].append((f.school, f.slot[1]))
            places[(f.attendee, f.slot[0])].append((f.school, f.slot[1]))
        for pl in placements:
            r = by_id.get(pl.request)
            if r is not None:
                places[(r.coach, pl.slot[0])].append((r.school, pl.slot[1]))
                places[(r.attendee, pl.slot[0])].append((r.school, pl.slot[1]))
        problems += [
            f"person {p} in two meetings at once on day {d}: {a} and {b}"
            for (p, d), held in places.items()
            for a, b in combinations(held, 2)
            if instance.clash(a, b)
        ]
    problems += [f"coach {c} over capacity on day {d}" for (c, d), n in per_day.items() if n > cap[(c, d)]]
    return problems


def travel_of(instance: Instance, placements: Iterable[Placement]) -> int:
    """Total travel minutes of a schedule plus the fixed meetings (see instance.py for the definition)."""
    by_id = {r.id: r for r in instance.requests}
    visits = {(f.coach, f.slot[0], f.school) for f in instance.fixed}
    visits |= {(by_id[p.request].coach, p.slot[0], by_id[p.request].school) for p in placements}
    return sum(instance.visit_cost(c, s) for c, _d, s in visits)


def reasons(instance: Instance, placements: Iterable[Placement]) -> list[Unplaced]:
    """A plain reason for every request left out, in the order of ``NO_FREE_PERIOD`` … ``SLOTS_TAKEN``."""
    placed = {p.request for p in placements}
    cap = capacity_left(instance)
    allowed = options(instance)
    result = []
    for r in instance.requests:
        if r.id in placed:
            continue
        coach = instance.coach(r.coach)
        if not r.free:
            reason = NO_FREE_PERIOD
        elif coach.capacity_per_day <= 0 or all(cap[(r.coach, d)] == 0 for d in range(instance.days)):
            reason = NO_CAPACITY
        elif not allowed[r.id]:
            reason = NO_COMMON_SLOT
        else:
            reason = SLOTS_TAKEN
        result.append(Unplaced(r.id, reason))
    return result


def components(instance: Instance) -> list[Instance]:
    """Split into independent sub-problems: requests tied by a shared coach or attendee stay together.

    The objective (placed, then travel) is a sum over coaches, so the best week is the union of the best
    sub-weeks; in a typical district every coach's caseload is its own component and solves in milliseconds.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    # Coaches and attendees are both people: one person may coach and be coached (shared id space).
    for r in instance.requests:
        union(("p", r.coach), ("p", r.attendee))
    for f in instance.fixed:
        union(("p", f.coach), ("p", f.attendee))
    groups: dict = defaultdict(lambda: ([], [], set()))
    for r in instance.requests:
        g = groups[find(("p", r.coach))]
        g[0].append(r)
        g[2].add(r.coach)
    for f in instance.fixed:
        g = groups[find(("p", f.coach))]
        g[1].append(f)
        g[2].add(f.coach)
    return [
        Instance(
            days=instance.days,
            periods=instance.periods,
            coaches=tuple(c for c in instance.coaches if c.id in coach_ids),
            requests=tuple(reqs),
            fixed=tuple(fixed),
            travel=instance.travel,
            clashes=instance.clashes,
        )
        for reqs, fixed, coach_ids in groups.values()
        if reqs
    ]
