from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    expires_in_days: int | None = Field(
        default=90, ge=1, le=3650, description="Days until the token stops working; null for never."
    )


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    state: str = Field(description="active, expired or revoked")
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(Schema):
    id: int
    name: str
    prefix: str
    token: str = Field(description="The token itself. Shown only in this answer; store it now.")
    created_at: datetime
    expires_at: datetime | None


class ErrorOut(Schema):
    detail: str
    errors: list[str]
