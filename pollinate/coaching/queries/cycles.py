"""Reads of coaching cycles: private to the pair; leaders get counts per school, never content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from pollinate.coaching import policies
from pollinate.coaching.models import (
    CoachingCycle,
)
from pollinate.coaching.queries.common import (
    ACTIVE,
    LIST_LIMIT,
)
from pollinate.core.access import get_object_for
from pollinate.evidence.models import Evidence
from pollinate.evidence.policies import evidence_visible_to
from pollinate.goals.models import Goal
from pollinate.goals.policies import OPEN_STATUSES, goals_visible_to
from pollinate.people.models import CoachingAssignment, Enrollment, Person, RoleAssignment, School
from pollinate.people.roles import scope_for

# Cycles


def cycle_list(*, viewer: Any, status: str | None = None) -> list[CoachingCycle]:
    qs = policies.cycles_visible_to(viewer).select_related("coach", "coachee", "goal")
    if status:
        qs = qs.filter(status=status)
    return list(qs[:LIST_LIMIT])


def cycle_get(*, viewer: Any, cycle_id: int, allowed: Any = None) -> CoachingCycle:
    return get_object_for(
        viewer,
        policies.cycles_visible_to(viewer).select_related("coach", "coachee", "goal"),
        cycle_id,
        allowed=allowed,
    )


def cycle_detail(*, viewer: Any, cycle_id: int) -> dict[str, Any]:
    cycle = cycle_get(viewer=viewer, cycle_id=cycle_id)
    return {
        "cycle": cycle,
        "can_edit": policies.can_edit_cycle(viewer, cycle),
        "can_share": policies.can_share_cycle(viewer, cycle),
        # Each reader sees only the linked pieces the evidence rules let them see (a teacher may link their
        # students' work, which their coach may not read).
        "evidence": list(cycle.evidence.filter(id__in=evidence_visible_to(viewer).values("id")).order_by("-id")),
        "check_ins": list(cycle.check_ins.all()),
        "goal_choices": professional_goals_of(viewer=viewer, person_id=cycle.coachee_id),
    }


EVIDENCE_CHOICES = 40


def linkable_evidence(*, viewer: Any, cycle: CoachingCycle) -> list[Evidence]:
    """What the viewer may link to the cycle, newest first: the coachee's own pieces and, for the coachee, their
    students' work (the baseline and the "after" of a cycle are often student work), plus whatever is linked."""
    learners = Q(learner_id=cycle.coachee_id)
    if viewer.pk == cycle.coachee_id:
        learners |= Q(
            learner_id__in=Enrollment.objects.filter(
                section_id__in=scope_for(viewer).taught_section_ids,
                role=Enrollment.EnrollmentRole.STUDENT,
                status=ACTIVE,
            ).values("person_id")
        )
    visible = evidence_visible_to(viewer).select_related("learner")
    recent = list(visible.filter(learners).order_by("-created_at", "-id")[:EVIDENCE_CHOICES])
    linked = visible.filter(id__in=cycle.evidence.values("id")).exclude(id__in=[e.pk for e in recent])
    return recent + list(linked)


def professional_goals_of(*, viewer: Any, person_id: int) -> list[Goal]:
    return list(
        goals_visible_to(viewer).filter(learner_id=person_id, kind=Goal.Kind.PROFESSIONAL, status__in=OPEN_STATUSES)
    )


def coachees_for_cycles(*, viewer: Any) -> list[Person]:
    return list(
        Person.objects.filter(
            id__in=CoachingAssignment.objects.filter(
                coach_id=viewer.pk, status=ACTIVE, kind__in=policies.COACHING_KINDS
            ).values("coachee_id"),
            status=ACTIVE,
        ).order_by("family_name", "given_name")
    )


@dataclass(frozen=True)
class CycleCount:
    school: str
    active: int
    completed: int


def cycle_counts_by_school(*, viewer: Any) -> list[CycleCount]:
    """Leaders see how much coaching happens, never what is in it: counts only, per the coachee's school."""
    scope = scope_for(viewer)
    if not (scope.admin_district_ids or scope.led_school_ids):
        return []
    per_person = list(
        CoachingCycle.objects.filter(district_id__in=scope.district_ids)
        .values("coachee_id", "status")
        .annotate(n=Count("id"))
        .values_list("coachee_id", "status", "n")
    )
    schools: dict[int, int] = {}
    for person_id, school_id in (
        RoleAssignment.objects.filter(
            person_id__in={p for p, _s, _n in per_person}, status=ACTIVE, school__isnull=False
        )
        .order_by("-role", "id")
        .values_list("person_id", "school_id")
    ):
        schools.setdefault(person_id, school_id)
    visible = {
        pk: name
        for pk, name, district_id in School.objects.filter(id__in=set(schools.values())).values_list(
            "id", "name", "district_id"
        )
        if district_id in scope.admin_district_ids or pk in scope.led_school_ids
    }
    totals: dict[int, list[int]] = {}
    for person_id, status, n in per_person:
        school_id = schools.get(person_id)
        if school_id not in visible:
            continue
        counts = totals.setdefault(school_id, [0, 0])
        if status == CoachingCycle.Status.ACTIVE:
            counts[0] += n
        elif status == CoachingCycle.Status.COMPLETED:
            counts[1] += n
    return sorted(
        (CycleCount(visible[k], active, completed) for k, (active, completed) in totals.items()),
        key=lambda c: c.school,
    )


