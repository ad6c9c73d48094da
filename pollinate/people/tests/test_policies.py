"""Who sees which people, classes and schools: one row per relationship, plus tenancy."""

from __future__ import annotations

import pytest

from pollinate.people import policies
from pollinate.people.roles import scope_for

pytestmark = pytest.mark.django_db


def visible_usernames(actor) -> set[str]:
    return set(policies.people_visible_to(actor).values_list("username", flat=True))


def test_teacher_sees_own_students_their_guardians_and_coach_is_not_exposed(world):
    seen = visible_usernames(world.teacher)
    assert {"teacher", "student", "guardian"} <= seen
    assert "otherstudent" not in seen
    assert "otherguardian" not in seen
    assert "birchstudent" not in seen


def test_student_sees_self_own_teacher_and_mentor_only(world):
    assert visible_usernames(world.student) == {"student", "teacher", "mentor"}


def test_teacher_sees_own_coach_but_coach_sees_no_students(world):
    assert "coach" in visible_usernames(world.teacher)
    assert "student" not in visible_usernames(world.coach)


def test_guardian_sees_child_and_childs_teacher(world):
    assert visible_usernames(world.guardian) == {"guardian", "student", "teacher"}


def test_unrelated_guardian_sees_only_own_family(world):
    assert visible_usernames(world.other_guardian) == {"otherguardian", "otherstudent", "otherteacher"}


def test_lead_coach_sees_whole_network_below(world):
    assert visible_usernames(world.lead_coach) == {"leadcoach", "coach", "teacher"}


def test_mentor_sees_mentee_not_classmates(world):
    assert visible_usernames(world.mentor) == {"mentor", "student"}


def test_school_leader_sees_own_school_not_other_school(world):
    seen = visible_usernames(world.leader_a1)
    assert {"teacher", "student", "otherstudent", "guardian", "coach"} <= seen
    assert visible_usernames(world.leader_a2) == {"leadera2"}


def test_district_admin_sees_district_not_other_district(world):
    seen = visible_usernames(world.district_admin)
    assert "student" in seen and "leadera2" in seen
    assert not seen & {"birchadmin", "birchteacher", "birchstudent"}


def test_nobody_crosses_districts(world):
    for name in ("outsider_admin", "outsider_teacher", "outsider_student"):
        seen = visible_usernames(getattr(world, name))
        assert "student" not in seen and "teacher" not in seen


def test_superuser_gets_no_data_by_that_alone(world):
    world.teacher.is_superuser = True
    world.teacher.save()
    assert "otherstudent" not in visible_usernames(world.teacher)


def test_scope_costs_fixed_queries_and_is_cached(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        scope_for(world.lead_coach)
    with django_assert_max_num_queries(0):
        scope_for(world.lead_coach)


def test_sections_visible(world):
    assert set(policies.sections_visible_to(world.student)) == {world.section}
    assert set(policies.sections_visible_to(world.coach)) == {world.section}
    assert world.outsider_section not in set(policies.sections_visible_to(world.district_admin))
