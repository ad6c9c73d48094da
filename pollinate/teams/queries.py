"""Reads of collegial teams for pages and the API. Every one starts from the teams policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet
from django.utils.translation import gettext as _

from pollinate.core.access import get_object_for, require
from pollinate.people import policies as people_policies
from pollinate.people.models import CoachingAssignment, Enrollment, Person, RecordStatus, School
from pollinate.people.queries import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page
from pollinate.people.roles import scope_for, teacher_ids
from pollinate.teams import policies
from pollinate.teams.models import Meeting, Stage, StageChange, Team, TeamMember

ACTIVE = RecordStatus.ACTIVE


def _with_counts(qs: QuerySet[Team]) -> QuerySet[Team]:
    return qs.select_related("school").annotate(
        member_count=Count("members", distinct=True), last_met_on=Max("meetings__met_on")
    )


def my_teams(*, viewer: Any) -> list[Team]:
    """Teams the viewer belongs to, open ones first. One query."""
    scope = scope_for(viewer)
    if scope.is_anonymous:
        return []
    # Membership as a subquery: filtering through the members join would make member_count count only the viewer.
    mine = policies.teams_visible_to(viewer).filter(pk__in=policies.team_ids_of(scope.person_id))
    return list(_with_counts(mine).order_by("-is_active", "name", "id"))


def my_teams_page(*, viewer: Any) -> dict[str, Any]:
    return {
        "teams": my_teams(viewer=viewer),
        "can_create": policies.can_create_team(viewer),
        "can_overview": policies.can_view_overview(viewer),
    }


def team_page(
    *,
    viewer: Any,
    stage: str | None = None,
    school_id: int | None = None,
    page: int = 1,
    page_size: int | None = None,
) -> Page:
    """Every team the viewer may see (their own and those they oversee), a page at a time. Two queries."""
    qs = policies.teams_visible_to(viewer)
    if stage:
        qs = qs.filter(stage=stage)
    if school_id:
        qs = qs.filter(school_id=school_id)
    size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    offset = (page - 1) * size
    items = list(_with_counts(qs).order_by("name", "id")[offset : offset + size])
    return Page(items=items, count=qs.count(), page=page, page_size=size)


def team_get(*, viewer: Any, team_id: int) -> Team:
    return get_object_for(viewer, policies.teams_visible_to(viewer).select_related("school"), team_id)


def member_list(*, viewer: Any, team: Team) -> list[TeamMember]:
    return list(
        TeamMember.objects.filter(team_id__in=policies.teams_visible_to(viewer).filter(pk=team.pk).values("id"))
        .select_related("person")
        .order_by("role", "person__family_name", "person__given_name", "id")
    )


def stage_history(*, viewer: Any, team: Team) -> list[StageChange]:
    return list(
        StageChange.objects.filter(team_id__in=policies.teams_visible_to(viewer).filter(pk=team.pk).values("id"))
        .select_related("moved_by")
        .order_by("-at", "-id")
    )


def meeting_list(*, viewer: Any, team: Team) -> list[Meeting]:
    """The team's meeting log, newest first: members only (others get 403, the team itself being visible)."""
    require(policies.can_view_meetings(viewer, team))
    return list(
        policies.meetings_visible_to(viewer)
        .filter(team_id=team.pk)
        .select_related("recorded_by")
        .prefetch_related("attendees")
        .order_by("-met_on", "-id")
    )


def team_detail(*, viewer: Any, team_id: int) -> dict[str, Any]:
    """Everything the team page shows. Leaders who are not members see how often the team meets, not what it
    said."""
    team = team_get(viewer=viewer, team_id=team_id)
    member = policies.is_member(viewer, team)
    summary = Meeting.objects.filter(team_id=team.pk).aggregate(count=Count("id"), last=Max("met_on"))
    return {
        "team": team,
        "members": member_list(viewer=viewer, team=team),
        "history": stage_history(viewer=viewer, team=team),
        "meetings": meeting_list(viewer=viewer, team=team) if member else None,
        "meeting_count": summary["count"],
        "last_met_on": summary["last"],
        "is_member": member,
        "can": {
            "edit": policies.can_edit_team(viewer, team),
            "move_stage": policies.can_move_stage(viewer, team),
            "log_meeting": policies.can_log_meeting(viewer, team),
        },
    }


def team_form_schools(*, viewer: Any) -> list[School]:
    """The schools offered on the "start a team" form (403 for someone who may not start one)."""
    require(policies.can_create_team(viewer), _("Only people who teach or coach can start a team."))
    return school_choices(viewer=viewer)


