"""Coaching records for tests, written straight to the database: services are what the tests exercise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pollinate.coaching.models import CadenceRule, CoachingCycle, ScheduledCheckIn
from pollinate.people.models import CoachingAssignment


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An aware datetime on ``day`` in the current time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def make_assignment(
    coach: Any,
    coachee: Any,
    kind: str = CoachingAssignment.Kind.COACH_TO_TEACHER,
    *,
    started_on: dt.date | None = None,
    **fields: Any,
) -> CoachingAssignment:
    if started_on is not None:
        fields["created_at"] = at(started_on, 8)
    return CoachingAssignment.objects.create(
        district_id=coach.district_id, coach=coach, coachee=coachee, kind=kind, **fields
    )


def make_rule(
    district: Any, kind: str = CoachingAssignment.Kind.COACH_TO_TEACHER, every: int = 10, **fields: Any
) -> CadenceRule:
    return CadenceRule.objects.create(district=district, kind=kind, every_school_days=every, **fields)


def make_check_in(
    host: Any,
    attendee: Any,
    on: dt.date,
    *,
    status: str = ScheduledCheckIn.Status.SCHEDULED,
    hour: int = 10,
    kind: str = CoachingAssignment.Kind.COACH_TO_TEACHER,
    **fields: Any,
) -> ScheduledCheckIn:
    starts_at = at(on, hour)
    if status == ScheduledCheckIn.Status.HELD:
        fields.setdefault("held_at", starts_at)
    return ScheduledCheckIn.objects.create(
        district_id=host.district_id,
        host=host,
        attendee=attendee,
        kind=kind,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=30),
        status=status,
        **fields,
    )


def make_cycle(coach: Any, coachee: Any, **fields: Any) -> CoachingCycle:
    fields.setdefault("title", "Students explain their thinking in writing")
    return CoachingCycle.objects.create(district_id=coachee.district_id, coach=coach, coachee=coachee, **fields)
