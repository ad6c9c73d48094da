"""What the teams API reads and answers."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from pollinate.teams.models import Stage, TeamMember


class ErrorOut(Schema):
    detail: str
    errors: list[str]


class TeamOut(Schema):
    id: int
    name: str
    purpose: str
    school_id: int | None
    stage: Stage
    stage_changed_at: dt.datetime
    is_active: bool
    created_at: dt.datetime


class TeamIn(Schema):
    name: str = Field(..., max_length=120)
    purpose: str = ""
    school_id: int | None = Field(None, description="One of your schools; leave empty for a team across schools.")
    stage: Stage = Stage.PLAN_TOGETHER


class TeamUpdateIn(Schema):
    """Only the fields sent are changed."""

    name: str | None = Field(None, max_length=120)
    purpose: str | None = None
    is_active: bool | None = None


class TeamFilter(Schema):
    stage: Stage | None = None
    school_id: int | None = None
    page: int = Field(1, ge=1)
    page_size: int | None = Field(None, ge=1, le=100)


class TeamPage(Schema):
    items: list[TeamOut]
    count: int
    page: int
    page_size: int
    pages: int


class MemberOut(Schema):
    person_id: int
    name: str = Field(..., alias="person.display_name")
    role: TeamMember.Role
    joined_at: dt.datetime


class MemberIn(Schema):
    person_id: int


class StageChangeOut(Schema):
    from_stage: str = Field(..., description="Empty for the stage the team started in.")
    to_stage: Stage
    reason: str
    moved_by_id: int | None
    at: dt.datetime


class StageMoveIn(Schema):
    to_stage: Stage
    reason: str = Field(..., min_length=1)


class MeetingOut(Schema):
    id: int
    met_on: dt.date
    attendee_ids: list[int]
    notes: str
    decisions: str
    next_meeting_on: dt.date | None
    recorded_by_id: int | None

    @staticmethod
    def resolve_attendee_ids(obj) -> list[int]:
        return sorted(p.pk for p in obj.attendees.all())


class MeetingIn(Schema):
    met_on: dt.date
    attendee_ids: list[int]
    notes: str = ""
    decisions: str = ""
    next_meeting_on: dt.date | None = None


class OverviewRowOut(Schema):
    school_id: int | None
    school_name: str | None
    counts: dict[str, int]
    total: int


class OverviewOut(Schema):
    stages: list[str]
    rows: list[OverviewRowOut]
    totals: dict[str, int]
    total: int
