"""The coaching panel on home pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from pollinate.coaching import policies
from pollinate.coaching.cadence import monday_of
from pollinate.coaching.coverage import caseload_state_for
from pollinate.coaching.models import (
    CoachingCycle,
    ScheduledCheckIn,
)
from pollinate.coaching.queries.common import (
    UPCOMING,
)
from pollinate.people.roles import scope_for

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


