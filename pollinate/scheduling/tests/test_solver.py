"""The pure solver: feasibility, optimality against brute force, fixed meetings, and reasons for leftovers."""

from __future__ import annotations

import itertools
import random

import pytest

from pollinate.scheduling.solver import (
    NO_CAPACITY,
    NO_COMMON_SLOT,
    NO_FREE_PERIOD,
    SLOTS_TAKEN,
    Coach,
    Fixed,
    Instance,
    Placement,
    Request,
    Travel,
    clashing_periods,
    greedy,
    options,
    solve,
    solve_plain,
    travel_of,
    violations,
)

ALL = frozenset(itertools.product(range(2), range(3)))


def brute_force(instance: Instance) -> tuple[int, int]:
    """(most placed, least travel among those) by trying every assignment of every request."""
    allowed = options(instance)
    choices = [[None, *allowed[r.id]] for r in instance.requests]
    best = (-1, 0)
    for combo in itertools.product(*choices):
        placements = [Placement(r.id, s) for r, s in zip(instance.requests, combo, strict=True) if s is not None]
        if violations(instance, placements):
            continue
        key = (len(placements), -travel_of(instance, placements))
        best = max(best, key)
    return best[0], -best[1]


def random_instance(seed: int) -> Instance:
    rng = random.Random(seed)
    slots = sorted(ALL)
    schools = [1, 2, 3]
    coaches = tuple(
        Coach(
            id=100 + i,
            home_school=rng.choice(schools),
            capacity_per_day=rng.choice([1, 2, 2, 3]),
            busy=frozenset(rng.sample(slots, rng.randint(0, 2))),
        )
        for i in range(rng.randint(1, 3))
    )
    requests = tuple(
        Request(
            id=i,
            coach=rng.choice(coaches).id,
            # A small pool of attendees so some are wanted by two coaches at once.
            attendee=rng.choice([1, 2, 3, 4, 5]),
            school=rng.choice(schools),
            free=frozenset(rng.sample(slots, rng.randint(0, 4))),
        )
        for i in range(rng.randint(1, 6))
    )
    fixed = ()
    if rng.random() < 0.5:
        fixed = (Fixed(id=900, coach=coaches[0].id, attendee=9, school=rng.choice(schools), slot=rng.choice(slots)),)
    travel = Travel.from_pairs([(1, 2, rng.randint(1, 30)), (1, 3, rng.randint(1, 30)), (2, 3, rng.randint(1, 30))])
    return Instance(days=2, periods=3, coaches=coaches, requests=requests, fixed=fixed, travel=travel)


@pytest.mark.parametrize("seed", range(60))
def test_solver_matches_brute_force_on_small_weeks(seed):
    instance = random_instance(seed)
    expected_placed, expected_travel = brute_force(instance)

    result = solve(instance, time_limit=10, workers=1)

    assert violations(instance, result.placements) == []
    assert (result.placed, result.travel) == (expected_placed, expected_travel)
    assert result.placed_bound == expected_placed
    assert result.optimal is True
    assert result.gap == 0.0
    assert len(result.placements) + len(result.unplaced) == len(instance.requests)


@pytest.mark.parametrize("seed", range(0, 60, 3))
def test_plain_model_and_greedy_agree_with_the_rules(seed):
    instance = random_instance(seed)
    expected = brute_force(instance)

    plain = solve_plain(instance, time_limit=10, workers=1)
    quick = greedy(instance)

    assert (plain.placed, plain.travel) == expected
    assert violations(instance, quick.placements) == []
    assert quick.placed <= expected[0]


def coach(id=100, home=1, cap=4, busy=()):
    return Coach(id=id, home_school=home, capacity_per_day=cap, busy=frozenset(busy))


def test_travel_is_there_and_back_once_per_school_per_day():
    travel = Travel.from_pairs([(1, 2, 10), (1, 3, 15)])
    instance = Instance(
        days=2,
        periods=3,
        coaches=(coach(),),
        requests=(
            Request(1, 100, 11, 2, frozenset({(0, 0)})),
            Request(2, 100, 12, 2, frozenset({(0, 1)})),
            Request(3, 100, 13, 3, frozenset({(1, 0)})),
            Request(4, 100, 14, 1, frozenset({(1, 1)})),
            Request(5, 100, 15, 4, frozenset({(1, 2)})),
        ),
        travel=travel,
    )

    result = solve(instance, time_limit=5, workers=1)

    # School 2 twice on Monday: 2×10 once; school 3: 2×15; home school 1: 0; school 4 has no entry: 2×20.
    assert result.placed == 5
    assert result.travel == 20 + 30 + 0 + 40


