"""When each supported person must next be seen, counted in school days.

A ``CadenceRule`` says a kind of relationship must meet at least every N school days (a school's own rule wins
over the district's). Counting starts from the last *held* check-in between the two people, or from the day the
assignment began when they have never met; the N-th school day after that is the day they are due. School days
are Monday to Friday minus the district's ``ClosureDay`` rows.

Everything here costs a fixed number of queries, whatever the size of the caseloads: the scheduler and the
coverage views read whole districts at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Max, Q
from django.utils import timezone

from pollinate.coaching.models import CadenceRule, ClosureDay, ScheduledCheckIn
from pollinate.people.models import CoachingAssignment, RecordStatus, Role, RoleAssignment

ACTIVE = RecordStatus.ACTIVE

# The role whose school tells where the supported person works or learns, by kind of relationship.
ATTENDEE_ROLE = {
    CoachingAssignment.Kind.LEAD_TO_SITE: Role.SITE_COACH,
    CoachingAssignment.Kind.COACH_TO_TEACHER: Role.TEACHER,
    CoachingAssignment.Kind.MENTOR_TO_STUDENT: Role.STUDENT,
}

# A check-in that will happen (or did): it means nobody needs to place another one. A proposal counts only once
# someone has locked it; a plain proposal is the scheduler's own draft and is replaced by its next run.
COVERING = Q(status__in=[ScheduledCheckIn.Status.SCHEDULED, ScheduledCheckIn.Status.HELD]) | Q(
    locked=True, status=ScheduledCheckIn.Status.PROPOSED
)


@dataclass(frozen=True)
class Due:
    assignment_id: int
    host_id: int  # the supporter
    attendee_id: int  # the supported person
    kind: str  # CoachingAssignment.Kind value
    school_id: int | None  # where the attendee works/learns (assignment.school, else their school)
    due_on: date  # the last school day by which they must be seen
    last_seen_on: date | None


@dataclass(frozen=True)
class CadenceState:
    """One active assignment under a cadence rule: when they last met, when they are due, what is booked."""

    assignment_id: int
    host_id: int
    attendee_id: int
    kind: str
    school_id: int | None
    every_school_days: int
    started_on: date
    last_seen_on: date | None
    due_on: date
    # The earliest booked check-in (scheduled, or a locked proposal) after the last meeting, within the window
    # the caller asked about; None when nothing is booked there.
    next_on: date | None


def _weekdays_through(day: date) -> int:
    """Mondays-to-Fridays from 1 January of year 1 (a Monday) through ``day``: an O(1) count."""
    n = day.toordinal()
    return (n // 7) * 5 + min(n % 7, 5)


def _add_weekdays(start: date, n: int) -> date:
    """The n-th Monday-to-Friday after ``start`` (``start`` itself when n is 0): O(1)."""
    if n <= 0:
        return start
    if start.weekday() >= 5:  # from a weekend, count as from the Friday before
        start -= timedelta(days=start.weekday() - 4)
    weeks, rest = divmod(n, 5)
    day = start + timedelta(days=7 * weeks)
    if rest:
        day += timedelta(days=rest + 2 if day.weekday() + rest >= 5 else rest)
    return day


class SchoolCalendar:
    """School days of one district: weekdays that are not closure days."""

    def __init__(self, closures: Iterable[date] = ()) -> None:
        self.closures = frozenset(d for d in closures if d.weekday() < 5)
        self._added: dict[tuple[date, int], date] = {}

    def is_school_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closures

    def days_between(self, start: date, end: date) -> int:
        """School days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.days_between(end, start)
        closed = sum(1 for d in self.closures if start < d <= end)
        return _weekdays_through(end) - _weekdays_through(start) - closed

    def add(self, start: date, school_days: int) -> date:
        """The ``school_days``-th school day after ``start`` (``start`` itself when 0)."""
        key = (start, school_days)
        found = self._added.get(key)
        if found is None:
            found = _add_weekdays(start, school_days)
            # Each closure passed over pushes the day on by one more school day (which may pass another).
            counted = start
            while closed := sum(1 for d in self.closures if counted < d <= found):
                counted = found
                found = _add_weekdays(found, closed)
            self._added[key] = found
        return found

    def previous_or_same(self, day: date) -> date:
        """``day`` when it is a school day, else the school day before it."""
        while not self.is_school_day(day):
            day -= timedelta(days=1)
        return day


def calendar_for(district_id: int) -> SchoolCalendar:
    return SchoolCalendar(ClosureDay.objects.filter(district_id=district_id).values_list("date", flat=True))


