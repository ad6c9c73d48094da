"""Writes for goals: the learner drafts and proposes, a guide agrees or asks for changes, both check in.

Every change writes a GoalEvent whose snapshot holds the goal's fields after the change (``fields``) and, for
edits, the fields before it (``previous``): editing a goal someone agreed never loses what was agreed. Who may
act comes from ``goals.policies``; a refused person gets 403, a goal in the wrong state 409.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, Conflict
from pollinate.goals import policies, queries
from pollinate.goals.models import ActionStep, CheckIn, Goal, GoalEvent, SystemGoal
from pollinate.notifications.services import notify
from pollinate.people.models import School

S = Goal.Status
E = GoalEvent.Kind
TEXT_FIELDS = ("title", "specific", "measure", "achievable", "relevant", "wish", "outcome", "obstacle", "plan")
EDITABLE_FIELDS = (*TEXT_FIELDS, "kind", "due_on", "aligned_to_id", "guide_id", "check_in_every_days")
MAX_CHECK_IN_EVERY_DAYS = 90


def snapshot_of(goal: Goal) -> dict[str, Any]:
    """The goal's content as plain JSON, with the names a person reads (guide, aligned goal) alongside the ids."""
    return {
        **{name: getattr(goal, name) for name in TEXT_FIELDS},
        "kind": goal.kind,
        "due_on": goal.due_on.isoformat() if goal.due_on else None,
        "aligned_to_id": goal.aligned_to_id,
        "aligned_to_title": goal.aligned_to.title if goal.aligned_to_id and goal.aligned_to else None,
        "guide_id": goal.guide_id,
        "guide_name": goal.guide.display_name if goal.guide_id and goal.guide else None,
        "check_in_every_days": goal.check_in_every_days,
        "status": goal.status,
        "progress": goal.progress,
    }


def _goal_url(goal: Goal) -> str:
    return reverse("goals:detail", args=[goal.pk])


def _event(
    goal: Goal, *, actor: Any, kind: str, comment: str = "", previous: dict[str, Any] | None = None
) -> GoalEvent:
    snapshot: dict[str, Any] = {"fields": snapshot_of(goal)}
    if previous is not None:
        snapshot["previous"] = previous
    return GoalEvent.objects.create(goal=goal, actor=actor, kind=kind, comment=comment, snapshot=snapshot)


def _locked(goal: Goal) -> Goal:
    """Re-read the goal under a row lock so two people acting at once cannot both move it."""
    return Goal.objects.select_for_update(of=("self",)).select_related("guide", "aligned_to", "learner").get(pk=goal.pk)


def _require_state(goal: Goal, verb: str) -> None:
    if not policies.allowed_now(goal, verb):
        raise Conflict(
            _("This goal is “%(status)s”: that cannot be done now.") % {"status": S(goal.status).label}
        )


def _guide_to_tell(goal: Goal) -> Any:
    return goal.guide or goal.agreed_by


