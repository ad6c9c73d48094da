"""The people panels of the home pages: districts, schools, coaching, classes, mentees and children.

Every read starts from a people policy, so a panel can never show more than the person may see elsewhere. Each
panel costs a fixed number of queries, whatever the number of classes, students or schools: counts come from
``annotate``/``values`` aggregation, and related rows are fetched in one query per kind and grouped in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from pollinate.core.audit import record_student_reads
from pollinate.dashboards import links
from pollinate.goals.models import Goal
from pollinate.people import policies
from pollinate.people.models import (
    CoachingAssignment,
    Enrollment,
    Person,
    RecordStatus,
    Role,
    RoleAssignment,
    School,
    Section,
)
from pollinate.people.roles import Scope

ACTIVE = RecordStatus.ACTIVE
STUDENT = Enrollment.EnrollmentRole.STUDENT
TEACHING = Enrollment.TEACHING_ROLES
# A site coach supports about this many teachers (the programme's staffing target).
CASELOAD_TARGET = 45


@dataclass
class ClassCard:
    """A class as shown on a home page: where and when it meets, and who teaches it."""

    section: Section
    teachers: list[Person] = field(default_factory=list)


@dataclass
class ChildCard:
    child: Person
    classes: list[ClassCard] = field(default_factory=list)
    goals: list[Any] = field(default_factory=list)
    portfolio_url: str = ""
    goals_url: str = ""


@dataclass
class Bar:
    label: str
    value: int
    percent: int


@dataclass
class SchoolRow:
    school: School
    classes: int = 0
    teachers: int = 0
    students: int = 0


@dataclass
class DistrictPanel:
    district: Any
    schools: int = 0
    classes: int = 0
    teachers: int = 0
    students: int = 0
    guardians: int = 0
    school_rows: list[SchoolRow] = field(default_factory=list)
    classes_chart: list[Bar] = field(default_factory=list)



# --- shared pieces ---------------------------------------------------------------------------------


def _school_name() -> Coalesce:
    """A person's school: where they teach or learn, else the school their role is attached to."""
    enrolled_at = (
        Enrollment.objects.filter(person_id=OuterRef("pk"), status=ACTIVE)
        .order_by("school__name")
        .values("school__name")[:1]
    )
    assigned_to = (
        RoleAssignment.objects.filter(person_id=OuterRef("pk"), status=ACTIVE, school__isnull=False)
        .order_by("school__name")
        .values("school__name")[:1]
    )
    return Coalesce(Subquery(enrolled_at), Subquery(assigned_to), Value(""))


def _active_people(viewer: Any) -> QuerySet[Person]:
    return policies.people_visible_to(viewer).filter(status=ACTIVE)


def _class_cards(viewer: Any, section_ids: Any) -> list[ClassCard]:
    """Classes with their teachers, in two queries whatever their number."""
    sections = list(
        policies.sections_visible_to(viewer)
        .filter(id__in=section_ids, status=ACTIVE)
        .select_related("school")
        .order_by("periods", "title", "id")
    )
    cards = {s.pk: ClassCard(section=s) for s in sections}
    if not cards:
        return []
    teaching = (
        Enrollment.objects.filter(
            section_id__in=list(cards),
            role__in=TEACHING,
            status=ACTIVE,
            person_id__in=_active_people(viewer).values("id"),
        )
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "person_id")
    )
    for enrollment in teaching:
        cards[enrollment.section_id].teachers.append(enrollment.person)
    return list(cards.values())


def _school_rows(viewer: Any, schools: QuerySet[School]) -> list[SchoolRow]:
    """Schools with their counts of active classes, teachers and students: two queries in all."""
    annotated = schools.filter(status=ACTIVE).annotate(
        class_count=Count("sections", filter=Q(sections__status=ACTIVE), distinct=True)
    ).order_by("name")
    rows = {s.pk: SchoolRow(school=s, classes=s.class_count) for s in annotated}
    if not rows:
        return []
    counts = (
        Enrollment.objects.filter(
            school_id__in=list(rows),
            status=ACTIVE,
            section_id__in=policies.sections_visible_to(viewer).filter(status=ACTIVE).values("id"),
        )
        .values("school_id")
        .annotate(
            teachers=Count("person_id", filter=Q(role__in=TEACHING), distinct=True),
            students=Count("person_id", filter=Q(role=STUDENT), distinct=True),
        )
    )
    for c in counts:
        rows[c["school_id"]].teachers = c["teachers"]
        rows[c["school_id"]].students = c["students"]
    return list(rows.values())


def bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    """Bar lengths as a share of the largest value (0-100), for the server-rendered bar chart."""
    largest = max((value for _label, value in pairs), default=0)
    return [Bar(label, value, round(100 * value / largest) if largest else 0) for label, value in pairs]


# --- one function per panel ------------------------------------------------------------------------


def district_panels(*, viewer: Any, scope: Scope) -> list[DistrictPanel]:
    """Counts for each district the person administers, and each school's counts. Five queries in all."""
    districts = list(policies.districts_visible_to(viewer).filter(id__in=scope.admin_district_ids).order_by("name"))
    district_ids = [d.pk for d in districts]
    panels = {d.pk: DistrictPanel(district=d) for d in districts}
    rows = _school_rows(viewer, policies.schools_visible_to(viewer).filter(district_id__in=district_ids))
    for row in rows:
        panel = panels[row.school.district_id]
        panel.school_rows.append(row)
        panel.schools += 1
        panel.classes += row.classes
    people = (
        _active_people(viewer)
        .filter(district_id__in=district_ids)
        .values("district_id")
        .annotate(
            teachers=_count_with_role(Role.TEACHER),
            students=_count_with_role(Role.STUDENT),
            guardians=_count_with_role(Role.GUARDIAN),
        )
    )
    for c in people:
        panel = panels[c["district_id"]]
        panel.teachers, panel.students, panel.guardians = c["teachers"], c["students"], c["guardians"]
    for panel in panels.values():
        panel.classes_chart = bars([(row.school.name, row.classes) for row in panel.school_rows])
    return list(panels.values())


def _count_with_role(role: str) -> Count:
    return Count(
        "id", filter=Q(role_assignments__role=role, role_assignments__status=ACTIVE), distinct=True
    )


def led_schools(*, viewer: Any, scope: Scope) -> list[SchoolRow]:
    return _school_rows(viewer, policies.schools_visible_to(viewer).filter(id__in=scope.led_school_ids))


def lead_coach_network(*, viewer: Any) -> dict[str, Any]:
    """The site coaches a lead coach supports, each with their caseload, and the teachers they reach."""
    coaches = list(
        _active_people(viewer)
        .filter(
            coached_by__coach_id=viewer.pk,
            coached_by__kind=CoachingAssignment.Kind.LEAD_TO_SITE,
            coached_by__status=ACTIVE,
        )
        .annotate(
            caseload=Count(
                "coaching_caseload",
                filter=Q(
                    coaching_caseload__kind=CoachingAssignment.Kind.COACH_TO_TEACHER,
                    coaching_caseload__status=ACTIVE,
                ),
                distinct=True,
            ),
            school_name=_school_name(),
        )
        .order_by("family_name", "given_name", "id")
    )
    network_coach_ids = [c.pk for c in coaches] + [viewer.pk]
    teachers = (
        _active_people(viewer)
        .filter(
            coached_by__coach_id__in=network_coach_ids,
            coached_by__kind=CoachingAssignment.Kind.COACH_TO_TEACHER,
            coached_by__status=ACTIVE,
        )
        .values("id")
        .distinct()
        .count()
    )
    return {"coaches": coaches, "teacher_count": teachers, "target": CASELOAD_TARGET}


def site_coach_caseload(*, viewer: Any) -> dict[str, Any]:
    """The teachers a site coach supports, with their school and number of classes, against the target."""
    teachers = list(
        _active_people(viewer)
        .filter(
            coached_by__coach_id=viewer.pk,
            coached_by__kind=CoachingAssignment.Kind.COACH_TO_TEACHER,
            coached_by__status=ACTIVE,
        )
        .annotate(
            class_count=Count(
                "enrollments",
                filter=Q(enrollments__role__in=TEACHING, enrollments__status=ACTIVE),
                distinct=True,
            ),
            school_name=_school_name(),
        )
        .order_by("family_name", "given_name", "id")
    )
    return {
        "teachers": teachers,
        "size": len(teachers),
        "target": CASELOAD_TARGET,
        "open_places": max(CASELOAD_TARGET - len(teachers), 0),
    }