def school_days_between(start: date, end: date, *, district_id: int) -> int:
    """School days (Mon-Fri minus the district's closure days) after ``start`` up to and including ``end``."""
    return calendar_for(district_id).days_between(start, end)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _local_date(moment: datetime, tz=None) -> date:
    return moment.astimezone(tz or timezone.get_current_timezone()).date()


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def cadence_states(
    *,
    district_id: int,
    booked_from: date,
    booked_until: date,
    host_ids: Iterable[int] | None = None,
    assignments: Q | None = None,
    calendar: SchoolCalendar | None = None,
) -> list[CadenceState]:
    """The cadence of every active assignment in the district that a rule covers (six queries at most).

    ``booked_from``/``booked_until`` bound the check-ins that count as already booked (``next_on``); a check-in
    booked before ``booked_from`` that was never marked held does not count. ``assignments`` narrows the
    assignments further (a Q on CoachingAssignment).
    """
    calendar = calendar or calendar_for(district_id)
    rules = {
        (school_id, kind): every
        for school_id, kind, every in CadenceRule.objects.filter(district_id=district_id).values_list(
            "school_id", "kind", "every_school_days"
        )
    }
    if not rules:
        return []

    links = CoachingAssignment.objects.filter(
        district_id=district_id, status=ACTIVE, coach__status=ACTIVE, coachee__status=ACTIVE
    )
    if host_ids is not None:
        links = links.filter(coach_id__in=list(host_ids))
    if assignments is not None:
        links = links.filter(assignments)
    rows = list(links.values_list("id", "coach_id", "coachee_id", "kind", "school_id", "created_at"))
    if not rows:
        return []

    schools = _attendee_schools(links) if any(row[4] is None for row in rows) else {}

    # The hosts as a plain list (a few hundred supporters at most): a subquery here misleads PostgreSQL's planner.
    hosts = sorted({row[1] for row in rows})
    check_ins = ScheduledCheckIn.objects.filter(district_id=district_id, host_id__in=hosts)
    tz = timezone.get_current_timezone()
    last_held = {
        (host_id, attendee_id): _local_date(last, tz)
        for host_id, attendee_id, last in check_ins.filter(status=ScheduledCheckIn.Status.HELD)
        .values("host_id", "attendee_id")
        .annotate(last=Max("starts_at"))
        .values_list("host_id", "attendee_id", "last")
    }
    booked: dict[tuple[int, int], list[date]] = {}
    for host_id, attendee_id, starts_at in check_ins.filter(
        COVERING, starts_at__gte=_start_of(booked_from), starts_at__lt=_start_of(booked_until + timedelta(days=1))
    ).values_list("host_id", "attendee_id", "starts_at"):
        booked.setdefault((host_id, attendee_id), []).append(_local_date(starts_at, tz))

    states = []
    for assignment_id, host_id, attendee_id, kind, school_id, created_at in rows:
        if school_id is None:
            school_id = schools.get((attendee_id, kind))
        every = rules.get((school_id, kind)) if school_id is not None else None
        every = every or rules.get((None, kind))
        if every is None:
            continue
        started_on = _local_date(created_at, tz)
        last_seen_on = last_held.get((host_id, attendee_id))
        due_on = calendar.add(last_seen_on or started_on, every)
        after = last_seen_on or date.min
        upcoming = [day for day in booked.get((host_id, attendee_id), ()) if day > after]
        states.append(
            CadenceState(
                assignment_id=assignment_id,
                host_id=host_id,
                attendee_id=attendee_id,
                kind=kind,
                school_id=school_id,
                every_school_days=every,
                started_on=started_on,
                last_seen_on=last_seen_on,
                due_on=due_on,
                next_on=min(upcoming) if upcoming else None,
            )
        )
    return states


def _attendee_schools(links) -> dict[tuple[int, str], int]:
    """(person, kind) → school, from the person's active roles: the role matching the kind first, then any."""
    matching: dict[tuple[int, str], int] = {}
    fallback: dict[int, int] = {}
    for person_id, role, school_id in (
        RoleAssignment.objects.filter(person_id__in=links.values("coachee_id"), status=ACTIVE, school__isnull=False)
        .order_by("id")
        .values_list("person_id", "role", "school_id")
    ):
        fallback.setdefault(person_id, school_id)
        for kind, attendee_role in ATTENDEE_ROLE.items():
            if role == attendee_role:
                matching.setdefault((person_id, kind), school_id)
    result = dict(matching)
    for person_id, school_id in fallback.items():
        for kind in ATTENDEE_ROLE:
            result.setdefault((person_id, kind), school_id)
    return result


def due_in_week(*, district_id: int, week_of: date, host_ids: Iterable[int] | None = None) -> list[Due]:
    """Every active assignment whose cadence requires a check-in on or before the end of the school week
    starting `week_of` (a Monday), and that has no scheduled/held/locked check-in already covering it."""
    monday = monday_of(week_of)
    friday = monday + timedelta(days=4)
    # A booking in the past that nobody marked held does not count: the meeting may not have happened.
    booked_from = min(monday, timezone.localdate())
    states = cadence_states(district_id=district_id, booked_from=booked_from, booked_until=friday, host_ids=host_ids)
    return sorted(
        (
            Due(
                assignment_id=s.assignment_id,
                host_id=s.host_id,
                attendee_id=s.attendee_id,
                kind=s.kind,
                school_id=s.school_id,
                due_on=s.due_on,
                last_seen_on=s.last_seen_on,
            )
            for s in states
            if s.due_on <= friday and s.next_on is None
        ),
        key=lambda d: (d.due_on, d.host_id, d.attendee_id),
    )
