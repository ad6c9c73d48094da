from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    errors: list[str] = []


class ImportRunOut(Schema):
    id: int
    district_id: int
    mode: str
    status: str
    file_name: str
    rows_done: int
    rows_total: int
    current_file: str
    counts: dict[str, Any]
    errors: list[str]
    warnings: list[str]
    error_count: int
    warning_count: int
    writes: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
