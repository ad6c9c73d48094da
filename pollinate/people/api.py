"""Schools, classes and people as the caller may see them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from pollinate.people import queries
from pollinate.people.schemas import PersonOut, RosterOut, SchoolOut, SectionOut

router = Router(tags=["people"])


class PeopleFilter(Schema):
    role: str | None = None
    school_id: int | None = None
    search: str = ""


@router.get("/schools", response=list[SchoolOut], operation_id="schools_list")
@paginate(PageNumberPagination)
def list_schools(request: HttpRequest) -> Any:
    return queries.school_list(viewer=request.user)


@router.get("/schools/{school_id}", response=SchoolOut, operation_id="schools_get")
def get_school(request: HttpRequest, school_id: int) -> Any:
    return queries.school_get(viewer=request.user, school_id=school_id)


@router.get("/classes", response=list[SectionOut], operation_id="classes_list")
@paginate(PageNumberPagination)
def list_classes(request: HttpRequest, school_id: int | None = None) -> Any:
    return queries.section_list(viewer=request.user, school_id=school_id)


@router.get("/classes/{section_id}", response=SectionOut, operation_id="classes_get")
def get_class(request: HttpRequest, section_id: int) -> Any:
    return queries.section_get(viewer=request.user, section_id=section_id)


@router.get("/classes/{section_id}/roster", response=RosterOut, operation_id="classes_roster")
def get_class_roster(request: HttpRequest, section_id: int) -> Any:
    section = queries.section_get(viewer=request.user, section_id=section_id)
    return queries.section_roster(viewer=request.user, section=section, path=request.path)


@router.get("/people", response=list[PersonOut], operation_id="people_list")
@paginate(PageNumberPagination)
def list_people(request: HttpRequest, filters: Query[PeopleFilter]) -> Any:
    return queries.people_list(
        viewer=request.user, role=filters.role, school_id=filters.school_id, search=filters.search
    )


@router.get("/people/{person_id}", response=PersonOut, operation_id="people_get")
def get_person(request: HttpRequest, person_id: int) -> Any:
    return queries.person_get(viewer=request.user, person_id=person_id, path=request.path)
