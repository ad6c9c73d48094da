"""What the people API answers: schools, classes, people, rosters, and pages of each."""

from __future__ import annotations

from ninja import Field, Schema

from pollinate.people.models import Role


class PageIn(Schema):
    page: int = Field(1, ge=1, description="1-based page number.")
    page_size: int | None = Field(None, ge=1, le=100, description="Items per page (default 50, at most 100).")


class SchoolOut(Schema):
    id: int
    name: str
    identifier: str
    sourced_id: str | None
    district_id: int


class SectionOut(Schema):
    id: int
    title: str
    code: str
    periods: str
    location: str
    school_id: int
    school_name: str
    course_title: str | None
    sourced_id: str | None
    student_count: int | None = None

    @staticmethod
    def resolve_school_name(obj) -> str:
        return obj.school.name

    @staticmethod
    def resolve_course_title(obj) -> str | None:
        return obj.course.title if obj.course_id else None

    @staticmethod
    def resolve_student_count(obj) -> int | None:
        # Only the list annotates the count; a single class read does not pay for it.
        return getattr(obj, "student_count", None)


class PersonOut(Schema):
    id: int
    username: str
    given_name: str
    family_name: str
    preferred_name: str
    display_name: str
    email: str
    sourced_id: str | None
    district_id: int | None


class RosterOut(Schema):
    section: SectionOut
    teachers: list[PersonOut]
    students: list[PersonOut]


class PeopleFilter(Schema):
    role: Role | None = Field(None, description="Only people holding this role.")
    school_id: int | None = Field(None, description="Only people enrolled or assigned at this school.")
    search: str = Field("", max_length=100, description="Part of a name or username.")


class SchoolFilter(Schema):
    search: str = Field("", max_length=100, description="Part of the school's name.")


class ClassFilter(Schema):
    school_id: int | None = Field(None, description="Only classes of this school.")


class _PageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int


class SchoolPage(_PageOut):
    items: list[SchoolOut]


class SectionPage(_PageOut):
    items: list[SectionOut]


class PersonPage(_PageOut):
    items: list[PersonOut]


class ErrorOut(Schema):
    detail: str
    errors: list[str]
