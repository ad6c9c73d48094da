"""What the notifications API answers."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class NotificationOut(Schema):
    id: int
    message: str
    url: str
    created_at: datetime
    read_at: datetime | None
    actor_name: str | None = Field(None, description="Who caused it, when a person did.")

    @staticmethod
    def resolve_actor_name(obj) -> str | None:
        return obj.actor.display_name if obj.actor_id else None


class NotificationPage(Schema):
    items: list[NotificationOut]
    count: int
    unread: int
    page: int
    page_size: int


class NotificationFilter(Schema):
    unread: bool = Field(False, description="Only notifications not read yet.")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=100)


class MarkedOut(Schema):
    marked: int


class ErrorOut(Schema):
    detail: str
    errors: list[str]
