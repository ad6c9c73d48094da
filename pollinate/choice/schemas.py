"""What the choice API reads and writes."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from pollinate.choice.models import ActivityChoice


class ActivityOut(Schema):
    id: int
    title: str
    description: str
    choice_kind: str
    evidence_modes: list[str]
    proposed_by_id: int | None
    is_approved: bool
    is_pending: bool
    review_note: str


class PickOut(Schema):
    id: int
    activity_id: int
    status: str
    chosen_at: datetime
    done_at: datetime | None


class ItemOut(Schema):
    position: int
    activity: ActivityOut
    pick: PickOut | None
    is_next: bool
    can_choose: bool


class PathwayOut(Schema):
    id: int
    kind: str
    title: str
    instructions: str
    is_published: bool
    picks_required: int
    section_ids: list[int]
    items: list[ItemOut]
    my_proposals: list[ItemOut]
    picks_used: int
    done_count: int
    is_complete: bool
    next_activity_id: int | None


class ChooseIn(Schema):
    activity_id: int


class StatusIn(Schema):
    status: ActivityChoice.Status


class ProposalIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=4000)
    evidence_modes: list[str] = []


class ErrorOut(Schema):
    detail: str
    errors: list[str]
