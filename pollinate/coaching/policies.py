"""Who may see and change the coaching network, cycles and check-ins.

Coaching is confidential and never evaluation:

- the network (who supports whom) is visible to the two people in it, to the supporters above them (a lead
  coach sees the network under them), to district administrators and to leaders of the school it belongs to;
- district administrators build the network anywhere in their districts, school leaders for the schools they
  lead; only district administrators change the district's coaching settings and cadence rules (a school leader
  may set their own school's cadence);
- a coaching cycle is seen only by its coach and coachee, plus the coach's own coach when the coachee chose to
  share it. Leaders never see cycles: they get counts, from a query that reads no content;
- a check-in is seen by its host and attendee and by the supporters above the host (for coverage: who met whom
  and when). Its agenda and notes are for the two people only; notes reach the host's own coach only when the
  attendee shares them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.coaching.models import CadenceRule, CoachingCycle, ScheduledCheckIn
from pollinate.people.models import CoachingAssignment, Enrollment, RecordStatus, RoleAssignment
from pollinate.people.roles import scope_for

ACTIVE = RecordStatus.ACTIVE
Kind = CoachingAssignment.Kind
# Kinds in which the supported person is an educator: cycles are professional coaching, not mentoring.
COACHING_KINDS = (Kind.LEAD_TO_SITE, Kind.COACH_TO_TEACHER)


def _authenticated(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


def _people_in_led_schools(scope: Any) -> Q:
    staff = RoleAssignment.objects.filter(school_id__in=scope.led_school_ids, status=ACTIVE).values("person_id")
    enrolled = Enrollment.objects.filter(school_id__in=scope.led_school_ids, status=ACTIVE).values("person_id")
    return Q(coachee_id__in=staff) | Q(coachee_id__in=enrolled)


def assignments_visible_to(actor: Any) -> QuerySet[CoachingAssignment]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return CoachingAssignment.objects.none()
    below = scope.coachee_ids | scope.mentee_ids
    condition = (
        Q(coach_id=scope.person_id)
        | Q(coachee_id=scope.person_id)
        | Q(coach_id__in=below)
        | Q(district_id__in=scope.admin_district_ids)
    )
    if scope.led_school_ids:
        condition |= Q(school_id__in=scope.led_school_ids) | _people_in_led_schools(scope)
    return CoachingAssignment.objects.filter(condition, district_id__in=scope.district_ids)


def can_manage_network(actor: Any, *, district_id: int | None, school_id: int | None = None) -> bool:
    """Assign supporters and end assignments: district administrators, or leaders of the assignment's school."""
    scope = scope_for(actor)
    return scope.administers_district(district_id) or (school_id is not None and scope.leads_school(school_id))


def manages_some_network(actor: Any) -> bool:
    """Whether the person builds any part of the network (to offer the assignment form)."""
    scope = scope_for(actor)
    return bool(scope.admin_district_ids or scope.led_school_ids)


def can_end_assignment(actor: Any, assignment: CoachingAssignment) -> bool:
    return assignment.status == ACTIVE and can_manage_network(
        actor, district_id=assignment.district_id, school_id=assignment.school_id
    )


def can_manage_coaching_settings(actor: Any, district_id: int | None) -> bool:
    return scope_for(actor).administers_district(district_id)


def can_manage_cadence(actor: Any, *, district_id: int | None, school_id: int | None = None) -> bool:
    scope = scope_for(actor)
    return scope.administers_district(district_id) or (school_id is not None and scope.leads_school(school_id))


def can_change_cadence_rule(actor: Any, rule: CadenceRule) -> bool:
    return can_manage_cadence(actor, district_id=rule.district_id, school_id=rule.school_id)


def sees_caseload_sizes(actor: Any) -> bool:
    scope = scope_for(actor)
    return bool(scope.admin_district_ids or scope.led_school_ids or scope.has_role("lead_coach"))


def supports(actor: Any, person_id: int, *, kinds: tuple[str, ...] | None = None) -> bool:
    """Whether ``actor`` directly supports ``person_id`` through an active assignment."""
    if not _authenticated(actor):
        return False
    links = CoachingAssignment.objects.filter(coach_id=actor.pk, coachee_id=person_id, status=ACTIVE)
    if kinds is not None:
        links = links.filter(kind__in=kinds)
    return links.exists()


