"""Inquiry: a learner's question (or a teacher's essential question) → plan → sources → evidence → findings,
shared with an audience. Teachers use the same thing for action research."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pollinate.evidence.models import Audience


class EssentialQuestion(models.Model):
    """A question a teacher offers to a class for learners to take up."""

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    question = models.CharField(_("essential question"), max_length=300)
    sections = models.ManyToManyField("people.Section", related_name="essential_questions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.question


class Inquiry(models.Model):
    class Kind(models.TextChoices):
        INQUIRY = "inquiry", _("Inquiry")
        ACTION_RESEARCH = "action_research", _("Action research")

    class Stage(models.TextChoices):
        QUESTION = "question", _("Question")
        PLAN = "plan", _("Plan")
        INVESTIGATE = "investigate", _("Investigate")
        FINDINGS = "findings", _("Findings")
        SHARED = "shared", _("Shared")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inquiries")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INQUIRY)
    question = models.CharField(_("my question"), max_length=300)
    essential_question = models.ForeignKey(EssentialQuestion, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="inquiries")
    goal = models.ForeignKey("goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries")
    plan = models.TextField(_("my plan"), blank=True, default="")
    findings = models.TextField(_("what I found"), blank=True, default="")  # sanitized HTML
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.QUESTION)
    audience = models.CharField(_("who can see this"), max_length=16, choices=Audience.choices,
                                default=Audience.GUIDES)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "inquiries"

    def __str__(self) -> str:
        return self.question


class InquirySource(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("source"), max_length=300)
    url = models.URLField(_("link"), max_length=1000, blank=True, default="")
    note = models.TextField(_("what I learned from it"), blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title
