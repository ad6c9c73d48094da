"""Every read of the scheduling pages and API; each starts from what the viewer may see."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from pollinate.coaching.cadence import monday_of
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.core.access import get_object_for
from pollinate.core.audit import record_student_reads
from pollinate.core.errors import NotFound
from pollinate.people.models import CoachingAssignment, Person, RecordStatus, RoleAssignment, School
from pollinate.people.policies import people_visible_to, schools_visible_to
from pollinate.people.roles import scope_for
from pollinate.scheduling import policies
from pollinate.scheduling.defaults import DEFAULT_DAYS, DEFAULT_PERIOD_TIMES, reason_text, scheduling_settings
from pollinate.scheduling.models import BellSchedule, CoachProfile, FreePeriod, ScheduleRun, TravelTime

WEEKDAYS = 5


def run_get(*, viewer: Any, run_id: int) -> ScheduleRun:
    return get_object_for(viewer, policies.runs_visible_to(viewer).select_related("coach", "district"), run_id)


def run_list(*, viewer: Any, limit: int = 10) -> list[ScheduleRun]:
    return list(policies.runs_visible_to(viewer).select_related("coach")[:limit])


def unplaced_of(*, viewer: Any, run: ScheduleRun) -> list[dict[str, Any]]:
    """The run's leftovers with names and a plain reason (one query for the names)."""
    ids = {r["attendee_id"] for r in run.unplaced} | {r["host_id"] for r in run.unplaced}
    full = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    return [
        {
            **r,
            "attendee": full.get(r["attendee_id"]),
            "host": full.get(r["host_id"]),
            "reason_text": reason_text(r["reason"]),
        }
        for r in run.unplaced
    ]


def schedulable_coaches(*, viewer: Any) -> list[Person]:
    """Coaches the viewer may run the scheduler for, the viewer first when they coach."""
    scope = scope_for(viewer)
    if scope.is_anonymous:
        return []
    coach_roles = RoleAssignment.objects.filter(role__in=policies.SUPPORTER_ROLES, status=RecordStatus.ACTIVE)
    candidates = Person.objects.filter(pk__in=coach_roles.values("person_id"), is_active=True)
    candidates = candidates.filter(
        Q(pk=scope.person_id) | Q(pk__in=scope.coachee_ids) | Q(district_id__in=scope.admin_district_ids)
    )
    people = list(candidates.order_by("family_name", "given_name", "pk"))
    people.sort(key=lambda p: p.pk != scope.person_id)
    return people


def coach_get(*, viewer: Any, coach_id: int) -> Person:
    coaches = {p.pk: p for p in schedulable_coaches(viewer=viewer)}
    if coach_id not in coaches:
        raise NotFound(_("Not found."))
    return coaches[coach_id]


@dataclass
class Cell:
    weekday: int
    period: int
    check_ins: list = field(default_factory=list)


@dataclass
class CoachWeek:
    host: Person
    rows: list  # one per period: (period number, [Cell per weekday])
    count: int


def _week_bounds(week_of: dt.date, district_id: int | None) -> tuple[dt.date, dt.datetime, dt.datetime]:
    monday = monday_of(week_of)
    tz_name = scheduling_settings(district_id).timezone if district_id else settings.TIME_ZONE
    tz = zoneinfo.ZoneInfo(tz_name or settings.TIME_ZONE)
    start = dt.datetime.combine(monday, dt.time.min, tz)
    return monday, start, start + dt.timedelta(days=7)


def week_slots(
    *, viewer: Any, week_of: dt.date, host_ids: list[int] | None = None, attendee_id: int | None = None, path: str = ""
) -> list[ScheduledCheckIn]:
    """The viewer's visible check-ins of the week (optionally for some hosts or one attendee), in time order."""
    _monday, start, end = _week_bounds(week_of, getattr(viewer, "district_id", None))
    rows = (
        policies.slots_visible_to(viewer)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=ScheduledCheckIn.Status.CANCELLED)
        .select_related("host", "attendee", "school")
        .order_by("starts_at", "pk")
    )
    if host_ids is not None:
        rows = rows.filter(host_id__in=host_ids)
    if attendee_id is not None:
        rows = rows.filter(attendee_id=attendee_id)
    result = list(rows)
    students = {c.attendee_id for c in result if c.kind == CoachingAssignment.Kind.MENTOR_TO_STUDENT}
    if students:
        record_student_reads(viewer, students, verb="scheduling.week_viewed", path=path)
    return result


