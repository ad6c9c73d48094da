from __future__ import annotations

from ninja import Schema


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
    teachers: list[PersonOut]
    students: list[PersonOut]
