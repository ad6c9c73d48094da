"""Who sees which goals: the permission matrix over the shared personas, by page and by API."""

from __future__ import annotations

import pytest

from pollinate.goals import policies, queries
from pollinate.goals.models import Goal
from pollinate.goals.tests.factories import make_goal, make_system_goal
from pollinate.people import policies as people_policies
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db
S = Goal.Status

# Who sees the student's goal once it is no longer a draft (read-only or not).
SEES_SHARED_STUDENT_GOAL = {"student", "teacher", "mentor", "guardian", "leader_a1", "district_admin"}
# The teacher's own professional goal: their coaches (directly and up the network), their leader, the admin.
SEES_SHARED_TEACHER_GOAL = {"teacher", "coach", "lead_coach", "leader_a1", "district_admin"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("status", [S.PROPOSED, S.ACTIVE, S.CHANGES_REQUESTED, S.ACHIEVED, S.DROPPED])
def test_shared_student_goal_page(world, client_for, persona, status):
    goal = make_goal(world.student, guide=world.teacher, status=status)
    response = client_for(world.persona(persona)).get(f"/goals/{goal.pk}/")
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if persona in SEES_SHARED_STUDENT_GOAL else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_drafts_are_visible_only_to_the_learner(world, client_for, persona):
    goal = make_goal(world.student, guide=world.teacher, status=S.DRAFT)
    response = client_for(world.persona(persona)).get(f"/goals/{goal.pk}/")
    expected = 302 if persona == "anonymous" else 200 if persona == "student" else 404
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_answers_404_to_everyone_outside_the_goal(world, client_for, persona):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    response = client_for(world.persona(persona)).get(f"/api/v1/goals/{goal.pk}")
    if persona == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code == (200 if persona in SEES_SHARED_STUDENT_GOAL else 404)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_teachers_professional_goal(world, persona):
    goal = make_goal(world.teacher, guide=world.coach, status=S.ACTIVE, kind=Goal.Kind.PROFESSIONAL)
    assert policies.can_view_goal(world.persona(persona), goal) is (persona in SEES_SHARED_TEACHER_GOAL)


def test_named_guide_sees_the_goal_even_without_another_link(world):
    goal = make_goal(world.student, guide=world.other_teacher, status=S.PROPOSED)
    assert policies.can_view_goal(world.other_teacher, goal) is True
    assert policies.can_agree_goal(world.other_teacher, goal) is True


def test_family_and_overseers_read_but_never_act(world):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    for persona in (world.guardian, world.leader_a1, world.district_admin):
        assert policies.can_view_goal(persona, goal) is True
        assert [
            policies.can_edit_goal(persona, goal), policies.can_achieve_goal(persona, goal),
            policies.can_check_in_goal(persona, goal), policies.can_manage_action_steps(persona, goal),
        ] == [False, False, False, False]


@pytest.mark.parametrize("learner", ["student", "teacher", "coach", "other_student"])
def test_guides_of_mirrors_learners_guided_by(world, learner):
    person = getattr(world, learner)
    expected = {
        p.username for name in PERSONAS if name != "anonymous"
        for p in [world.persona(name)] if people_policies.can_guide(p, person)
    }
    assert {p.username for p in queries.guides_of(learner=person)} == expected


def test_guides_of_the_student(world):
    assert sorted(p.username for p in queries.guides_of(learner=world.student)) == ["mentor", "teacher"]
    assert sorted(p.username for p in queries.guides_of(learner=world.teacher)) == ["coach", "leadcoach"]


def test_system_goals_are_visible_in_the_district_only(world):
    district_goal = make_system_goal(world.school_a1.district)
    withdrawn = make_system_goal(world.school_a1.district, school=world.school_a1, title="Old", is_published=False)
    assert set(policies.system_goals_visible_to(world.student)) == {district_goal}
    assert set(policies.system_goals_visible_to(world.leader_a1)) == {district_goal, withdrawn}
    assert set(policies.system_goals_visible_to(world.leader_a2)) == {district_goal}
    assert list(policies.system_goals_visible_to(world.outsider_student)) == []


def test_goal_list_of_a_learner_404_for_strangers(world, client_for):
    make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    for person, status in [(world.guardian, 200), (world.other_guardian, 404), (world.leader_a2, 404),
                           (world.outsider_admin, 404), (world.teacher, 200), (world.other_student, 404)]:
        response = client_for(person).get(f"/goals/learner/{world.student.pk}/")
        assert (person.username, response.status_code) == (person.username, status)
