"""Demo data for the scheduler: bell schedules, teachers' free periods, coach profiles and travel times.

The lead calls ``seed_scheduling(district=...)`` from the demo app after the district's people exist. It is
deterministic (seeded), idempotent (replaces what it wrote before for that district) and writes in bulk.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from django.db import transaction

from pollinate.people.models import District, RecordStatus, Role, RoleAssignment, School
from pollinate.scheduling.defaults import DEFAULT_PERIOD_TIMES
from pollinate.scheduling.models import (
    BellPeriod,
    BellSchedule,
    CoachProfile,
    FreePeriod,
    TravelTime,
)

COACH_ROLES = (Role.SITE_COACH, Role.LEAD_COACH)


def seed_scheduling(*, district: District, seed: int = 5) -> dict[str, int]:
    """Write the scheduler's inputs for every school, teacher and coach of ``district``; return the counts."""
    rng = random.Random(f"{seed}-{district.slug}")  # noqa: S311 (demo data, not secrets)
    schools = list(School.objects.filter(district=district, status=RecordStatus.ACTIVE).order_by("pk"))
    roles = list(
        RoleAssignment.objects.filter(
            district=district, status=RecordStatus.ACTIVE, role__in=[Role.TEACHER, *COACH_ROLES]
        )
        .order_by("pk")
        .values_list("person_id", "role", "school_id")
    )
    teachers = sorted({p for p, role, _s in roles if role == Role.TEACHER})
    coach_home: dict[int, int | None] = {}
    for person_id, role, school_id in roles:
        if role in COACH_ROLES:
            coach_home.setdefault(person_id, school_id)
    with transaction.atomic():
        BellSchedule.objects.filter(school__in=schools).delete()
        BellSchedule.objects.bulk_create(BellSchedule(school=s, days=5) for s in schools)
        schedules = BellSchedule.objects.filter(school__in=schools)
        BellPeriod.objects.bulk_create(
            BellPeriod(schedule=b, number=n, starts_at=start, ends_at=end)
            for b in schedules
            for n, (start, end) in enumerate(DEFAULT_PERIOD_TIMES, start=1)
        )
        # Every teacher has one planning period a day (the same period all week, as most timetables do) and
        # sometimes a second free period.
        FreePeriod.objects.filter(person_id__in=teachers).delete()
        free = []
        for person_id in teachers:
            planning = rng.randint(1, 8)
            for day in range(5):
                slots = {planning}
                if rng.random() < 0.3:
                    slots.add(rng.randint(1, 8))
                free += [FreePeriod(person_id=person_id, weekday=day, period=p) for p in sorted(slots)]
        FreePeriod.objects.bulk_create(free, batch_size=5000)
        CoachProfile.objects.filter(coach_id__in=coach_home).delete()
        CoachProfile.objects.bulk_create(
            CoachProfile(
                coach_id=person_id,
                district=district,
                home_school_id=school_id,
                max_per_day=4,
                busy=[[day, rng.randint(1, 8)] for day in range(5)],
                updated_at=dt.datetime.now(dt.UTC),
            )
            for person_id, school_id in coach_home.items()
        )
        # Schools at random on a map sized to keep the same density: 3 minutes plus 2 per km between them.
        TravelTime.objects.filter(district=district).delete()
        side = 4.0 * math.sqrt(max(1, len(schools)))
        where = {s.pk: (rng.uniform(0, side), rng.uniform(0, side)) for s in schools}
        travel = [
            TravelTime(
                district=district,
                school_a=a,
                school_b=b,
                minutes=round(3 + 2 * math.dist(where[a.pk], where[b.pk])),
            )
            for i, a in enumerate(schools)
            for b in schools[i + 1 :]
        ]
        TravelTime.objects.bulk_create(travel, batch_size=5000)
    return {
        "bell_schedules": len(schools),
        "free_periods": len(free),
        "coach_profiles": len(coach_home),
        "travel_times": len(travel),
    }
