"""Automatic scheduling of check-ins into the school week.

A ``ScheduleRun`` is one solve for one week: what it was asked, how far it got (progress for the page),
what it proposed (``coaching.ScheduledCheckIn`` rows with ``source=scheduler``), what it could not place and
why, and the solver's figures (objective, proven bound, gap). The inputs (bell schedules, free periods,
coach capacity, travel times) are modelled beside it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
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
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
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


class SchedulingSettings(models.Model):
    """District-wide scheduling choices: the clock check-ins are placed in and the travel guess for unknown pairs."""

    district = models.OneToOneField("people.District", on_delete=models.CASCADE, related_name="scheduling_settings")
    timezone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    # Used for a pair of schools nobody has entered a travel time for (see solver/instance.py).
    default_travel_minutes = models.PositiveSmallIntegerField(_("travel minutes when not entered"), default=20)

    def __str__(self) -> str:
        return f"scheduling settings for {self.district_id}"


class BellSchedule(models.Model):
    """A school's week: ``days`` school days (Monday first) of the same numbered periods."""

    school = models.OneToOneField("people.School", on_delete=models.CASCADE, related_name="bell_schedule")
    days = models.PositiveSmallIntegerField(_("school days a week"), default=5)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=1, days__lte=7), name="scheduling_bell_days_range"),
        ]

    def __str__(self) -> str:
        return f"bell schedule of {self.school_id}"


class BellPeriod(models.Model):
    schedule = models.ForeignKey(BellSchedule, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("period"))  # 1, 2, ... as the school names them
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))

    class Meta:
        ordering = ["schedule", "number"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "number"], name="scheduling_period_unique_number"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="scheduling_period_ends_after"),
            models.CheckConstraint(condition=Q(number__gte=1), name="scheduling_period_number_positive"),
        ]

    def __str__(self) -> str:
        return f"period {self.number} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class FreePeriod(models.Model):
    """A weekly slot in which a teacher (or anyone coached) has no class and can meet their coach."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="free_periods")
    weekday = models.PositiveSmallIntegerField()  # 0 = Monday
    period = models.PositiveSmallIntegerField()  # the bell-schedule period number (from 1)

    class Meta:
        ordering = ["person", "weekday", "period"]
        constraints = [
            models.UniqueConstraint(fields=["person", "weekday", "period"], name="scheduling_free_unique_slot"),
            models.CheckConstraint(condition=Q(weekday__lte=6, period__gte=1), name="scheduling_free_slot_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} free {self.weekday}/{self.period}"


class CoachProfile(models.Model):
    """How a coach's week works: where they are based and how many check-ins they take a day.

    A coach is free in every period except the ``busy`` ones ([[weekday, period], ...]).
    """

    coach = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile")
    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    home_school = models.ForeignKey(
        "people.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("home school"),
    )
    max_per_day = models.PositiveSmallIntegerField(_("most check-ins a day"), default=4)
    busy = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"coach profile of {self.coach_id}"


class TravelTime(models.Model):
    """Minutes between two schools, either way (stored once, with the smaller school id first)."""

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    school_a = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="+")
    school_b = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveSmallIntegerField(_("travel minutes"))

    class Meta:
        ordering = ["school_a", "school_b"]
        constraints = [
            models.UniqueConstraint(fields=["school_a", "school_b"], name="scheduling_travel_unique_pair"),
            models.CheckConstraint(condition=Q(school_a__lt=F("school_b")), name="scheduling_travel_ordered_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.school_a_id}↔{self.school_b_id}: {self.minutes} min"
