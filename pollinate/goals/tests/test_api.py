"""The goals API: the same services and policy as the pages."""

from __future__ import annotations

import json

import pytest

from pollinate.goals.models import ActionStep, CheckIn, Goal
from pollinate.goals.tests.factories import make_goal

pytestmark = pytest.mark.django_db
S = Goal.Status
API = "/api/v1/goals"


def _post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, data=json.dumps(data), content_type="application/json")


def test_learner_creates_proposes_and_guide_agrees(world, client_for):
    client = client_for(world.student)
    created = _post(client, API, {"kind": "academic", "title": "Times tables to 12", "guide_id": world.teacher.pk})
    assert created.status_code == 201
    goal_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert _post(client, f"{API}/{goal_id}/propose").json()["status"] == "proposed"
    teacher = client_for(world.teacher)
    agreed = _post(teacher, f"{API}/{goal_id}/agree", {"comment": "Yes"})
    assert (agreed.status_code, agreed.json()["status"], agreed.json()["agreed_by_id"]) == (200, "active",
                                                                                          world.teacher.pk)


def test_list_mine_and_a_learner_i_may_see(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    make_goal(world.student, status=S.DRAFT, title="Secret draft")
    mine = client_for(world.student).get(API).json()
    assert (mine["count"], sorted(g["title"] for g in mine["items"])) == (2, [goal.title, "Secret draft"])
    theirs = client_for(world.teacher).get(API, {"learner_id": world.student.pk}).json()
    assert [g["id"] for g in theirs["items"]] == [goal.pk]
    assert client_for(world.other_teacher).get(API, {"learner_id": world.student.pk}).status_code == 404
    assert client_for(world.teacher).get(API).json()["count"] == 0


def test_update_keeps_history_and_refuses_others(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    response = _patch(client_for(world.student), f"{API}/{goal.pk}", {"title": "New title", "comment": "Sharper"})
    assert (response.status_code, response.json()["title"]) == (200, "New title")
    assert goal.events.filter(kind="edited").get().snapshot["previous"]["title"] == "Read two chapter books by spring"
    refused = _patch(client_for(world.teacher), f"{API}/{goal.pk}", {"title": "Teacher's title"})
    assert refused.status_code == 403
    goal.refresh_from_db()
    assert goal.title == "New title"


def test_errors_are_400_403_404_409(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.PROPOSED)
    teacher = client_for(world.teacher)
    no_comment = _post(teacher, f"{API}/{goal.pk}/request-changes", {"comment": ""})
    assert no_comment.status_code == 400
    assert no_comment.json()["detail"] == "Say what should change, so the learner knows what to do."
    assert _post(client_for(world.guardian), f"{API}/{goal.pk}/agree").status_code == 403
    assert _post(client_for(world.outsider_teacher), f"{API}/{goal.pk}/agree").status_code == 404
    assert _post(client_for(world.teacher), f"{API}/{goal.pk}/achieve").status_code == 409
    goal.refresh_from_db()
    assert goal.status == S.PROPOSED


def test_drop_with_reason(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    response = _post(client_for(world.student), f"{API}/{goal.pk}/drop", {"reason": "Moved school"})
    assert response.json()["status"] == "dropped"
    assert goal.events.get(kind="dropped").comment == "Moved school"


def test_check_ins_and_action_steps(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    teacher = client_for(world.teacher)
    created = _post(teacher, f"{API}/{goal.pk}/check-ins", {"progress": 35, "note": "Steady"})
    assert (created.status_code, created.json()["progress"], created.json()["author_id"]) == (201, 35,
                                                                                            world.teacher.pk)
    assert [c["note"] for c in teacher.get(f"{API}/{goal.pk}/check-ins").json()] == ["Steady"]
    assert _post(teacher, f"{API}/{goal.pk}/check-ins", {"progress": 120}).status_code == 422
    assert CheckIn.objects.count() == 1

    student = client_for(world.student)
    step = _post(student, f"{API}/{goal.pk}/action-steps", {"title": "Borrow a book", "due_on": "2026-12-01"})
    assert (step.status_code, step.json()["done"]) == (201, False)
    done = _patch(student, f"{API}/{goal.pk}/action-steps/{step.json()['id']}", {"done": True})
    assert (done.json()["done"], done.json()["due_on"]) == (True, "2026-12-01")
    assert [s["title"] for s in student.get(f"{API}/{goal.pk}/action-steps").json()] == ["Borrow a book"]
    assert _post(client_for(world.guardian), f"{API}/{goal.pk}/action-steps", {"title": "x"}).status_code == 403
    assert ActionStep.objects.count() == 1


def test_one_action_step_only_within_its_goal(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    other = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    step = ActionStep.objects.create(goal=goal, title="Mine", position=1)
    client = client_for(world.teacher)
    assert client.get(f"{API}/{goal.pk}/action-steps/{step.pk}").json()["title"] == "Mine"
    assert client.get(f"{API}/{other.pk}/action-steps/{step.pk}").status_code == 404
    assert client_for(world.other_teacher).get(f"{API}/{goal.pk}/action-steps/{step.pk}").status_code == 404
