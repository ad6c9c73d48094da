"""Reads of check-ins: my check-ins, one check-in with what the viewer may read of it, next steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from pollinate.coaching import policies
from pollinate.coaching.models import (
    NextStep,
    ScheduledCheckIn,
)
from pollinate.coaching.queries.common import (
    ACTIVE,
    CS,
    LIST_LIMIT,
    UPCOMING,
    _audit_students,
)
from pollinate.core.access import get_object_for
from pollinate.goals.models import Goal
from pollinate.goals.policies import OPEN_STATUSES, goals_visible_to
from pollinate.people.models import CoachingAssignment, Person

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

