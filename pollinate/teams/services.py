"""Writes for collegial teams: start a team, change its details and members, move its stage, log meetings.

Every stage move is kept as a StageChange (from, to, who, when, why). Who may act comes from
``teams.policies``; a refused person gets 403, a bad request 400 with every problem listed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, Conflict
from pollinate.teams import policies, queries
from pollinate.teams.models import Meeting, Stage, StageChange, Team, TeamMember

MAX_NAME = 120


def _clean_name(name: str | None, errors: list[str]) -> str:
    name = (name or "").strip()
    if not name:
        errors.append(_("Give the team a name."))
    elif len(name) > MAX_NAME:
        errors.append(_("Keep the team name to %(max)d characters.") % {"max": MAX_NAME})
    return name


def _locked(team: Team) -> Team:
    return Team.objects.select_for_update(of=("self",)).select_related("school").get(pk=team.pk)


def _touch(team: Team) -> None:
    team.updated_at = timezone.now()
    Team.objects.filter(pk=team.pk).update(updated_at=team.updated_at)


def team_create(
    *, actor: Any, name: str, purpose: str = "", school_id: int | None = None, stage: str = Stage.PLAN_TOGETHER
) -> Team:
    """A new team in one of the actor's schools (or across their district's schools), with the actor in it."""
    require(policies.can_create_team(actor), _("Only people who teach or coach can start a team."))
    errors: list[str] = []
    name = _clean_name(name, errors)
    if stage not in Stage.values:
        errors.append(_("Choose a stage."))
    if school_id is not None and school_id not in {s.pk for s in queries.school_choices(viewer=actor)}:
        errors.append(_("Choose one of your schools, or “across schools”."))
    if errors:
        raise ApplicationError(_("Please check the team."), details=errors)
    now = timezone.now()
    with transaction.atomic():
        team = Team.objects.create(
            district_id=actor.district_id,
            school_id=school_id,
            name=name,
            purpose=(purpose or "").strip(),
            stage=stage,
            stage_changed_at=now,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        teaches = actor.pk in queries.teaching_ids(team=team, person_ids=[actor.pk])
        TeamMember.objects.create(
            team=team,
            person=actor,
            role=TeamMember.Role.MEMBER if teaches else TeamMember.Role.FACILITATOR,
            joined_at=now,
        )
        StageChange.objects.create(
            team=team, from_stage="", to_stage=stage, moved_by=actor, at=now, reason=_("Team started.")
        )
        audit_log(actor, "team.create", team)
    return team


def team_update(
    *, actor: Any, team: Team, name: str | None = None, purpose: str | None = None, is_active: bool | None = None
) -> Team:
    """Change the team's name, purpose, or close and reopen it. Only the fields given change."""
    require(policies.can_edit_team(actor, team))
    errors: list[str] = []
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _clean_name(name, errors)
    if purpose is not None:
        changes["purpose"] = purpose.strip()
    if is_active is not None:
        changes["is_active"] = bool(is_active)
    if errors:
        raise ApplicationError(_("Please check the team."), details=errors)
    with transaction.atomic():
        team = _locked(team)
        changed = {key: value for key, value in changes.items() if getattr(team, key) != value}
        if not changed:
            return team
        for key, value in changed.items():
            setattr(team, key, value)
        team.updated_at = timezone.now()
        team.save(update_fields=[*changed, "updated_at"])
        audit_log(actor, "team.update", team, fields=sorted(changed))
    return team


def team_member_add(*, actor: Any, team: Team, person_id: int) -> TeamMember:
    """Add a colleague: a teacher where the team works joins as member, a coach as facilitator."""
    require(policies.can_edit_team(actor, team))
    with transaction.atomic():
        team = _locked(team)
        if not queries.member_candidates(team=team).filter(pk=person_id).exists():
            raise ApplicationError(_("Choose a teacher of the team's school, or a coach of the district."))
        if TeamMember.objects.filter(team=team, person_id=person_id).exists():
            raise Conflict(_("That person is already in the team."))
        teaches = person_id in queries.teaching_ids(team=team, person_ids=[person_id])
        member = TeamMember.objects.create(
            team=team, person_id=person_id, role=TeamMember.Role.MEMBER if teaches else TeamMember.Role.FACILITATOR
        )
        _touch(team)
        audit_log(actor, "team.member_add", team, person_id=person_id, role=member.role)
    return TeamMember.objects.select_related("person").get(pk=member.pk)


