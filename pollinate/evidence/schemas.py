"""What the evidence API reads and answers."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class EvidenceOut(Schema):
    id: int
    learner_id: int
    kind: str
    title: str
    body: str
    link_url: str
    content_type: str
    file_size: int
    has_file: bool
    has_thumbnail: bool
    audience: str
    in_portfolio: bool
    goal_id: int | None
    activity_id: int | None
    inquiry_id: int | None
    produced_on: datetime.date
    created_at: datetime.datetime
    file_url: str | None
    thumbnail_url: str | None

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)

    @staticmethod
    def resolve_has_thumbnail(obj) -> bool:
        return bool(obj.thumbnail)

    @staticmethod
    def resolve_file_url(obj) -> str | None:
        return f"/api/v1/evidence/{obj.pk}/file" if obj.file else None

    @staticmethod
    def resolve_thumbnail_url(obj) -> str | None:
        return f"/api/v1/evidence/{obj.pk}/thumbnail" if obj.thumbnail else None


class EvidencePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[EvidenceOut]


class EvidenceFilter(Schema):
    learner_id: int | None = Field(None, description="A learner whose evidence you may see; default: your own.")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=100)


class EvidenceIn(Schema):
    """Writing or a link, as JSON. Files go to POST /evidence/upload as multipart."""

    kind: str = Field(..., description="writing or link")
    title: str
    body: str = ""
    link_url: str = ""
    audience: str | None = None
    in_portfolio: bool = False
    goal_id: int | None = None
    activity_id: int | None = None
    inquiry_id: int | None = None
    produced_on: datetime.date | None = None


class UploadIn(Schema):
    kind: str = Field(..., description="drawing, audio, video, photo or file")
    title: str
    body: str = ""
    audience: str | None = None
    in_portfolio: bool = False
    goal_id: int | None = None
    activity_id: int | None = None
    inquiry_id: int | None = None
    produced_on: datetime.date | None = None


class EvidencePatch(Schema):
    title: str | None = None
    body: str | None = None
    audience: str | None = None
    in_portfolio: bool | None = None


class ErrorOut(Schema):
    detail: str
    errors: list[str] = []
