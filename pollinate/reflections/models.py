"""Reflection and feedback: metacognitive prompts answered by the learner, and guides' comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReflectionPrompt(models.Model):
    """The prompt bank. District-wide prompts (district set) plus the built-in ones (district empty)."""

    class Stem(models.TextChoices):
        WHAT = "what", _("What am I learning?")
        WHY = "why", _("Why am I learning it?")
        HOW_KNOW = "how_know", _("How do I know?")
        NEXT = "next", _("What is next?")
        HELPED = "helped", _("What helped?")
        IN_THE_WAY = "in_the_way", _("What got in the way?")

    district = models.ForeignKey("people.District", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    stem = models.CharField(max_length=16, choices=Stem.choices)
    text = models.CharField(_("prompt"), max_length=300)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["stem", "id"]

    def __str__(self) -> str:
        return self.text


class Reflection(models.Model):
    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    prompt = models.ForeignKey(ReflectionPrompt, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    prompt_text = models.CharField(max_length=300, blank=True, default="")  # kept if the prompt changes later
    body = models.TextField(_("my reflection"))  # sanitized HTML
    goal = models.ForeignKey("goals.Goal", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="reflections")
    evidence = models.ForeignKey("evidence.Evidence", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="reflections")
    # Reflections are shared with guides by default; the learner may keep one private.
    shared_with_guides = models.BooleanField(_("share with my guides"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a guide first responds (``feedback_add``); the guide queue lists shared reflections still waiting
    # without looking through the feedback table.
    first_feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["learner", "created_at"], name="reflections_learner_idx"),
            models.Index(fields=["learner", "-created_at"], name="reflections_awaiting_idx",
                         condition=Q(first_feedback_at__isnull=True, shared_with_guides=True)),
        ]

    def __str__(self) -> str:
        return self.prompt_text or str(self.pk)


class Feedback(models.Model):
    """A guide's comment on a piece of evidence or a reflection (exactly one of the two)."""

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    evidence = models.ForeignKey("evidence.Evidence", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="feedback")
    reflection = models.ForeignKey(Reflection, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="feedback")
    body = models.TextField(_("feedback"))  # sanitized HTML
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(evidence__isnull=False) & Q(reflection__isnull=True))
                | (Q(evidence__isnull=True) & Q(reflection__isnull=False)),
                name="reflections_feedback_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"feedback {self.pk}"
