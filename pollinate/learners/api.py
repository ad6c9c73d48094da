"""Learner profiles as the caller may see them. Profiles outside the caller's reach answer 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from pollinate.learners import queries, services
from pollinate.learners.schemas import ErrorOut, ProfileIn, ProfileOut, SnapshotOut

router = Router(tags=["learners"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _profile_out(view: queries.ProfileView) -> dict[str, Any]:
    p = view.profile
    data = {name: getattr(p, name) for name in services.TEXT_FIELDS}
    return {
        **data,
        "learner_id": view.learner.pk,
        "learner_name": view.learner.display_name,
        "preferred_modes": list(p.preferred_modes or []),
        "updated_at": p.updated_at if p.pk else None,
        "updated_by_name": p.updated_by.display_name if p.pk and p.updated_by_id else None,
        "can_edit": view.can_edit,
    }


@router.get("/{learner_id}/profile", response={200: ProfileOut, **ERRORS}, operation_id="learners_profile_get")
def get_profile(request: HttpRequest, learner_id: int) -> Any:
    return _profile_out(queries.profile_get(viewer=request.user, learner_id=learner_id, path=request.path))


@router.patch("/{learner_id}/profile", response={200: ProfileOut, **ERRORS}, operation_id="learners_profile_update")
def update_profile(request: HttpRequest, learner_id: int, payload: ProfileIn) -> Any:
    services.profile_update(
        actor=request.user, learner_id=learner_id, path=request.path, **payload.dict(exclude_unset=True)
    )
    return _profile_out(queries.profile_get(viewer=request.user, learner_id=learner_id, path=request.path))


@router.get("/classes/{section_id}/snapshot", response={200: SnapshotOut, **ERRORS},
            operation_id="learners_class_snapshot")
def get_class_snapshot(request: HttpRequest, section_id: int) -> Any:
    result = queries.class_snapshot_get(viewer=request.user, section_id=section_id, path=request.path)
    return {
        "section_id": result["section"].pk,
        "section_title": result["section"].title,
        "students": [
            {
                "learner_id": row.learner.pk, "learner_name": row.learner.display_name,
                "has_profile": row.profile is not None, "strengths": row.strengths,
                "preferences": row.preferences, "interests": row.interests, "needs": row.needs,
            }
            for row in result["rows"]
        ],
    }
