"""The teams API: the same rules as the pages, as JSON."""

from __future__ import annotations

import datetime as dt

import pytest

from pollinate.teams.models import Meeting, Stage, Team
from pollinate.teams.tests.factories import make_meeting, make_team

pytestmark = pytest.mark.django_db
API = "/api/v1/teams"


def test_create_get_update_a_team(world, client_for):
    client = client_for(world.teacher)
    created = client.post(API, {"name": "Grade 4", "school_id": world.school_a1.pk}, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert (body["name"], body["school_id"], body["stage"], body["is_active"]) == (
        "Grade 4",
        world.school_a1.pk,
        "plan_together",
        True,
    )
    team_id = body["id"]
    assert client.get(f"{API}/{team_id}").json()["name"] == "Grade 4"
    patched = client.patch(f"{API}/{team_id}", {"purpose": "Fractions"}, content_type="application/json")
    assert patched.json()["purpose"] == "Fractions" and patched.json()["name"] == "Grade 4"
    listed = client.get(API).json()
    assert ([t["id"] for t in listed["items"]], listed["count"], listed["pages"]) == ([team_id], 1, 1)


def test_members_stages_and_meetings(world, team, client_for):
    client = client_for(world.teacher)
    added = client.post(f"{API}/{team.pk}/members", {"person_id": world.lead_coach.pk}, content_type="application/json")
    assert added.status_code == 201 and added.json()["role"] == "facilitator"
    members = client.get(f"{API}/{team.pk}/members").json()
    assert sorted(m["person_id"] for m in members) == sorted(
        [world.teacher.pk, world.other_teacher.pk, world.coach.pk, world.lead_coach.pk]
    )
    assert client.delete(f"{API}/{team.pk}/members/{world.lead_coach.pk}").status_code == 204
    moved = client.post(
        f"{API}/{team.pk}/stages", {"to_stage": "co_teach", "reason": "Ready"}, content_type="application/json"
    )
    assert moved.status_code == 201 and moved.json()["from_stage"] == "plan_together"
    assert [s["to_stage"] for s in client.get(f"{API}/{team.pk}/stages").json()] == ["co_teach", "plan_together"]
    logged = client.post(
        f"{API}/{team.pk}/meetings",
        {
            "met_on": "2026-01-05",
            "attendee_ids": [world.teacher.pk, world.coach.pk],
            "decisions": "Co-plan Fridays",
        },
        content_type="application/json",
    )
    assert logged.status_code == 201
    assert logged.json()["attendee_ids"] == sorted([world.teacher.pk, world.coach.pk])
    assert [m["decisions"] for m in client.get(f"{API}/{team.pk}/meetings").json()] == ["Co-plan Fridays"]


def test_errors_are_json_and_write_nothing(world, team, client_for):
    client = client_for(world.teacher)
    same = client.post(
        f"{API}/{team.pk}/stages", {"to_stage": "plan_together", "reason": "x"}, content_type="application/json"
    )
    assert same.status_code == 409 and same.json()["detail"] == "The team is already at this stage."
    bad = client.post(
        f"{API}/{team.pk}/meetings",
        {"met_on": "2026-01-05", "attendee_ids": [world.student.pk], "notes": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["errors"] == ["Only members of the team can be listed as attending."]
    assert Meeting.objects.count() == 0 and Team.objects.get(pk=team.pk).stage == Stage.PLAN_TOGETHER


def test_a_leader_reads_the_team_not_its_meetings(world, team, client_for):
    make_meeting(team, [world.teacher], met_on=dt.date(2026, 1, 5))
    client = client_for(world.leader_a1)
    assert client.get(f"{API}/{team.pk}").status_code == 200
    assert client.get(f"{API}/{team.pk}/meetings").status_code == 403
    overview = client.get(f"{API}/overview").json()
    assert overview["rows"] == [
        {
            "school_id": world.school_a1.pk,
            "school_name": "Alder Elementary",
            "counts": {"plan_together": 1, "co_teach": 0, "multi_age_project": 0},
            "total": 1,
        }
    ]
    assert overview["total"] == 1


def test_outsiders_get_404_and_non_leaders_no_overview(world, team, client_for):
    client = client_for(world.outsider_admin)
    assert client.get(f"{API}/{team.pk}").status_code == 404
    assert client.get(f"{API}/{team.pk}/members").status_code == 404
    assert client.get(API).json()["items"] == []
    assert client_for(world.teacher).get(f"{API}/overview").status_code == 403


def test_the_list_pages_and_filters(world, client_for):
    for n in range(3):
        make_team([world.teacher], school=world.school_a1, name=f"Team {n}", stage="co_teach" if n else "plan_together")
    client = client_for(world.district_admin)
    first = client.get(f"{API}?page_size=2").json()
    assert ([t["name"] for t in first["items"]], first["count"], first["pages"]) == (["Team 0", "Team 1"], 3, 2)
    second = client.get(f"{API}?page_size=2&page=2").json()
    assert [t["name"] for t in second["items"]] == ["Team 2"]
    co_teaching = client.get(f"{API}?stage=co_teach").json()
    assert [t["name"] for t in co_teaching["items"]] == ["Team 1", "Team 2"]
