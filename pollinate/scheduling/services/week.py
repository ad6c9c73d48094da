"""The week as the solver sees it: built from the database in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from pollinate.coaching.cadence import calendar_for, due_in_week, monday_of
from pollinate.coaching.models import ScheduledCheckIn
from pollinate.people.models import RecordStatus, Role, RoleAssignment
from pollinate.scheduling import solver
from pollinate.scheduling.defaults import DEFAULT_DAYS, DEFAULT_PERIOD_TIMES, scheduling_settings
from pollinate.scheduling.models import (
    BellSchedule,
    CoachProfile,
    FreePeriod,
    TravelTime,
)

CheckInStatus = ScheduledCheckIn.Status


# The week as the solver sees it


@dataclass
class Week:
    """What ``schedule_week`` needs to turn the solver's answer back into check-ins."""

    instance: solver.Instance
    dues: list
    monday: dt.date
    tz: dt.tzinfo
    period_times: dict[int | None, list[tuple[dt.time, dt.time]]]  # school id (None = default) → periods
    host_ids: frozenset[int] | None


def _period_times(school_ids: set[int]) -> tuple[dict, dict[int, int]]:
    times: dict[int | None, list] = {None: list(DEFAULT_PERIOD_TIMES)}
    days: dict[int, int] = {}
    for schedule in BellSchedule.objects.filter(school_id__in=school_ids).prefetch_related("periods"):
        periods = [(p.starts_at, p.ends_at) for p in schedule.periods.all()]
        if periods:
            times[schedule.school_id] = periods
            days[schedule.school_id] = schedule.days
    return times, days