def test_solver_gathers_visits_to_one_school_on_one_day():
    travel = Travel.from_pairs([(1, 2, 25)])
    free_both_days = frozenset({(0, 0), (1, 1)})
    instance = Instance(
        days=2,
        periods=3,
        coaches=(coach(),),
        requests=(
            Request(1, 100, 11, 2, frozenset({(0, 0), (0, 1)})),
            Request(2, 100, 12, 2, free_both_days),
            Request(3, 100, 13, 2, frozenset({(1, 0), (0, 2)})),
        ),
        travel=travel,
    )

    result = solve(instance, time_limit=5, workers=1)

    assert result.placed == 3
    assert result.travel == 50
    assert {p.slot[0] for p in result.placements} == {0}


def test_fixed_meetings_are_kept_and_block_their_slot_and_capacity():
    instance = Instance(
        days=1,
        periods=3,
        coaches=(coach(cap=2),),
        requests=(
            Request(1, 100, 11, 1, frozenset({(0, 0), (0, 1)})),
            Request(2, 100, 12, 1, frozenset({(0, 1), (0, 2)})),
        ),
        fixed=(Fixed(50, 100, 13, 2, (0, 1)),),
        travel=Travel.from_pairs([(1, 2, 5)]),
    )

    result = solve(instance, time_limit=5, workers=1)

    # The fixed meeting keeps (0, 1) and uses one of the two meetings the coach takes that day.
    assert result.placed == 1
    assert all(p.slot != (0, 1) for p in result.placements)
    assert result.travel == 10  # the fixed visit to school 2 still counts
    assert [u.reason for u in result.unplaced] == [SLOTS_TAKEN]


def test_a_fixed_meeting_takes_the_attendee_too():
    instance = Instance(
        days=1,
        periods=2,
        coaches=(coach(id=100), coach(id=101)),
        requests=(Request(1, 101, 11, 1, frozenset({(0, 0)})),),
        fixed=(Fixed(50, 100, 11, 1, (0, 0)),),
    )

    result = solve(instance, time_limit=5, workers=1)

    assert result.placed == 0
    assert [(u.request, u.reason) for u in result.unplaced] == [(1, NO_COMMON_SLOT)]


def test_impossible_requests_are_listed_with_their_reason_and_the_rest_is_scheduled():
    instance = Instance(
        days=1,
        periods=2,
        coaches=(coach(id=100, cap=4, busy={(0, 1)}), coach(id=101, cap=0)),
        requests=(
            Request(1, 100, 11, 1, frozenset()),  # the teacher has no free period
            Request(2, 101, 12, 1, frozenset({(0, 0)})),  # the coach takes no check-ins
            Request(3, 100, 13, 1, frozenset({(0, 1)})),  # free only when the coach is busy
            Request(4, 100, 14, 1, frozenset({(0, 0)})),
            Request(5, 100, 15, 1, frozenset({(0, 0)})),  # one more than the coach's free slots
        ),
    )

    result = solve(instance, time_limit=5, workers=1)

    assert result.placed == 1
    assert result.placements[0].slot == (0, 0)
    reasons = {u.request: u.reason for u in result.unplaced}
    placed = result.placements[0].request
    assert placed in {4, 5}
    assert reasons == {1: NO_FREE_PERIOD, 2: NO_CAPACITY, 3: NO_COMMON_SLOT, 9 - placed: SLOTS_TAKEN}
    assert result.placed_bound == 1
    assert result.optimal is True


def test_a_week_with_nothing_to_place_is_empty_and_proven():
    instance = Instance(days=5, periods=8, coaches=(coach(),), requests=())

    result = solve(instance, time_limit=1)

    assert (result.placed, result.requested, result.travel, result.placed_bound, result.gap) == (0, 0, 0, 0, 0.0)


def test_progress_is_reported_per_caseload_by_share_of_requests_and_ends_at_one():
    # Three caseloads of 3, 2 and 1 requests: the biggest is solved first and is half the work.
    owners = (100, 100, 100, 101, 101, 102)
    requests = tuple(Request(i, owner, 10 + i, 1, frozenset({(0, i % 3)})) for i, owner in enumerate(owners))
    instance = Instance(days=1, periods=3, coaches=tuple(coach(id=100 + i) for i in range(3)), requests=requests)
    seen = []

    result = solve(instance, time_limit=5, workers=1, progress=lambda f, _m: seen.append(f))

    assert result.placed == 6
    assert seen == [0.5, 5 / 6, 1.0]


def larger_instance(seed: int = 1, teachers: int = 150, coaches: int = 10, schools: int = 8) -> Instance:
    rng = random.Random(seed)
    slots = [(d, p) for d in range(5) for p in range(8)]
    coach_list = tuple(
        Coach(id=1000 + i, home_school=i % schools, capacity_per_day=4, busy=frozenset(rng.sample(slots, 10)))
        for i in range(coaches)
    )
    requests = tuple(
        Request(
            id=t,
            coach=rng.choice(coach_list).id,
            attendee=t,
            school=rng.randrange(schools),
            free=frozenset(s for s in slots if rng.random() < 0.15),
        )
        for t in range(teachers)
    )
    travel = Travel.from_pairs((a, b, rng.randint(5, 40)) for a in range(schools) for b in range(a + 1, schools))
    return Instance(days=5, periods=8, coaches=coach_list, requests=requests, travel=travel)