def _validated(actor: Any, learner: Any, fields: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """Check goal content; raise ApplicationError listing every problem at once."""
    errors: list[str] = []
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(_("These fields cannot be changed: %(names)s") % {"names": ", ".join(sorted(unknown))})
    clean = dict(fields)
    for name in TEXT_FIELDS:
        if name in clean:
            clean[name] = (clean[name] or "").strip()
    if "title" in clean or creating:
        if not clean.get("title"):
            errors.append(_("Say what your goal is."))
        elif len(clean["title"]) > 200:
            errors.append(_("Keep the goal to 200 characters; put the details below it."))
    if ("kind" in clean or creating) and clean.get("kind") not in Goal.Kind.values:
        errors.append(_("Choose what kind of goal this is."))
    if clean.get("due_on") and creating and clean["due_on"] < timezone.localdate():
        errors.append(_("The date to reach the goal is in the past."))
    if "check_in_every_days" in clean:
        every = clean["check_in_every_days"]
        if every is None:
            clean["check_in_every_days"] = 14
        elif not 1 <= every <= MAX_CHECK_IN_EVERY_DAYS:
            errors.append(_("Check in every 1 to %(max)d days.") % {"max": MAX_CHECK_IN_EVERY_DAYS})
    guide_id = clean.get("guide_id")
    if guide_id is not None and guide_id not in {p.pk for p in queries.guides_of(learner=learner)}:
        errors.append(_("Choose a guide from your teachers, mentor or coaches."))
    if clean.get("aligned_to_id") is not None and clean["aligned_to_id"] not in {
        g.pk for g in queries.alignment_choices_for(learner=learner)
    }:
        errors.append(_("Choose a published goal of your school or district."))
    if errors:
        raise ApplicationError(_("Please check the goal."), details=errors)
    return clean


# The goal itself


def goal_create(*, actor: Any, **fields: Any) -> Goal:
    """A new draft goal of ``actor`` (learners write their own goals)."""
    require(getattr(actor, "is_authenticated", False) and actor.district_id is not None)
    clean = _validated(actor, actor, fields, creating=True)
    now = timezone.now()
    with transaction.atomic():
        goal = Goal(district_id=actor.district_id, learner=actor, created_at=now, updated_at=now,
                    last_activity_at=now, **clean)
        goal.save()
        goal = Goal.objects.select_related("guide", "aligned_to").get(pk=goal.pk)
        _event(goal, actor=actor, kind=E.CREATED)
        audit_log(actor, "goal.create", goal)
    return goal


def goal_update(*, actor: Any, goal: Goal, comment: str = "", **changes: Any) -> Goal:
    """Change a goal's content. Editing an agreed goal keeps the agreed version and tells the guide."""
    require(policies.is_goal_learner(actor, goal))
    clean = _validated(actor, actor, changes, creating=False)
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "edit")
        changed = {name: value for name, value in clean.items() if getattr(goal, name) != value}
        if not changed:
            return goal
        previous = snapshot_of(goal)
        for name, value in changed.items():
            setattr(goal, name, value)
        goal.updated_at = goal.last_activity_at = timezone.now()
        goal.save()
        goal = Goal.objects.select_related("guide", "aligned_to", "learner", "agreed_by").get(pk=goal.pk)
        _event(goal, actor=actor, kind=E.EDITED, comment=(comment or "").strip(), previous=previous)
        audit_log(actor, "goal.update", goal, fields=sorted(changed))
        if goal.status == S.ACTIVE:
            notify(
                recipient=_guide_to_tell(goal),
                actor=actor,
                message=gettext_lazy("%(name)s changed the goal you agreed: “%(title)s”"),
                params={"name": actor.display_name, "title": goal.title},
                url=_goal_url(goal),
            )
    return goal


def goal_propose(*, actor: Any, goal: Goal, comment: str = "") -> Goal:
    require(policies.is_goal_learner(actor, goal))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "propose")
        if goal.guide_id is None:
            raise ApplicationError(_("Choose a guide to propose the goal to."))
        goal.status = S.PROPOSED
        goal.updated_at = goal.last_activity_at = timezone.now()
        goal.save(update_fields=["status", "updated_at", "last_activity_at"])
        _event(goal, actor=actor, kind=E.PROPOSED, comment=(comment or "").strip())
        audit_log(actor, "goal.propose", goal)
        notify(
            recipient=goal.guide,
            actor=actor,
            message=gettext_lazy("%(name)s proposed a goal for you to agree: “%(title)s”"),
            params={"name": actor.display_name, "title": goal.title},
            url=_goal_url(goal),
        )
    return goal


def goal_agree(*, actor: Any, goal: Goal, comment: str = "") -> Goal:
    require(policies.is_goal_guide(actor, goal))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "agree")
        now = timezone.now()
        goal.status = S.ACTIVE
        goal.agreed_at = now
        goal.agreed_by = actor
        goal.next_check_in_on = timezone.localdate() + dt.timedelta(days=goal.check_in_every_days)
        goal.updated_at = goal.last_activity_at = now
        goal.save()
        _event(goal, actor=actor, kind=E.AGREED, comment=(comment or "").strip())
        audit_log(actor, "goal.agree", goal)
        notify(
            recipient=goal.learner,
            actor=actor,
            message=gettext_lazy("%(name)s agreed your goal: “%(title)s”"),
            params={"name": actor.display_name, "title": goal.title},
            url=_goal_url(goal),
        )
    return goal


def goal_request_changes(*, actor: Any, goal: Goal, comment: str) -> Goal:
    require(policies.is_goal_guide(actor, goal))
    comment = (comment or "").strip()
    if not comment:
        raise ApplicationError(_("Say what should change, so the learner knows what to do."))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "request_changes")
        goal.status = S.CHANGES_REQUESTED
        goal.updated_at = goal.last_activity_at = timezone.now()
        goal.save(update_fields=["status", "updated_at", "last_activity_at"])
        _event(goal, actor=actor, kind=E.CHANGES_REQUESTED, comment=comment)
        audit_log(actor, "goal.request_changes", goal)
        notify(
            recipient=goal.learner,
            actor=actor,
            message=gettext_lazy("%(name)s asked for changes to your goal: “%(title)s”"),
            params={"name": actor.display_name, "title": goal.title},
            url=_goal_url(goal),
        )
    return goal


