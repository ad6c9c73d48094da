"""Factories for the district model. Deterministic sequences; no randomness in tests."""

from __future__ import annotations

import datetime as dt

import factory

from pollinate.people.models import (
    AcademicSession,
    CoachingAssignment,
    Course,
    District,
    Enrollment,
    Guardianship,
    Person,
    Region,
    Role,
    RoleAssignment,
    School,
    Section,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    sourced_id = factory.Sequence(lambda n: f"school-{n}")


class AcademicSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicSession

    district = factory.SubFactory(DistrictFactory)
    title = "2026-27"
    kind = AcademicSession.Kind.SCHOOL_YEAR
    starts_on = dt.date(2026, 8, 17)
    ends_on = dt.date(2027, 6, 4)
    school_year = 2027
    sourced_id = factory.Sequence(lambda n: f"session-{n}")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    district = factory.SelfAttribute("school.district")
    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    sourced_id = factory.Sequence(lambda n: f"course-{n}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    school = factory.SubFactory(SchoolFactory)
    district = factory.SelfAttribute("school.district")
    title = factory.Sequence(lambda n: f"Class {n}")
    sourced_id = factory.Sequence(lambda n: f"class-{n}")
    periods = "1"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    district = factory.SubFactory(DistrictFactory)
    username = factory.Sequence(lambda n: f"person{n}")
    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    email = factory.LazyAttribute(lambda p: f"{p.username}@example.org")
    sourced_id = factory.Sequence(lambda n: f"user-{n}")
    password = factory.django.Password("correct horse battery")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(PersonFactory)
    district = factory.SelfAttribute("person.district")
    role = Role.TEACHER


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    section = factory.SubFactory(SectionFactory)
    person = factory.SubFactory(PersonFactory)
    district = factory.SelfAttribute("section.district")
    school = factory.SelfAttribute("section.school")
    role = Enrollment.EnrollmentRole.STUDENT
    sourced_id = factory.Sequence(lambda n: f"enr-{n}")


class GuardianshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardianship

    guardian = factory.SubFactory(PersonFactory)
    student = factory.SubFactory(PersonFactory)
    district = factory.SelfAttribute("student.district")


class CoachingAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingAssignment

    coach = factory.SubFactory(PersonFactory)
    coachee = factory.SubFactory(PersonFactory)
    district = factory.SelfAttribute("coach.district")
    kind = CoachingAssignment.Kind.COACH_TO_TEACHER


def make_person(district: District, role: str, *, school: School | None = None, **fields) -> Person:
    """A person holding one role (scoped to ``school`` where the role is school-scoped)."""
    person = PersonFactory(district=district, **fields)
    RoleAssignmentFactory(person=person, district=district, role=role, school=school)
    return person


def enroll(person: Person, section: Section, role: str = Enrollment.EnrollmentRole.STUDENT) -> Enrollment:
    return EnrollmentFactory(person=person, section=section, role=role)
