"""Who may see and change collegial teams, built from relationships (never from roles).

- members (teachers, and a coach facilitating) see their team with its meeting log, and change it: details,
  members, stage, meetings. Teams are collegial, so every member may do each of these;
- leaders oversee: a school leader sees the teams of the schools they lead and the cross-school teams their
  staff belong to; a district administrator sees every team of their districts. Oversight shows the team, its
  members and its stage history, never the meeting notes (those are for members);
- anyone who teaches a class or coaches in the network may start a team; everyone else sees nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.people.models import CoachingAssignment, Enrollment, RecordStatus, RoleAssignment
from pollinate.people.roles import scope_for
from pollinate.teams.models import Meeting, Team, TeamMember

ACTIVE = RecordStatus.ACTIVE
# Supporting relationships that make someone a coach (mentoring students does not).
COACHING_KINDS = (CoachingAssignment.Kind.COACH_TO_TEACHER, CoachingAssignment.Kind.LEAD_TO_SITE)


def team_ids_of(person_id: int | None) -> QuerySet[TeamMember]:
    """The teams a person is a member of, as a subquery of team ids."""
    return TeamMember.objects.filter(person_id=person_id).values("team_id")


def teams_overseen_by(actor: Any) -> QuerySet[Team]:
    scope = scope_for(actor)
    if scope.is_anonymous or not (scope.led_school_ids or scope.admin_district_ids):
        return Team.objects.none()
    condition = Q(district_id__in=scope.admin_district_ids) | Q(school_id__in=scope.led_school_ids)
    if scope.led_school_ids:
        staff = RoleAssignment.objects.filter(school_id__in=scope.led_school_ids, status=ACTIVE).values("person_id")
        teachers = Enrollment.objects.filter(
            school_id__in=scope.led_school_ids, role__in=Enrollment.TEACHING_ROLES, status=ACTIVE
        ).values("person_id")
        with_my_staff = TeamMember.objects.filter(Q(person_id__in=staff) | Q(person_id__in=teachers)).values("team_id")
        condition |= Q(school__isnull=True, district_id__in=scope.district_ids, id__in=with_my_staff)
    return Team.objects.filter(condition)


def teams_visible_to(actor: Any) -> QuerySet[Team]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Team.objects.none()
    return Team.objects.filter(Q(id__in=team_ids_of(scope.person_id)) | Q(id__in=teams_overseen_by(actor).values("id")))


def meetings_visible_to(actor: Any) -> QuerySet[Meeting]:
    """Meeting logs are for members only, whoever else may see the team."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Meeting.objects.none()
    return Meeting.objects.filter(team_id__in=team_ids_of(scope.person_id))


def can_view_team(actor: Any, team: Team) -> bool:
    return teams_visible_to(actor).filter(pk=team.pk).exists()


def is_member(actor: Any, team: Team) -> bool:
    scope = scope_for(actor)
    return not scope.is_anonymous and TeamMember.objects.filter(team_id=team.pk, person_id=scope.person_id).exists()


def can_view_meetings(actor: Any, team: Team) -> bool:
    return is_member(actor, team)


def can_edit_team(actor: Any, team: Team) -> bool:
    """Details and members; also how a closed team is reopened, so it does not depend on being active."""
    return is_member(actor, team)


def can_move_stage(actor: Any, team: Team) -> bool:
    return team.is_active and is_member(actor, team)


def can_log_meeting(actor: Any, team: Team) -> bool:
    return team.is_active and is_member(actor, team)


def can_create_team(actor: Any) -> bool:
    scope = scope_for(actor)
    return not scope.is_anonymous and bool(scope.taught_section_ids or scope.coachee_ids or scope.has_role("teacher"))


def can_view_overview(actor: Any) -> bool:
    scope = scope_for(actor)
    return bool(scope.led_school_ids or scope.admin_district_ids)
