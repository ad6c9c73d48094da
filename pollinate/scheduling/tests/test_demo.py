from __future__ import annotations

import pytest

from pollinate.people.models import Role
from pollinate.people.tests.factories import DistrictFactory, SchoolFactory, make_person
from pollinate.scheduling.demo import seed_scheduling
from pollinate.scheduling.models import BellPeriod, CoachProfile, FreePeriod, TravelTime


@pytest.mark.django_db
def test_demo_inputs_are_complete_deterministic_and_replaceable():
    district = DistrictFactory(slug="demo")
    schools = [SchoolFactory(district=district) for _ in range(3)]
    teachers = [make_person(district, Role.TEACHER, school=schools[i % 3]) for i in range(4)]
    coach = make_person(district, Role.SITE_COACH, school=schools[1])

    first = seed_scheduling(district=district)
    snapshot = sorted(FreePeriod.objects.values_list("person_id", "weekday", "period"))
    second = seed_scheduling(district=district)

    assert first == second
    assert (first["bell_schedules"], first["coach_profiles"], first["travel_times"]) == (3, 1, 3)
    assert sorted(FreePeriod.objects.values_list("person_id", "weekday", "period")) == snapshot
    assert BellPeriod.objects.count() == 24
    assert CoachProfile.objects.get(coach=coach).home_school_id == schools[1].pk
    # Every teacher can meet their coach at least once a day.
    for t in teachers:
        assert set(FreePeriod.objects.filter(person=t).values_list("weekday", flat=True)) == {0, 1, 2, 3, 4}
    assert all(t.school_a_id < t.school_b_id and t.minutes >= 3 for t in TravelTime.objects.all())
