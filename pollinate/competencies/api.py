"""Frameworks, competencies (tree and flat) and scales under the same policy as the pages; CASE import and
changes for district administrators. Records outside the caller's view answer 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile

from pollinate.competencies import queries
from pollinate.competencies.schemas import (
    CompetencyFilter,
    CompetencyIn,
    CompetencyNodeOut,
    CompetencyOut,
    CompetencyPage,
    ConnectionOut,
    CriterionOut,
    ErrorOut,
    FrameworkIn,
    FrameworkOut,
    ImportSummaryOut,
    MasteryMethodIn,
    ScaleIn,
    ScaleOut,
)
from pollinate.competencies.services import case_import, scales
from pollinate.competencies.services import frameworks as framework_services
from pollinate.core.access import require
from pollinate.core.errors import ApplicationError, NotFound

router = Router(tags=["competencies"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _district(request: HttpRequest, district_id: int) -> Any:
    districts = queries.manageable_districts(viewer=request.user)
    require(bool(districts), _("Only district administrators manage frameworks."))
    for district in districts:
        if district.pk == district_id:
            return district
    raise NotFound(_("Not found."))


NODE_FIELDS = [name for name in CompetencyOut.model_fields if name != "withdrawn"]


def _node(node: queries.Node) -> dict[str, Any]:
    c = node.competency
    return {
        **{name: getattr(c, name) for name in NODE_FIELDS},
        "withdrawn_at": c.withdrawn_at,
        "children": [_node(child) for child in node.children],
    }


@router.get("/frameworks", response=list[FrameworkOut], operation_id="competencies_frameworks_list")
def list_frameworks(request: HttpRequest, source: str | None = None) -> Any:
    frameworks = queries.framework_list(viewer=request.user, source=source)
    return queries.with_calculations(viewer=request.user, frameworks=frameworks)


@router.post("/frameworks", response={201: FrameworkOut, **ERRORS}, operation_id="competencies_frameworks_create")
def create_framework(request: HttpRequest, payload: FrameworkIn) -> Any:
    district = _district(request, payload.district_id)
    scale = None
    if payload.scale_id is not None:
        scale = queries.scale_get(viewer=request.user, scale_id=payload.scale_id)
    return 201, framework_services.framework_create(
        actor=request.user,
        district=district,
        title=payload.title,
        subject=payload.subject,
        description=payload.description,
        scale=scale,
    )


@router.post(
    "/frameworks/import", response={200: ImportSummaryOut, **ERRORS}, operation_id="competencies_frameworks_import"
)
def import_framework(
    request: HttpRequest,
    file: File[UploadedFile],
    district_id: Form[int],
    dry_run: Form[bool] = False,
    title: Form[str] = "",
) -> Any:
    district = _district(request, district_id)
    if file.size and file.size > 20 * 1024 * 1024:
        raise ApplicationError(_("The file is larger than 20 MB."))
    return case_import.framework_import_case(
        actor=request.user,
        district=district,
        content=file.read(),
        file_name=file.name or "package.json",
        dry_run=dry_run,
        title=title,
    )


@router.get(
    "/frameworks/{int:framework_id}", response={200: FrameworkOut, **ERRORS}, operation_id="competencies_frameworks_get"
)
def get_framework(request: HttpRequest, framework_id: int) -> Any:
    framework = queries.framework_get(viewer=request.user, framework_id=framework_id)
    return queries.with_calculations(viewer=request.user, frameworks=[framework])[0]


@router.get(
    "/frameworks/{int:framework_id}/tree",
    response={200: list[CompetencyNodeOut], **ERRORS},
    operation_id="competencies_frameworks_tree",
)
def framework_tree(request: HttpRequest, framework_id: int) -> Any:
    framework = queries.framework_get(viewer=request.user, framework_id=framework_id)
    rows = queries.framework_competencies(viewer=request.user, framework=framework)
    return [_node(node) for node in queries.build_tree(rows)]


@router.put(
    "/frameworks/{int:framework_id}/mastery-method",
    response={200: FrameworkOut, **ERRORS},
    operation_id="competencies_frameworks_set_mastery_method",
)
def set_mastery_method(request: HttpRequest, framework_id: int, payload: MasteryMethodIn) -> Any:
    framework, district = queries.framework_for_calculation(
        viewer=request.user, framework_id=framework_id, district_id=payload.district_id
    )
    district_id = district.pk if district else None
    framework = framework_services.framework_set_mastery_method(
        actor=request.user,
        framework=framework,
        method=payload.method,
        settings=payload.settings,
        district_id=district_id,
    )
    return queries.with_calculations(viewer=request.user, frameworks=[framework], district_id=district_id)[0]


@router.post(
    "/frameworks/{int:framework_id}/competencies",
    response={201: CompetencyOut, **ERRORS},
    operation_id="competencies_competencies_create",
)
def add_competency(request: HttpRequest, framework_id: int, payload: CompetencyIn) -> Any:
    framework = queries.framework_get(viewer=request.user, framework_id=framework_id)
    return 201, framework_services.competency_add(actor=request.user, framework=framework, **payload.dict())


@router.get("", response={200: CompetencyPage, **ERRORS}, operation_id="competencies_list")
def list_competencies(request: HttpRequest, filters: Query[CompetencyFilter]) -> Any:
    page = queries.competency_page(viewer=request.user, **filters.dict())
    return {
        "items": page.items,
        "count": page.count,
        "page": page.page,
        "page_size": page.page_size,
        "pages": page.pages,
    }


@router.get("/{int:competency_id}", response={200: CompetencyOut, **ERRORS}, operation_id="competencies_get")
def get_competency(request: HttpRequest, competency_id: int) -> Any:
    return queries.competency_get(viewer=request.user, competency_id=competency_id)


@router.get(
    "/{int:competency_id}/connections",
    response={200: list[ConnectionOut], **ERRORS},
    operation_id="competencies_connections",
)
def competency_connections(request: HttpRequest, competency_id: int) -> Any:
    competency = queries.competency_get(viewer=request.user, competency_id=competency_id)
    return queries.connections_of(viewer=request.user, competency=competency)


@router.get(
    "/{int:competency_id}/rubric",
    response={200: list[CriterionOut], **ERRORS},
    operation_id="competencies_rubric",
)
def competency_rubric(request: HttpRequest, competency_id: int) -> Any:
    """What each level looks like for this competency, from the rubrics of the CASE package it came from."""
    competency = queries.competency_get(viewer=request.user, competency_id=competency_id)
    return queries.level_descriptors(competency=competency)


@router.get("/scales", response=list[ScaleOut], operation_id="competencies_scales_list")
def list_scales(request: HttpRequest) -> Any:
    return queries.scale_list(viewer=request.user)


@router.post("/scales", response={201: ScaleOut, **ERRORS}, operation_id="competencies_scales_create")
def create_scale(request: HttpRequest, payload: ScaleIn) -> Any:
    scale = scales.scale_create(
        actor=request.user,
        district=_district(request, payload.district_id),
        name=payload.name,
        mastery_threshold=payload.mastery_threshold,
        levels=[level.dict() for level in payload.levels],
    )
    return 201, queries.scale_get(viewer=request.user, scale_id=scale.pk)


@router.get("/scales/{int:scale_id}", response={200: ScaleOut, **ERRORS}, operation_id="competencies_scales_get")
def get_scale(request: HttpRequest, scale_id: int) -> Any:
    return queries.scale_get(viewer=request.user, scale_id=scale_id)


@router.put("/scales/{int:scale_id}", response={200: ScaleOut, **ERRORS}, operation_id="competencies_scales_update")
def update_scale(request: HttpRequest, scale_id: int, payload: ScaleIn) -> Any:
    scale = queries.scale_get(viewer=request.user, scale_id=scale_id)
    scales.scale_update(
        actor=request.user,
        scale=scale,
        name=payload.name,
        mastery_threshold=payload.mastery_threshold,
        levels=[level.dict() for level in payload.levels],
    )
    return queries.scale_get(viewer=request.user, scale_id=scale_id)


@router.put("/{int:competency_id}", response={200: CompetencyOut, **ERRORS}, operation_id="competencies_update")
def update_competency(request: HttpRequest, competency_id: int, payload: CompetencyIn) -> Any:
    competency = queries.competency_get(viewer=request.user, competency_id=competency_id)
    return framework_services.competency_update(actor=request.user, competency=competency, **payload.dict())


@router.delete("/{int:competency_id}", response={204: None, **ERRORS}, operation_id="competencies_delete")
def delete_competency(request: HttpRequest, competency_id: int) -> Any:
    competency = queries.competency_get(viewer=request.user, competency_id=competency_id)
    framework_services.competency_remove(actor=request.user, competency=competency)
    return 204, None
