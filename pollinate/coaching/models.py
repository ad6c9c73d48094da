"""Coaching that is scheduled, not optional: cycles, check-ins, cadences.

The network itself (who supports whom) is ``people.CoachingAssignment``: lead coach → site coach, coach →
teacher, mentor → student. This app holds what happens along those links:

- a ``CoachingCycle`` (Identify → Learn → Improve) built around a teacher's professional goal;
- ``ScheduledCheckIn``: a meeting between a supporter and the person they support, placed by hand or by the
  scheduler, with agenda, notes and agreed next steps (which become action steps on a goal);
- a ``CadenceRule`` saying how often each kind of relationship must meet, so a coverage view can say who is
  due, overdue or never seen, and escalate to the next tier;
- per-district ``CoachingSettings`` (target caseload ratio, grace period before escalation).

Coaching is confidential and never evaluation: notes are private to the two people unless shared.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CoachingSettings(models.Model):
    district = models.OneToOneField("people.District", on_delete=models.CASCADE, related_name="coaching_settings")
    # Teachers per coach a district aims for (the literature's typical 1:45).
    target_caseload = models.PositiveSmallIntegerField(_("target teachers per coach"), default=45)
    # School days an overdue check-in may wait before it is escalated to the supporter's own coach.
    escalation_grace_days = models.PositiveSmallIntegerField(
        _("grace period before escalation (school days)"), default=3
    )

    def __str__(self) -> str:
        return f"coaching settings for {self.district_id}"


class ClosureDay(models.Model):
    """A weekday with no school in the district (a holiday, a staff day): it does not count as a school day."""

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120, blank=True, default="")

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["district", "date"], name="coaching_closure_unique_day")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}".strip()


class CadenceRule(models.Model):
    """How often a kind of supporting relationship must meet, district-wide or for one school.

    ``requires_supporter`` makes the relationship compulsory: every person in scope who should have such a
    supporter (every teacher for coach_to_teacher, every site coach for lead_to_site, every student for
    mentor_to_student) and has none is flagged.
    """

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("people.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(
        max_length=24,
        choices=[
            ("lead_to_site", _("Lead coach supports site coach")),
            ("coach_to_teacher", _("Coach supports teacher")),
            ("mentor_to_student", _("Mentor supports student")),
        ],
    )
    every_school_days = models.PositiveSmallIntegerField(_("at least every (school days)"), default=10)
    requires_supporter = models.BooleanField(_("everyone must have a supporter"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district", "school", "kind"],
                name="coaching_cadence_unique_school",
                condition=Q(school__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["district", "kind"], name="coaching_cadence_unique_district", condition=Q(school__isnull=True)
            ),
            models.CheckConstraint(condition=Q(every_school_days__gte=1), name="coaching_cadence_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} every {self.every_school_days} school days"


class CoachingCycle(models.Model):
    """One Impact Cycle around a coachee's professional goal: Identify → Learn → Improve."""

    class Stage(models.TextChoices):
        IDENTIFY = "identify", _("Identify")
        LEARN = "learn", _("Learn")
        IMPROVE = "improve", _("Improve")

    class Approach(models.TextChoices):
        FACILITATIVE = "facilitative", _("Facilitative")
        DIALOGICAL = "dialogical", _("Dialogical")
        DIRECTIVE = "directive", _("Directive")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        PAUSED = "paused", _("Paused")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cycles_led")
    coachee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cycles_joined")
    goal = models.ForeignKey("goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("focus"), max_length=200)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.IDENTIFY)
    approach = models.CharField(_("approach"), max_length=16, choices=Approach.choices, default=Approach.DIALOGICAL)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    # Identify: the current reality, from the coachee's own students' evidence where there is some.
    baseline = models.TextField(_("where are students now? (baseline)"), blank=True, default="")
    # Learn: the teaching strategy chosen and how it was modelled.
    strategy = models.TextField(_("strategy"), blank=True, default="")
    modelling_notes = models.TextField(_("modelling or observation notes"), blank=True, default="")
    # Improve: the teacher's try, what changed, and their reflection.
    try_notes = models.TextField(_("how the try went"), blank=True, default="")
    post_evidence = models.TextField(_("where are students now? (after)"), blank=True, default="")
    reflection = models.TextField(_("reflection"), blank=True, default="")
    evidence = models.ManyToManyField("evidence.Evidence", blank=True, related_name="+")
    # The coachee's choice: let the coach's own coach (a lead coach) read this cycle. Nobody else ever may.
    shared_with_coachs_coach = models.BooleanField(_("share with my coach's own coach"), default=False)
    started_on = models.DateField(_("started"), default=timezone.localdate)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(coach=models.F("coachee")), name="coaching_cycle_not_self")]
        indexes = [models.Index(fields=["coachee", "status"], name="coaching_cycle_coachee_idx")]

    def __str__(self) -> str:
        return self.title


