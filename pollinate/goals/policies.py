"""Who may see and change goals, built from relationships (never from roles).

- the learner sees all their own goals, drafts included; a draft is visible to nobody else;
- once proposed, a goal is visible to the learner's guides (teachers of their classes, mentor, coaches), to
  the guide it was proposed to, to the learner's family (read-only) and to leaders overseeing the learner
  (read-only);
- the learner creates, edits, proposes, revises and drops their own goals;
- the named guide or any guide of the learner agrees or asks for changes;
- the learner or a guide marks an active goal achieved, adds action steps and check-ins;
- system goals (school and district) are visible to everyone in the district; district administrators publish
  district goals (and school goals in their district), school leaders publish goals for the schools they lead.

``can_<verb>_goal`` answers both *who* and *when* (the goal's status), which is what a page needs to decide
whether to offer a button; services check the two separately so a wrong moment answers 409, not 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.goals.models import Goal, SystemGoal
from pollinate.people import policies as people_policies
from pollinate.people.roles import scope_for

S = Goal.Status

# Which statuses each change may start from. The single definition of the goal's state machine.
TRANSITIONS: dict[str, frozenset[str]] = {
    "edit": frozenset({S.DRAFT, S.PROPOSED, S.CHANGES_REQUESTED, S.ACTIVE}),
    "propose": frozenset({S.DRAFT, S.CHANGES_REQUESTED}),
    "agree": frozenset({S.PROPOSED}),
    "request_changes": frozenset({S.PROPOSED}),
    "achieve": frozenset({S.ACTIVE}),
    "revise": frozenset({S.ACTIVE}),
    "drop": frozenset({S.DRAFT, S.PROPOSED, S.CHANGES_REQUESTED, S.ACTIVE}),
    "add_step": frozenset({S.DRAFT, S.PROPOSED, S.CHANGES_REQUESTED, S.ACTIVE}),
    "check_in": frozenset({S.ACTIVE}),
}
OPEN_STATUSES = TRANSITIONS["edit"]
CLOSED_STATUSES = frozenset({S.ACHIEVED, S.REVISED, S.DROPPED})


def goals_visible_to(actor: Any) -> QuerySet[Goal]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Goal.objects.none()
    others = (
        Q(guide_id=scope.person_id)
        | Q(learner_id__in=people_policies.learners_guided_by(actor).values("id"))
        | Q(learner_id__in=people_policies.learners_overseen_by(actor).values("id"))
    )
    if scope.ward_ids:
        others |= Q(learner_id__in=scope.ward_ids)
    return Goal.objects.filter(
        Q(learner_id=scope.person_id) | (~Q(status=S.DRAFT) & Q(district_id__in=scope.district_ids) & others)
    )


def can_view_goal(actor: Any, goal: Goal) -> bool:
    return goals_visible_to(actor).filter(pk=goal.pk).exists()


def is_goal_learner(actor: Any, goal: Goal) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and goal.learner_id == actor.pk


def is_goal_guide(actor: Any, goal: Goal) -> bool:
    """The guide the goal was proposed to, or anyone who guides the learner. Never the learner themselves."""
    if not getattr(actor, "is_authenticated", False) or goal.learner_id == actor.pk:
        return False
    if goal.guide_id == actor.pk:
        return True
    return people_policies.can_guide(actor, goal.learner_id)


def allowed_now(goal: Goal, verb: str) -> bool:
    return goal.status in TRANSITIONS[verb]


def can_edit_goal(actor: Any, goal: Goal) -> bool:
    return is_goal_learner(actor, goal) and allowed_now(goal, "edit")


def can_propose_goal(actor: Any, goal: Goal) -> bool:
    return is_goal_learner(actor, goal) and allowed_now(goal, "propose")


def can_agree_goal(actor: Any, goal: Goal) -> bool:
    return allowed_now(goal, "agree") and is_goal_guide(actor, goal)


can_request_changes_goal = can_agree_goal


def can_achieve_goal(actor: Any, goal: Goal) -> bool:
    return allowed_now(goal, "achieve") and (is_goal_learner(actor, goal) or is_goal_guide(actor, goal))


def can_revise_goal(actor: Any, goal: Goal) -> bool:
    return is_goal_learner(actor, goal) and allowed_now(goal, "revise")


def can_drop_goal(actor: Any, goal: Goal) -> bool:
    return is_goal_learner(actor, goal) and allowed_now(goal, "drop")


def can_manage_action_steps(actor: Any, goal: Goal) -> bool:
    return allowed_now(goal, "add_step") and (is_goal_learner(actor, goal) or is_goal_guide(actor, goal))


def can_check_in_goal(actor: Any, goal: Goal) -> bool:
    return allowed_now(goal, "check_in") and (is_goal_learner(actor, goal) or is_goal_guide(actor, goal))


def can_view_goals_of(actor: Any, learner_id: int) -> bool:
    """Whether the actor may open a learner's goal list at all (their own, or as guide, family or overseer)."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return False
    if learner_id == scope.person_id or learner_id in scope.ward_ids:
        return True
    return (
        people_policies.learners_guided_by(actor).filter(pk=learner_id).exists()
        or people_policies.learners_overseen_by(actor).filter(pk=learner_id).exists()
    )


# System goals


def system_goals_visible_to(actor: Any) -> QuerySet[SystemGoal]:
    """Published goals of the actor's districts, plus unpublished ones the actor may manage."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return SystemGoal.objects.none()
    return SystemGoal.objects.filter(district_id__in=scope.district_ids).filter(
        Q(is_published=True) | Q(district_id__in=scope.admin_district_ids) | Q(school_id__in=scope.led_school_ids)
    )


def can_publish_system_goal(actor: Any, *, district_id: int | None, school_id: int | None = None) -> bool:
    scope = scope_for(actor)
    if scope.administers_district(district_id):
        return True
    return school_id is not None and scope.leads_school(school_id)


def can_manage_system_goal(actor: Any, system_goal: SystemGoal) -> bool:
    return can_publish_system_goal(actor, district_id=system_goal.district_id, school_id=system_goal.school_id)


def can_publish_any_system_goal(actor: Any) -> bool:
    scope = scope_for(actor)
    return bool(scope.admin_district_ids or scope.led_school_ids)


can_view_alignment = can_publish_any_system_goal
