"""Arranging the proposed slots: accept, lock or unlock, move (checked against both people's week)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.coaching.cadence import calendar_for, monday_of
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, Conflict
from pollinate.scheduling import policies
from pollinate.scheduling.defaults import DEFAULT_DAYS, scheduling_settings
from pollinate.scheduling.models import (
    CoachProfile,
    FreePeriod,
)
from pollinate.scheduling.services.week import _period_times, slot_times

CheckInStatus = ScheduledCheckIn.Status


# Arranging slots


def _arrangeable(actor: Any, check_in: ScheduledCheckIn) -> None:
    require(policies.can_arrange_slot(actor, check_in))
    if check_in.status not in (CheckInStatus.PROPOSED, CheckInStatus.SCHEDULED):
        raise Conflict(
            _("This check-in is “%(status)s”: it can no longer be changed here.")
            % {"status": CheckInStatus(check_in.status).label}
        )


def slot_accept(*, actor: Any, check_in: ScheduledCheckIn) -> ScheduledCheckIn:
    _arrangeable(actor, check_in)
    if check_in.status != CheckInStatus.PROPOSED:
        raise Conflict(_("This check-in is already accepted."))
    with transaction.atomic():
        check_in.status = CheckInStatus.SCHEDULED
        check_in.updated_at = timezone.now()
        check_in.save(update_fields=["status", "updated_at"])
        audit_log(actor, "scheduling.slot_accepted", check_in, district_id=check_in.district_id)
    return check_in


def slot_lock(*, actor: Any, check_in: ScheduledCheckIn, locked: bool = True) -> ScheduledCheckIn:
    _arrangeable(actor, check_in)
    with transaction.atomic():
        check_in.locked = bool(locked)
        check_in.updated_at = timezone.now()
        check_in.save(update_fields=["locked", "updated_at"])
        audit_log(
            actor,
            "scheduling.slot_locked" if locked else "scheduling.slot_unlocked",
            check_in,
            district_id=check_in.district_id,
        )
    return check_in


def slot_move(*, actor: Any, check_in: ScheduledCheckIn, weekday: int, period: int) -> ScheduledCheckIn:
    """Move a slot to another period of the same week (``period`` from 1), if both people are free then."""
    _arrangeable(actor, check_in)
    prefs = scheduling_settings(check_in.district_id)
    tz = zoneinfo.ZoneInfo(prefs.timezone or settings.TIME_ZONE)
    monday = monday_of(timezone.localtime(check_in.starts_at, tz).date())
    period_times, school_days = _period_times({check_in.school_id} if check_in.school_id else set())
    times = period_times.get(check_in.school_id) or period_times[None]
    days = school_days.get(check_in.school_id, DEFAULT_DAYS)
    weekday, period = int(weekday), int(period)
    if not (0 <= weekday < days and 1 <= period <= len(times)):
        raise ApplicationError(_("There is no period %(period)s on that day.") % {"period": period})
    if not calendar_for(check_in.district_id).is_school_day(monday + dt.timedelta(days=weekday)):
        raise ApplicationError(_("There is no school that day."))
    attendee_free = set(FreePeriod.objects.filter(person_id=check_in.attendee_id).values_list("weekday", "period"))
    if attendee_free and (weekday, period) not in attendee_free:
        raise ApplicationError(_("%(name)s is not free then.") % {"name": check_in.attendee.display_name})
    profile = CoachProfile.objects.filter(coach_id=check_in.host_id).first()
    if profile and [weekday, period] in profile.busy:
        raise ApplicationError(_("The coach is busy then."))
    start = dt.datetime.combine(monday, dt.time.min, tz)
    same_week = (
        ScheduledCheckIn.objects.filter(
            starts_at__gte=start,
            starts_at__lt=start + dt.timedelta(days=7),
        )
        .exclude(pk=check_in.pk)
        .exclude(status__in=[CheckInStatus.CANCELLED, CheckInStatus.MISSED])
    )
    people = [check_in.host_id, check_in.attendee_id]
    if same_week.filter(Q(host_id__in=people) | Q(attendee_id__in=people), weekday=weekday, period=period).exists():
        raise ApplicationError(_("One of you already has a check-in then."))
    limit = profile.max_per_day if profile else 4
    if weekday != check_in.weekday and same_week.filter(host_id=check_in.host_id, weekday=weekday).count() >= limit:
        raise ApplicationError(_("The coach already has %(n)s check-ins that day.") % {"n": limit})
    starts, ends = slot_times(
        monday=monday,
        tz=tz,
        period_times=period_times,
        school_id=check_in.school_id,
        weekday=weekday,
        period=period - 1,
    )
    with transaction.atomic():
        before = (check_in.weekday, check_in.period)
        check_in.weekday, check_in.period = weekday, period
        check_in.starts_at, check_in.ends_at = starts, ends
        check_in.updated_at = timezone.now()
        check_in.save(update_fields=["weekday", "period", "starts_at", "ends_at", "updated_at"])
        audit_log(
            actor,
            "scheduling.slot_moved",
            check_in,
            district_id=check_in.district_id,
            before=list(before),
            after=[weekday, period],
        )
    return check_in
