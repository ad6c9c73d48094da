"""The learner profile: how a learner accesses information, engages and expresses what they know.

Strengths, challenges, preferences and needs in each of the three areas, plus interests, talents,
aspirations and the learner's own story. Never disability or "learning style" labels.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LearnerProfile(models.Model):
    learner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_profile")
    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    access_strengths = models.TextField(_("how I access information: strengths"), blank=True, default="")
    access_challenges = models.TextField(_("how I access information: challenges"), blank=True, default="")
    access_preferences = models.TextField(_("how I access information: preferences"), blank=True, default="")
    access_needs = models.TextField(_("how I access information: needs"), blank=True, default="")
    engage_strengths = models.TextField(_("how I engage: strengths"), blank=True, default="")
    engage_challenges = models.TextField(_("how I engage: challenges"), blank=True, default="")
    engage_preferences = models.TextField(_("how I engage: preferences"), blank=True, default="")
    engage_needs = models.TextField(_("how I engage: needs"), blank=True, default="")
    express_strengths = models.TextField(_("how I express what I know: strengths"), blank=True, default="")
    express_challenges = models.TextField(_("how I express what I know: challenges"), blank=True, default="")
    express_preferences = models.TextField(_("how I express what I know: preferences"), blank=True, default="")
    express_needs = models.TextField(_("how I express what I know: needs"), blank=True, default="")
    interests = models.TextField(_("interests"), blank=True, default="")
    talents = models.TextField(_("talents"), blank=True, default="")
    aspirations = models.TextField(_("aspirations"), blank=True, default="")
    story = models.TextField(_("my story"), blank=True, default="")
    # Preferred ways of showing learning (evidence kinds), used to rank suggestions later.
    preferred_modes = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"profile of {self.learner_id}"