def goal_achieve(*, actor: Any, goal: Goal, comment: str = "") -> Goal:
    is_learner = policies.is_goal_learner(actor, goal)
    require(is_learner or policies.is_goal_guide(actor, goal))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "achieve")
        goal.status = S.ACHIEVED
        goal.progress = 100
        goal.next_check_in_on = None
        goal.updated_at = goal.last_activity_at = timezone.now()
        goal.save()
        _event(goal, actor=actor, kind=E.ACHIEVED, comment=(comment or "").strip())
        audit_log(actor, "goal.achieve", goal)
        notify(
            recipient=_guide_to_tell(goal) if is_learner else goal.learner,
            actor=actor,
            message=gettext_lazy("%(name)s marked the goal achieved: “%(title)s”"),
            params={"name": actor.display_name, "title": goal.title},
            url=_goal_url(goal),
        )
    return goal


def goal_drop(*, actor: Any, goal: Goal, reason: str) -> Goal:
    require(policies.is_goal_learner(actor, goal))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why you are dropping this goal."))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "drop")
        was_shared = goal.status != S.DRAFT
        goal.status = S.DROPPED
        goal.next_check_in_on = None
        goal.updated_at = goal.last_activity_at = timezone.now()
        goal.save()
        _event(goal, actor=actor, kind=E.DROPPED, comment=reason)
        audit_log(actor, "goal.drop", goal)
        if was_shared:
            notify(
                recipient=_guide_to_tell(goal),
                actor=actor,
                message=gettext_lazy("%(name)s dropped the goal “%(title)s”"),
                params={"name": actor.display_name, "title": goal.title},
                url=_goal_url(goal),
            )
    return goal


def goal_revise(*, actor: Any, goal: Goal, comment: str = "", **fields: Any) -> Goal:
    """Replace an active goal with a new version: the old one becomes "revised", the new one (with the open
    action steps carried over) goes to the guide for agreement."""
    require(policies.is_goal_learner(actor, goal))
    base = {name: getattr(goal, name) for name in EDITABLE_FIELDS}
    base.update(fields)
    clean = _validated(actor, actor, base, creating=False)
    with transaction.atomic():
        old = _locked(goal)
        _require_state(old, "revise")
        now = timezone.now()
        old.status = S.REVISED
        old.next_check_in_on = None
        old.updated_at = old.last_activity_at = now
        old.save()
        _event(old, actor=actor, kind=E.REVISED, comment=(comment or "").strip())
        new = Goal(district_id=old.district_id, learner=old.learner, revises=old, progress=old.progress,
                   status=S.PROPOSED if clean.get("guide_id") else S.DRAFT,
                   created_at=now, updated_at=now, last_activity_at=now, **clean)
        new.save()
        new = Goal.objects.select_related("guide", "aligned_to").get(pk=new.pk)
        ActionStep.objects.bulk_create(
            ActionStep(goal=new, title=s.title, due_on=s.due_on, position=s.position, created_by=s.created_by)
            for s in old.action_steps.filter(done_at__isnull=True).order_by("position", "id")
        )
        _event(new, actor=actor, kind=E.CREATED, comment=(comment or "").strip())
        if new.status == S.PROPOSED:
            _event(new, actor=actor, kind=E.PROPOSED)
            notify(
                recipient=new.guide,
                actor=actor,
                message=gettext_lazy("%(name)s revised a goal and proposed the new version: “%(title)s”"),
                params={"name": actor.display_name, "title": new.title},
                url=_goal_url(new),
            )
        audit_log(actor, "goal.revise", new, revises=old.pk)
    return new


# Action steps and check-ins


def _touch(goal: Goal) -> None:
    now = timezone.now()
    Goal.objects.filter(pk=goal.pk).update(last_activity_at=now, updated_at=now)


def _may_act(actor: Any, goal: Goal) -> bool:
    return policies.is_goal_learner(actor, goal) or policies.is_goal_guide(actor, goal)


def action_step_add(*, actor: Any, goal: Goal, title: str, due_on: dt.date | None = None) -> ActionStep:
    require(_may_act(actor, goal))
    title = (title or "").strip()
    if not title:
        raise ApplicationError(_("Say what the step is."))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "add_step")
        last = goal.action_steps.aggregate(m=Max("position"))["m"]
        step = ActionStep.objects.create(
            goal=goal, title=title[:200], due_on=due_on, position=(last or 0) + 1, created_by=actor
        )
        _touch(goal)
        audit_log(actor, "goal.action_step_add", step, district_id=goal.district_id, goal=goal.pk)
    return step


UNSET: Any = object()


def action_step_update(
    *, actor: Any, step: ActionStep, title: str | None = None, due_on: Any = UNSET, done: bool | None = None
) -> ActionStep:
    goal = step.goal
    require(_may_act(actor, goal))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "add_step")
        step = ActionStep.objects.select_for_update().get(pk=step.pk)
        if title is not None:
            title = title.strip()
            if not title:
                raise ApplicationError(_("Say what the step is."))
            step.title = title[:200]
        if due_on is not UNSET:
            step.due_on = due_on
        if done is not None:
            step.done_at = (step.done_at or timezone.now()) if done else None
        step.save()
        _touch(goal)
        audit_log(actor, "goal.action_step_update", step, district_id=goal.district_id, goal=goal.pk)
    return step


