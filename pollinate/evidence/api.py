"""Evidence under the same policy as the pages: records the caller may not see answer 404."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile

from pollinate.core.errors import ApplicationError
from pollinate.evidence import queries, services
from pollinate.evidence.schemas import (
    ErrorOut,
    EvidenceFilter,
    EvidenceIn,
    EvidenceOut,
    EvidencePage,
    EvidencePatch,
    UploadIn,
)
from pollinate.evidence.serving import file_response

router = Router(tags=["evidence"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("", response=EvidencePage, operation_id="evidence_list")
def list_evidence(request: HttpRequest, filters: Query[EvidenceFilter]) -> Any:
    qs = queries.evidence_queryset(viewer=request.user, learner_id=filters.learner_id)
    page = Paginator(qs, filters.page_size).get_page(filters.page)
    items = list(page.object_list)
    queries.record_page_reads(viewer=request.user, pieces=items, path=request.path)
    return {"count": page.paginator.count, "page": page.number, "page_size": filters.page_size, "items": items}


@router.post("", response={201: EvidenceOut, **ERRORS}, operation_id="evidence_create")
def create_evidence(request: HttpRequest, payload: EvidenceIn) -> Any:
    if payload.kind not in ("writing", "link"):
        raise ApplicationError("Send files to /api/v1/evidence/upload as multipart form data.", details=["kind"])
    return 201, services.evidence_create(actor=request.user, path=request.path, **payload.dict())


@router.post("/upload", response={201: EvidenceOut, **ERRORS}, operation_id="evidence_upload")
def upload_evidence(request: HttpRequest, payload: Form[UploadIn], file: File[UploadedFile]) -> Any:
    return 201, services.evidence_create(
        actor=request.user, path=request.path, upload=file, upload_name=file.name or "", upload_size=file.size,
        **payload.dict(),
    )


@router.get("/{evidence_id}", response={200: EvidenceOut, **ERRORS}, operation_id="evidence_get")
def get_evidence(request: HttpRequest, evidence_id: int) -> Any:
    return queries.evidence_get(viewer=request.user, evidence_id=evidence_id, path=request.path)


@router.patch("/{evidence_id}", response={200: EvidenceOut, **ERRORS}, operation_id="evidence_update")
def update_evidence(request: HttpRequest, evidence_id: int, payload: EvidencePatch) -> Any:
    return services.evidence_update(
        actor=request.user, evidence_id=evidence_id, path=request.path, **payload.dict(exclude_unset=True)
    )


@router.delete("/{evidence_id}", response={204: None, **ERRORS}, operation_id="evidence_delete")
def delete_evidence(request: HttpRequest, evidence_id: int) -> Any:
    services.evidence_delete(actor=request.user, evidence_id=evidence_id, path=request.path)
    return 204, None


@router.get("/{evidence_id}/file", response={200: None, **ERRORS}, operation_id="evidence_file")
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    return file_response(
        queries.evidence_file(viewer=request.user, evidence_id=evidence_id, path=request.path), request=request
    )


@router.get("/{evidence_id}/thumbnail", response={200: None, **ERRORS}, operation_id="evidence_thumbnail")
def evidence_thumbnail(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = queries.evidence_file(viewer=request.user, evidence_id=evidence_id, path=request.path)
    return file_response(evidence, thumbnail=True, request=request)
