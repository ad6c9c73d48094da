"""List and overview pages cost the same number of queries whatever the amount of data behind them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pollinate.coaching.tests.factories import make_assignment, make_check_in, make_cycle, make_rule
from pollinate.people.models import CoachingAssignment, Role
from pollinate.people.tests.factories import make_person

Kind = CoachingAssignment.Kind


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(world, n: int, start: int = 0) -> None:
    """n more teachers for the coach, each with a check-in, a past one and a cycle; n more mentees too."""
    district = world.teacher.district
    for i in range(start, start + n):
        teacher = make_person(district, Role.TEACHER, school=world.school_a1, username=f"grow-t{i}")
        make_assignment(world.coach, teacher, school=world.school_a1)
        make_check_in(world.coach, teacher, dt.date(2027, 3, 1 + i % 5))
        make_check_in(world.coach, teacher, dt.date(2026, 1, 5 + i % 5), status="held")
        make_cycle(world.coach, teacher)
        student = make_person(district, Role.STUDENT, school=world.school_a1, username=f"grow-s{i}")
        make_assignment(world.mentor, student, Kind.MENTOR_TO_STUDENT)
        make_check_in(world.mentor, student, dt.date(2027, 3, 1), kind=Kind.MENTOR_TO_STUDENT)


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("coach", "/coaching/check-ins/"),
        ("teacher", "/coaching/check-ins/"),
        ("mentor", "/coaching/check-ins/"),
        ("coach", "/coaching/"),
        ("mentor", "/coaching/"),
        ("lead_coach", "/coaching/network/"),
        ("district_admin", "/coaching/network/"),
        ("lead_coach", "/coaching/coverage/"),
        ("district_admin", "/coaching/coverage/"),
        ("leader_a1", "/coaching/coverage/"),
        ("district_admin", "/coaching/caseloads/"),
        ("coach", "/coaching/cycles/"),
        ("leader_a1", "/coaching/cycles/"),
    ],
)
def test_page_queries_do_not_grow(world, client_for, persona, url):
    make_rule(world.teacher.district, Kind.COACH_TO_TEACHER, every=10)
    make_rule(world.teacher.district, Kind.MENTOR_TO_STUDENT, every=5)
    _grow(world, 1, start=0)
    client = client_for(world.persona(persona))
    _count(client, url)  # warm: session and caches
    small = _count(client, url)
    _grow(world, 6, start=1)
    assert _count(client, url) == small
