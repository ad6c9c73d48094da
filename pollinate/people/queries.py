"""Reads of districts, schools, classes and people on behalf of a viewer. Every one starts from policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from pollinate.core.access import get_object_for, require
from pollinate.core.audit import record_student_reads
from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.people import policies
from pollinate.people.models import (
    Enrollment,
    Guardianship,
    Person,
    RecordStatus,
    Role,
    RoleAssignment,
    School,
    Section,
)

ACTIVE = RecordStatus.ACTIVE
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page:
    """One page of a list as the API answers it: the items plus what a client needs to ask for the next."""

    items: list[Any]
    count: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


def _page_of(qs: QuerySet, *, page: int, page_size: int | None) -> Page:
    size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    offset = (page - 1) * size
    return Page(items=list(qs[offset : offset + size]), count=qs.count(), page=page, page_size=size)


def _student_flag() -> ExpressionWrapper:
    """True when the person is a student anywhere: their record is then a learner's record (audited)."""
    return ExpressionWrapper(
        Q(Exists(RoleAssignment.objects.filter(person_id=OuterRef("pk"), role=Role.STUDENT)))
        | Q(Exists(Enrollment.objects.filter(person_id=OuterRef("pk"), role=Enrollment.EnrollmentRole.STUDENT))),
        output_field=BooleanField(),
    )


def school_list(*, viewer: Any) -> QuerySet[School]:
    return (
        policies.schools_visible_to(viewer)
        .filter(status=ACTIVE)
        .annotate(
            section_count=Count("sections", filter=Q(sections__status=ACTIVE), distinct=True),
        )
        .order_by("name")
    )


def school_page(*, viewer: Any, search: str = "", page: int = 1, page_size: int | None = None) -> Page:
    qs = school_list(viewer=viewer)
    if search:
        qs = qs.filter(name__icontains=search)
    return _page_of(qs, page=page, page_size=page_size)


def school_get(*, viewer: Any, school_id: int) -> School:
    return get_object_for(viewer, policies.schools_visible_to(viewer), school_id)


def section_list(*, viewer: Any, school_id: int | None = None) -> QuerySet[Section]:
    qs = (
        policies.sections_visible_to(viewer)
        .filter(status=ACTIVE)
        .select_related("school", "course")
        .annotate(
            student_count=Count(
                "enrollments",
                filter=Q(enrollments__role=Enrollment.EnrollmentRole.STUDENT, enrollments__status=ACTIVE),
            )
        )
        .order_by("school__name", "title")
    )
    if school_id is not None:
        qs = qs.filter(school_id=school_id)
    return qs


def section_page(
    *, viewer: Any, school_id: int | None = None, page: int = 1, page_size: int | None = None
) -> Page:
    return _page_of(section_list(viewer=viewer, school_id=school_id), page=page, page_size=page_size)


def section_get(*, viewer: Any, section_id: int) -> Section:
    return get_object_for(
        viewer, policies.sections_visible_to(viewer).select_related("school", "course"), section_id
    )


def section_roster(*, viewer: Any, section: Section, path: str = "") -> dict[str, list[Person]]:
    """Teachers and students of a class, limited to the people the viewer may see. Audits the student read."""
    visible_ids = policies.people_visible_to(viewer).values("id")
    enrollments = (
        Enrollment.objects.filter(section=section, status=ACTIVE, person_id__in=visible_ids)
        .select_related("person")
        .order_by("person__family_name", "person__given_name")
    )
    teachers: list[Person] = []
    students: list[Person] = []
    for enrollment in enrollments:
        if enrollment.role == Enrollment.EnrollmentRole.STUDENT:
            students.append(enrollment.person)
        else:
            teachers.append(enrollment.person)
    record_student_reads(
        viewer, [s.pk for s in students], verb="class_roster.view", obj=section, path=path
    )
    return {"teachers": teachers, "students": students}


