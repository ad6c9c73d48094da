"""Reads for coaching pages and the API. Every one starts from a ``*_visible_to`` policy.

A mentor reading their student mentees' check-ins is reading a student's record: those reads are recorded
with ``record_student_reads`` (two queries whatever the number of students). Coverage lives in ``coverage``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from pollinate.coaching import policies
from pollinate.coaching.cadence import CadenceState, monday_of
from pollinate.coaching.coverage import caseload_state_for, coverage_report
from pollinate.coaching.models import (
    CadenceRule,
    ClosureDay,
    CoachingCycle,
    CoachingSettings,
    NextStep,
    ScheduledCheckIn,
)
from pollinate.core.access import get_object_for, require
from pollinate.core.audit import record_student_reads
from pollinate.evidence.policies import evidence_visible_to
from pollinate.goals.models import Goal
from pollinate.goals.policies import OPEN_STATUSES, goals_visible_to
from pollinate.people import policies as people_policies
from pollinate.people.models import CoachingAssignment, District, Person, RecordStatus, Role, RoleAssignment, School
from pollinate.people.roles import scope_for

ACTIVE = RecordStatus.ACTIVE
Kind = CoachingAssignment.Kind
CS = ScheduledCheckIn.Status
UPCOMING = (CS.PROPOSED, CS.SCHEDULED)
LIST_LIMIT = 100
# Below this share of the target a caseload is flagged as having room (a coach under-used).
UNDER_SHARE = 0.8

__all__ = ["coverage_report"]


def _audit_students(viewer: Any, check_ins: list[ScheduledCheckIn], *, verb: str, path: str = "") -> None:
    students = {c.attendee_id for c in check_ins if c.kind == Kind.MENTOR_TO_STUDENT}
    if students:
        record_student_reads(viewer, students, verb=verb, path=path)


def settings_for(district_id: int) -> CoachingSettings:
    return CoachingSettings.objects.filter(district_id=district_id).first() or CoachingSettings(district_id=district_id)


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


# Check-ins


def _check_ins(viewer: Any):
    return policies.check_ins_visible_to(viewer).select_related("host", "attendee", "school")


def my_check_ins(*, viewer: Any, now: dt.datetime | None = None, path: str = "") -> dict[str, list[ScheduledCheckIn]]:
    """Every check-in the viewer hosts or attends: upcoming (soonest first) and past (latest first)."""
    now = now or timezone.now()
    start_of_today = timezone.make_aware(dt.datetime.combine(timezone.localtime(now).date(), dt.time.min))
    mine = (
        _check_ins(viewer)
        .filter(Q(host_id=viewer.pk) | Q(attendee_id=viewer.pk))
        .exclude(status=CS.PROPOSED, locked=False, source=ScheduledCheckIn.Source.SCHEDULER, attendee_id=viewer.pk)
    )
    upcoming = list(mine.filter(starts_at__gte=start_of_today, status__in=UPCOMING).order_by("starts_at")[:LIST_LIMIT])
    past = list(
        mine.filter(Q(starts_at__lt=start_of_today) | ~Q(status__in=UPCOMING)).order_by("-starts_at")[:LIST_LIMIT]
    )
    _audit_students(
        viewer, [c for c in upcoming + past if c.host_id == viewer.pk], verb="coaching.check_in_list", path=path
    )
    return {"upcoming": upcoming, "past": past}


def check_in_get(*, viewer: Any, check_in_id: int, allowed: Any = None, path: str = "") -> ScheduledCheckIn:
    check_in = get_object_for(viewer, _check_ins(viewer), check_in_id, allowed=allowed)
    _audit_students(viewer, [check_in], verb="coaching.check_in_view", path=path)
    return check_in


def check_in_detail(*, viewer: Any, check_in_id: int, path: str = "") -> dict[str, Any]:
    """A check-in with what this viewer may read of it, its next steps and the follow-up of the one before."""
    check_in = check_in_get(viewer=viewer, check_in_id=check_in_id, path=path)
    member = policies.is_check_in_member(viewer, check_in)
    steps = (
        list(NextStep.objects.filter(check_in=check_in).select_related("action_step__goal").order_by("id"))
        if member
        else []
    )
    previous = None
    previous_steps: list[NextStep] = []
    if member:
        previous = (
            policies.check_ins_visible_to(viewer)
            .filter(
                host_id=check_in.host_id,
                attendee_id=check_in.attendee_id,
                starts_at__lt=check_in.starts_at,
                next_steps__isnull=False,
            )
            .distinct()
            .order_by("-starts_at")
            .first()
        )
        if previous is not None:
            previous_steps = list(
                NextStep.objects.filter(check_in=previous).select_related("action_step__goal").order_by("id")
            )
    return {
        "check_in": check_in,
        "is_member": member,
        "can_change": policies.can_change_check_in(viewer, check_in),
        "can_read_agenda": policies.can_read_check_in_agenda(viewer, check_in),
        "can_read_notes": policies.can_read_check_in_notes(viewer, check_in),
        "can_share_notes": policies.can_share_check_in_notes(viewer, check_in),
        "next_steps": steps,
        "previous": previous,
        "previous_steps": previous_steps,
        "goal_choices": (
            list(goals_visible_to(viewer).filter(learner_id=check_in.attendee_id, status__in=OPEN_STATUSES))
            if policies.can_change_check_in(viewer, check_in)
            else []
        ),
    }


def check_in_partners(*, viewer: Any) -> list[Person]:
    """People the viewer may set a check-in with: everyone they support directly."""
    return list(
        Person.objects.filter(
            id__in=CoachingAssignment.objects.filter(coach_id=viewer.pk, status=ACTIVE).values("coachee_id"),
            status=ACTIVE,
        ).order_by("family_name", "given_name")
    )


def check_in_list(
    *, viewer: Any, attendee_id: int | None = None, status: str | None = None, path: str = ""
) -> list[ScheduledCheckIn]:
    qs = _check_ins(viewer)
    if attendee_id:
        qs = qs.filter(attendee_id=attendee_id)
    if status:
        qs = qs.filter(status=status)
    rows = list(qs.order_by("-starts_at")[:LIST_LIMIT])
    _audit_students(viewer, rows, verb="coaching.check_in_list", path=path)
    return rows


# Home page


@dataclass(frozen=True)
class HomePanel:
    next_check_in: ScheduledCheckIn | None
    this_week: int
    overdue: int
    active_cycles: int
    show: bool


def coaching_home_panel(viewer: Any) -> HomePanel:
    """The coaching box on a home page: the next check-in, how many this week, my overdue people, my cycles.

    Five queries at most (plus the cached scope), whatever the size of the caseload.
    """
    scope = scope_for(viewer)
    if scope.is_anonymous:
        return HomePanel(None, 0, 0, 0, False)
    now = timezone.now()
    today = timezone.localdate()
    monday = monday_of(today)
    week = (
        timezone.make_aware(dt.datetime.combine(monday, dt.time.min)),
        timezone.make_aware(dt.datetime.combine(monday + dt.timedelta(days=7), dt.time.min)),
    )
    mine = policies.check_ins_visible_to(viewer).filter(
        Q(host_id=viewer.pk) | Q(attendee_id=viewer.pk), status__in=UPCOMING
    )
    next_check_in = mine.filter(starts_at__gte=now).select_related("host", "attendee").order_by("starts_at").first()
    this_week = mine.filter(starts_at__gte=week[0], starts_at__lt=week[1]).count()
    states = caseload_state_for(viewer=viewer, today=today) if (scope.coachee_ids or scope.mentee_ids) else {}
    overdue = sum(1 for s in states.values() if s.due_on < today)
    active_cycles = (
        policies.cycles_visible_to(viewer)
        .filter(Q(coach_id=viewer.pk) | Q(coachee_id=viewer.pk), status=CoachingCycle.Status.ACTIVE)
        .count()
    )
    show = bool(next_check_in or this_week or states or active_cycles or scope.coachee_ids or scope.mentee_ids)
    return HomePanel(next_check_in, this_week, overdue, active_cycles, show)


def readable_check_ins(*, viewer: Any, check_ins: list[ScheduledCheckIn]) -> list[dict[str, Any]]:
    """Check-ins as plain data with agenda and notes blanked (None) where the viewer may not read them.

    One query for the whole list: the hosts the viewer directly coaches (who may read shared notes).
    """
    coached = set(
        CoachingAssignment.objects.filter(
            coach_id=viewer.pk,
            status=ACTIVE,
            kind__in=policies.COACHING_KINDS,
            coachee_id__in={c.host_id for c in check_ins},
        ).values_list("coachee_id", flat=True)
    )
    rows = []
    for c in check_ins:
        member = policies.is_check_in_member(viewer, c)
        notes_ok = member or (c.notes_shared and c.host_id in coached)
        rows.append(
            {
                **{
                    name: getattr(c, name)
                    for name in (
                        "id",
                        "host_id",
                        "attendee_id",
                        "kind",
                        "school_id",
                        "starts_at",
                        "ends_at",
                        "status",
                        "source",
                        "locked",
                        "notes_shared",
                        "followed_up_at",
                    )
                },
                "agenda": c.agenda if member else None,
                "notes": c.notes if notes_ok else None,
            }
        )
    return rows


def goal_get(*, viewer: Any, goal_id: int) -> Goal:
    return get_object_for(viewer, goals_visible_to(viewer), goal_id)


def next_step_list(*, viewer: Any, check_in: ScheduledCheckIn) -> list[NextStep]:
    if not policies.is_check_in_member(viewer, check_in):
        return []
    return list(NextStep.objects.filter(check_in=check_in).select_related("action_step").order_by("id"))