def team_member_remove(*, actor: Any, team: Team, person_id: int) -> None:
    """Take someone out of the team (members may leave). A team always keeps at least one member."""
    require(policies.can_edit_team(actor, team))
    with transaction.atomic():
        team = _locked(team)
        members = list(TeamMember.objects.filter(team=team).values_list("person_id", flat=True))
        if person_id not in members:
            raise ApplicationError(_("That person is not in the team."))
        if len(members) == 1:
            raise Conflict(_("A team needs at least one member. Close the team instead."))
        TeamMember.objects.filter(team=team, person_id=person_id).delete()
        _touch(team)
        audit_log(actor, "team.member_remove", team, person_id=person_id)


def team_move_stage(*, actor: Any, team: Team, to_stage: str, reason: str) -> StageChange:
    """Move the team to another stage (forward, or back when that serves it better), saying why."""
    require(policies.is_member(actor, team))
    errors: list[str] = []
    if to_stage not in Stage.values:
        errors.append(_("Choose a stage."))
    reason = (reason or "").strip()
    if not reason:
        errors.append(_("Say why the team is moving, so the team's story is kept."))
    if errors:
        raise ApplicationError(_("Please check the stage change."), details=errors)
    with transaction.atomic():
        team = _locked(team)
        if not team.is_active:
            raise Conflict(_("This team is closed. Reopen it first."))
        if team.stage == to_stage:
            raise Conflict(_("The team is already at this stage."))
        now = timezone.now()
        change = StageChange.objects.create(
            team=team, from_stage=team.stage, to_stage=to_stage, reason=reason, moved_by=actor, at=now
        )
        team.stage = to_stage
        team.stage_changed_at = team.updated_at = now
        team.save(update_fields=["stage", "stage_changed_at", "updated_at"])
        audit_log(actor, "team.move_stage", team, from_stage=change.from_stage, to_stage=to_stage)
    return change


def meeting_log(
    *,
    actor: Any,
    team: Team,
    met_on: dt.date,
    attendee_ids: list[int],
    notes: str = "",
    decisions: str = "",
    next_meeting_on: dt.date | None = None,
) -> Meeting:
    """Record a meeting that took place: who came (members only), notes, decisions, the next date."""
    require(policies.is_member(actor, team))
    errors: list[str] = []
    if met_on is None:
        errors.append(_("Give the date of the meeting."))
    elif met_on > timezone.localdate():
        errors.append(_("The meeting date is in the future: log a meeting after it happens."))
    if next_meeting_on is not None and met_on is not None and next_meeting_on < met_on:
        errors.append(_("The next meeting cannot be before this one."))
    attendees = set(attendee_ids or [])
    members = set(TeamMember.objects.filter(team_id=team.pk).values_list("person_id", flat=True))
    if not attendees:
        errors.append(_("Tick who came."))
    elif not attendees <= members:
        errors.append(_("Only members of the team can be listed as attending."))
    notes, decisions = (notes or "").strip(), (decisions or "").strip()
    if not (notes or decisions):
        errors.append(_("Write some notes or the decisions taken."))
    if errors:
        raise ApplicationError(_("Please check the meeting."), details=errors)
    with transaction.atomic():
        team = _locked(team)
        if not team.is_active:
            raise Conflict(_("This team is closed. Reopen it first."))
        meeting = Meeting.objects.create(
            team=team,
            met_on=met_on,
            notes=notes,
            decisions=decisions,
            next_meeting_on=next_meeting_on,
            recorded_by=actor,
        )
        meeting.attendees.set(sorted(attendees))
        _touch(team)
        audit_log(actor, "team.meeting_log", team, meeting_id=meeting.pk, met_on=met_on.isoformat())
    return meeting