def section_roster_get(*, viewer: Any, section_id: int, path: str = "") -> dict[str, Any]:
    """A class with its roster (404 when the class is not visible); the students listed are audited."""
    section = section_get(viewer=viewer, section_id=section_id)
    return {"section": section, **section_roster(viewer=viewer, section=section, path=path)}


def people_list(
    *, viewer: Any, role: str | None = None, school_id: int | None = None, search: str = ""
) -> QuerySet[Person]:
    qs = policies.people_visible_to(viewer).filter(status=ACTIVE)
    # Subqueries rather than joins: a person with two matching roles must still appear once.
    if role:
        qs = qs.filter(id__in=RoleAssignment.objects.filter(role=role, status=ACTIVE).values("person_id"))
    if school_id is not None:
        qs = qs.filter(
            Q(id__in=Enrollment.objects.filter(school_id=school_id, status=ACTIVE).values("person_id"))
            | Q(id__in=RoleAssignment.objects.filter(school_id=school_id, status=ACTIVE).values("person_id"))
        )
    if search:
        qs = qs.filter(
            Q(given_name__icontains=search)
            | Q(family_name__icontains=search)
            | Q(preferred_name__icontains=search)
            | Q(username__icontains=search)
        )
    return qs.order_by("family_name", "given_name", "id")


def people_page(
    *,
    viewer: Any,
    role: str | None = None,
    school_id: int | None = None,
    search: str = "",
    page: int = 1,
    page_size: int | None = None,
    path: str = "",
) -> Page:
    """One page of people. The students on it are the records read, so exactly those are audited."""
    qs = people_list(viewer=viewer, role=role, school_id=school_id, search=search).annotate(
        is_student=_student_flag()
    )
    result = _page_of(qs, page=page, page_size=page_size)
    record_student_reads(
        viewer,
        [p.pk for p in result.items if p.is_student],
        verb="people_list.view",
        district_id=getattr(viewer, "district_id", None),
        path=path,
    )
    return result


def person_get(*, viewer: Any, person_id: int, path: str = "") -> Person:
    """One person's record. When it is a student's record read by someone else, the read is audited."""
    person = get_object_for(
        viewer,
        policies.people_visible_to(viewer).annotate(is_student=_student_flag()).select_related("district"),
        person_id,
    )
    if person.is_student:
        record_student_reads(viewer, [person.pk], verb="student_record.view", obj=person, path=path)
    return person


def person_profile(*, viewer: Any, person: Person) -> dict[str, Any]:
    """What a person page shows: roles, classes and family links, each limited by what the viewer may see."""
    visible_sections = policies.sections_visible_to(viewer).values("id")
    visible_people = policies.people_visible_to(viewer).values("id")
    roles = list(
        RoleAssignment.objects.filter(person=person, status=ACTIVE).select_related("school").order_by("role")
    )
    enrollments = list(
        Enrollment.objects.filter(person=person, status=ACTIVE, section_id__in=visible_sections)
        .select_related("section", "section__school")
        .order_by("section__title")
    )
    guardians = list(
        Guardianship.objects.filter(student=person, status=ACTIVE, guardian_id__in=visible_people)
        .select_related("guardian")
    )
    wards = list(
        Guardianship.objects.filter(guardian=person, status=ACTIVE, student_id__in=visible_people)
        .select_related("student")
    )
    return {"roles": roles, "enrollments": enrollments, "guardians": guardians, "wards": wards}


def audit_events(*, viewer: Any, district_id: int | None, student_id: int | None = None) -> QuerySet[AuditEvent]:
    """The district's audit trail, newest first; only its administrators may read it."""
    require(policies.can_manage_district(viewer, district_id))
    qs = AuditEvent.objects.filter(district_id=district_id).select_related("actor")
    if student_id is not None:
        qs = qs.filter(id__in=AuditedStudent.objects.filter(student_id=student_id).values("event_id"))
    return qs.prefetch_related("students")
