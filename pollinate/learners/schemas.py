"""What the learners API reads and writes: a learner profile and a class snapshot."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

TEXT = Field(None, max_length=4000)


class ProfileOut(Schema):
    learner_id: int
    learner_name: str
    access_strengths: str
    access_challenges: str
    access_preferences: str
    access_needs: str
    engage_strengths: str
    engage_challenges: str
    engage_preferences: str
    engage_needs: str
    express_strengths: str
    express_challenges: str
    express_preferences: str
    express_needs: str
    interests: str
    talents: str
    aspirations: str
    story: str
    preferred_modes: list[str]
    updated_at: datetime | None
    updated_by_name: str | None
    can_edit: bool


class ProfileIn(Schema):
    """Only the fields sent are changed."""

    access_strengths: str | None = TEXT
    access_challenges: str | None = TEXT
    access_preferences: str | None = TEXT
    access_needs: str | None = TEXT
    engage_strengths: str | None = TEXT
    engage_challenges: str | None = TEXT
    engage_preferences: str | None = TEXT
    engage_needs: str | None = TEXT
    express_strengths: str | None = TEXT
    express_challenges: str | None = TEXT
    express_preferences: str | None = TEXT
    express_needs: str | None = TEXT
    interests: str | None = TEXT
    talents: str | None = TEXT
    aspirations: str | None = TEXT
    story: str | None = TEXT
    preferred_modes: list[str] | None = None


class SnapshotRowOut(Schema):
    learner_id: int
    learner_name: str
    has_profile: bool
    strengths: str
    preferences: str
    interests: str
    needs: str


class SnapshotOut(Schema):
    section_id: int
    section_title: str
    students: list[SnapshotRowOut]


class ErrorOut(Schema):
    detail: str
    errors: list[str]
