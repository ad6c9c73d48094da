"""Roster imports over the API: upload a .zip (202 with the run), list and read runs the caller may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router
from ninja.files import UploadedFile

from pollinate.core.errors import ApplicationError
from pollinate.roster import queries, services
from pollinate.roster.schemas import ErrorOut, ImportRunOut

router = Router(tags=["roster"])
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.post("/imports", response={202: ImportRunOut, **ERRORS}, operation_id="roster_imports_create")
def create_import(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False, district_id: Form[int | None] = None
) -> Any:
    districts = queries.importable_districts(viewer=request.user)
    chosen = [d for d in districts if district_id is None or d.pk == district_id]
    if not districts:
        return 403, {"detail": _("You do not have permission to do that."), "errors": []}
    if len(chosen) != 1:
        raise ApplicationError(_("Choose the district with district_id."))
    run = services.start_import(
        actor=request.user,
        district=chosen[0],
        upload=file.file,
        file_name=file.name or "",
        size=file.size,
        dry_run=dry_run,
    )
    return 202, run


@router.get("/imports", response=list[ImportRunOut], operation_id="roster_imports_list")
def list_imports(request: HttpRequest) -> Any:
    return queries.run_list(viewer=request.user)


@router.get("/imports/{run_id}", response={200: ImportRunOut, **ERRORS}, operation_id="roster_imports_get")
def get_import(request: HttpRequest, run_id: int) -> Any:
    return queries.run_get(viewer=request.user, run_id=run_id)
