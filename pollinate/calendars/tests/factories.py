"""Check-ins for calendar tests, written straight to the database (the coaching app owns how they are made)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pollinate.coaching.models import ScheduledCheckIn
from pollinate.people.models import CoachingAssignment

UTC = dt.UTC


def make_check_in(host: Any, attendee: Any, *, starts_at: dt.datetime, minutes: int = 30, **fields: Any):
    defaults: dict[str, Any] = {
        "kind": CoachingAssignment.Kind.COACH_TO_TEACHER,
        "status": ScheduledCheckIn.Status.SCHEDULED,
        "created_at": starts_at - dt.timedelta(days=7),
        "updated_at": starts_at - dt.timedelta(days=7),
    }
    defaults.update(fields)
    return ScheduledCheckIn.objects.create(
        district_id=host.district_id,
        host=host,
        attendee=attendee,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=minutes),
        **defaults,
    )
