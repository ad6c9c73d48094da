"""Coaching cycles: Identify → Learn → Improve around a coachee's professional goal."""

from __future__ import annotations

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
)
from pollinate.coaching.services._common import CYCLE_TEXT_FIELDS, STAGES, _clean_text
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, Conflict
from pollinate.goals.models import Goal
from pollinate.goals.policies import goals_visible_to
from pollinate.notifications.services import notify
from pollinate.people.models import Person


def _validated_goal(actor: Any, coachee_id: int, goal: Goal | None) -> Goal | None:
    if goal is None:
        return None
    if goal.learner_id != coachee_id or goal.kind != Goal.Kind.PROFESSIONAL:
        raise ApplicationError(_("A cycle is built around one of the coachee's own professional goals."))
    if not goals_visible_to(actor).filter(pk=goal.pk).exists():
        raise ApplicationError(_("A cycle is built around one of the coachee's own professional goals."))
    return goal


def cycle_create(
    *,
    actor: Any,
    coachee: Person,
    title: str,
    goal: Goal | None = None,
    approach: str = CoachingCycle.Approach.DIALOGICAL,
    baseline: str = "",
) -> CoachingCycle:
    require(policies.can_start_cycle_with(actor, coachee.pk))
    title = _clean_text(title)
    if not title:
        raise ApplicationError(_("Say what the cycle focuses on."))
    if approach not in CoachingCycle.Approach.values:
        raise ApplicationError(_("Choose an approach."))
    goal = _validated_goal(actor, coachee.pk, goal)
    with transaction.atomic():
        cycle = CoachingCycle.objects.create(
            district_id=coachee.district_id,
            coach=actor,
            coachee=coachee,
            goal=goal,
            title=title[:200],
            approach=approach,
            baseline=_clean_text(baseline),
        )
        audit_log(actor, "coaching.cycle_create", cycle, coachee=coachee.pk)
        notify(
            recipient=coachee,
            actor=actor,
            message=gettext_lazy("%(name)s started a coaching cycle with you: “%(title)s”"),
            params={"name": actor.display_name, "title": cycle.title},
            url=reverse("coaching:cycle-detail", args=[cycle.pk]),
        )
    return cycle


def cycle_update(
    *, actor: Any, cycle: CoachingCycle, evidence_ids: Iterable[int] | None = None, **changes: Any
) -> CoachingCycle:
    """Change the cycle's notes, approach, stage, status or goal. Completing a cycle dates its end."""
    require(policies.can_edit_cycle(actor, cycle))
    with transaction.atomic():
        cycle = CoachingCycle.objects.select_for_update().get(pk=cycle.pk)
        changed = []
        for name in CYCLE_TEXT_FIELDS:
            if name in changes and changes[name] is not None:
                setattr(cycle, name, _clean_text(changes[name]))
                changed.append(name)
        if "title" in changed:
            if not cycle.title:
                raise ApplicationError(_("Say what the cycle focuses on."))
            cycle.title = cycle.title[:200]
        for name, allowed in (
            ("approach", CoachingCycle.Approach.values),
            ("stage", CoachingCycle.Stage.values),
            ("status", CoachingCycle.Status.values),
        ):
            value = changes.get(name)
            if value is None:
                continue
            if value not in allowed:
                raise ApplicationError(_("That is not a choice here."))
            setattr(cycle, name, value)
            changed.append(name)
        if "goal" in changes:
            cycle.goal = _validated_goal(actor, cycle.coachee_id, changes["goal"])
            changed.append("goal")
        if "status" in changed:
            cycle.ended_on = timezone.localdate() if cycle.status == CoachingCycle.Status.COMPLETED else None
        cycle.updated_at = timezone.now()
        cycle.save()
        if evidence_ids is not None:
            _link_evidence(actor, cycle, evidence_ids)
            changed.append("evidence")
        audit_log(actor, "coaching.cycle_update", cycle, fields=changed)
    return cycle


def _link_evidence(actor: Any, cycle: CoachingCycle, evidence_ids: Iterable[int]) -> None:
    """Baseline and post evidence: only pieces both the person linking them may see."""
    from pollinate.evidence.policies import evidence_visible_to

    wanted = {int(pk) for pk in evidence_ids}
    visible = evidence_visible_to(actor)
    found = set(visible.filter(pk__in=wanted).values_list("pk", flat=True))
    if found != wanted:
        raise ApplicationError(_("Some of that evidence is not yours to link."))
    # Pieces the other person linked that this one may not see stay linked: nobody unlinks what they cannot see.
    hidden = set(cycle.evidence.exclude(pk__in=visible.values("pk")).values_list("pk", flat=True))
    cycle.evidence.set(sorted(found | hidden))


def cycle_delete(*, actor: Any, cycle: CoachingCycle) -> None:
    """The coach removes a cycle started by mistake (check-ins linked to it are kept, unlinked)."""
    require(policies.can_delete_cycle(actor, cycle))
    with transaction.atomic():
        audit_log(actor, "coaching.cycle_delete", cycle, coachee=cycle.coachee_id)
        cycle.delete()


def cycle_advance(*, actor: Any, cycle: CoachingCycle) -> CoachingCycle:
    """Identify → Learn → Improve; advancing past Improve completes the cycle."""
    require(policies.can_edit_cycle(actor, cycle))
    if cycle.status == CoachingCycle.Status.COMPLETED:
        raise Conflict(_("This cycle is complete."))
    index = STAGES.index(cycle.stage)
    if index + 1 < len(STAGES):
        return cycle_update(actor=actor, cycle=cycle, stage=STAGES[index + 1])
    return cycle_update(actor=actor, cycle=cycle, status=CoachingCycle.Status.COMPLETED)


def cycle_share(*, actor: Any, cycle: CoachingCycle, shared: bool) -> CoachingCycle:
    require(policies.can_share_cycle(actor, cycle))
    with transaction.atomic():
        CoachingCycle.objects.filter(pk=cycle.pk).update(shared_with_coachs_coach=bool(shared))
        cycle.shared_with_coachs_coach = bool(shared)
        audit_log(actor, "coaching.cycle_share", cycle, shared=bool(shared))
    return cycle