def build_week(*, district_id: int, week_of: dt.date, host_ids: frozenset[int] | None) -> Week:
    """The solver's instance for one week, in a fixed number of queries whatever the caseloads."""
    monday = monday_of(week_of)
    prefs = scheduling_settings(district_id)
    tz = zoneinfo.ZoneInfo(prefs.timezone or settings.TIME_ZONE)
    dues = due_in_week(district_id=district_id, week_of=monday, host_ids=host_ids)
    hosts = {d.host_id for d in dues} | set(host_ids or ())
    attendees = {d.attendee_id for d in dues}
    people = hosts | attendees

    profiles = {p.coach_id: p for p in CoachProfile.objects.filter(coach_id__in=people)}
    role_school: dict[int, int] = {}
    supporters: set[int] = set()  # coaches are free unless busy; others only in the free periods they entered
    for person_id, school_id, role in (
        RoleAssignment.objects.filter(person_id__in=people, status=RecordStatus.ACTIVE)
        .order_by("id")
        .values_list("person_id", "school_id", "role")
    ):
        if role in (Role.SITE_COACH, Role.LEAD_COACH):
            supporters.add(person_id)
        if school_id and person_id in hosts:
            role_school.setdefault(person_id, school_id)
    free: dict[int, set] = defaultdict(set)
    for person_id, weekday, period in FreePeriod.objects.filter(person_id__in=people).values_list(
        "person_id", "weekday", "period"
    ):
        free[person_id].add((weekday, period - 1))

    # Meetings already in the week that the scheduler must keep: booked, held, locked, or someone else's plan.
    start = dt.datetime.combine(monday, dt.time.min, tz)
    end = start + dt.timedelta(days=7)
    replaced = _replaceable(district_id, host_ids)
    fixed_rows = list(
        ScheduledCheckIn.objects.filter(
            Q(host_id__in=people) | Q(attendee_id__in=people),
            starts_at__gte=start,
            starts_at__lt=end,
            weekday__isnull=False,
            period__isnull=False,
        )
        .exclude(status__in=[CheckInStatus.CANCELLED, CheckInStatus.MISSED])
        .exclude(pk__in=replaced.filter(starts_at__gte=start, starts_at__lt=end).values("pk"))
        .values_list("pk", "host_id", "attendee_id", "school_id", "weekday", "period")
    )
    schools = {d.school_id for d in dues if d.school_id} | {r[3] for r in fixed_rows if r[3]}
    period_times, school_days = _period_times(schools)
    days = max([DEFAULT_DAYS, *school_days.values()]) if school_days else DEFAULT_DAYS
    periods = max(len(p) for p in period_times.values())
    calendar = calendar_for(district_id)
    open_days = {d for d in range(days) if calendar.is_school_day(monday + dt.timedelta(days=d))}

    def in_week(slot, school_id):
        d, p = slot
        return (
            d in open_days
            and d < school_days.get(school_id, DEFAULT_DAYS)
            and p < len(period_times.get(school_id, period_times[None]))
        )

    all_slots = frozenset((d, p) for d in range(days) for p in range(periods))
    coaches = []
    for host in sorted(hosts):
        profile = profiles.get(host)
        coaches.append(
            solver.Coach(
                id=host,
                home_school=(profile.home_school_id if profile and profile.home_school_id else role_school.get(host)),
                capacity_per_day=profile.max_per_day if profile else 4,
                busy=frozenset((d, p - 1) for d, p in (profile.busy if profile else [])),
            )
        )
    requests = []
    for i, due in enumerate(dues):
        if due.attendee_id in free:
            slots = free[due.attendee_id]
        elif due.attendee_id in profiles or due.attendee_id in supporters:  # a coach being coached
            busy = profiles[due.attendee_id].busy if due.attendee_id in profiles else []
            slots = all_slots - {(d, p - 1) for d, p in busy}
        else:
            slots = set()
        requests.append(
            solver.Request(
                id=i,
                coach=due.host_id,
                attendee=due.attendee_id,
                school=due.school_id,
                free=frozenset(s for s in slots if in_week(s, due.school_id)),
            )
        )
    fixed = tuple(
        solver.Fixed(id=pk, coach=host, attendee=attendee, school=school, slot=(weekday, period - 1))
        for pk, host, attendee, school, weekday, period in fixed_rows
        if host in hosts
    )
    # A fixed meeting of someone outside this run still takes its people's time: mark it busy for them.
    outside = [r for r in fixed_rows if r[1] not in hosts]
    if outside:
        taken = defaultdict(set)
        for _pk, host, attendee, _school, weekday, period in outside:
            taken[host].add((weekday, period - 1))
            taken[attendee].add((weekday, period - 1))
        requests = [solver.Request(r.id, r.coach, r.attendee, r.school, r.free - taken[r.attendee]) for r in requests]
        coaches = [solver.Coach(c.id, c.home_school, c.capacity_per_day, c.busy | taken[c.id]) for c in coaches]
    travel = solver.Travel.from_pairs(
        TravelTime.objects.filter(district_id=district_id).values_list("school_a_id", "school_b_id", "minutes"),
        default=prefs.default_travel_minutes,
    )
    # Schools need not ring their bells together, and a coach needs time to drive between them: periods that
    # overlap, or leave less than the drive between two schools, cannot both be one person's.
    minutes = {
        school: [(_minute(a), _minute(b)) for a, b in period_times.get(school, period_times[None])]
        for school in {None, *schools}
    }
    instance = solver.Instance(
        days=days,
        periods=periods,
        coaches=tuple(coaches),
        requests=tuple(requests),
        fixed=fixed,
        travel=travel,
        clashes=solver.clashing_periods(minutes, travel),
    )
    return Week(instance, dues, monday, tz, period_times, host_ids)


def _minute(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _replaceable(district_id: int, host_ids: frozenset[int] | None):
    """The earlier proposals a run in this scope replaces: unlocked scheduler proposals of its hosts."""
    rows = ScheduledCheckIn.objects.filter(
        district_id=district_id,
        status=CheckInStatus.PROPOSED,
        locked=False,
        source=ScheduledCheckIn.Source.SCHEDULER,
    )
    return rows if host_ids is None else rows.filter(host_id__in=host_ids)


def slot_times(
    *, monday: dt.date, tz: dt.tzinfo, period_times: dict, school_id: int | None, weekday: int, period: int
) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of ``period`` (0-based) on ``weekday`` of the week at the school, in the district's zone."""
    times = period_times.get(school_id) or period_times[None]
    starts, ends = times[min(period, len(times) - 1)]
    day = monday + dt.timedelta(days=weekday)
    return dt.datetime.combine(day, starts, tz), dt.datetime.combine(day, ends, tz)
