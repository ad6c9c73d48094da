"""Reads of the coaching network: caseloads, the lead coach's tree, caseload sizes, cadence rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from pollinate.coaching import policies
from pollinate.coaching.cadence import CadenceState
from pollinate.coaching.coverage import caseload_state_for
from pollinate.coaching.models import (
    CadenceRule,
    ClosureDay,
)
from pollinate.coaching.queries.common import (
    ACTIVE,
    UNDER_SHARE,
    Kind,
    settings_for,
)
from pollinate.core.access import get_object_for, require
from pollinate.core.audit import record_student_reads
from pollinate.people import policies as people_policies
from pollinate.people.models import CoachingAssignment, District, Person, Role, RoleAssignment, School
from pollinate.people.roles import scope_for

# The network


@dataclass
class CaseloadEntry:
    assignment: CoachingAssignment
    state: CadenceState | None


def my_caseload(*, viewer: Any, path: str = "") -> list[CaseloadEntry]:
    """The people the viewer supports, with when they last met and when they are due."""
    assignments = list(
        policies.assignments_visible_to(viewer)
        .filter(coach_id=viewer.pk, status=ACTIVE)
        .select_related("coachee", "school")
        .order_by("kind", "coachee__family_name", "coachee__given_name")
    )
    states = caseload_state_for(viewer=viewer)
    students = {a.coachee_id for a in assignments if a.kind == Kind.MENTOR_TO_STUDENT}
    if students:
        record_student_reads(viewer, students, verb="coaching.caseload_view", path=path)
    return [CaseloadEntry(a, states.get(a.pk)) for a in assignments]


def my_supporters(*, viewer: Any) -> list[CoachingAssignment]:
    return list(
        policies.assignments_visible_to(viewer)
        .filter(coachee_id=viewer.pk, status=ACTIVE)
        .select_related("coach", "school")
        .order_by("kind")
    )


@dataclass
class NetworkNode:
    assignment: CoachingAssignment
    children: list[CoachingAssignment] = field(default_factory=list)


def my_network(*, viewer: Any) -> list[NetworkNode]:
    """A lead coach's tree: the site coaches they support and each one's teachers (two levels, one query)."""
    scope = scope_for(viewer)
    rows = list(
        policies.assignments_visible_to(viewer)
        .filter(status=ACTIVE, kind__in=policies.COACHING_KINDS)
        .filter(Q(coach_id=viewer.pk) | Q(coach_id__in=scope.coachee_ids))
        .select_related("coach", "coachee", "school")
        .order_by("coachee__family_name", "coachee__given_name", "id")
    )
    below: dict[int, list[CoachingAssignment]] = {}
    for row in rows:
        below.setdefault(row.coach_id, []).append(row)
    return [NetworkNode(a, below.get(a.coachee_id, [])) for a in rows if a.coach_id == viewer.pk]


def assignment_list(*, viewer: Any, status: str | None = ACTIVE, kind: str | None = None) -> list[CoachingAssignment]:
    qs = policies.assignments_visible_to(viewer).select_related("coach", "coachee", "school")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("coach__family_name", "coachee__family_name", "id")[:2000])


def assignment_get(*, viewer: Any, assignment_id: int, allowed: Any = None) -> CoachingAssignment:
    return get_object_for(
        viewer,
        policies.assignments_visible_to(viewer).select_related("coach", "coachee"),
        assignment_id,
        allowed=allowed,
    )


@dataclass(frozen=True)
class CaseloadSize:
    coach: Person
    size: int
    target: int

    @property
    def flag(self) -> str:
        if self.size > self.target:
            return "over"
        if self.size < self.target * UNDER_SHARE:
            return "under"
        return "on_target"


def caseload_sizes(*, viewer: Any) -> dict[str, Any]:
    """Each coach's number of teachers against the district's target (leaders and lead coaches)."""
    require(policies.sees_caseload_sizes(viewer))
    scope = scope_for(viewer)
    district_id = next(iter(sorted(scope.admin_district_ids)), None) or viewer.district_id
    target = settings_for(district_id).target_caseload
    counts = dict(
        policies.assignments_visible_to(viewer)
        .filter(district_id=district_id, status=ACTIVE, kind=Kind.COACH_TO_TEACHER)
        .values_list("coach_id")
        .annotate(n=Count("id"))
        .values_list("coach_id", "n")
    )
    coach_roles = RoleAssignment.objects.filter(district_id=district_id, role=Role.SITE_COACH, status=ACTIVE)
    if not scope.administers_district(district_id):
        coach_roles = coach_roles.filter(school_id__in=scope.led_school_ids)
    coach_ids = set(counts) | set(coach_roles.values_list("person_id", flat=True))
    coaches = Person.objects.filter(id__in=coach_ids, status=ACTIVE).order_by("family_name", "given_name")
    sizes = [CaseloadSize(coach=c, size=counts.get(c.pk, 0), target=target) for c in coaches]
    return {
        "sizes": sizes,
        "target": target,
        "district_id": district_id,
        "can_edit": policies.can_manage_coaching_settings(viewer, district_id),
        "settings": settings_for(district_id),
    }


def network_form_choices(*, viewer: Any) -> dict[str, Any]:
    """People and schools a leader may put in the network: their district's active people, the schools they may."""
    scope = scope_for(viewer)
    if scope.admin_district_ids:
        schools = School.objects.filter(district_id__in=scope.admin_district_ids, status=ACTIVE)
    else:
        schools = School.objects.filter(id__in=scope.led_school_ids, status=ACTIVE)
    people = (
        people_policies.people_visible_to(viewer)
        .filter(
            status=ACTIVE,
            role_assignments__role__in=[Role.TEACHER, Role.SITE_COACH, Role.LEAD_COACH, Role.MENTOR, Role.STUDENT],
            role_assignments__status=ACTIVE,
        )
        .distinct()
        .order_by("family_name", "given_name")
    )
    return {"people": list(people[:3000]), "schools": list(schools.order_by("name"))}


def person_get(*, viewer: Any, person_id: int) -> Person:
    return get_object_for(viewer, people_policies.people_visible_to(viewer).filter(status=ACTIVE), person_id)


def school_get(*, viewer: Any, school_id: int) -> School:
    return get_object_for(viewer, people_policies.schools_visible_to(viewer), school_id)


def district_get(*, viewer: Any, district_id: int) -> District:
    return get_object_for(viewer, people_policies.districts_visible_to(viewer), district_id)


def cadence_rules(*, viewer: Any) -> list[CadenceRule]:
    scope = scope_for(viewer)
    return list(
        CadenceRule.objects.filter(district_id__in=scope.district_ids)
        .select_related("school")
        .order_by("kind", "school__name")
    )


def closure_days(*, viewer: Any) -> list[ClosureDay]:
    scope = scope_for(viewer)
    return list(ClosureDay.objects.filter(district_id__in=scope.district_ids, date__gte=timezone.localdate()))


def closure_day_get(*, viewer: Any, day_id: int) -> ClosureDay:
    scope = scope_for(viewer)
    return get_object_for(viewer, ClosureDay.objects.filter(district_id__in=scope.district_ids), day_id)


def cadence_rule_get(*, viewer: Any, rule_id: int) -> CadenceRule:
    scope = scope_for(viewer)
    return get_object_for(
        viewer,
        CadenceRule.objects.filter(district_id__in=scope.district_ids),
        rule_id,
        allowed=policies.can_change_cadence_rule,
    )


