"""Reading import runs for pages and the API: always through ``import_runs_visible_to``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pollinate.core.access import get_object_for
from pollinate.roster.models import ImportRun
from pollinate.roster.policies import districts_importable_by, import_runs_visible_to
from pollinate.roster.progress import overlay


def run_list(*, viewer: Any, limit: int = 50) -> QuerySet[ImportRun]:
    return import_runs_visible_to(viewer).select_related("district", "started_by")[:limit]


def run_get(*, viewer: Any, run_id: int) -> ImportRun:
    run = get_object_for(viewer, import_runs_visible_to(viewer).select_related("district", "started_by"), run_id)
    return overlay(run)


def importable_districts(*, viewer: Any) -> list[Any]:
    return districts_importable_by(viewer)