def week_grids(*, viewer: Any, week_of: dt.date, host_ids: list[int], path: str = "") -> list[CoachWeek]:
    """Per coach, a days × periods grid of the week's check-ins (a fixed number of queries)."""
    slots = week_slots(viewer=viewer, week_of=week_of, host_ids=host_ids, path=path)
    hosts = {p.pk: p for p in Person.objects.filter(pk__in=host_ids)}
    periods = max([len(DEFAULT_PERIOD_TIMES), *(s.period or 0 for s in slots)])
    grids = []
    for host_id in host_ids:
        if host_id not in hosts:
            continue
        cells = {(d, p): Cell(d, p) for d in range(WEEKDAYS) for p in range(1, periods + 1)}
        mine = [s for s in slots if s.host_id == host_id]
        for s in mine:
            if (s.weekday, s.period) in cells:
                cells[(s.weekday, s.period)].check_ins.append(s)
        rows = [(p, [cells[(d, p)] for d in range(WEEKDAYS)]) for p in range(1, periods + 1)]
        grids.append(CoachWeek(hosts[host_id], rows, len(mine)))
    return grids


def week_days(week_of: dt.date) -> list[dt.date]:
    monday = monday_of(week_of)
    return [monday + dt.timedelta(days=d) for d in range(WEEKDAYS)]


def slot_get(*, viewer: Any, check_in_id: int) -> ScheduledCheckIn:
    return get_object_for(
        viewer,
        policies.slots_visible_to(viewer).select_related("attendee", "host"),
        check_in_id,
        allowed=policies.can_arrange_slot,
    )


def free_slots_of(*, viewer: Any, person: Person) -> set[tuple[int, int]]:
    if not policies.can_edit_free_periods(viewer, person):
        raise NotFound(_("Not found."))
    return set(FreePeriod.objects.filter(person=person).values_list("weekday", "period"))


def person_get(*, viewer: Any, person_id: int) -> Person:
    if getattr(viewer, "pk", None) == person_id:
        return viewer
    return get_object_for(viewer, people_visible_to(viewer), person_id, allowed=policies.can_edit_free_periods)


def coach_profile_of(*, viewer: Any, coach: Person) -> CoachProfile:
    if not policies.can_edit_coach_profile(viewer, coach):
        raise NotFound(_("Not found."))
    return CoachProfile.objects.filter(coach=coach).select_related("home_school").first() or CoachProfile(
        coach=coach, district_id=coach.district_id
    )


def district_schools(*, viewer: Any, district_id: int | None) -> list[School]:
    """Every active school of a district the viewer belongs to (names only: a coach may be based anywhere)."""
    if district_id not in scope_for(viewer).district_ids:
        return []
    return list(School.objects.filter(district_id=district_id, status=RecordStatus.ACTIVE).order_by("name"))


def travel_table(*, viewer: Any, district_id: int) -> list[TravelTime]:
    if not policies.can_edit_travel_times(viewer, district_id):
        raise NotFound(_("Not found."))
    return list(TravelTime.objects.filter(district_id=district_id).select_related("school_a", "school_b"))


def bell_schedule_of(*, viewer: Any, school: School) -> tuple[int, list[tuple[dt.time, dt.time]]]:
    """(days, [(start, end), ...]) of the school, or the default week when it has none."""
    if not policies.can_edit_bell_schedule(viewer, school):
        raise NotFound(_("Not found."))
    schedule = BellSchedule.objects.filter(school=school).prefetch_related("periods").first()
    if schedule is None:
        return DEFAULT_DAYS, list(DEFAULT_PERIOD_TIMES)
    return schedule.days, [(p.starts_at, p.ends_at) for p in schedule.periods.all()]


def school_get(*, viewer: Any, school_id: int) -> School:
    return get_object_for(viewer, schools_visible_to(viewer), school_id, allowed=policies.can_edit_bell_schedule)


def bell_schedule_schools(*, viewer: Any) -> list[School]:
    """Schools whose bell schedule the viewer may edit (a district admin's schools, a leader's own)."""
    scope = scope_for(viewer)
    if not (scope.admin_district_ids or scope.led_school_ids):
        return []
    return list(
        School.objects.filter(
            Q(district_id__in=scope.admin_district_ids) | Q(pk__in=scope.led_school_ids), status=RecordStatus.ACTIVE
        ).order_by("name")
    )
