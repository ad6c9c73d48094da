"""Automatic scheduling of check-ins into the school week.

A ``ScheduleRun`` is one solve for one week: what it was asked, how far it got (progress for the page),
what it proposed (``coaching.ScheduledCheckIn`` rows with ``source=scheduler``), what it could not place and
why, and the solver's figures (objective, proven bound, gap). The inputs (bell schedules, free periods,
coach capacity, travel times) are modelled beside it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScheduleRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Solving")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    # The coach who asked (a site coach scheduling their caseload) or None for a district-wide run.
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    week_of = models.DateField(_("week of"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # 0-100, for the page while it solves
    message = models.CharField(max_length=255, blank=True, default="")
    time_limit_seconds = models.PositiveIntegerField(default=30)
    placed = models.PositiveIntegerField(default=0)
    requested = models.PositiveIntegerField(default=0)
    travel_minutes = models.PositiveIntegerField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    # [{"attendee_id": .., "host_id": .., "reason": ".."}] for every request that could not be placed.
    unplaced = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"schedule {self.week_of} ({self.status})"
