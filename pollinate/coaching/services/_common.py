"""What every coaching write shares."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pollinate.coaching.models import (
    CoachingCycle,
    CoachingSettings,
    ScheduledCheckIn,
)
from pollinate.core.errors import ApplicationError
from pollinate.people.models import CoachingAssignment, RecordStatus

ACTIVE = RecordStatus.ACTIVE
INACTIVE = RecordStatus.INACTIVE
Kind = CoachingAssignment.Kind
CS = ScheduledCheckIn.Status
STAGES = list(CoachingCycle.Stage.values)
CYCLE_TEXT_FIELDS = ("title", "baseline", "strategy", "modelling_notes", "try_notes", "post_evidence", "reflection")
MAX_CHECK_IN_MINUTES = 240
MAX_TEXT = 20_000


def settings_for(district_id: int) -> CoachingSettings:
    """The district's coaching settings (the defaults until a leader changes them)."""
    found = CoachingSettings.objects.filter(district_id=district_id).first()
    return found or CoachingSettings(district_id=district_id)


def _clean_text(value: Any) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise ApplicationError(_("That text is too long."))
    return text
