"""Who may schedule whose check-ins, see the proposed week, and edit the scheduler's inputs.

- A coach schedules their own caseload; a lead coach also any coach in the network under them, or the whole
  network at once; district administrators schedule anyone in their districts, or the whole district.
- The week's slots are seen by whoever sees the check-in (``coaching.policies``: host, attendee, supporters
  above the host) and by district administrators, who run district-wide schedules. Slot pages show who meets
  whom and when, never agendas or notes.
- Slots are accepted, moved and locked by their host, the supporters above the host, or a district admin.
- A person fills in their own free periods (their coach or a district admin may do it for them); a coach's
  profile is edited by the coach, the lead coach above them or a district admin; bell schedules by the
  school's leaders or a district admin; travel times by district admins.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.coaching.models import ScheduledCheckIn
from pollinate.coaching.policies import check_ins_visible_to
from pollinate.people.models import Person, Role
from pollinate.people.roles import scope_for
from pollinate.scheduling.models import ScheduleRun

SUPPORTER_ROLES = (Role.SITE_COACH, Role.LEAD_COACH, Role.MENTOR)


def _person_id(person: Any) -> int | None:
    return person if isinstance(person, int) else getattr(person, "pk", None)


def schedules_anything(actor: Any) -> bool:
    """Whether the scheduling page offers this person a "run" button (coaches, lead coaches, admins)."""
    scope = scope_for(actor)
    return bool(scope.admin_district_ids) or scope.has_role(*SUPPORTER_ROLES)


def can_schedule_for(actor: Any, *, district_id: int | None, coach: Person | int | None) -> bool:
    """Run the scheduler for one coach's caseload, or (``coach=None``) for everyone the actor may schedule."""
    scope = scope_for(actor)
    if scope.is_anonymous or district_id is None:
        return False
    if scope.administers_district(district_id):
        return True
    if district_id not in scope.district_ids:
        return False
    coach_id = _person_id(coach)
    if coach_id is None:
        return scope.has_role(*SUPPORTER_ROLES)
    if coach_id == scope.person_id:
        return scope.has_role(*SUPPORTER_ROLES)
    return coach_id in scope.coachee_ids


def hosts_scheduled_by(actor: Any, *, district_id: int, coach: Person | int | None) -> frozenset[int] | None:
    """The hosts one run covers: one coach; or the actor's own caseload, a lead coach's whole network, or (None)
    every host in an administrator's district. Call after ``can_schedule_for``."""
    coach_id = _person_id(coach)
    if coach_id is not None:
        return frozenset({coach_id})
    scope = scope_for(actor)
    if scope.administers_district(district_id):
        return None
    if scope.has_role(Role.LEAD_COACH):
        return frozenset({scope.person_id, *scope.coachee_ids})
    return frozenset({scope.person_id})


def runs_visible_to(actor: Any) -> QuerySet[ScheduleRun]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return ScheduleRun.objects.none()
    return ScheduleRun.objects.filter(
        Q(requested_by_id=scope.person_id)
        | Q(coach_id=scope.person_id)
        | Q(coach_id__in=scope.coachee_ids, district_id__in=scope.district_ids)
        | Q(district_id__in=scope.admin_district_ids)
    )


def can_view_run(actor: Any, run: ScheduleRun) -> bool:
    return runs_visible_to(actor).filter(pk=run.pk).exists()


def slots_visible_to(actor: Any) -> QuerySet[ScheduledCheckIn]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return ScheduledCheckIn.objects.none()
    if not scope.admin_district_ids:
        return check_ins_visible_to(actor)
    mine = check_ins_visible_to(actor).values("pk")
    return ScheduledCheckIn.objects.filter(Q(pk__in=mine) | Q(district_id__in=scope.admin_district_ids))


def can_arrange_slot(actor: Any, check_in: ScheduledCheckIn) -> bool:
    """Accept, move, lock or unlock a slot."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return False
    return (
        check_in.host_id == scope.person_id
        or check_in.host_id in scope.coachee_ids
        or scope.administers_district(check_in.district_id)
    )


def can_edit_free_periods(actor: Any, person: Person) -> bool:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return False
    return (
        person.pk == scope.person_id or person.pk in scope.coachee_ids or scope.administers_district(person.district_id)
    )


def can_edit_coach_profile(actor: Any, coach: Person) -> bool:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return False
    if coach.pk == scope.person_id:
        return scope.has_role(*SUPPORTER_ROLES)
    return coach.pk in scope.coachee_ids or scope.administers_district(coach.district_id)


def can_edit_bell_schedule(actor: Any, school: Any) -> bool:
    scope = scope_for(actor)
    return scope.administers_district(school.district_id) or scope.leads_school(school.pk)


def can_edit_travel_times(actor: Any, district_id: int | None) -> bool:
    return scope_for(actor).administers_district(district_id)
