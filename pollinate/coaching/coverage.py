"""Coverage: for each supported person, whether they are due, overdue or never seen, and who has no supporter.

What a viewer covers:

- a district administrator: every relationship in the districts they administer, plus everyone a rule requires
  to have a supporter who has none;
- a school leader: the relationships and unsupported people of the schools they lead;
- a coach or mentor: their own caseload; a lead coach also the coaching caseloads of the network under them
  (never a mentor's students: those stay with the mentor).

Items overdue by more than the grace period are *escalated*: they appear on the view of the host's own coach
(or, for someone nobody coaches, of the district administrators). Everything here is a fixed number of queries
per district, whatever the number of people.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from pollinate.coaching.cadence import ATTENDEE_ROLE, CadenceState, cadence_states, calendar_for, monday_of
from pollinate.coaching.models import CadenceRule, CoachingSettings
from pollinate.coaching.policies import COACHING_KINDS
from pollinate.core.audit import record_student_reads
from pollinate.people.models import CoachingAssignment, Person, RecordStatus, RoleAssignment, School
from pollinate.people.roles import scope_for

ACTIVE = RecordStatus.ACTIVE
Kind = CoachingAssignment.Kind

OVERDUE, DUE, ON_TRACK, NO_SUPPORTER = "overdue", "due", "on_track", "no_supporter"


@dataclass(frozen=True)
class Who:
    id: int
    name: str


@dataclass(frozen=True)
class CoverageRow:
    status: str  # overdue, due (this week), on_track, no_supporter
    kind: str
    attendee: Who
    host: Who | None
    school: Who | None
    due_on: dt.date | None = None
    last_seen_on: dt.date | None = None
    next_on: dt.date | None = None
    overdue_school_days: int = 0
    escalated: bool = False
    assignment_id: int | None = None

    @property
    def never_seen(self) -> bool:
        return self.status != NO_SUPPORTER and self.last_seen_on is None


@dataclass
class CoverageGroup:
    key: int | None
    label: str
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.status for row in self.rows)
        return {
            OVERDUE: counted[OVERDUE],
            DUE: counted[DUE],
            ON_TRACK: counted[ON_TRACK],
            "never_seen": sum(1 for row in self.rows if row.never_seen),
            "total": len(self.rows),
        }


@dataclass
class CoverageReport:
    today: dt.date
    rows: list[CoverageRow]
    escalated: list[CoverageRow]
    unsupported: list[CoverageRow]
    grace_days: int

    def _grouped(self, key: Any, label: Any) -> list[CoverageGroup]:
        groups: dict[Any, CoverageGroup] = {}
        for row in self.rows:
            k = key(row)
            if k not in groups:
                groups[k] = CoverageGroup(key=k, label=label(row))
            groups[k].rows.append(row)
        return sorted(groups.values(), key=lambda g: (-g.counts[OVERDUE], g.label))

    @property
    def by_coach(self) -> list[CoverageGroup]:
        return self._grouped(lambda r: r.host.id if r.host else None, lambda r: r.host.name if r.host else "")

    @property
    def by_school(self) -> list[CoverageGroup]:
        return self._grouped(lambda r: r.school.id if r.school else None, lambda r: r.school.name if r.school else "")

    @property
    def totals(self) -> dict[str, int]:
        group = CoverageGroup(key=None, label="", rows=self.rows)
        return {**group.counts, NO_SUPPORTER: len(self.unsupported), "escalated": len(self.escalated)}


def _row_status(state: CadenceState, today: dt.date, week_end: dt.date) -> str:
    if state.due_on < today:
        return OVERDUE
    if state.due_on <= week_end:
        return DUE
    return ON_TRACK


def coverage_report(*, viewer: Any, today: dt.date | None = None, path: str = "") -> CoverageReport:
    """The coverage the viewer is responsible for (see the module docstring), as of ``today``."""
    today = today or timezone.localdate()
    scope = scope_for(viewer)
    rows: list[CoverageRow] = []
    escalated: list[CoverageRow] = []
    unsupported: list[CoverageRow] = []
    grace = CoachingSettings._meta.get_field("escalation_grace_days").default
    if scope.is_anonymous:
        return CoverageReport(today, rows, escalated, unsupported, grace)
    for district_id in sorted(scope.district_ids):
        d_rows, d_escalated, d_unsupported, grace = _district_coverage(viewer, scope, district_id, today)
        rows += d_rows
        escalated += d_escalated
        unsupported += d_unsupported
    students = {r.attendee.id for r in rows + unsupported if r.kind == Kind.MENTOR_TO_STUDENT}
    if students:
        record_student_reads(viewer, students, verb="coaching.coverage_view", path=path)
    return CoverageReport(today, rows, escalated, unsupported, grace)


def _district_coverage(viewer: Any, scope: Any, district_id: int, today: dt.date):
    admin = scope.administers_district(district_id)
    led = scope.led_school_ids
    own = Q(coach_id=scope.person_id) | Q(coach_id__in=scope.coachee_ids, kind__in=COACHING_KINDS)
    narrowed = None if (admin or led) else own
    settings = CoachingSettings.objects.filter(district_id=district_id).first()
    grace = settings.escalation_grace_days if settings else 3
    calendar = calendar_for(district_id)
    week_end = monday_of(today) + dt.timedelta(days=4)
    states = cadence_states(
        district_id=district_id,
        booked_from=today,
        booked_until=today + dt.timedelta(days=366),
        assignments=narrowed,
        calendar=calendar,
    )
    if not admin:
        mine = {scope.person_id} | set(scope.coachee_ids)
        states = [
            s
            for s in states
            if (s.school_id in led) or s.host_id == scope.person_id or (s.host_id in mine and s.kind in COACHING_KINDS)
        ]
    # Who each host answers to: their own coaches, or the district administrators when nobody coaches them.
    hosts_with_coach: dict[int, set[int]] = {}
    for coach_id, coachee_id in CoachingAssignment.objects.filter(
        district_id=district_id, status=ACTIVE, kind__in=COACHING_KINDS, coachee_id__in={s.host_id for s in states}
    ).values_list("coach_id", "coachee_id"):
        hosts_with_coach.setdefault(coachee_id, set()).add(coach_id)

    unsupported_pairs = _unsupported(district_id, None if admin else led) if (admin or led) else []

    ids = {s.host_id for s in states} | {s.attendee_id for s in states} | {p for p, _k, _s in unsupported_pairs}
    names = _names(ids)
    school_ids = {s.school_id for s in states if s.school_id} | {s for _p, _k, s in unsupported_pairs if s}
    schools = dict(School.objects.filter(id__in=school_ids).values_list("id", "name")) if school_ids else {}

    rows, escalated = [], []
    for s in states:
        status = _row_status(s, today, week_end)
        late = calendar.days_between(s.due_on, today) if status == OVERDUE else 0
        above = hosts_with_coach.get(s.host_id)
        is_escalated = late > grace and ((above is not None and scope.person_id in above) or (above is None and admin))
        row = CoverageRow(
            status=status,
            kind=s.kind,
            attendee=names[s.attendee_id],
            host=names[s.host_id],
            school=Who(s.school_id, schools[s.school_id]) if s.school_id in schools else None,
            due_on=s.due_on,
            last_seen_on=s.last_seen_on,
            next_on=s.next_on,
            overdue_school_days=late,
            escalated=is_escalated,
            assignment_id=s.assignment_id,
        )
        rows.append(row)
        if is_escalated:
            escalated.append(row)
    rows.sort(key=lambda r: (r.due_on, r.host.name if r.host else "", r.attendee.name))
    unsupported = [
        CoverageRow(
            status=NO_SUPPORTER,
            kind=kind,
            attendee=names[person_id],
            host=None,
            school=Who(school_id, schools[school_id]) if school_id in schools else None,
        )
        for person_id, kind, school_id in unsupported_pairs
    ]
    unsupported.sort(key=lambda r: (r.school.name if r.school else "", r.attendee.name))
    return rows, escalated, unsupported, grace


def _names(ids: set[int]) -> dict[int, Who]:
    if not ids:
        return {}
    return {
        pk: Who(pk, f"{preferred or given} {family}".strip())
        for pk, given, preferred, family in Person.objects.filter(id__in=ids).values_list(
            "id", "given_name", "preferred_name", "family_name"
        )
    }


def _unsupported(district_id: int, school_ids: frozenset[int] | None) -> list[tuple[int, str, int | None]]:
    """(person, kind, school) for everyone a rule requires to have a supporter of that kind who has none."""
    rules = {
        (school_id, kind): requires
        for school_id, kind, requires in CadenceRule.objects.filter(district_id=district_id).values_list(
            "school_id", "kind", "requires_supporter"
        )
    }
    kinds = {kind for (_school, kind), requires in rules.items() if requires}
    if not kinds:
        return []
    roles = {ATTENDEE_ROLE[kind]: kind for kind in kinds}
    supported = set(
        CoachingAssignment.objects.filter(district_id=district_id, status=ACTIVE, kind__in=kinds).values_list(
            "coachee_id", "kind"
        )
    )
    people = RoleAssignment.objects.filter(
        district_id=district_id, role__in=list(roles), status=ACTIVE, person__status=ACTIVE
    )
    if school_ids is not None:
        people = people.filter(school_id__in=school_ids)
    found: dict[tuple[int, str], int | None] = {}
    for person_id, role, school_id in people.order_by("id").values_list("person_id", "role", "school_id"):
        kind = roles[role]
        if (person_id, kind) in supported or (person_id, kind) in found:
            continue
        requires = rules.get((school_id, kind)) if school_id is not None else None
        if requires is None:
            requires = rules.get((None, kind))
        if requires:
            found[(person_id, kind)] = school_id
    return [(person_id, kind, school_id) for (person_id, kind), school_id in found.items()]


def caseload_state_for(*, viewer: Any, today: dt.date | None = None) -> dict[int, CadenceState]:
    """assignment → cadence state, for the viewer's own caseload (their caseload page)."""
    today = today or timezone.localdate()
    if scope_for(viewer).is_anonymous or not viewer.district_id:
        return {}
    states = cadence_states(
        district_id=viewer.district_id,
        booked_from=today,
        booked_until=today + dt.timedelta(days=366),
        host_ids=[viewer.pk],
    )
    return {s.assignment_id: s for s in states}


__all__ = ["DUE", "NO_SUPPORTER", "ON_TRACK", "OVERDUE", "CoverageReport", "CoverageRow", "coverage_report"]
