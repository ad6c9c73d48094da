"""Inquiries under the same policy as the pages: list, create, get, update (text, stage, audience), sources."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from pollinate.inquiry import queries, services
from pollinate.inquiry.schemas import (
    ErrorOut,
    InquiryDetailOut,
    InquiryFilter,
    InquiryIn,
    InquiryPage,
    InquiryUpdateIn,
    SourceIn,
    SourceOut,
)

router = Router(tags=["inquiries"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("", response=InquiryPage, operation_id="inquiries_list")
def list_inquiries(request: HttpRequest, filters: Query[InquiryFilter]) -> Any:
    qs = queries.inquiry_page_list(viewer=request.user, learner_id=filters.learner_id)
    offset = (filters.page - 1) * filters.page_size
    items = list(qs[offset : offset + filters.page_size])
    queries.record_reads(viewer=request.user, inquiries=items, path=request.path)
    return {"items": items, "count": qs.count(), "page": filters.page, "page_size": filters.page_size}


@router.post("", response={201: InquiryDetailOut, **ERRORS}, operation_id="inquiries_create")
def create_inquiry(request: HttpRequest, payload: InquiryIn) -> Any:
    inquiry = services.inquiry_create(actor=request.user, **payload.dict())
    return 201, queries.inquiry_get(viewer=request.user, inquiry_id=inquiry.pk)


@router.get("/{inquiry_id}", response={200: InquiryDetailOut, 404: ErrorOut}, operation_id="inquiries_get")
def get_inquiry(request: HttpRequest, inquiry_id: int) -> Any:
    return queries.inquiry_get(viewer=request.user, inquiry_id=inquiry_id, path=request.path)


@router.patch("/{inquiry_id}", response={200: InquiryDetailOut, **ERRORS}, operation_id="inquiries_update")
def update_inquiry(request: HttpRequest, inquiry_id: int, payload: InquiryUpdateIn) -> Any:
    inquiry = queries.inquiry_for_update_get(viewer=request.user, inquiry_id=inquiry_id)
    services.inquiry_update(actor=request.user, inquiry=inquiry, question=payload.question, plan=payload.plan,
                            findings=payload.findings)
    if payload.stage is not None or payload.audience is not None:
        services.inquiry_set_stage(actor=request.user, inquiry=inquiry, stage=payload.stage or inquiry.stage,
                                   audience=payload.audience)
    return queries.inquiry_get(viewer=request.user, inquiry_id=inquiry.pk)


@router.post("/{inquiry_id}/sources", response={201: SourceOut, **ERRORS}, operation_id="inquiries_add_source")
def add_source(request: HttpRequest, inquiry_id: int, payload: SourceIn) -> Any:
    inquiry = queries.inquiry_for_update_get(viewer=request.user, inquiry_id=inquiry_id)
    return 201, services.source_add(actor=request.user, inquiry=inquiry, **payload.dict())
