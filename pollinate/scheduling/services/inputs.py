"""Writes of the scheduler's inputs: free periods, coach profiles, bell schedules, travel times."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.people.models import Person, School
from pollinate.scheduling import policies
from pollinate.scheduling.defaults import DEFAULT_DAYS
from pollinate.scheduling.models import (
    BellPeriod,
    BellSchedule,
    CoachProfile,
    FreePeriod,
    SchedulingSettings,
    TravelTime,
)

# Inputs


def _slots(slots: Iterable[tuple[int, int]], *, days: int = 7, periods: int = 20) -> set[tuple[int, int]]:
    result = set()
    for weekday, period in slots:
        weekday, period = int(weekday), int(period)
        if not (0 <= weekday < days and 1 <= period <= periods):
            raise ApplicationError(_("There is no period %(period)s on that day.") % {"period": period})
        result.add((weekday, period))
    return result


def free_periods_set(*, actor: Any, person: Person, slots: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Replace a person's weekly free periods with ``slots`` ((weekday 0-6, period from 1) pairs)."""
    require(policies.can_edit_free_periods(actor, person))
    wanted = _slots(slots)
    with transaction.atomic():
        FreePeriod.objects.filter(person=person).delete()
        FreePeriod.objects.bulk_create(FreePeriod(person=person, weekday=d, period=p) for d, p in sorted(wanted))
        audit_log(actor, "scheduling.free_periods_set", person, district_id=person.district_id, count=len(wanted))
    return wanted


def coach_profile_save(
    *, actor: Any, coach: Person, home_school: School | None, max_per_day: int, busy: Iterable[tuple[int, int]] = ()
) -> CoachProfile:
    require(policies.can_edit_coach_profile(actor, coach))
    if home_school is not None and home_school.district_id != coach.district_id:
        raise ApplicationError(_("The home school must be in the coach's district."))
    if not 0 <= int(max_per_day) <= 20:
        raise ApplicationError(_("The most check-ins a day must be between 0 and 20."))
    busy_slots = sorted(_slots(busy))
    with transaction.atomic():
        profile, _created = CoachProfile.objects.update_or_create(
            coach=coach,
            defaults={
                "district_id": coach.district_id,
                "home_school": home_school,
                "max_per_day": int(max_per_day),
                "busy": [list(s) for s in busy_slots],
                "updated_at": timezone.now(),
            },
        )
        audit_log(
            actor,
            "scheduling.coach_profile_saved",
            profile,
            district_id=coach.district_id,
            max_per_day=int(max_per_day),
            home_school_id=home_school.pk if home_school else None,
        )
    return profile


def bell_schedule_save(
    *, actor: Any, school: School, periods: list[tuple[dt.time, dt.time]], days: int = DEFAULT_DAYS
) -> BellSchedule:
    """Replace a school's bell schedule: ``periods`` in order (start, end), the same every school day."""
    require(policies.can_edit_bell_schedule(actor, school))
    if not periods:
        raise ApplicationError(_("Enter at least one period."))
    if not 1 <= int(days) <= 7:
        raise ApplicationError(_("A school week has between 1 and 7 days."))
    for i, (starts, ends) in enumerate(periods, start=1):
        if ends <= starts:
            raise ApplicationError(_("Period %(n)s must end after it starts.") % {"n": i})
        if i > 1 and starts < periods[i - 2][1]:
            raise ApplicationError(_("Period %(n)s starts before the one before it ends.") % {"n": i})
    with transaction.atomic():
        schedule, _created = BellSchedule.objects.update_or_create(
            school=school, defaults={"days": int(days), "updated_at": timezone.now()}
        )
        schedule.periods.all().delete()
        BellPeriod.objects.bulk_create(
            BellPeriod(schedule=schedule, number=i, starts_at=s, ends_at=e) for i, (s, e) in enumerate(periods, 1)
        )
        audit_log(
            actor, "scheduling.bell_schedule_saved", schedule, district_id=school.district_id, periods=len(periods)
        )
    return schedule


def travel_time_set(*, actor: Any, school_a: School, school_b: School, minutes: int | None) -> TravelTime | None:
    """Set (or with ``minutes=None`` clear, falling back to the district default) the minutes between two schools."""
    require(policies.can_edit_travel_times(actor, school_a.district_id))
    if school_a.district_id != school_b.district_id or school_a.pk == school_b.pk:
        raise ApplicationError(_("Choose two different schools of the same district."))
    if minutes is not None and not 0 <= int(minutes) <= 600:
        raise ApplicationError(_("Travel time must be between 0 and 600 minutes."))
    a, b = sorted([school_a, school_b], key=lambda s: s.pk)
    with transaction.atomic():
        if minutes is None:
            TravelTime.objects.filter(school_a=a, school_b=b).delete()
            row = None
        else:
            row, _created = TravelTime.objects.update_or_create(
                school_a=a, school_b=b, defaults={"district_id": a.district_id, "minutes": int(minutes)}
            )
        audit_log(
            actor,
            "scheduling.travel_time_set",
            row,
            district_id=a.district_id,
            school_a=a.pk,
            school_b=b.pk,
            minutes=minutes,
        )
    return row


def scheduling_settings_save(
    *, actor: Any, district_id: int, default_travel_minutes: int, timezone_name: str
) -> SchedulingSettings:
    """The district's clock for check-in times and the travel minutes assumed for pairs nobody entered."""
    require(policies.can_edit_travel_times(actor, district_id))
    if timezone_name not in zoneinfo.available_timezones():
        raise ApplicationError(_("“%(name)s” is not a time zone name like America/Chicago.") % {"name": timezone_name})
    if not 0 <= int(default_travel_minutes) <= 600:
        raise ApplicationError(_("Travel time must be between 0 and 600 minutes."))
    with transaction.atomic():
        row, _created = SchedulingSettings.objects.update_or_create(
            district_id=district_id,
            defaults={"default_travel_minutes": int(default_travel_minutes), "timezone": timezone_name},
        )
        audit_log(
            actor,
            "scheduling.settings_saved",
            row,
            district_id=district_id,
            default_travel_minutes=int(default_travel_minutes),
            timezone=timezone_name,
        )
    return row
