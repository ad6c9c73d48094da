"""A small coaching network with everything the scheduler reads, written straight to the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pollinate.coaching.tests.factories import make_assignment, make_rule
from pollinate.people.models import CoachingAssignment, Role
from pollinate.people.tests.factories import DistrictFactory, SchoolFactory, make_person
from pollinate.scheduling.models import BellPeriod, BellSchedule, CoachProfile, FreePeriod, TravelTime

MONDAY = dt.date(2026, 11, 9)
# Friday before that week, after school: the moment the tests run the scheduler.
FRIDAY_BEFORE = dt.datetime(2026, 11, 6, 15, tzinfo=dt.UTC)


def make_bell_schedule(school: Any, periods: int = 8, first: dt.time = dt.time(8, 30)) -> BellSchedule:
    schedule = BellSchedule.objects.create(school=school, days=5)
    start = dt.datetime.combine(dt.date(2026, 1, 1), first)
    for n in range(1, periods + 1):
        BellPeriod.objects.create(
            schedule=schedule,
            number=n,
            starts_at=(start + dt.timedelta(minutes=50 * (n - 1))).time(),
            ends_at=(start + dt.timedelta(minutes=50 * (n - 1) + 45)).time(),
        )
    return schedule


def set_free(person: Any, *slots: tuple[int, int]) -> None:
    FreePeriod.objects.bulk_create(FreePeriod(person=person, weekday=d, period=p) for d, p in slots)


def set_travel(a: Any, b: Any, minutes: int) -> TravelTime:
    a, b = sorted([a, b], key=lambda s: s.pk)
    return TravelTime.objects.create(district_id=a.district_id, school_a=a, school_b=b, minutes=minutes)


@dataclass
class Network:
    district: Any
    school_a: Any
    school_b: Any
    lead: Any
    coach: Any
    other_coach: Any
    teachers: list  # three at school A, one at school B (index 3)
    other_teacher: Any  # coached by other_coach
    admin: Any


def make_network() -> Network:
    """A lead coach over two site coaches; ``coach`` (based at A) coaches 3 teachers at A and 1 at B.

    Every teacher is due the week of MONDAY (never seen, cadence 5 school days, assigned in September).
    """
    district = DistrictFactory()
    a = SchoolFactory(district=district, name="Aspen Elementary")
    b = SchoolFactory(district=district, name="Birch Middle")
    lead = make_person(district, Role.LEAD_COACH, username="lead")
    admin = make_person(district, Role.DISTRICT_ADMIN, username="admin")
    coach = make_person(district, Role.SITE_COACH, school=a, username="coach", given_name="Casey")
    other_coach = make_person(district, Role.SITE_COACH, school=b, username="othercoach")
    teachers = [make_person(district, Role.TEACHER, school=a, username=f"teacher{i}") for i in range(3)]
    teachers.append(make_person(district, Role.TEACHER, school=b, username="teacher3"))
    other_teacher = make_person(district, Role.TEACHER, school=b, username="teacher4")
    started = dt.date(2026, 9, 1)
    make_assignment(lead, coach, CoachingAssignment.Kind.LEAD_TO_SITE, started_on=started)
    make_assignment(lead, other_coach, CoachingAssignment.Kind.LEAD_TO_SITE, started_on=started)
    for t in teachers:
        make_assignment(coach, t, started_on=started)
    make_assignment(other_coach, other_teacher, started_on=started)
    make_rule(district, every=5)
    make_bell_schedule(a)
    make_bell_schedule(b)
    CoachProfile.objects.create(coach=coach, district=district, home_school=a, max_per_day=4)
    set_travel(a, b, 15)
    return Network(district, a, b, lead, coach, other_coach, teachers, other_teacher, admin)
