"""A fast baseline: place the hardest requests first, each in the slot that adds the least travel."""

from __future__ import annotations

import time
from collections import Counter

from .common import capacity_left, options, reasons, travel_of
from .instance import Instance, Placement, Solution


def greedy(instance: Instance) -> Solution:
    started = time.perf_counter()
    allowed = options(instance)
    cap = capacity_left(instance)
    used: Counter = Counter()
    taken: set = set()  # (person, slot)
    held: dict = {}  # (person, day) → [(school, period)], for schools whose bells differ
    visits = {(f.coach, f.slot[0], f.school) for f in instance.fixed}
    placements = []
    # Fewest options first: a request with one possible slot must get it before a flexible one takes it.
    for r in sorted(instance.requests, key=lambda r: (len(allowed[r.id]), r.id)):
        best = None
        for slot in allowed[r.id]:
            if used[(r.coach, slot[0])] >= cap[(r.coach, slot[0])]:
                continue
            if (r.coach, slot) in taken or (r.attendee, slot) in taken:
                continue
            here = (r.school, slot[1])
            if instance.clashes and any(
                instance.clash(here, there) for p in (r.coach, r.attendee) for there in held.get((p, slot[0]), ())
            ):
                continue
            extra = 0 if (r.coach, slot[0], r.school) in visits else instance.visit_cost(r.coach, r.school)
            # Prefer days with room left so later requests keep their options.
            key = (extra, used[(r.coach, slot[0])], slot)
            if best is None or key < best[0]:
                best = (key, slot)
        if best is None:
            continue
        slot = best[1]
        placements.append(Placement(r.id, slot))
        used[(r.coach, slot[0])] += 1
        taken |= {(r.coach, slot), (r.attendee, slot)}
        for person in (r.coach, r.attendee):
            held.setdefault((person, slot[0]), []).append((r.school, slot[1]))
        visits.add((r.coach, slot[0], r.school))
    placements.sort(key=lambda p: p.request)
    return Solution(
        placements=tuple(placements),
        unplaced=tuple(reasons(instance, placements)),
        requested=len(instance.requests),
        travel=travel_of(instance, placements),
        placed_bound=sum(1 for r in instance.requests if allowed[r.id]),
        travel_bound=None,
        optimal=False,
        seconds=time.perf_counter() - started,
        method="greedy",
    )
