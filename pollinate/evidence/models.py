"""Evidence of learning in any mode, with the audience its learner chose.

Files live in Django storage under a random name and are only ever served through an access-checked
view; nothing here has a guessable public URL.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who may see a learner's work. A ladder: each level includes the ones before it.

    only me < my guides < my family (+ guides) < my class (+ family, guides) < my school (+ all of those)
    < public showcase (anyone with the link, signed in or not).
    """

    ONLY_ME = "only_me", _("Only me")
    GUIDES = "guides", _("My guides")
    FAMILY = "family", _("My family")
    CLASS = "class", _("My class")
    SCHOOL = "school", _("My school")
    PUBLIC = "public", _("Public showcase")


AUDIENCE_ORDER = [a.value for a in Audience]


class Evidence(models.Model):
    class Kind(models.TextChoices):
        WRITING = "writing", _("Writing")
        DRAWING = "drawing", _("Drawing")
        AUDIO = "audio", _("Audio recording")
        VIDEO = "video", _("Video recording")
        PHOTO = "photo", _("Photo")
        FILE = "file", _("File")
        LINK = "link", _("Link")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # Sanitized HTML (nh3) for writing; a caption or description for other kinds.
    body = models.TextField(_("text"), blank=True, default="")
    link_url = models.URLField(_("link"), max_length=1000, blank=True, default="")
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True, default="")
    content_type = models.CharField(max_length=100, blank=True, default="")
    file_size = models.PositiveBigIntegerField(default=0)
    original_name = models.CharField(max_length=255, blank=True, default="")
    thumbnail = models.FileField(upload_to="evidence/thumbs/%Y/%m/", blank=True, default="")
    audience = models.CharField(_("who can see this"), max_length=16, choices=Audience.choices,
                                default=Audience.GUIDES)
    in_portfolio = models.BooleanField(_("show in my portfolio"), default=False)
    goal = models.ForeignKey("goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence")
    activity = models.ForeignKey("choice.Activity", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="evidence")
    inquiry = models.ForeignKey("inquiry.Inquiry", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="evidence")
    # When the work was produced (mastery orders scores by this, not by when it was graded).
    produced_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Set when a guide first responds; the guide queue lists evidence still waiting.
    first_feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["learner", "created_at"], name="evidence_learner_idx"),
            models.Index(fields=["goal"], name="evidence_goal_idx"),
            models.Index(fields=["learner", "in_portfolio"], name="evidence_portfolio_idx"),
            # The guide queue's "work waiting for feedback": small (most work gets answered), newest first.
            models.Index(fields=["learner", "-created_at"], name="evidence_awaiting_idx",
                         condition=Q(first_feedback_at__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="link") | ~Q(link_url=""), name="evidence_link_has_url"),
        ]

    def __str__(self) -> str:
        return self.title


class DistrictEvidenceSettings(models.Model):
    """What a district allows: audiences learners may choose, the youngest age for a public showcase,
    and the upload size limit."""

    district = models.OneToOneField("people.District", on_delete=models.CASCADE, related_name="evidence_settings")
    allowed_audiences = models.JSONField(default=list, blank=True)  # empty = all
    public_min_age = models.PositiveSmallIntegerField(default=13)
    max_upload_mb = models.PositiveIntegerField(default=50)

    def __str__(self) -> str:
        return f"evidence settings of {self.district_id}"
