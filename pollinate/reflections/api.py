"""Reflections, feedback and the prompt bank, under the same policy as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from pollinate.core.errors import ApplicationError
from pollinate.reflections import queries, services
from pollinate.reflections.schemas import (
    ErrorOut,
    FeedbackFilter,
    FeedbackIn,
    FeedbackOut,
    PromptOut,
    ReflectionFilter,
    ReflectionIn,
    ReflectionOut,
    ReflectionPage,
)

router = Router(tags=["reflections"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("", response=ReflectionPage, operation_id="reflections_list")
def list_reflections(request: HttpRequest, filters: Query[ReflectionFilter]) -> Any:
    qs = queries.reflection_page_list(viewer=request.user, learner_id=filters.learner_id)
    offset = (filters.page - 1) * filters.page_size
    items = list(qs[offset : offset + filters.page_size])
    queries.record_reads(viewer=request.user, reflections=items, path=request.path)
    return {"items": items, "count": qs.count(), "page": filters.page, "page_size": filters.page_size}


@router.post("", response={201: ReflectionOut, **ERRORS}, operation_id="reflections_create")
def create_reflection(request: HttpRequest, payload: ReflectionIn) -> Any:
    reflection = services.reflection_create(actor=request.user, **payload.dict())
    return 201, queries.reflection_get(viewer=request.user, reflection_id=reflection.pk)


@router.get("/prompts", response=list[PromptOut], operation_id="reflections_prompts")
def list_prompts(request: HttpRequest) -> Any:
    return queries.prompt_list(viewer=request.user)


@router.get("/feedback", response=list[FeedbackOut], operation_id="reflections_feedback_list")
def list_feedback(request: HttpRequest, filters: Query[FeedbackFilter]) -> Any:
    return queries.feedback_list(viewer=request.user, **filters.dict())


@router.post("/feedback", response={201: FeedbackOut, **ERRORS}, operation_id="reflections_feedback_create")
def create_feedback(request: HttpRequest, payload: FeedbackIn) -> Any:
    if bool(payload.evidence_id) == bool(payload.reflection_id):
        raise ApplicationError(_("Give either evidence_id or reflection_id."))
    if payload.evidence_id:
        evidence = queries.evidence_for_feedback_get(viewer=request.user, evidence_id=payload.evidence_id)
        return 201, services.feedback_add(actor=request.user, evidence=evidence, body=payload.body)
    reflection = queries.reflection_for_feedback_get(viewer=request.user, reflection_id=payload.reflection_id)
    return 201, services.feedback_add(actor=request.user, reflection=reflection, body=payload.body)


@router.get("/{reflection_id}", response={200: ReflectionOut, 404: ErrorOut}, operation_id="reflections_get")
def get_reflection(request: HttpRequest, reflection_id: int) -> Any:
    return queries.reflection_get(viewer=request.user, reflection_id=reflection_id, path=request.path)
