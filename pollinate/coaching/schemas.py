"""What the coaching API reads and answers."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from pollinate.coaching.models import CoachingCycle
from pollinate.people.models import CoachingAssignment


class ErrorOut(Schema):
    detail: str
    errors: list[str]


class PersonRef(Schema):
    id: int
    name: str


class AssignmentOut(Schema):
    id: int
    coach_id: int
    coachee_id: int
    kind: str
    school_id: int | None
    status: str
    created_at: dt.datetime


class AssignmentIn(Schema):
    coach_id: int
    coachee_id: int
    kind: CoachingAssignment.Kind
    school_id: int | None = None


class CaseloadOut(Schema):
    assignment_id: int
    person: PersonRef
    kind: str
    school_id: int | None
    due_on: dt.date | None
    last_seen_on: dt.date | None


class CycleOut(Schema):
    id: int
    coach_id: int
    coachee_id: int
    goal_id: int | None
    title: str
    stage: str
    approach: str
    status: str
    baseline: str
    strategy: str
    modelling_notes: str
    try_notes: str
    post_evidence: str
    reflection: str
    shared_with_coachs_coach: bool
    started_on: dt.date
    ended_on: dt.date | None


class CycleIn(Schema):
    coachee_id: int
    title: str = Field(..., max_length=200)
    goal_id: int | None = None
    approach: CoachingCycle.Approach = CoachingCycle.Approach.DIALOGICAL
    baseline: str = ""


class CycleUpdateIn(Schema):
    """Only the fields sent are changed. ``goal_id: null`` unlinks the goal."""

    title: str | None = Field(None, max_length=200)
    goal_id: int | None = None
    stage: CoachingCycle.Stage | None = None
    approach: CoachingCycle.Approach | None = None
    status: CoachingCycle.Status | None = None
    baseline: str | None = None
    strategy: str | None = None
    modelling_notes: str | None = None
    try_notes: str | None = None
    post_evidence: str | None = None
    reflection: str | None = None
    evidence_ids: list[int] | None = None
    shared_with_coachs_coach: bool | None = None


class CheckInOut(Schema):
    id: int
    host_id: int
    attendee_id: int
    kind: str
    school_id: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    source: str
    locked: bool
    # Null when the caller may not read them (private to the two people; notes also when shared up the chain).
    agenda: str | None
    notes: str | None
    notes_shared: bool
    followed_up_at: dt.datetime | None


class CheckInIn(Schema):
    attendee_id: int
    starts_at: dt.datetime
    minutes: int = Field(30, ge=5, le=240)
    agenda: str = ""
    cycle_id: int | None = None


class CheckInUpdateIn(Schema):
    starts_at: dt.datetime | None = None
    minutes: int | None = Field(None, ge=5, le=240)
    agenda: str | None = None
    notes: str | None = None
    status: str | None = Field(None, description="held, missed, cancelled or scheduled")
    notes_shared: bool | None = None


class NextStepIn(Schema):
    goal_id: int
    title: str = Field(..., max_length=200)
    due_on: dt.date | None = None


class NextStepOut(Schema):
    id: int
    check_in_id: int
    action_step_id: int
    goal_id: int
    title: str
    done: bool


class FollowUpIn(Schema):
    done_step_ids: list[int] = Field(default_factory=list, description="Action steps that happened.")


class CoverageRowOut(Schema):
    status: str
    kind: str
    attendee: PersonRef
    host: PersonRef | None
    school: PersonRef | None
    due_on: dt.date | None
    last_seen_on: dt.date | None
    next_on: dt.date | None
    never_seen: bool
    overdue_school_days: int
    escalated: bool


class CoverageOut(Schema):
    today: dt.date
    totals: dict[str, int]
    rows: list[CoverageRowOut]
    escalated: list[CoverageRowOut]
    unsupported: list[CoverageRowOut]