def team_edit_get(*, viewer: Any, team_id: int) -> dict[str, Any]:
    """The team with its members and who may join, for the edit page (members only)."""
    team = get_object_for(
        viewer, policies.teams_visible_to(viewer).select_related("school"), team_id, allowed=policies.can_edit_team
    )
    return {
        "team": team,
        "members": member_list(viewer=viewer, team=team),
        "candidates": member_candidate_list(viewer=viewer, team=team),
    }


def meeting_form_get(*, viewer: Any, team_id: int) -> dict[str, Any]:
    """The team and its members, for the meeting form (members of an open team only)."""
    team = get_object_for(
        viewer, policies.teams_visible_to(viewer).select_related("school"), team_id, allowed=policies.can_log_meeting
    )
    return {"team": team, "members": member_list(viewer=viewer, team=team)}


def school_choices(*, viewer: Any) -> list[School]:
    """Schools a team may belong to when the viewer starts it: the active schools the viewer may see in their
    own district (where they teach, or where the teachers they coach teach)."""
    return list(
        people_policies.schools_visible_to(viewer)
        .filter(district_id=viewer.district_id, status=ACTIVE)
        .order_by("name", "id")
    )


def member_candidates(*, team: Team) -> QuerySet[Person]:
    """Who may join: the teachers of the team's school (any school of the district for a cross-school team),
    whether they teach a class there or are on its staff without one yet, and coaches in the district, who
    facilitate."""
    return Person.objects.filter(
        Q(id__in=_teachers_where(team)) | Q(id__in=_coaching(team).values("coach_id")),
        district_id=team.district_id,
        is_active=True,
    )


def teaching_ids(*, team: Team, person_ids: list[int]) -> set[int]:
    """Which of these people are teachers where the team works (the rest join as facilitators)."""
    return set(
        Person.objects.filter(id__in=person_ids).filter(id__in=_teachers_where(team)).values_list("id", flat=True)
    )


def _teachers_where(team: Team) -> Any:
    teaching = Enrollment.objects.filter(
        district_id=team.district_id, role__in=Enrollment.TEACHING_ROLES, status=ACTIVE
    )
    if team.school_id:
        teaching = teaching.filter(school_id=team.school_id)
    on_staff = teacher_ids(district_id=team.district_id, school_id=team.school_id)
    return Person.objects.filter(Q(id__in=teaching.values("person_id")) | Q(id__in=on_staff)).values("id")


def _coaching(team: Team) -> QuerySet[CoachingAssignment]:
    return CoachingAssignment.objects.filter(
        district_id=team.district_id, kind__in=policies.COACHING_KINDS, status=ACTIVE
    )


def member_candidate_list(*, viewer: Any, team: Team) -> list[Person]:
    """Candidates not yet in the team, for the members form (members only)."""
    require(policies.can_edit_team(viewer, team))
    return list(
        member_candidates(team=team)
        .exclude(id__in=TeamMember.objects.filter(team_id=team.pk).values("person_id"))
        .order_by("family_name", "given_name", "id")
    )


# The leaders' overview


@dataclass(frozen=True)
class OverviewRow:
    school: School | None  # None: teams that span schools
    counts: tuple[int, ...]  # one per stage, in Stage order

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Overview:
    stages: list[tuple[str, str]]
    rows: list[OverviewRow]
    totals: tuple[int, ...]
    teams: list[Team]

    @property
    def total(self) -> int:
        return sum(self.totals)


def stage_overview(*, viewer: Any) -> Overview:
    """How many active teams are at each stage in each school the viewer leads (and across schools), and the
    teams themselves. A fixed number of queries whatever the number of schools and teams."""
    require(policies.can_view_overview(viewer))
    scope = scope_for(viewer)
    overseen = policies.teams_overseen_by(viewer).filter(is_active=True)
    counts: dict[tuple[int | None, str], int] = {
        (row["school_id"], row["stage"]): row["n"]
        for row in overseen.values("school_id", "stage").annotate(n=Count("id")).order_by()
    }
    schools = list(
        School.objects.filter(Q(district_id__in=scope.admin_district_ids) | Q(id__in=scope.led_school_ids))
        .filter(Q(status=ACTIVE) | Q(id__in={school_id for school_id, _stage in counts if school_id}))
        .order_by("name", "id")
    )
    stages = list(Stage.choices)
    rows = [OverviewRow(school=s, counts=tuple(counts.get((s.pk, key), 0) for key, _l in stages)) for s in schools]
    across = tuple(counts.get((None, key), 0) for key, _l in stages)
    if any(across):
        rows.append(OverviewRow(school=None, counts=across))
    totals = tuple(sum(row.counts[i] for row in rows) for i in range(len(stages)))
    # Cross-school teams last on every database (SQLite and PostgreSQL disagree on where NULLs sort).
    teams = list(_with_counts(overseen).order_by(F("school__name").asc(nulls_last=True), "name", "id"))
    return Overview(stages=stages, rows=rows, totals=totals, teams=teams)
