"""Scores on evidence, right/wrong quick checks, and the mastery each learner has reached per competency.

A ``Score`` rates one piece of evidence against one competency on the framework's rubric: the learner's own
rating (``self``) and their guide's (``guide``), at most one of each per evidence × competency; re-scoring
updates the row and counts the revision. ``produced_on`` is copied from the evidence because mastery orders
scores by when the work was done, not when it was graded. ``QuickCheckResponse`` rows are right/wrong items
(an exit ticket, a quiz) that feed Bayesian Knowledge Tracing. ``MasteryRecord`` is the denormalised
learner × competency row the class grid and every "level" on a page read; services keep it current.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Score(models.Model):
    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide's rating")
        SELF = "self", _("Self-assessment")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    # Copied from the evidence: the grid and recompute read scores by learner without joining evidence.
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scores")
    evidence = models.ForeignKey("evidence.Evidence", on_delete=models.CASCADE, related_name="scores")
    competency = models.ForeignKey("competencies.Competency", on_delete=models.CASCADE, related_name="scores")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    level = models.FloatField(_("level"))
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(_("comment"), blank=True, default="")
    produced_on = models.DateField()
    scored_at = models.DateTimeField(default=timezone.now)
    # Re-scoring keeps the row; how many times it changed and the level before the last change.
    revision = models.PositiveSmallIntegerField(default=1)
    previous_level = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["produced_on", "scored_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evidence", "competency", "kind"], name="mastery_score_one_per_kind"),
            models.CheckConstraint(condition=Q(level__gte=0), name="mastery_score_level_not_negative"),
        ]
        indexes = [
            # One learner × competency in produced order (incremental recompute, "why", progress).
            models.Index(fields=["learner", "competency", "kind", "produced_on"], name="mastery_score_lc_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.level} on {self.evidence_id}/{self.competency_id}"


class QuickCheck(models.Model):
    """A set of right/wrong items taken by learners (an exit ticket, a quiz), usually imported from CSV."""

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey("competencies.Framework", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey("people.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class QuickCheckResponse(models.Model):
    quick_check = models.ForeignKey(QuickCheck, on_delete=models.CASCADE, related_name="responses")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey("competencies.Competency", on_delete=models.CASCADE, related_name="+")
    item = models.CharField(_("item"), max_length=120)
    correct = models.BooleanField()
    answered_on = models.DateField()

    class Meta:
        ordering = ["answered_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["quick_check", "learner", "item"], name="mastery_response_unique"),
        ]
        indexes = [models.Index(fields=["learner", "competency", "answered_on"], name="mastery_response_lc_idx")]

    def __str__(self) -> str:
        return f"{self.learner_id} {self.item} {'right' if self.correct else 'wrong'}"


class MasteryRecord(models.Model):
    class Status(models.TextChoices):
        MASTERED = "mastered", _("Mastered")
        WORKING = "working", _("Working on it")
        NOT_STARTED = "not_started", _("Not started")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mastery")
    # The framework is copied from the competency so the grid filters one index, without a join.
    framework = models.ForeignKey("competencies.Framework", on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey("competencies.Competency", on_delete=models.CASCADE, related_name="+")
    level = models.FloatField(null=True, blank=True)
    method = models.CharField(max_length=32, blank=True, default="")
    n_scores = models.PositiveIntegerField(default=0)
    last_produced_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    # Bayesian Knowledge Tracing over quick-check responses: the probability the skill is known.
    p_mastery = models.FloatField(null=True, blank=True)
    n_responses = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "competency"], name="mastery_record_unique"),
        ]
        indexes = [models.Index(fields=["framework", "learner"], name="mastery_record_grid_idx")]

    def __str__(self) -> str:
        return f"{self.learner_id}/{self.competency_id}: {self.level}"


class Recalculation(models.Model):
    """One rebuild of a framework's stored levels after its calculation changed (of one district's learners on a
    built-in framework). It runs in the background for tens of seconds at district scale, inside one transaction
    so nobody sees a half-rebuilt framework; the page estimates its progress from the previous rebuild's speed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Recalculating")
        DONE = "done", _("Done")
        FAILED = "failed", _("Stopped")

    framework = models.ForeignKey("competencies.Framework", on_delete=models.CASCADE, related_name="+")
    # None: every district's learners (a district's own framework, or the command line).
    district = models.ForeignKey("people.District", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    # The records there were when it was asked for: what the estimate divides by.
    expected_records = models.PositiveIntegerField(default=0)
    records = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    message = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["framework", "district", "-created_at"], name="mastery_recalc_latest_idx")]

    def __str__(self) -> str:
        return f"recalculation of {self.framework_id} ({self.status})"


class ExpectedLevel(models.Model):
    """A school's expected progression for a framework: by this date, learners are expected at this level.

    Between two checkpoints the expectation rises in a straight line; before the first there is none.
    """

    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey("competencies.Framework", on_delete=models.CASCADE, related_name="+")
    by_date = models.DateField(_("by"))
    level = models.FloatField(_("expected level"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["school", "framework", "by_date"]
        constraints = [
            models.UniqueConstraint(fields=["school", "framework", "by_date"], name="mastery_expected_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.level} by {self.by_date}"


class ActivityCompetency(models.Model):
    """Which competencies a choice-board or playlist activity practises (so next steps can suggest it)."""

    activity = models.ForeignKey("choice.Activity", on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey("competencies.Competency", on_delete=models.CASCADE, related_name="+")
    # The rubric level the activity helps a learner reach (None: any level).
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "competency"], name="mastery_activity_competency_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} → {self.competency_id}"


class DismissedSuggestion(models.Model):
    """A next step the learner said no to: choice stays theirs, so it is not suggested again."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey("choice.Activity", on_delete=models.CASCADE, related_name="+")
    dismissed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "activity"], name="mastery_dismissed_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} dismissed {self.activity_id}"
