"""The team pages, as teachers, coaches and leaders use them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pollinate.teams.models import Meeting, Stage, Team, TeamMember
from pollinate.teams.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_a_teacher_starts_a_team_and_adds_a_colleague(world, client_for):
    client = client_for(world.teacher)
    form = client.get("/teams/new/").content.decode()
    assert "Alder Elementary" in form and "Alder High" not in form
    response = client.post(
        "/teams/new/",
        {"name": "Grade 4 team", "purpose": "", "school": world.school_a1.pk, "stage": Stage.PLAN_TOGETHER},
    )
    team = Team.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/teams/{team.pk}/edit/"
    edit = client.get(f"/teams/{team.pk}/edit/").content.decode()
    assert world.other_teacher.display_name in edit and world.coach.display_name in edit
    assert world.student.display_name not in edit
    client.post(f"/teams/{team.pk}/members/", {"person": world.other_teacher.pk})
    assert set(team.members.values_list("person_id", flat=True)) == {world.teacher.pk, world.other_teacher.pk}


def test_create_form_shows_problems_and_writes_nothing(world, client_for):
    response = client_for(world.teacher).post(
        "/teams/new/", {"name": "Team", "school": world.school_a2.pk, "stage": Stage.PLAN_TOGETHER}
    )
    assert response.status_code == 200
    assert Team.objects.count() == 0


def test_people_who_neither_teach_nor_coach_cannot_open_the_form(world, client_for):
    assert client_for(world.student).get("/teams/new/").status_code == 403
    assert client_for(world.leader_a1).get("/teams/new/").status_code == 403


def test_members_read_meeting_notes_leaders_do_not(world, team, client_for):
    make_meeting(team, [world.teacher, world.coach], met_on=dt.date(2026, 11, 2), notes="Private worries")
    member_page = client_for(world.other_teacher).get(f"/teams/{team.pk}/").content.decode()
    assert "Private worries" in member_page and "Log a meeting" in member_page
    leader_page = client_for(world.leader_a1).get(f"/teams/{team.pk}/").content.decode()
    assert "Private worries" not in leader_page and "Swap classes" not in leader_page
    assert (
        "1 meeting logged." in leader_page
        and "Last met on Nov. 2, 2026." in leader_page
        and "Meeting notes are for the team's members." in leader_page
    )
    assert "Log a meeting" not in leader_page and "Move the team" not in leader_page


def test_a_teacher_outside_the_team_gets_404(world, team, client_for):
    client = client_for(world.outsider_teacher)
    assert client.get(f"/teams/{team.pk}/").status_code == 404
    assert client.post(f"/teams/{team.pk}/stage/", {"to_stage": Stage.CO_TEACH, "reason": "x"}).status_code == 404
    assert Team.objects.get(pk=team.pk).stage == Stage.PLAN_TOGETHER


def test_moving_the_stage_from_the_team_page(world, team, client_for):
    client = client_for(world.coach)
    response = client.post(
        f"/teams/{team.pk}/stage/", {"to_stage": Stage.CO_TEACH, "reason": "Ready to co-teach"}, follow=True
    )
    page = response.content.decode()
    assert "Stage changed." in page
    assert "Plan together → Co-teach" in page and "Ready to co-teach" in page
    assert 'aria-current="step">Co-teach' in page


def test_moving_without_a_reason_says_so(world, team, client_for):
    response = client_for(world.teacher).post(
        f"/teams/{team.pk}/stage/", {"to_stage": Stage.CO_TEACH, "reason": ""}, follow=True
    )
    assert "Choose a stage and say why the team is moving." in response.content.decode()
    assert Team.objects.get(pk=team.pk).stage == Stage.PLAN_TOGETHER


def test_logging_a_meeting_with_the_form(world, team, client_for):
    client = client_for(world.teacher)
    form = client.get(f"/teams/{team.pk}/meetings/new/").content.decode()
    assert world.coach.display_name in form
    today = timezone.localdate()
    response = client.post(
        f"/teams/{team.pk}/meetings/new/",
        {
            "met_on": today.isoformat(),
            "attendees": [world.teacher.pk, world.coach.pk],
            "notes": "Shared exit tickets",
            "decisions": "",
            "next_meeting_on": (today + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.notes, meeting.next_meeting_on) == ("Shared exit tickets", today + dt.timedelta(days=7))


def test_meeting_form_refuses_a_future_date(world, team, client_for):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client_for(world.teacher).post(
        f"/teams/{team.pk}/meetings/new/",
        {"met_on": tomorrow.isoformat(), "attendees": [world.teacher.pk], "notes": "x"},
    )
    assert response.status_code == 200
    assert "log a meeting after it happens" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_leaders_cannot_log_or_edit(world, team, client_for):
    client = client_for(world.leader_a1)
    assert client.get(f"/teams/{team.pk}/meetings/new/").status_code == 403
    assert client.get(f"/teams/{team.pk}/edit/").status_code == 403
    assert client.post(f"/teams/{team.pk}/members/", {"person": world.leader_a1.pk}).status_code == 403
    assert not TeamMember.objects.filter(person=world.leader_a1).exists()


def test_leaving_a_team(world, team, client_for):
    response = client_for(world.other_teacher).post(f"/teams/{team.pk}/members/{world.other_teacher.pk}/remove/")
    assert response["Location"] == "/teams/"
    assert not team.members.filter(person=world.other_teacher).exists()


def test_my_teams_lists_the_teams_i_am_in(world, team, client_for):
    page = client_for(world.coach).get("/teams/").content.decode()
    assert "Grade 4 planners" in page and "Plan together" in page and "Alder Elementary" in page
    assert 'href="/teams/"' in page  # the main navigation offers Teams to a coach


def test_a_leader_gets_the_overview_in_the_navigation(world, client_for):
    page = client_for(world.leader_a1).get("/teams/overview/").content.decode()
    assert 'href="/teams/overview/" aria-current="page">Teams<' in page


def test_my_teams_counts_every_member_not_only_me(world, team, client_for):
    page = client_for(world.teacher).get("/teams/").content.decode()

    # Two teachers and their coach as facilitator.
    assert "<dt>Members</dt><dd>3</dd>" in page
