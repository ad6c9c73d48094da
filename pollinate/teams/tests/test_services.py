"""Starting teams, changing members, moving stages and logging meetings, with who may do each."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from pollinate.core.errors import ApplicationError, Conflict, Forbidden
from pollinate.core.models import AuditEvent
from pollinate.people.models import Role
from pollinate.people.tests.factories import make_person
from pollinate.teams import services
from pollinate.teams.models import Meeting, Stage, StageChange, Team, TeamMember
from pollinate.teams.tests.factories import make_team

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


def test_a_teacher_starts_a_team_in_their_school_and_joins_it(world):
    with time_machine.travel(NOW, tick=False):
        team = services.team_create(
            actor=world.teacher, name="  Grade 4 team ", purpose="Fractions", school_id=world.school_a1.pk
        )
    assert (team.name, team.purpose, team.school_id, team.stage, team.district_id) == (
        "Grade 4 team",
        "Fractions",
        world.school_a1.pk,
        Stage.PLAN_TOGETHER,
        world.teacher.district_id,
    )
    assert list(team.members.values_list("person_id", "role")) == [(world.teacher.pk, "member")]
    change = StageChange.objects.get(team=team)
    assert (change.from_stage, change.to_stage, change.moved_by, change.at) == (
        "",
        Stage.PLAN_TOGETHER,
        world.teacher,
        NOW,
    )
    assert AuditEvent.objects.filter(verb="team.create", actor_id=world.teacher.pk).count() == 1


def test_a_coach_who_starts_a_team_facilitates_it(world):
    team = services.team_create(actor=world.coach, name="Coaching circle", school_id=None)
    assert team.school_id is None
    assert list(team.members.values_list("person_id", "role")) == [(world.coach.pk, "facilitator")]


@pytest.mark.parametrize("name", ["student", "guardian", "leader_a1", "district_admin", "mentor"])
def test_only_people_who_teach_or_coach_start_teams(world, name):
    with pytest.raises(Forbidden):
        services.team_create(actor=getattr(world, name), name="Team", school_id=None)
    assert Team.objects.count() == 0


def test_a_team_cannot_belong_to_a_school_the_teacher_has_no_part_in(world):
    for school in (world.school_a2, world.school_b):
        with pytest.raises(ApplicationError) as exc:
            services.team_create(actor=world.teacher, name="Team", school_id=school.pk)
        assert exc.value.details == ["Choose one of your schools, or “across schools”."]
    with pytest.raises(ApplicationError) as exc:
        services.team_create(actor=world.teacher, name="  ", school_id=None, stage="nonsense")
    assert exc.value.details == ["Give the team a name.", "Choose a stage."]
    assert Team.objects.count() == StageChange.objects.count() == TeamMember.objects.count() == 0


def test_members_add_teachers_of_the_school_and_coaches(world):
    team = make_team([world.teacher], school=world.school_a1)
    added = services.team_member_add(actor=world.teacher, team=team, person_id=world.other_teacher.pk)
    coach = services.team_member_add(actor=world.teacher, team=team, person_id=world.lead_coach.pk)
    assert (added.person, added.role) == (world.other_teacher, "member")
    assert (coach.person, coach.role) == (world.lead_coach, "facilitator")
    with pytest.raises(Conflict):
        services.team_member_add(actor=world.other_teacher, team=team, person_id=world.teacher.pk)


def test_a_teacher_on_the_staff_without_a_class_yet_starts_a_team_and_can_be_added(world):
    new_hire = make_person(world.school_a1.district, Role.TEACHER, school=world.school_a1, username="new-hire")
    other_school = make_person(world.school_a2.district, Role.TEACHER, school=world.school_a2, username="elsewhere")
    own = services.team_create(actor=new_hire, name="New staff circle", school_id=world.school_a1.pk)
    assert list(own.members.values_list("person_id", "role")) == [(new_hire.pk, "member")]

    team = make_team([world.teacher], school=world.school_a1)
    added = services.team_member_add(actor=world.teacher, team=team, person_id=new_hire.pk)
    assert (added.person, added.role) == (new_hire, "member")
    with pytest.raises(ApplicationError):
        services.team_member_add(actor=world.teacher, team=team, person_id=other_school.pk)
    across = make_team([world.teacher], school=None)
    assert services.team_member_add(actor=world.teacher, team=across, person_id=other_school.pk).role == "member"


@pytest.mark.parametrize("name", ["student", "guardian", "mentor", "leader_a1", "outsider_teacher"])
def test_only_teachers_and_coaches_can_join(world, name):
    team = make_team([world.teacher], school=world.school_a1)
    with pytest.raises(ApplicationError) as exc:
        services.team_member_add(actor=world.teacher, team=team, person_id=getattr(world, name).pk)
    assert exc.value.message == "Choose a teacher of the team's school, or a coach of the district."
    assert list(team.members.values_list("person_id", flat=True)) == [world.teacher.pk]


def test_non_members_change_nothing(world, team):
    before = (TeamMember.objects.count(), StageChange.objects.count(), Meeting.objects.count())
    for person in (world.leader_a1, world.district_admin, world.lead_coach):
        with pytest.raises(Forbidden):
            services.team_member_add(actor=person, team=team, person_id=world.lead_coach.pk)
        with pytest.raises(Forbidden):
            services.team_move_stage(actor=person, team=team, to_stage=Stage.CO_TEACH, reason="Ready")
        with pytest.raises(Forbidden):
            services.meeting_log(
                actor=person, team=team, met_on=dt.date(2026, 11, 2), attendee_ids=[person.pk], notes="x"
            )
        with pytest.raises(Forbidden):
            services.team_update(actor=person, team=team, name="Taken over")
    assert (TeamMember.objects.count(), StageChange.objects.count(), Meeting.objects.count()) == before
    team.refresh_from_db()
    assert (team.name, team.stage) == ("Grade 4 planners", Stage.PLAN_TOGETHER)


def test_a_team_keeps_at_least_one_member(world):
    team = make_team([world.teacher, world.other_teacher], school=world.school_a1)
    services.team_member_remove(actor=world.teacher, team=team, person_id=world.other_teacher.pk)
    with pytest.raises(Conflict):
        services.team_member_remove(actor=world.teacher, team=team, person_id=world.teacher.pk)
    assert list(team.members.values_list("person_id", flat=True)) == [world.teacher.pk]


def test_stage_moves_are_kept_with_who_when_and_why(world):
    # Started the day before, on a frozen clock too: the history is ordered by time, whatever the wall clock says.
    with time_machine.travel(NOW - dt.timedelta(days=1), tick=False):
        team = make_team([world.teacher, world.other_teacher], school=world.school_a1, facilitators=(world.coach,))
    with time_machine.travel(NOW, tick=False):
        services.team_move_stage(actor=world.teacher, team=team, to_stage=Stage.CO_TEACH, reason="Plans are solid")
    with time_machine.travel(NOW + dt.timedelta(days=90), tick=False):
        services.team_move_stage(
            actor=world.coach, team=team, to_stage=Stage.MULTI_AGE_PROJECT, reason=" Grades 4 and 5 together "
        )
    team.refresh_from_db()
    assert (team.stage, team.stage_changed_at) == (Stage.MULTI_AGE_PROJECT, NOW + dt.timedelta(days=90))
    assert list(team.stage_changes.values_list("from_stage", "to_stage", "moved_by", "reason")) == [
        ("", Stage.PLAN_TOGETHER, world.teacher.pk, "Team started."),
        (Stage.PLAN_TOGETHER, Stage.CO_TEACH, world.teacher.pk, "Plans are solid"),
        (Stage.CO_TEACH, Stage.MULTI_AGE_PROJECT, world.coach.pk, "Grades 4 and 5 together"),
    ]
    # Moving back is allowed: a team that needs to plan again says so.
    services.team_move_stage(actor=world.teacher, team=team, to_stage=Stage.PLAN_TOGETHER, reason="New members")
    assert Team.objects.get(pk=team.pk).stage == Stage.PLAN_TOGETHER


def test_stage_move_needs_a_reason_and_a_different_stage(world, team):
    with pytest.raises(ApplicationError) as exc:
        services.team_move_stage(actor=world.teacher, team=team, to_stage=Stage.CO_TEACH, reason="  ")
    assert exc.value.details == ["Say why the team is moving, so the team's story is kept."]
    with pytest.raises(Conflict):
        services.team_move_stage(actor=world.teacher, team=team, to_stage=Stage.PLAN_TOGETHER, reason="Again")
    assert StageChange.objects.filter(team=team).count() == 1
    assert Team.objects.get(pk=team.pk).stage == Stage.PLAN_TOGETHER


def test_a_member_logs_a_meeting(world, team):
    with time_machine.travel(NOW, tick=False):
        meeting = services.meeting_log(
            actor=world.teacher,
            team=team,
            met_on=dt.date(2026, 11, 20),
            attendee_ids=[world.teacher.pk, world.coach.pk],
            notes=" Looked at exit tickets ",
            decisions="Regroup on Monday",
            next_meeting_on=dt.date(2026, 11, 27),
        )
    meeting.refresh_from_db()
    assert (meeting.met_on, meeting.notes, meeting.decisions, meeting.next_meeting_on, meeting.recorded_by) == (
        dt.date(2026, 11, 20),
        "Looked at exit tickets",
        "Regroup on Monday",
        dt.date(2026, 11, 27),
        world.teacher,
    )
    assert sorted(meeting.attendees.values_list("pk", flat=True)) == sorted([world.teacher.pk, world.coach.pk])
    assert AuditEvent.objects.filter(verb="team.meeting_log").count() == 1


def test_a_meeting_log_is_checked_and_nothing_is_written_when_wrong(world, team):
    with time_machine.travel(NOW, tick=False), pytest.raises(ApplicationError) as exc:
        services.meeting_log(
            actor=world.teacher,
            team=team,
            met_on=dt.date(2026, 11, 24),
            attendee_ids=[world.teacher.pk, world.student.pk],
            notes="",
            next_meeting_on=dt.date(2026, 11, 1),
        )
    assert exc.value.details == [
        "The meeting date is in the future: log a meeting after it happens.",
        "The next meeting cannot be before this one.",
        "Only members of the team can be listed as attending.",
        "Write some notes or the decisions taken.",
    ]
    assert Meeting.objects.count() == 0


def test_a_closed_team_neither_moves_nor_meets_until_reopened(world, team):
    services.team_update(actor=world.teacher, team=team, is_active=False)
    with pytest.raises(Conflict):
        services.team_move_stage(actor=world.teacher, team=team, to_stage=Stage.CO_TEACH, reason="Ready")
    with pytest.raises(Conflict):
        services.meeting_log(
            actor=world.teacher, team=team, met_on=dt.date(2026, 11, 2), attendee_ids=[world.teacher.pk], notes="x"
        )
    reopened = services.team_update(actor=world.other_teacher, team=team, is_active=True, name="Grade 4 again")
    assert (reopened.is_active, reopened.name) == (True, "Grade 4 again")
    assert Meeting.objects.count() == 0 and StageChange.objects.filter(team=team).count() == 1
