"""What the coaching reads share: constants, the audit of students' check-ins, district settings."""

from __future__ import annotations

from typing import Any

from pollinate.coaching.coverage import coverage_report
from pollinate.coaching.models import (
    CoachingSettings,
    ScheduledCheckIn,
)
from pollinate.core.audit import record_student_reads
from pollinate.people.models import CoachingAssignment, RecordStatus

ACTIVE = RecordStatus.ACTIVE
Kind = CoachingAssignment.Kind
CS = ScheduledCheckIn.Status
UPCOMING = (CS.PROPOSED, CS.SCHEDULED)
LIST_LIMIT = 100
# Below this share of the target a caseload is flagged as having room (a coach under-used).
UNDER_SHARE = 0.8

__all__ = ["coverage_report"]


def _audit_students(viewer: Any, check_ins: list[ScheduledCheckIn], *, verb: str, path: str = "") -> None:
    students = {c.attendee_id for c in check_ins if c.kind == Kind.MENTOR_TO_STUDENT}
    if students:
        record_student_reads(viewer, students, verb=verb, path=path)


def settings_for(district_id: int) -> CoachingSettings:
    return CoachingSettings.objects.filter(district_id=district_id).first() or CoachingSettings(district_id=district_id)