class ScheduledCheckIn(models.Model):
    """A meeting between a supporter (host) and the person they support (attendee).

    Placed by hand or proposed by the scheduler. A proposed slot becomes scheduled when accepted; a locked slot
    is kept as it is by every later scheduler run.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        MISSED = "missed", _("Missed")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Set by hand")
        SCHEDULER = "scheduler", _("Proposed by the scheduler")

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(
        "people.CoachingAssignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="check_ins"
    )
    kind = models.CharField(max_length=24, choices=CadenceRule._meta.get_field("kind").choices)
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins_hosted")
    attendee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins_attended")
    school = models.ForeignKey("people.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    cycle = models.ForeignKey(CoachingCycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="check_ins")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Day of week (0 = Monday) and bell-schedule period, when the slot came from (or fits) a bell schedule.
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    period = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    locked = models.BooleanField(_("keep this slot when re-scheduling"), default=False)
    schedule_run = models.ForeignKey(
        "scheduling.ScheduleRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="check_ins"
    )
    agenda = models.TextField(_("agenda"), blank=True, default="")
    # Private to host and attendee unless notes_shared (see policies).
    notes = models.TextField(_("notes"), blank=True, default="")
    notes_shared = models.BooleanField(_("share notes with the supporter's own coach"), default=False)
    held_at = models.DateTimeField(null=True, blank=True)
    # The follow-up check: set when someone confirmed the agreed next steps happened (or did not).
    followed_up_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(host=models.F("attendee")), name="coaching_checkin_not_self"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="coaching_checkin_ends_after"),
        ]
        indexes = [
            models.Index(fields=["host", "starts_at"], name="coaching_checkin_host_idx"),
            models.Index(fields=["attendee", "starts_at"], name="coaching_checkin_attendee_idx"),
            models.Index(fields=["district", "status", "starts_at"], name="coaching_checkin_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.host_id}→{self.attendee_id} {self.starts_at:%Y-%m-%d %H:%M}"


class NextStep(models.Model):
    """A next step agreed at a check-in; it lives on as an action step on the attendee's goal."""

    check_in = models.ForeignKey(ScheduledCheckIn, on_delete=models.CASCADE, related_name="next_steps")
    action_step = models.OneToOneField("goals.ActionStep", on_delete=models.CASCADE, related_name="from_check_in")

    def __str__(self) -> str:
        return f"{self.check_in_id}: {self.action_step_id}"


class Escalation(models.Model):
    """An overdue check-in raised to the next tier, once: the row makes ``escalate_overdue`` idempotent."""

    district = models.ForeignKey("people.District", on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey("people.CoachingAssignment", on_delete=models.CASCADE, related_name="+")
    # The due date that was missed: a later miss of the same relationship is a new item.
    due_on = models.DateField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "due_on", "recipient"], name="coaching_escalation_once_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} due {self.due_on} → {self.recipient_id}"
