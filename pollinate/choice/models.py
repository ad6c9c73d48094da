"""Choice: activities offered on choice boards (an unordered menu) and playlists (an ordered path).

Teachers publish boards and playlists for their classes; learners choose an activity, or propose their own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Activity(models.Model):
    class ChoiceKind(models.TextChoices):
        CONTENT = "content", _("Choice of content")
        PROCESS = "process", _("Choice of process")
        PRODUCT = "product", _("Choice of product")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("activity"), max_length=200)
    description = models.TextField(_("what to do"), blank=True, default="")
    choice_kind = models.CharField(max_length=16, choices=ChoiceKind.choices, default=ChoiceKind.PRODUCT)
    # Ways a learner may show this (evidence kinds); empty = any.
    evidence_modes = models.JSONField(default=list, blank=True)
    aligned_goals = models.ManyToManyField("goals.SystemGoal", blank=True, related_name="activities")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # A learner-proposed activity waits for their teacher's approval.
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="proposed_activities")
    is_approved = models.BooleanField(default=True)
    # A declined proposal is kept (not deleted) so the learner sees why; pending = proposed, not approved, not declined.
    declined_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("note from the teacher"), blank=True, default="")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_proposal(self) -> bool:
        return self.proposed_by_id is not None

    @property
    def is_pending(self) -> bool:
        return self.proposed_by_id is not None and not self.is_approved and self.declined_at is None

    @property
    def is_declined(self) -> bool:
        return self.declined_at is not None


class Pathway(models.Model):
    """A choice board (unordered menu) or a playlist (ordered path) for one or more classes."""

    class Kind(models.TextChoices):
        CHOICE_BOARD = "board", _("Choice board")
        PLAYLIST = "playlist", _("Playlist")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True, default="")
    sections = models.ManyToManyField("people.Section", related_name="pathways")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    is_published = models.BooleanField(default=False)
    # How many activities a learner should pick from a board (ignored for playlists: all, in order).
    picks_required = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class PathwayItem(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="items")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["pathway", "activity"], name="choice_item_unique")]

    def __str__(self) -> str:
        return f"{self.pathway_id}#{self.position}"


class ActivityChoice(models.Model):
    """A learner's pick of an activity on a pathway, and how far they got with it."""

    class Status(models.TextChoices):
        CHOSEN = "chosen", _("Chosen")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_choices")
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="choices")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="choices")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHOSEN)
    chosen_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "pathway", "activity"], name="choice_pick_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} chose {self.activity_id}"