def _my_direct_coachees(actor: Any) -> QuerySet[CoachingAssignment]:
    return CoachingAssignment.objects.filter(coach_id=actor.pk, status=ACTIVE, kind__in=COACHING_KINDS).values(
        "coachee_id"
    )


# Cycles


def cycles_visible_to(actor: Any) -> QuerySet[CoachingCycle]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return CoachingCycle.objects.none()
    return CoachingCycle.objects.filter(
        Q(coach_id=scope.person_id)
        | Q(coachee_id=scope.person_id)
        | Q(shared_with_coachs_coach=True, coach_id__in=_my_direct_coachees(actor))
    )


def can_view_cycle(actor: Any, cycle: CoachingCycle) -> bool:
    return cycles_visible_to(actor).filter(pk=cycle.pk).exists()


def is_cycle_member(actor: Any, cycle: CoachingCycle) -> bool:
    return _authenticated(actor) and actor.pk in (cycle.coach_id, cycle.coachee_id)


def can_edit_cycle(actor: Any, cycle: CoachingCycle) -> bool:
    """Coach and coachee write the cycle together (the coachee writes their try and reflection)."""
    return is_cycle_member(actor, cycle)


def can_delete_cycle(actor: Any, cycle: CoachingCycle) -> bool:
    return _authenticated(actor) and actor.pk == cycle.coach_id


def can_share_cycle(actor: Any, cycle: CoachingCycle) -> bool:
    """Only the coachee decides whether their cycle goes further up the chain."""
    return _authenticated(actor) and actor.pk == cycle.coachee_id


def can_start_cycle_with(actor: Any, coachee_id: int) -> bool:
    return supports(actor, coachee_id, kinds=COACHING_KINDS)


# Check-ins


def check_ins_visible_to(actor: Any) -> QuerySet[ScheduledCheckIn]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return ScheduledCheckIn.objects.none()
    # Supporters above the host see that coaching meetings happen (coverage), never a mentor's meetings with
    # students: those belong to the mentor and the student.
    return ScheduledCheckIn.objects.filter(
        Q(host_id=scope.person_id)
        | Q(attendee_id=scope.person_id)
        | Q(host_id__in=scope.coachee_ids, kind__in=COACHING_KINDS, district_id__in=scope.district_ids)
    )


def can_view_check_in(actor: Any, check_in: ScheduledCheckIn) -> bool:
    return check_ins_visible_to(actor).filter(pk=check_in.pk).exists()


def is_check_in_member(actor: Any, check_in: ScheduledCheckIn) -> bool:
    return _authenticated(actor) and actor.pk in (check_in.host_id, check_in.attendee_id)


def is_check_in_host(actor: Any, check_in: ScheduledCheckIn) -> bool:
    return _authenticated(actor) and actor.pk == check_in.host_id


def can_read_check_in_agenda(actor: Any, check_in: ScheduledCheckIn) -> bool:
    return is_check_in_member(actor, check_in)


def can_read_check_in_notes(
    actor: Any, check_in: ScheduledCheckIn, *, host_coach_ids: frozenset[int] = frozenset()
) -> bool:
    """The two people; the host's own coach only when the attendee shared the notes.

    ``host_coach_ids`` (the host's direct coaches) lets a list answer this without a query per row.
    """
    if is_check_in_member(actor, check_in):
        return True
    if not check_in.notes_shared or not _authenticated(actor):
        return False
    if host_coach_ids:
        return actor.pk in host_coach_ids
    return supports(actor, check_in.host_id, kinds=COACHING_KINDS)


def can_create_check_in_with(actor: Any, attendee_id: int) -> bool:
    return supports(actor, attendee_id)


def can_change_check_in(actor: Any, check_in: ScheduledCheckIn) -> bool:
    """The host runs the meeting: reschedules, records notes and next steps, marks it held or missed."""
    return is_check_in_host(actor, check_in)


def can_share_check_in_notes(actor: Any, check_in: ScheduledCheckIn) -> bool:
    """Only the supported person decides whether notes about them go further up the chain."""
    return _authenticated(actor) and actor.pk == check_in.attendee_id


def can_follow_up_check_in(actor: Any, check_in: ScheduledCheckIn) -> bool:
    return is_check_in_member(actor, check_in)
