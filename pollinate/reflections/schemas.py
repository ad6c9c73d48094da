"""What the reflections and feedback API reads and answers."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class FeedbackOut(Schema):
    id: int
    body: str = Field(description="Sanitized HTML.")
    author_name: str | None
    evidence_id: int | None
    reflection_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_author_name(obj) -> str | None:
        return obj.author.display_name if obj.author_id else None


class ReflectionOut(Schema):
    id: int
    learner_id: int
    prompt_id: int | None
    prompt_text: str
    body: str = Field(description="Sanitized HTML.")
    goal_id: int | None
    evidence_id: int | None
    shared_with_guides: bool
    created_at: datetime
    feedback: list[FeedbackOut]

    @staticmethod
    def resolve_feedback(obj) -> list:
        return list(obj.feedback.all())


class ReflectionIn(Schema):
    body: str = Field(min_length=1, max_length=20000)
    prompt_id: int | None = None
    goal_id: int | None = None
    evidence_id: int | None = None
    shared_with_guides: bool = True


class ReflectionFilter(Schema):
    learner_id: int | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=100)


class ReflectionPage(Schema):
    items: list[ReflectionOut]
    count: int
    page: int
    page_size: int


class FeedbackIn(Schema):
    body: str = Field(min_length=1, max_length=10000)
    evidence_id: int | None = None
    reflection_id: int | None = None


class FeedbackFilter(Schema):
    evidence_id: int | None = None
    reflection_id: int | None = None


class PromptOut(Schema):
    id: int
    stem: str
    text: str
    district_id: int | None


class ErrorOut(Schema):
    detail: str
    errors: list[str]
