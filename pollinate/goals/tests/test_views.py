"""The goal pages, as each role uses them."""

from __future__ import annotations

import pytest

from pollinate.goals.models import ActionStep, Goal, SystemGoal
from pollinate.goals.tests.factories import make_goal, make_system_goal

pytestmark = pytest.mark.django_db
S = Goal.Status


def test_learner_creates_a_goal_with_the_form(world, client_for):
    district_goal = make_system_goal(world.school_a1.district, title="Readers for life")
    client = client_for(world.student)
    page = client.get("/goals/new/").content.decode()
    assert world.teacher.display_name in page and world.mentor.display_name in page
    assert world.other_teacher.display_name not in page
    assert "Readers for life" in page
    response = client.post("/goals/new/", {
        "kind": "academic", "title": "Read 5 books", "guide": world.teacher.pk, "aligned_to": district_goal.pk,
        "check_in_every_days": 7, "wish": "Love reading",
    })
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/goals/{goal.pk}/"
    assert (goal.title, goal.guide, goal.aligned_to, goal.wish, goal.status) == (
        "Read 5 books", world.teacher, district_goal, "Love reading", S.DRAFT)


def test_form_shows_service_errors_and_writes_nothing(world, client_for):
    response = client_for(world.student).post("/goals/new/", {
        "kind": "academic", "title": "Read", "check_in_every_days": 7, "due_on": "2001-01-01",
    })
    assert response.status_code == 200
    assert "The date to reach the goal is in the past." in response.content.decode()
    assert Goal.objects.count() == 0


def test_my_goals_groups_by_status(world, client_for):
    make_goal(world.student, status=S.DRAFT, title="Draft one")
    make_goal(world.student, guide=world.teacher, status=S.CHANGES_REQUESTED, title="Fix me")
    page = client_for(world.student).get("/goals/").content.decode()
    assert page.index("Changes requested") < page.index("Fix me") < page.index("Draft one")


def test_guide_agrees_from_the_goal_page(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.PROPOSED)
    client = client_for(world.teacher)
    assert "Agree this goal?" in client.get(f"/goals/{goal.pk}/").content.decode()
    response = client.post(f"/goals/{goal.pk}/agree/", {"comment": "Go for it"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == S.ACTIVE


def test_ask_for_changes_without_comment_shows_a_message(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.PROPOSED)
    response = client_for(world.teacher).post(f"/goals/{goal.pk}/request-changes/", {"comment": ""}, follow=True)
    assert "Say what should change, so the learner knows what to do." in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == S.PROPOSED


def test_family_page_is_read_only(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    make_goal(world.student, status=S.DRAFT, title="Private draft")
    client = client_for(world.guardian)
    listing = client.get(f"/goals/learner/{world.student.pk}/").content.decode()
    assert goal.title in listing and "Private draft" not in listing
    page = client.get(f"/goals/{goal.pk}/").content.decode()
    assert "Save check-in" not in page and "Mark achieved" not in page and "Add step" not in page
    assert client.post(f"/goals/{goal.pk}/check-ins/", {"progress": 50}).status_code == 403


def test_edit_history_shows_what_changed(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE, title="Run 2 km")
    client = client_for(world.student)
    data = {"kind": "habit", "title": "Run 3 km", "check_in_every_days": 14, "guide": world.teacher.pk,
            "comment": "Felt easy"}
    assert client.post(f"/goals/{goal.pk}/edit/", data).status_code == 302
    page = client_for(world.teacher).get(f"/goals/{goal.pk}/").content.decode()
    assert "Felt easy" in page and "Run 2 km" in page and "Run 3 km" in page and "Habit or skill" in page


def test_check_in_next_step_becomes_an_action_step(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    client = client_for(world.student)
    client.post(f"/goals/{goal.pk}/check-ins/", {"progress": 20, "note": "ok", "next_step": "Ask the librarian"})
    check_in = goal.check_ins.get()
    client.post(f"/goals/{goal.pk}/check-ins/{check_in.pk}/to-step/")
    assert list(ActionStep.objects.values_list("title", flat=True)) == ["Ask the librarian"]
    step = ActionStep.objects.get()
    client.post(f"/goals/{goal.pk}/steps/{step.pk}/", {"action": "done"})
    step.refresh_from_db()
    assert step.done_at is not None


def test_guide_list_filters_by_class_and_status(world, client_for):
    mine = make_goal(world.student, guide=world.teacher, status=S.ACTIVE, title="Student goal")
    make_goal(world.student, guide=world.teacher, status=S.PROPOSED, title="Waiting goal")
    client = client_for(world.teacher)
    page = client.get("/goals/learners/", {"section": world.section.pk, "status": "active"}).content.decode()
    assert mine.title in page and "Waiting goal" not in page
    waiting = client.get("/goals/learners/", {"section": world.section.pk, "status": "proposed"}).content.decode()
    assert "Waiting goal" in waiting and mine.title not in waiting


def test_leader_publishes_a_school_goal_and_sees_alignment(world, client_for):
    client = client_for(world.leader_a1)
    response = client.post("/goals/school-and-district/", {"level": "school", "school": world.school_a1.pk,
                                                            "title": "Kind words"})
    assert response.status_code == 302
    system_goal = SystemGoal.objects.get()
    make_goal(world.student, guide=world.teacher, status=S.ACTIVE, aligned_to=system_goal, progress=50)
    page = client.get("/goals/alignment/").content.decode()
    assert "Kind words" in page and "50%" in page
    assert client_for(world.teacher).get("/goals/alignment/").status_code == 403
    refused = client_for(world.teacher).post("/goals/school-and-district/", {"level": "school",
                                                                             "school": world.school_a1.pk,
                                                                             "title": "Nope"})
    assert refused.status_code == 403
    assert SystemGoal.objects.count() == 1
