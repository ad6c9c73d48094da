"""Who may see and start roster imports: the administrators of the district (``can_manage_district``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pollinate.people.models import District
from pollinate.people.policies import can_manage_district, districts_visible_to
from pollinate.people.roles import scope_for
from pollinate.roster.models import ImportRun


def import_runs_visible_to(actor: Any) -> QuerySet[ImportRun]:
    # The same set can_manage_district accepts, as a query.
    return ImportRun.objects.filter(district_id__in=scope_for(actor).admin_district_ids)


def districts_importable_by(actor: Any) -> list[District]:
    return [d for d in districts_visible_to(actor) if can_manage_district(actor, d)]


def can_start_import(actor: Any, district: District | int | None) -> bool:
    return can_manage_district(actor, district)
