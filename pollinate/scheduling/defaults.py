"""The scheduler's defaults and plain-word reasons, shared by services and queries."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from pollinate.scheduling import solver
from pollinate.scheduling.models import SchedulingSettings

DEFAULT_DAYS = 5
# The bell schedule assumed for a school that has not entered one: 8 periods of 45 minutes from 08:00.
DEFAULT_PERIOD_TIMES = tuple(
    (dt.time(8 + (50 * i) // 60, (50 * i) % 60), dt.time(8 + (50 * i + 45) // 60, (50 * i + 45) % 60)) for i in range(8)
)


def reason_text(code: str) -> str:
    """Why a check-in could not be placed, in plain words."""
    return {
        solver.NO_FREE_PERIOD: _("has no free period this week"),
        solver.NO_CAPACITY: _("the coach has no check-ins left this week (daily limit reached or set to 0)"),
        solver.NO_COMMON_SLOT: _("has no free period when the coach is free"),
        solver.SLOTS_TAKEN: _("every free period they share with the coach is taken by other check-ins"),
    }.get(code, code)


def scheduling_settings(district_id: int) -> SchedulingSettings:
    found = SchedulingSettings.objects.filter(district_id=district_id).first()
    return found or SchedulingSettings(district_id=district_id)
