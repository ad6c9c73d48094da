"""Collegial teams for every persona: members work in their team, leaders oversee it, nobody else sees it."""

from __future__ import annotations

import datetime as dt

import pytest

from pollinate.teams import policies, queries
from pollinate.teams.tests.factories import make_meeting, make_team
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

MEMBERS = {"teacher", "other_teacher", "coach"}
SEES_TEAM = MEMBERS | {"leader_a1", "district_admin"}
MAY_START = {"teacher", "other_teacher", "coach", "lead_coach", "outsider_teacher"}
LEADERS = {"district_admin", "leader_a1", "leader_a2", "outsider_admin"}


@pytest.fixture
def a1_team(world):
    team = make_team([world.teacher, world.other_teacher], school=world.school_a1, facilitators=(world.coach,))
    make_meeting(team, [world.teacher], met_on=dt.date(2026, 11, 2), notes="Only for us")
    return team


@pytest.mark.parametrize("name", PERSONAS)
def test_who_sees_the_team_and_its_meetings(world, a1_team, name):
    person = world.persona(name)
    visible = policies.teams_visible_to(person).filter(pk=a1_team.pk).exists()
    assert visible == (name in SEES_TEAM)
    assert policies.can_view_team(person, a1_team) == visible  # list and detail agree
    assert policies.meetings_visible_to(person).filter(team=a1_team).exists() == (name in MEMBERS)
    assert policies.can_view_meetings(person, a1_team) == (name in MEMBERS)
    assert policies.can_move_stage(person, a1_team) == (name in MEMBERS)
    assert policies.can_log_meeting(person, a1_team) == (name in MEMBERS)
    assert policies.can_edit_team(person, a1_team) == (name in MEMBERS)


@pytest.mark.parametrize("name", PERSONAS)
def test_who_may_start_a_team_and_who_has_an_overview(world, name):
    person = world.persona(name)
    assert policies.can_create_team(person) == (name in MAY_START)
    assert policies.can_view_overview(person) == (name in LEADERS)


@pytest.mark.parametrize("name", PERSONAS)
def test_team_page_answers_by_persona(world, a1_team, client_for, name):
    response = client_for(world.persona(name)).get(f"/teams/{a1_team.pk}/")
    if name == "anonymous":
        assert response.status_code == 302
    elif name in SEES_TEAM:
        assert response.status_code == 200
        assert ("Only for us" in response.content.decode()) == (name in MEMBERS)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("name", PERSONAS)
def test_team_api_answers_by_persona(world, a1_team, client_for, name):
    client = client_for(world.persona(name))
    team_status = client.get(f"/api/v1/teams/{a1_team.pk}").status_code
    meetings_status = client.get(f"/api/v1/teams/{a1_team.pk}/meetings").status_code
    if name == "anonymous":
        assert (team_status, meetings_status) == (401, 401)
    elif name in MEMBERS:
        assert (team_status, meetings_status) == (200, 200)
    elif name in SEES_TEAM:
        assert (team_status, meetings_status) == (200, 403)
    else:
        assert (team_status, meetings_status) == (404, 404)


def test_the_outsider_district_sees_none_of_alder(world, a1_team):
    assert queries.stage_overview(viewer=world.outsider_admin).total == 0
    assert queries.team_page(viewer=world.outsider_admin).items == []
