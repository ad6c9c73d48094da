"""What the goals API reads and answers."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from pollinate.goals.models import Goal, SystemGoal


class ErrorOut(Schema):
    detail: str
    errors: list[str]


class GoalFilter(Schema):
    learner_id: int | None = Field(None, description="Goals of this learner (default: your own).")
    status: Goal.Status | None = None
    page: int = Field(1, ge=1)
    page_size: int | None = Field(None, ge=1, le=100)


class GoalIn(Schema):
    kind: Goal.Kind
    title: str = Field(..., max_length=200)
    specific: str = ""
    measure: str = ""
    achievable: str = ""
    relevant: str = ""
    due_on: dt.date | None = None
    wish: str = ""
    outcome: str = ""
    obstacle: str = ""
    plan: str = ""
    aligned_to_id: int | None = None
    guide_id: int | None = None
    check_in_every_days: int = Field(14, ge=1, le=90)


class GoalUpdateIn(Schema):
    """Only the fields sent are changed."""

    kind: Goal.Kind | None = None
    title: str | None = Field(None, max_length=200)
    specific: str | None = None
    measure: str | None = None
    achievable: str | None = None
    relevant: str | None = None
    due_on: dt.date | None = None
    wish: str | None = None
    outcome: str | None = None
    obstacle: str | None = None
    plan: str | None = None
    aligned_to_id: int | None = None
    guide_id: int | None = None
    check_in_every_days: int | None = Field(None, ge=1, le=90)
    comment: str = ""


class CommentIn(Schema):
    comment: str = ""


class DropIn(Schema):
    reason: str


class GoalOut(Schema):
    id: int
    learner_id: int
    guide_id: int | None
    kind: str
    title: str
    specific: str
    measure: str
    achievable: str
    relevant: str
    due_on: dt.date | None
    wish: str
    outcome: str
    obstacle: str
    plan: str
    aligned_to_id: int | None
    status: str
    revises_id: int | None
    progress: int
    agreed_at: dt.datetime | None
    agreed_by_id: int | None
    check_in_every_days: int
    next_check_in_on: dt.date | None
    last_activity_at: dt.datetime
    created_at: dt.datetime
    updated_at: dt.datetime


class GoalPage(Schema):
    items: list[GoalOut]
    count: int
    page: int
    page_size: int
    pages: int


class CheckInIn(Schema):
    progress: int = Field(..., ge=0, le=100)
    note: str = ""
    next_step: str = ""


class CheckInOut(Schema):
    id: int
    goal_id: int
    author_id: int | None
    progress: int
    note: str
    next_step: str
    at: dt.datetime


class ActionStepIn(Schema):
    title: str = Field(..., max_length=200)
    due_on: dt.date | None = None


class ActionStepUpdateIn(Schema):
    title: str | None = Field(None, max_length=200)
    due_on: dt.date | None = None
    done: bool | None = None


class ActionStepOut(Schema):
    id: int
    goal_id: int
    title: str
    due_on: dt.date | None
    done: bool
    done_at: dt.datetime | None
    position: int

    @staticmethod
    def resolve_done(obj: object) -> bool:
        return getattr(obj, "done_at", None) is not None


class SystemGoalOut(Schema):
    id: int
    level: str
    district_id: int
    school_id: int | None
    title: str
    description: str
    is_published: bool
    created_at: dt.datetime


class SystemGoalIn(Schema):
    level: SystemGoal.Level
    title: str = Field(..., max_length=200)
    description: str = ""
    school_id: int | None = Field(None, description="Required for a school goal; one of the schools you lead.")


class SystemGoalUpdateIn(Schema):
    title: str | None = Field(None, max_length=200)
    description: str | None = None
    is_published: bool | None = None
