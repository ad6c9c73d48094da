"""Personas shared by the cross-cutting tests: one small district, every role, and an outsider district.

District A: schools A1 and A2. Teacher T teaches class S (school A1); student P is in S; guardian G is
P's guardian; coach C coaches T; lead coach L supports C; mentor M mentors P; leader of A1; leader of
A2 (who must not see A1's people); another teacher T2 with class S2 in A1 (P not in it); an unrelated
guardian. District B: its own admin, school, teacher, student (must never see A's records).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pollinate.people.models import CoachingAssignment, Person, Role, School, Section
from pollinate.people.tests.factories import (
    CoachingAssignmentFactory,
    DistrictFactory,
    GuardianshipFactory,
    SchoolFactory,
    SectionFactory,
    enroll,
    make_person,
)


@dataclass
class World:
    district_admin: Person
    leader_a1: Person
    leader_a2: Person
    lead_coach: Person
    coach: Person
    teacher: Person
    other_teacher: Person
    student: Person
    other_student: Person
    guardian: Person
    other_guardian: Person
    mentor: Person
    outsider_admin: Person
    outsider_teacher: Person
    outsider_student: Person
    school_a1: School
    school_a2: School
    school_b: School
    section: Section
    other_section: Section
    outsider_section: Section

    def persona(self, name: str) -> Person | None:
        return None if name == "anonymous" else getattr(self, name)


PERSONAS = [
    "district_admin", "leader_a1", "leader_a2", "lead_coach", "coach", "teacher", "other_teacher",
    "student", "other_student", "guardian", "other_guardian", "mentor", "outsider_admin",
    "outsider_teacher", "outsider_student", "anonymous",
]


def build_world() -> World:
    district_a = DistrictFactory(name="Alder Valley", slug="alder")
    district_b = DistrictFactory(name="Birch County", slug="birch")
    a1 = SchoolFactory(district=district_a, name="Alder Elementary")
    a2 = SchoolFactory(district=district_a, name="Alder High")
    b1 = SchoolFactory(district=district_b, name="Birch Middle")
    section = SectionFactory(school=a1, title="Grade 4 Science")
    other_section = SectionFactory(school=a1, title="Grade 5 Math")
    outsider_section = SectionFactory(school=b1, title="Birch Art")

    teacher = make_person(district_a, Role.TEACHER, school=a1, username="teacher")
    other_teacher = make_person(district_a, Role.TEACHER, school=a1, username="otherteacher")
    student = make_person(district_a, Role.STUDENT, school=a1, username="student")
    other_student = make_person(district_a, Role.STUDENT, school=a1, username="otherstudent")
    enroll(teacher, section, "teacher")
    enroll(student, section)
    enroll(other_teacher, other_section, "teacher")
    enroll(other_student, other_section)

    guardian = make_person(district_a, Role.GUARDIAN, username="guardian")
    GuardianshipFactory(guardian=guardian, student=student)
    other_guardian = make_person(district_a, Role.GUARDIAN, username="otherguardian")
    GuardianshipFactory(guardian=other_guardian, student=other_student)

    coach = make_person(district_a, Role.SITE_COACH, school=a1, username="coach")
    lead_coach = make_person(district_a, Role.LEAD_COACH, username="leadcoach")
    CoachingAssignmentFactory(coach=coach, coachee=teacher, kind=CoachingAssignment.Kind.COACH_TO_TEACHER)
    CoachingAssignmentFactory(coach=lead_coach, coachee=coach, kind=CoachingAssignment.Kind.LEAD_TO_SITE)
    mentor = make_person(district_a, Role.MENTOR, school=a1, username="mentor")
    CoachingAssignmentFactory(coach=mentor, coachee=student, kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT)

    return World(
        district_admin=make_person(district_a, Role.DISTRICT_ADMIN, username="districtadmin"),
        leader_a1=make_person(district_a, Role.SCHOOL_LEADER, school=a1, username="leadera1"),
        leader_a2=make_person(district_a, Role.SCHOOL_LEADER, school=a2, username="leadera2"),
        lead_coach=lead_coach,
        coach=coach,
        teacher=teacher,
        other_teacher=other_teacher,
        student=student,
        other_student=other_student,
        guardian=guardian,
        other_guardian=other_guardian,
        mentor=mentor,
        outsider_admin=make_person(district_b, Role.DISTRICT_ADMIN, username="birchadmin"),
        outsider_teacher=_teacher_in(district_b, b1, outsider_section),
        outsider_student=_student_in(district_b, b1, outsider_section),
        school_a1=a1,
        school_a2=a2,
        school_b=b1,
        section=section,
        other_section=other_section,
        outsider_section=outsider_section,
    )


def _teacher_in(district, school, section) -> Person:
    person = make_person(district, Role.TEACHER, school=school, username="birchteacher")
    enroll(person, section, "teacher")
    return person


def _student_in(district, school, section) -> Person:
    person = make_person(district, Role.STUDENT, school=school, username="birchstudent")
    enroll(person, section)
    return person


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def client_for(client):
    """Log the test client in as a persona (None for anonymous) and return it."""

    def _login(person: Person | None):
        client.logout()
        if person is not None:
            client.force_login(person)
        return client

    return _login
