"""Goals, co-constructed with a guide and aligned upward to school and district goals.

A learner drafts a Goal, proposes it to a guide, the guide agrees (it becomes active) or asks for changes
with a comment; later it is achieved, revised or dropped. Every change of status or content is kept as a
GoalEvent (with a snapshot of the fields), so editing a goal someone agreed never loses what was agreed.
Leaders publish SystemGoals (school or district); a personal goal may align to one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SystemGoal(models.Model):
    """A school or district goal published by leaders; personal goals align to it."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("District goal")
        SCHOOL = "school", _("School goal")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("people.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=16, choices=Level.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, default="")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["level", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="district", school__isnull=True) | Q(level="school", school__isnull=False),
                name="goals_systemgoal_level_matches_school",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    class Kind(models.TextChoices):
        ACADEMIC = "academic", _("Academic")
        HABIT = "habit", _("Habit or skill")
        PERSONAL = "personal", _("Personal")
        PROFESSIONAL = "professional", _("Professional")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Waiting for agreement")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACTIVE = "active", _("Active")
        ACHIEVED = "achieved", _("Achieved")
        REVISED = "revised", _("Revised")
        DROPPED = "dropped", _("Dropped")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals")
    # The guide the goal is proposed to (teacher, mentor or coach); agreement is theirs to give.
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="guided_goals"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("goal"), max_length=200)
    # SMART
    specific = models.TextField(_("what exactly will I do?"), blank=True, default="")
    measure = models.TextField(_("how will I know I got there?"), blank=True, default="")
    achievable = models.TextField(_("why is it within reach?"), blank=True, default="")
    relevant = models.TextField(_("why does it matter to me?"), blank=True, default="")
    due_on = models.DateField(_("by when?"), null=True, blank=True)
    # WOOP (optional)
    wish = models.TextField(_("wish"), blank=True, default="")
    outcome = models.TextField(_("outcome"), blank=True, default="")
    obstacle = models.TextField(_("obstacle"), blank=True, default="")
    plan = models.TextField(_("plan (if… then…)"), blank=True, default="")
    aligned_to = models.ForeignKey(
        SystemGoal, null=True, blank=True, on_delete=models.SET_NULL, related_name="aligned_goals"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Goal this one replaced, when revised.
    revises = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions")
    progress = models.PositiveSmallIntegerField(default=0)  # 0-100, from the latest check-in
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    check_in_every_days = models.PositiveSmallIntegerField(default=14)
    next_check_in_on = models.DateField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["learner", "status"], name="goals_goal_learner_idx"),
            models.Index(fields=["guide", "status"], name="goals_goal_guide_idx"),
            models.Index(fields=["aligned_to", "status"], name="goals_goal_aligned_idx"),
            # The guide queue asks for each learner's latest activity.
            models.Index(fields=["learner", "-last_activity_at"], name="goals_goal_activity_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="goals_goal_progress_0_100"),
        ]

    def __str__(self) -> str:
        return self.title


class GoalEvent(models.Model):
    """History: every status change, edit and comment on a goal, with a snapshot of its fields at that time."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACHIEVED = "achieved", _("Achieved")
        REVISED = "revised", _("Revised")
        DROPPED = "dropped", _("Dropped")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    comment = models.TextField(blank=True, default="")
    snapshot = models.JSONField(default=dict)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.kind}"


class ActionStep(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="action_steps")
    title = models.CharField(_("step"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class CheckIn(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="check_ins")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("how is it going?"), blank=True, default="")
    next_step = models.TextField(_("next step"), blank=True, default="")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="goals_checkin_progress_0_100")]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.progress}%"
