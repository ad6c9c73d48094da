"""What the schedules API reads and answers."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str
    errors: list[str]


class RunIn(Schema):
    week_of: dt.date = Field(..., description="Any day of the week to schedule (Monday to Friday is planned).")
    coach_id: int | None = Field(None, description="One coach's caseload; default: everyone you schedule.")
    time_limit: int = Field(30, ge=1, le=600, description="Seconds the solver may use.")
    wait: bool = Field(False, description="Solve before answering (otherwise poll GET /schedules/{id}).")


class UnplacedOut(Schema):
    attendee_id: int
    host_id: int
    reason: str
    reason_text: str


class RunOut(Schema):
    id: int
    week_of: dt.date
    coach_id: int | None
    status: str
    progress: int
    placed: int
    requested: int
    travel_minutes: int | None
    bound: float | None
    gap: float | None
    message: str
    unplaced: list[UnplacedOut]


class SlotOut(Schema):
    id: int
    host_id: int
    attendee_id: int
    school_id: int | None
    weekday: int | None
    period: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    source: str
    locked: bool
    schedule_run_id: int | None


class MoveIn(Schema):
    weekday: int = Field(..., ge=0, le=6)
    period: int = Field(..., ge=1, le=20)


class LockIn(Schema):
    locked: bool = True