def teacher_classes(*, viewer: Any, scope: Scope) -> dict[str, Any]:
    """A teacher's classes with their student counts, the students taught in all, and who coaches them.

    Names no students, so nothing is recorded in the audit log.
    """
    sections = list(
        policies.sections_visible_to(viewer)
        .filter(id__in=scope.taught_section_ids, status=ACTIVE)
        .select_related("school")
        .annotate(
            student_count=Count(
                "enrollments", filter=Q(enrollments__role=STUDENT, enrollments__status=ACTIVE), distinct=True
            )
        )
        .order_by("periods", "title", "id")
    )
    total = (
        Enrollment.objects.filter(section_id__in=[s.pk for s in sections], role=STUDENT, status=ACTIVE)
        .values("person_id")
        .distinct()
        .count()
        if sections
        else 0
    )
    # The teacher's own coaching relationship: who supports them is part of their own record.
    coaches = [
        a.coach
        for a in CoachingAssignment.objects.filter(
            coachee_id=viewer.pk,
            kind=CoachingAssignment.Kind.COACH_TO_TEACHER,
            status=ACTIVE,
            coach__status=ACTIVE,
        ).select_related("coach").order_by("coach__family_name", "coach__given_name")
    ]
    return {"classes": sections, "student_total": total, "coaches": coaches}


def mentees(*, viewer: Any, scope: Scope, path: str = "") -> list[Person]:
    people = list(
        _active_people(viewer)
        .filter(id__in=scope.mentee_ids)
        .annotate(school_name=_school_name())
        .order_by("family_name", "given_name", "id")
    )
    record_student_reads(
        viewer, [p.pk for p in people], verb="mentor_home.view", district_id=scope.home_district_id, path=path
    )
    return people


def children(*, viewer: Any, scope: Scope, path: str = "") -> list[ChildCard]:
    """Each child of a guardian with their classes and those classes' teachers (four queries in all)."""
    kids = {
        p.pk: ChildCard(child=p)
        for p in _active_people(viewer).filter(id__in=scope.ward_ids).order_by("given_name", "family_name", "id")
    }
    if not kids:
        return []
    enrolled = list(
        Enrollment.objects.filter(
            person_id__in=list(kids),
            role=STUDENT,
            status=ACTIVE,
            section_id__in=policies.sections_visible_to(viewer).values("id"),
        ).values_list("person_id", "section_id")
    )
    sections_of: dict[int, set[int]] = defaultdict(set)
    for kid_id, section_id in enrolled:
        sections_of[kid_id].add(section_id)
    # Keep each child's classes in the timetable order that _class_cards gives.
    for card in _class_cards(viewer, {section_id for _kid, section_id in enrolled}):
        for kid_id, section_ids in sections_of.items():
            if card.section.pk in section_ids:
                kids[kid_id].classes.append(card)
    _children_goals(kids)
    record_student_reads(
        viewer, list(kids), verb="guardian_home.view", district_id=scope.home_district_id, path=path
    )
    return list(kids.values())


def student_classes(*, viewer: Any, scope: Scope) -> list[ClassCard]:
    return _class_cards(viewer, scope.enrolled_section_ids)


def _children_goals(kids: dict[int, ChildCard]) -> None:
    """Each child's active goals, in one query. Family reads goals that are not drafts; the home shows the
    active ones."""
    for goal in Goal.objects.filter(learner_id__in=list(kids), status=Goal.Status.ACTIVE).order_by(
        "learner_id", F("due_on").asc(nulls_last=True), "-updated_at", "id"
    ):
        goal.url = links.goal_url(goal.pk)
        kids[goal.learner_id].goals.append(goal)
    for card in kids.values():
        card.portfolio_url = links.portfolio_url(card.child.pk)
        card.goals_url = links.goals_of_learner_url(card.child.pk)
