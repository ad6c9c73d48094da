"""Check-ins set by hand: notes, held or missed, next steps that become action steps on a goal, the follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.coaching import policies
from pollinate.coaching.models import (
    CoachingCycle,
    NextStep,
    ScheduledCheckIn,
)
from pollinate.coaching.services._common import ACTIVE, CS, MAX_CHECK_IN_MINUTES, _clean_text
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, Conflict, NotFound
from pollinate.goals import services as goal_services
from pollinate.goals.models import ActionStep, Goal
from pollinate.notifications.services import notify
from pollinate.people.models import CoachingAssignment, Person, RoleAssignment


def _attendee_school_id(assignment: CoachingAssignment) -> int | None:
    if assignment.school_id:
        return assignment.school_id
    from pollinate.coaching.cadence import ATTENDEE_ROLE

    role = ATTENDEE_ROLE.get(assignment.kind)
    rows = list(
        RoleAssignment.objects.filter(person_id=assignment.coachee_id, status=ACTIVE, school__isnull=False)
        .order_by("id")
        .values_list("role", "school_id")
    )
    for row_role, school_id in rows:
        if row_role == role:
            return school_id
    return rows[0][1] if rows else None


def check_in_create(
    *,
    actor: Any,
    attendee: Person,
    starts_at: dt.datetime,
    minutes: int = 30,
    agenda: str = "",
    cycle: CoachingCycle | None = None,
) -> ScheduledCheckIn:
    """A check-in set by hand by the supporter (the host) with someone they support."""
    require(policies.can_create_check_in_with(actor, attendee.pk))
    if not 5 <= int(minutes) <= MAX_CHECK_IN_MINUTES:
        raise ApplicationError(_("A check-in lasts between 5 and 240 minutes."))
    if cycle is not None and (cycle.coach_id != actor.pk or cycle.coachee_id != attendee.pk):
        raise ApplicationError(_("That cycle is not between you and this person."))
    assignment = (
        CoachingAssignment.objects.filter(coach_id=actor.pk, coachee_id=attendee.pk, status=ACTIVE)
        .order_by("id")
        .first()
    )
    if assignment is None:
        raise NotFound(_("Not found."))
    with transaction.atomic():
        check_in = ScheduledCheckIn.objects.create(
            district_id=assignment.district_id,
            assignment=assignment,
            kind=assignment.kind,
            host=actor,
            attendee=attendee,
            school_id=_attendee_school_id(assignment),
            cycle=cycle,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=int(minutes)),
            status=CS.SCHEDULED,
            source=ScheduledCheckIn.Source.MANUAL,
            agenda=_clean_text(agenda),
            created_by=actor,
        )
        audit_log(actor, "coaching.check_in_create", check_in, attendee=attendee.pk)
        local = timezone.localtime(starts_at)
        notify(
            recipient=attendee,
            actor=actor,
            message=gettext_lazy("%(name)s set a check-in with you on %(when)s."),
            params={"name": actor.display_name, "when": local.strftime("%Y-%m-%d %H:%M")},
            url=reverse("coaching:check-in-detail", args=[check_in.pk]),
        )
    return check_in


def _locked(check_in: ScheduledCheckIn) -> ScheduledCheckIn:
    return ScheduledCheckIn.objects.select_for_update().get(pk=check_in.pk)


def check_in_update(
    *,
    actor: Any,
    check_in: ScheduledCheckIn,
    starts_at: dt.datetime | None = None,
    minutes: int | None = None,
    agenda: str | None = None,
    notes: str | None = None,
) -> ScheduledCheckIn:
    """The host moves the meeting, edits its agenda or records notes."""
    require(policies.can_change_check_in(actor, check_in))
    with transaction.atomic():
        check_in = _locked(check_in)
        changed = []
        if starts_at is not None or minutes is not None:
            if check_in.status in (CS.HELD, CS.CANCELLED):
                raise Conflict(_("A check-in that was held or cancelled cannot be moved."))
            length = (
                int(minutes)
                if minutes is not None
                else int((check_in.ends_at - check_in.starts_at).total_seconds() // 60)
            )
            if not 5 <= length <= MAX_CHECK_IN_MINUTES:
                raise ApplicationError(_("A check-in lasts between 5 and 240 minutes."))
            check_in.starts_at = starts_at or check_in.starts_at
            check_in.ends_at = check_in.starts_at + dt.timedelta(minutes=length)
            changed.append("starts_at")
        if agenda is not None:
            check_in.agenda = _clean_text(agenda)
            changed.append("agenda")
        if notes is not None:
            check_in.notes = _clean_text(notes)
            changed.append("notes")
        check_in.updated_at = timezone.now()
        check_in.save()
        # Which fields changed, never their content: notes are confidential.
        audit_log(actor, "coaching.check_in_update", check_in, fields=changed)
    return check_in


def check_in_mark(*, actor: Any, check_in: ScheduledCheckIn, status: str) -> ScheduledCheckIn:
    """Held, missed or cancelled. Only a held check-in counts as seeing the person."""
    require(policies.can_change_check_in(actor, check_in))
    if status not in (CS.HELD, CS.MISSED, CS.CANCELLED, CS.SCHEDULED):
        raise ApplicationError(_("That is not a choice here."))
    with transaction.atomic():
        check_in = _locked(check_in)
        now = timezone.now()
        if status == CS.HELD and check_in.starts_at > now:
            raise Conflict(_("A check-in can be marked held once it has started."))
        check_in.status = status
        check_in.held_at = now if status == CS.HELD else None
        check_in.updated_at = now
        check_in.save(update_fields=["status", "held_at", "updated_at"])
        audit_log(actor, "coaching.check_in_mark", check_in, status=status)
    return check_in


def check_in_share_notes(*, actor: Any, check_in: ScheduledCheckIn, shared: bool) -> ScheduledCheckIn:
    require(policies.can_share_check_in_notes(actor, check_in))
    with transaction.atomic():
        ScheduledCheckIn.objects.filter(pk=check_in.pk).update(notes_shared=bool(shared), updated_at=timezone.now())
        check_in.notes_shared = bool(shared)
        audit_log(actor, "coaching.check_in_share_notes", check_in, shared=bool(shared))
    return check_in


def next_step_add(
    *, actor: Any, check_in: ScheduledCheckIn, goal: Goal, title: str, due_on: dt.date | None = None
) -> NextStep:
    """A step agreed at the check-in, kept as an action step on one of the attendee's goals."""
    require(policies.can_change_check_in(actor, check_in))
    if goal.learner_id != check_in.attendee_id:
        raise ApplicationError(
            _("Next steps go on one of %(name)s's goals.") % {"name": check_in.attendee.display_name}
        )
    with transaction.atomic():
        step = goal_services.action_step_add(actor=actor, goal=goal, title=title, due_on=due_on)
        next_step = NextStep.objects.create(check_in=check_in, action_step=step)
        audit_log(actor, "coaching.next_step_add", check_in, action_step=step.pk, goal=goal.pk)
    return next_step


def check_in_follow_up(*, actor: Any, check_in: ScheduledCheckIn, done_step_ids: Iterable[int]) -> ScheduledCheckIn:
    """The follow-up on a past check-in: which agreed steps happened. Those are marked done on the goal."""
    require(policies.can_follow_up_check_in(actor, check_in))
    done = {int(pk) for pk in done_step_ids}
    steps = list(ActionStep.objects.filter(from_check_in__check_in=check_in).select_related("goal"))
    unknown = done - {step.pk for step in steps}
    if unknown:
        raise ApplicationError(_("Those steps were not agreed at this check-in."))
    with transaction.atomic():
        for step in steps:
            wanted = step.pk in done
            if wanted != (step.done_at is not None):
                goal_services.action_step_update(actor=actor, step=step, done=wanted)
        ScheduledCheckIn.objects.filter(pk=check_in.pk).update(followed_up_at=timezone.now())
        check_in.followed_up_at = timezone.now()
        audit_log(actor, "coaching.check_in_follow_up", check_in, done=sorted(done), agreed=len(steps))
    return check_in
