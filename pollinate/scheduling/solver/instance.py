"""The scheduling problem as plain data (no Django), and the one definition of travel every solver uses.

A week is ``days`` × ``periods`` slots; a slot is ``(day, period)``, both counted from 0. A period is numbered as
the meeting's school numbers it, and schools need not ring their bells together: ``clashes`` lists the pairs of
(school, period) at two schools that one person cannot both attend on a day, because their times overlap (period 3
at one school, 10:00-10:50, and period 4 at another, 10:30-11:20) or leave less time between them than the drive
from one school to the other. Nobody may be in two meetings that clash on the same day.

Travel: for each coach and day, the coach goes from their home school to every *other* school they meet
someone at that day and back again (a star, not a route): ``2 × minutes(home, school)`` per school visited,
counted once however many meetings are held there that day. A coach without a home school travels 0. The
star is what coaches do in practice (they return to base between visits, where their office is) and keeps
the cost linear in "coach visits school on day" decisions, which the exact model can then reason about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

Slot = tuple[int, int]

# Minutes assumed between two different schools when nobody has entered the pair: a cross-town drive.
DEFAULT_TRAVEL_MINUTES = 20


@dataclass(frozen=True)
class Coach:
    id: int
    home_school: int | None
    capacity_per_day: int = 4
    busy: frozenset[Slot] = frozenset()


@dataclass(frozen=True)
class Request:
    """One check-in to place: the coach hosts, the attendee comes, at the attendee's school."""

    id: int
    coach: int
    attendee: int
    school: int | None
    free: frozenset[Slot]


@dataclass(frozen=True)
class Fixed:
    """A meeting already in the week (locked or accepted): kept exactly, it uses the coach, attendee and slot."""

    id: int
    coach: int
    attendee: int
    school: int | None
    slot: Slot


@dataclass(frozen=True)
class Travel:
    """Symmetric minutes between schools; missing pairs cost ``default``."""

    minutes: Mapping[frozenset[int], int] = field(default_factory=dict)
    default: int = DEFAULT_TRAVEL_MINUTES

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[int, int, int]], default: int = DEFAULT_TRAVEL_MINUTES) -> Travel:
        return cls({frozenset((a, b)): int(m) for a, b, m in pairs if a != b}, default)

    def between(self, a: int | None, b: int | None) -> int:
        if a is None or b is None or a == b:
            return 0
        return self.minutes.get(frozenset((a, b)), self.default)


Place = tuple[int | None, int]  # (school, period): where and, by that school's bells, when


def clashing_periods(
    times: Mapping[int | None, Iterable[tuple[int, int]]], travel: Travel | None = None
) -> frozenset[frozenset[Place]]:
    """The pairs of (school, period) at different schools that one person cannot both attend on a day: their
    times (minutes from midnight) overlap, or the gap between them is shorter than the drive between the schools.
    Pairs with the same period number are left out: that is one slot, which a person holds once anyway. Without
    ``travel``, only overlaps count, so schools whose bells ring together give none."""
    periods = [(school, p, start, end) for school, spans in times.items() for p, (start, end) in enumerate(spans)]
    found = set()
    for (a, p, s1, e1), (b, q, s2, e2) in combinations(periods, 2):
        if a == b or p == q:
            continue
        drive = travel.between(a, b) if travel is not None else 0
        if s1 < e2 + drive and s2 < e1 + drive:
            found.add(frozenset({(a, p), (b, q)}))
    return frozenset(found)


@dataclass(frozen=True)
class Instance:
    days: int
    periods: int
    coaches: tuple[Coach, ...]
    requests: tuple[Request, ...]
    fixed: tuple[Fixed, ...] = ()
    travel: Travel = field(default_factory=Travel)
    clashes: frozenset[frozenset[Place]] = frozenset()

    def clash(self, a: Place, b: Place) -> bool:
        """Whether meetings at these two (school, period) on one day would overlap in time."""
        return bool(self.clashes) and frozenset({a, b}) in self.clashes

    def coach(self, coach_id: int) -> Coach:
        return self._coaches[coach_id]

    @property
    def _coaches(self) -> dict[int, Coach]:
        # Cached on first use; the dataclass is frozen so bypass __setattr__.
        cached = self.__dict__.get("_coach_index")
        if cached is None:
            cached = {c.id: c for c in self.coaches}
            object.__setattr__(self, "_coach_index", cached)
        return cached

    def visit_cost(self, coach_id: int, school: int | None) -> int:
        """Minutes a coach spends to visit ``school`` once in a day (there and back from home)."""
        return 2 * self.travel.between(self.coach(coach_id).home_school, school)

    def all_slots(self) -> list[Slot]:
        return [(d, p) for d in range(self.days) for p in range(self.periods)]


# Why a request could not be placed, checked in this order (the first that applies is reported).
NO_FREE_PERIOD = "no_free_period"
NO_CAPACITY = "no_capacity"
NO_COMMON_SLOT = "no_common_slot"
SLOTS_TAKEN = "slots_taken"


@dataclass(frozen=True)
class Placement:
    request: int
    slot: Slot


@dataclass(frozen=True)
class Unplaced:
    request: int
    reason: str


@dataclass(frozen=True)
class Solution:
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    requested: int
    travel: int  # including the fixed meetings' visits
    placed_bound: int  # no schedule places more than this (proven)
    travel_bound: float | None  # no schedule placing `placed` travels less (proven); None if unknown
    optimal: bool  # both figures proven
    seconds: float
    method: str

    @property
    def placed(self) -> int:
        return len(self.placements)

    @property
    def gap(self) -> float | None:
        """Relative distance between the travel found and the proven bound (0 = proven best)."""
        if self.travel_bound is None:
            return None
        if self.travel <= 0:
            return 0.0
        return max(0.0, (self.travel - self.travel_bound) / self.travel)
