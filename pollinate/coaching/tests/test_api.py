from __future__ import annotations

import datetime as dt
import json

from pollinate.coaching.models import CoachingCycle, NextStep, ScheduledCheckIn
from pollinate.coaching.tests.factories import make_check_in, make_rule
from pollinate.goals.models import ActionStep, Goal
from pollinate.goals.tests.factories import make_goal
from pollinate.people.models import CoachingAssignment

Kind = CoachingAssignment.Kind


def _send(client, method, url, payload=None):
    return getattr(client, method)(url, data=json.dumps(payload or {}), content_type="application/json")


def test_network_list_create_end(world, client_for):
    admin = client_for(world.district_admin)
    listed = admin.get("/api/v1/coaching/assignments").json()
    assert len(listed) == 3
    created = _send(
        admin,
        "post",
        "/api/v1/coaching/assignments",
        {"coach_id": world.coach.pk, "coachee_id": world.other_teacher.pk, "kind": "coach_to_teacher"},
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["coach_id"], body["coachee_id"], body["status"]) == (world.coach.pk, world.other_teacher.pk, "active")
    ended = _send(admin, "post", f"/api/v1/coaching/assignments/{body['id']}/end")
    assert (ended.status_code, ended.json()["status"]) == (200, "inactive")
    again = _send(admin, "post", f"/api/v1/coaching/assignments/{body['id']}/end")
    assert again.status_code == 409


def test_caseload_with_cadence(clock, world, client_for):
    make_rule(world.teacher.district, every=10)
    [row] = client_for(world.coach).get("/api/v1/coaching/caseload").json()
    assert row == {
        "assignment_id": CoachingAssignment.objects.get(coachee=world.teacher).pk,
        "person": {"id": world.teacher.pk, "name": world.teacher.display_name},
        "kind": "coach_to_teacher",
        "school_id": None,
        "due_on": "2026-11-16",
        "last_seen_on": None,
    }


def test_cycle_crud(world, client_for):
    goal = make_goal(world.teacher, guide=world.coach, status=Goal.Status.ACTIVE, kind=Goal.Kind.PROFESSIONAL)
    coach = client_for(world.coach)
    created = _send(
        coach,
        "post",
        "/api/v1/coaching/cycles",
        {"coachee_id": world.teacher.pk, "title": "Discourse", "goal_id": goal.pk},
    )
    assert created.status_code == 201
    cycle_id = created.json()["id"]
    updated = _send(coach, "patch", f"/api/v1/coaching/cycles/{cycle_id}", {"strategy": "Talk moves", "stage": "learn"})
    assert (updated.json()["strategy"], updated.json()["stage"]) == ("Talk moves", "learn")
    refused = _send(coach, "patch", f"/api/v1/coaching/cycles/{cycle_id}", {"shared_with_coachs_coach": True})
    assert refused.status_code == 403
    assert CoachingCycle.objects.get().shared_with_coachs_coach is False
    assert coach.delete(f"/api/v1/coaching/cycles/{cycle_id}").status_code == 204
    assert not CoachingCycle.objects.exists()


def test_check_in_create_update_next_steps_follow_up(world, client_for):
    goal = make_goal(world.teacher, guide=world.coach, status=Goal.Status.ACTIVE)
    coach = client_for(world.coach)
    created = _send(
        coach,
        "post",
        "/api/v1/coaching/check-ins",
        {"attendee_id": world.teacher.pk, "starts_at": "2026-03-02T13:00:00Z", "agenda": "Plan"},
    )
    assert created.status_code == 201
    check_in_id = created.json()["id"]
    assert (created.json()["agenda"], created.json()["status"]) == ("Plan", "scheduled")
    updated = _send(
        coach, "patch", f"/api/v1/coaching/check-ins/{check_in_id}", {"notes": "Good talk", "status": "held"}
    )
    assert (updated.json()["notes"], updated.json()["status"]) == ("Good talk", "held")
    step = _send(
        coach,
        "post",
        f"/api/v1/coaching/check-ins/{check_in_id}/next-steps",
        {"goal_id": goal.pk, "title": "Read the article"},
    )
    assert step.status_code == 201
    assert step.json()["title"] == "Read the article" and step.json()["done"] is False
    teacher = client_for(world.teacher)
    followed = _send(
        teacher,
        "post",
        f"/api/v1/coaching/check-ins/{check_in_id}/follow-up",
        {"done_step_ids": [step.json()["action_step_id"]]},
    )
    assert followed.status_code == 200 and followed.json()["followed_up_at"] is not None
    assert teacher.get(f"/api/v1/coaching/check-ins/{check_in_id}/next-steps").json()[0]["done"] is True
    assert ActionStep.objects.get().done_at is not None and NextStep.objects.count() == 1


def test_check_in_list_hides_notes_from_the_lead_until_shared(world, client_for):
    check_in = make_check_in(world.coach, world.teacher, dt.date(2026, 3, 2), notes="n1", agenda="a1")
    [row] = client_for(world.lead_coach).get("/api/v1/coaching/check-ins").json()
    assert (row["id"], row["notes"], row["agenda"]) == (check_in.pk, None, None)
    ScheduledCheckIn.objects.filter(pk=check_in.pk).update(notes_shared=True)
    [row] = client_for(world.lead_coach).get("/api/v1/coaching/check-ins").json()
    assert (row["notes"], row["agenda"]) == ("n1", None)


def test_coverage_api(clock, world, client_for):
    make_rule(world.teacher.district, every=5)
    clock.move_to(dt.datetime(2026, 11, 13, 9, tzinfo=dt.UTC))
    body = client_for(world.lead_coach).get("/api/v1/coaching/coverage").json()
    assert body["today"] == "2026-11-13"
    assert body["totals"]["overdue"] == 1
    [row] = body["escalated"]
    assert (row["attendee"]["id"], row["host"]["id"], row["overdue_school_days"], row["never_seen"]) == (
        world.teacher.pk,
        world.coach.pk,
        4,
        True,
    )