@pytest.mark.parametrize("limit", [0.05, 0.3, 5])
def test_out_of_time_answers_are_still_valid_weeks_with_honest_bounds(limit):
    instance = larger_instance()
    quick = greedy(instance)

    result = solve(instance, time_limit=limit, split=False)

    assert violations(instance, result.placements) == []
    assert len(result.placements) + len(result.unplaced) == 150
    assert quick.placed <= result.placed <= result.placed_bound <= 150
    assert result.travel_bound is not None and result.travel_bound <= result.travel
    if result.optimal:
        assert (result.placed_bound, result.travel_bound) == (result.placed, result.travel)


def test_splitting_into_caseloads_gives_the_same_optimum():
    instance = larger_instance(seed=2, teachers=60)

    split = solve(instance, time_limit=20)
    whole = solve(instance, time_limit=20, split=False)

    assert split.optimal and whole.optimal
    assert (split.placed, split.travel) == (whole.placed, whole.travel)


# School 1 rings on the hour; school 2 half an hour later: its period 0 overlaps school 1's period 1, and so on.
OFFSET_BELLS = clashing_periods(
    {1: [(480, 530), (540, 590), (600, 650)], 2: [(510, 560), (570, 620), (630, 680)], 3: [(480, 530), (540, 590)]}
)


def test_clashing_periods_overlap_in_time_or_leave_too_little_for_the_drive():
    assert {
        frozenset({(1, 1), (2, 0)}),
        frozenset({(1, 2), (2, 1)}),
        frozenset({(3, 1), (2, 0)}),
    } == OFFSET_BELLS
    # Schools whose bells ring together never overlap; with a drive between them, back-to-back periods clash.
    together = {1: [(480, 530), (540, 590), (600, 650)], 2: [(480, 530), (540, 590), (600, 650)]}
    assert clashing_periods(together) == frozenset()
    assert clashing_periods(together, Travel.from_pairs([(1, 2, 15)])) == {
        frozenset({(1, 0), (2, 1)}),
        frozenset({(1, 1), (2, 0)}),
        frozenset({(1, 1), (2, 2)}),
        frozenset({(1, 2), (2, 1)}),
    }


def test_a_coach_is_never_in_two_meetings_whose_periods_overlap_at_two_schools():
    instance = Instance(
        days=1,
        periods=3,
        coaches=(coach(cap=4),),
        requests=(
            Request(1, 100, 11, 1, frozenset({(0, 1)})),  # school 1, 9:00-9:50
            Request(2, 100, 12, 2, frozenset({(0, 0)})),  # school 2, 8:30-9:20: overlaps
            Request(3, 100, 13, 2, frozenset({(0, 2)})),  # school 2, 10:30-11:20: clear
        ),
        travel=Travel.from_pairs([(1, 2, 5)]),
        clashes=OFFSET_BELLS,
    )

    result = solve(instance, time_limit=5, workers=1)
    quick = greedy(instance)

    assert result.placed == 2 and quick.placed == 2
    assert violations(instance, result.placements) == violations(instance, quick.placements) == []
    both = [Placement(1, (0, 1)), Placement(2, (0, 0))]
    assert violations(instance, both) == ["person 100 in two meetings at once on day 0: (1, 1) and (2, 0)"]
    assert [u.reason for u in result.unplaced] == [SLOTS_TAKEN]


def test_a_fixed_meeting_at_another_school_takes_the_periods_it_overlaps():
    instance = Instance(
        days=1,
        periods=3,
        coaches=(coach(),),
        requests=(Request(1, 100, 11, 1, frozenset({(0, 1), (0, 2)})),),
        fixed=(Fixed(50, 100, 13, 2, (0, 0)),),
        clashes=OFFSET_BELLS,
    )
    assert options(instance) == {1: [(0, 2)]}


@pytest.mark.parametrize("seed", range(20))
def test_with_offset_bells_the_solver_still_matches_brute_force(seed):
    base = random_instance(seed)
    instance = Instance(
        days=base.days,
        periods=base.periods,
        coaches=base.coaches,
        requests=base.requests,
        fixed=base.fixed,
        travel=base.travel,
        clashes=OFFSET_BELLS,
    )
    expected = brute_force(instance)

    result = solve(instance, time_limit=10, workers=1)

    assert violations(instance, result.placements) == []
    assert (result.placed, result.travel) == expected
    assert violations(instance, greedy(instance).placements) == []
