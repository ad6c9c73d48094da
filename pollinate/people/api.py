"""Schools, classes and people as the caller may see them. Records outside the caller's scope answer 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from pollinate.people import queries
from pollinate.people.schemas import (
    ClassFilter,
    ErrorOut,
    PageIn,
    PeopleFilter,
    PersonOut,
    PersonPage,
    RosterOut,
    SchoolFilter,
    SchoolOut,
    SchoolPage,
    SectionOut,
    SectionPage,
)

router = Router(tags=["people"])
NOT_FOUND = {404: ErrorOut}


@router.get("/schools", response=SchoolPage, operation_id="schools_list")
def list_schools(request: HttpRequest, filters: Query[SchoolFilter], paging: Query[PageIn]) -> Any:
    return queries.school_page(viewer=request.user, search=filters.search, **paging.dict())


@router.get("/schools/{school_id}", response={200: SchoolOut, **NOT_FOUND}, operation_id="schools_get")
def get_school(request: HttpRequest, school_id: int) -> Any:
    return queries.school_get(viewer=request.user, school_id=school_id)


@router.get("/classes", response=SectionPage, operation_id="classes_list")
def list_classes(request: HttpRequest, filters: Query[ClassFilter], paging: Query[PageIn]) -> Any:
    return queries.section_page(viewer=request.user, school_id=filters.school_id, **paging.dict())


@router.get("/classes/{section_id}", response={200: SectionOut, **NOT_FOUND}, operation_id="classes_get")
def get_class(request: HttpRequest, section_id: int) -> Any:
    return queries.section_get(viewer=request.user, section_id=section_id)


@router.get("/classes/{section_id}/roster", response={200: RosterOut, **NOT_FOUND}, operation_id="classes_roster")
def get_class_roster(request: HttpRequest, section_id: int) -> Any:
    return queries.section_roster_get(viewer=request.user, section_id=section_id, path=request.path)


@router.get("/people", response=PersonPage, operation_id="people_list")
def list_people(request: HttpRequest, filters: Query[PeopleFilter], paging: Query[PageIn]) -> Any:
    return queries.people_page(
        viewer=request.user,
        role=filters.role,
        school_id=filters.school_id,
        search=filters.search,
        path=request.path,
        **paging.dict(),
    )


@router.get("/people/{person_id}", response={200: PersonOut, **NOT_FOUND}, operation_id="people_get")
def get_person(request: HttpRequest, person_id: int) -> Any:
    return queries.person_get(viewer=request.user, person_id=person_id, path=request.path)
