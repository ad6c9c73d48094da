"""The plain records a demo district is made of: what the generator yields and the writers consume.

Records refer to each other by ``sourced_id``, as a OneRoster feed does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DistrictRec:
    sourced_id: str
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class SessionRec:
    sourced_id: str
    title: str
    kind: str  # OneRoster type: schoolYear, semester
    starts_on: dt.date
    ends_on: dt.date
    parent_sourced_id: str
    school_year: int


@dataclass(frozen=True, slots=True)
class SchoolRec:
    sourced_id: str
    name: str
    identifier: str
    level: str
    grades: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CourseRec:
    sourced_id: str
    school_sourced_id: str
    school_year_sourced_id: str
    title: str
    code: str
    grades: str
    subjects: str


@dataclass(frozen=True, slots=True)
class PersonRec:
    sourced_id: str
    username: str
    given_name: str
    family_name: str
    email: str
    identifier: str
    grades: str
    birth_date: dt.date | None
    preferred_language: str
    oneroster_role: str  # student, teacher, administrator, guardian
    org_sourced_ids: tuple[str, ...]
    agent_sourced_ids: tuple[str, ...]
    demo_account: str = ""  # a DEMO_* key for the named demo accounts, which get the shared password


@dataclass(frozen=True, slots=True)
class RoleRec:
    person_sourced_id: str
    role: str  # pollinate.people.models.Role value
    school_sourced_id: str | None
    from_roster: bool


@dataclass(frozen=True, slots=True)
class SectionRec:
    sourced_id: str
    school_sourced_id: str
    course_sourced_id: str
    title: str
    code: str
    kind: str  # homeroom, scheduled
    location: str
    periods: str
    grades: str
    subjects: str
    term_sourced_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EnrollmentRec:
    sourced_id: str
    section_sourced_id: str
    school_sourced_id: str
    person_sourced_id: str
    role: str  # student, teacher
    primary: bool


@dataclass(frozen=True, slots=True)
class GuardianshipRec:
    sourced_id: str
    guardian_sourced_id: str
    student_sourced_id: str
    relationship: str


@dataclass(frozen=True, slots=True)
class CoachingRec:
    coach_sourced_id: str
    coachee_sourced_id: str
    kind: str  # lead_to_site, coach_to_teacher, mentor_to_student
    school_sourced_id: str | None


Record = (
    DistrictRec | SessionRec | SchoolRec | CourseRec | PersonRec | RoleRec | SectionRec | EnrollmentRec
    | GuardianshipRec | CoachingRec
)