def action_step_move(*, actor: Any, step: ActionStep, direction: str) -> ActionStep:
    """Swap a step with its neighbour above ("up") or below ("down"). At either end nothing changes."""
    goal = step.goal
    require(_may_act(actor, goal))
    if direction not in ("up", "down"):
        raise ApplicationError(_("Move a step up or down."))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "add_step")
        steps = list(goal.action_steps.select_for_update().order_by("position", "id"))
        index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(steps):
            return steps[index]
        steps[index], steps[other] = steps[other], steps[index]
        # Renumber all: positions may tie (older rows) and a swap of equal numbers would change nothing.
        for position, s in enumerate(steps, start=1):
            s.position = position
        ActionStep.objects.bulk_update(steps, ["position"])
        _touch(goal)
    return next(s for s in steps if s.pk == step.pk)


def check_in_create(
    *, actor: Any, goal: Goal, progress: int, note: str = "", next_step: str = ""
) -> CheckIn:
    """Record how the goal is going; sets the goal's progress and schedules the next check-in."""
    require(_may_act(actor, goal))
    if progress is None or not 0 <= progress <= 100:
        raise ApplicationError(_("Progress is a percentage from 0 to 100."))
    with transaction.atomic():
        goal = _locked(goal)
        _require_state(goal, "check_in")
        now = timezone.now()
        check_in = CheckIn.objects.create(
            goal=goal, author=actor, progress=progress, note=(note or "").strip(),
            next_step=(next_step or "").strip(), at=now,
        )
        goal.progress = progress
        goal.last_activity_at = goal.updated_at = now
        goal.next_check_in_on = timezone.localdate() + dt.timedelta(days=goal.check_in_every_days)
        goal.save(update_fields=["progress", "last_activity_at", "updated_at", "next_check_in_on"])
        audit_log(actor, "goal.check_in", check_in, district_id=goal.district_id, goal=goal.pk, progress=progress)
        if not policies.is_goal_learner(actor, goal):
            notify(
                recipient=goal.learner,
                actor=actor,
                message=gettext_lazy("%(name)s checked in on your goal “%(title)s” (%(progress)d%%)"),
                params={"name": actor.display_name, "title": goal.title, "progress": progress},
                url=_goal_url(goal),
            )
    return check_in


def action_step_from_check_in(*, actor: Any, check_in: CheckIn) -> ActionStep:
    """Turn a check-in's "next step" into an action step (one click on the goal page)."""
    if not check_in.next_step:
        raise ApplicationError(_("This check-in has no next step."))
    return action_step_add(actor=actor, goal=check_in.goal, title=check_in.next_step)


# System goals


def system_goal_create(
    *, actor: Any, level: str, title: str, description: str = "", school_id: int | None = None,
    district_id: int | None = None,
) -> SystemGoal:
    """Publish a district goal (district administrators) or a school goal (leaders of that school)."""
    title = (title or "").strip()
    if level not in SystemGoal.Level.values:
        raise ApplicationError(_("Choose a district or a school goal."))
    if level == SystemGoal.Level.SCHOOL:
        school = School.objects.filter(pk=school_id).first() if school_id else None
        if school is None:
            raise ApplicationError(_("Choose the school this goal is for."))
        district_id = school.district_id
    else:
        school_id = None
        district_id = district_id or getattr(actor, "district_id", None)
    require(policies.can_publish_system_goal(actor, district_id=district_id, school_id=school_id))
    if not title:
        raise ApplicationError(_("Give the goal a title."))
    with transaction.atomic():
        system_goal = SystemGoal.objects.create(
            district_id=district_id, school_id=school_id, level=level, title=title[:200],
            description=(description or "").strip(), published_by=actor, is_published=True,
        )
        audit_log(actor, "system_goal.publish", system_goal)
    return system_goal


def system_goal_update(
    *, actor: Any, system_goal: SystemGoal, title: str | None = None, description: str | None = None,
    is_published: bool | None = None,
) -> SystemGoal:
    require(policies.can_manage_system_goal(actor, system_goal))
    with transaction.atomic():
        if title is not None:
            title = title.strip()
            if not title:
                raise ApplicationError(_("Give the goal a title."))
            system_goal.title = title[:200]
        if description is not None:
            system_goal.description = description.strip()
        if is_published is not None:
            system_goal.is_published = is_published
        system_goal.save()
        audit_log(actor, "system_goal.update", system_goal, is_published=system_goal.is_published)
    return system_goal
