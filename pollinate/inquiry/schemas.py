"""What the inquiries API reads and answers."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class SourceOut(Schema):
    id: int
    title: str
    url: str
    note: str
    created_at: datetime


class InquiryOut(Schema):
    id: int
    learner_id: int
    kind: str
    question: str
    essential_question_id: int | None
    goal_id: int | None
    plan: str
    findings: str = Field(description="Sanitized HTML.")
    stage: str
    audience: str
    created_at: datetime
    updated_at: datetime


class InquiryDetailOut(InquiryOut):
    sources: list[SourceOut]

    @staticmethod
    def resolve_sources(obj) -> list:
        return list(obj.sources.all())


class InquiryIn(Schema):
    question: str = Field("", max_length=300)
    essential_question_id: int | None = None
    kind: str = "inquiry"
    goal_id: int | None = None
    audience: str = "guides"


class InquiryUpdateIn(Schema):
    question: str | None = Field(None, max_length=300)
    plan: str | None = Field(None, max_length=20000)
    findings: str | None = Field(None, max_length=50000)
    stage: str | None = None
    audience: str | None = None


class SourceIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    url: str = Field("", max_length=1000)
    note: str = Field("", max_length=10000)


class InquiryFilter(Schema):
    learner_id: int | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=100)


class InquiryPage(Schema):
    items: list[InquiryOut]
    count: int
    page: int
    page_size: int


class ErrorOut(Schema):
    detail: str
    errors: list[str]
