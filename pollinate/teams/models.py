"""Collegial teams: teachers who plan, teach and run projects together, and how far they have come.

A team belongs to one school, or to a district when it spans schools. It moves through three stages — plan
together → co-teach → multi-age project team — and every move is kept (who, when, why), so a school can see
how its teams grow over the years. Members are teachers; a coach may join as facilitator. Meetings are logged
with who came, notes, decisions and the next date; the notes are for members only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    PLAN_TOGETHER = "plan_together", _("Plan together")
    CO_TEACH = "co_teach", _("Co-teach")
    MULTI_AGE_PROJECT = "multi_age_project", _("Multi-age project team")


class Team(models.Model):
    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    # Empty when the team spans schools of the district.
    school = models.ForeignKey("people.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("team name"), max_length=120)
    purpose = models.TextField(_("what the team works on"), blank=True, default="")
    stage = models.CharField(_("stage"), max_length=24, choices=Stage.choices, default=Stage.PLAN_TOGETHER)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # The leaders' overview counts active teams by school and stage.
            models.Index(fields=["district", "is_active", "school", "stage"], name="teams_team_overview_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FACILITATOR = "facilitator", _("Facilitator")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships")
    role = models.CharField(_("role in the team"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "person__family_name", "person__given_name", "id"]
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="teams_member_unique")]
        indexes = [models.Index(fields=["person", "team"], name="teams_member_person_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.team_id}"


class StageChange(models.Model):
    """One move of a team between stages; the first row records the stage it started in."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=24, choices=Stage.choices, blank=True, default="")
    to_stage = models.CharField(max_length=24, choices=Stage.choices)
    reason = models.TextField(_("why"), blank=True, default="")
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_stage=models.F("to_stage")), name="teams_stage_change_moves"),
        ]

    def __str__(self) -> str:
        return f"{self.team_id}: {self.from_stage or '—'} → {self.to_stage}"


class Meeting(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="meetings")
    met_on = models.DateField(_("date"))
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    notes = models.TextField(_("notes"), blank=True, default="")
    decisions = models.TextField(_("decisions"), blank=True, default="")
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-met_on", "-id"]
        indexes = [models.Index(fields=["team", "-met_on"], name="teams_meeting_team_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_meeting_on__isnull=True) | Q(next_meeting_on__gte=models.F("met_on")),
                name="teams_meeting_next_after",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.met_on}"
