"""The learner's own home panel: active goals, what is next on their pathways, recent work, a prompt."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from pollinate.choice.models import ActivityChoice, Pathway, PathwayItem
from pollinate.dashboards import links
from pollinate.evidence.models import Evidence
from pollinate.goals.models import Goal
from pollinate.notifications.models import Notification
from pollinate.people.roles import Scope, scope_for
from pollinate.reflections.models import ReflectionPrompt

HOME_ROWS = 5


@dataclass
class NextStep:
    """What is next on one of my pathways: the next playlist activity, or how many more board picks."""

    pathway: Any
    activity: Any = None
    done: int = 0
    total: int = 0
    picks_left: int = 0
    url: str = ""


@dataclass
class LearnerHome:
    active_goals: list[Goal]
    next_steps: list[NextStep]
    recent_evidence: list[Evidence]
    prompt: ReflectionPrompt | None
    unread: int
    goals_url: str = ""
    new_evidence_url: str = ""
    reflect_url: str = ""
    notifications_url: str = ""
    portfolio_url: str = ""


def learner_home(*, viewer: Any, scope: Scope | None = None, today: date | None = None) -> LearnerHome:
    """The learner's own panel: active goals with progress, what is next, recent work, a prompt to reflect,
    unread notifications. Seven queries whatever the number of goals, pathways or pieces; nothing audited
    (a learner reading their own record)."""
    scope = scope or scope_for(viewer)
    today = today or timezone.localdate()
    goals = list(
        Goal.objects.filter(learner_id=viewer.pk, status=Goal.Status.ACTIVE)
        .select_related("aligned_to")
        .order_by(F("due_on").asc(nulls_last=True), "-updated_at", "id")[:HOME_ROWS]
    )
    for goal in goals:
        goal.url = links.goal_url(goal.pk)
    evidence = list(Evidence.objects.filter(learner_id=viewer.pk).order_by("-created_at", "-id")[:HOME_ROWS])
    for piece in evidence:
        piece.url = links.evidence_url(piece.pk)
    prompts = list(
        ReflectionPrompt.objects.filter(Q(district__isnull=True) | Q(district_id=viewer.district_id), is_active=True)
        .order_by("stem", "id")
    )
    # A different prompt each day, the same one all day.
    prompt = prompts[today.toordinal() % len(prompts)] if prompts else None
    unread = Notification.objects.filter(recipient_id=viewer.pk, read_at__isnull=True).count()
    return LearnerHome(
        active_goals=goals,
        next_steps=_next_steps(viewer, scope),
        recent_evidence=evidence,
        prompt=prompt,
        unread=unread,
        goals_url=links.my_goals_url(),
        new_evidence_url=links.new_evidence_url(),
        reflect_url=links.new_reflection_url(prompt.pk if prompt else None),
        notifications_url=links.notifications_url(),
        portfolio_url=links.portfolio_url(viewer.pk),
    )


def _next_steps(viewer: Any, scope: Scope) -> list[NextStep]:
    """Published pathways of my classes with what is next: three queries whatever their number."""
    if not scope.enrolled_section_ids:
        return []
    pathways = list(
        Pathway.objects.filter(sections__id__in=scope.enrolled_section_ids, is_published=True)
        .distinct()
        .order_by("-created_at", "id")[:HOME_ROWS]
    )
    if not pathways:
        return []
    ids = [p.pk for p in pathways]
    items: dict[int, list[PathwayItem]] = defaultdict(list)
    for item in (
        PathwayItem.objects.filter(pathway_id__in=ids)
        .filter(Q(activity__is_approved=True) | Q(activity__proposed_by_id=viewer.pk))
        .select_related("activity")
        .order_by("pathway_id", "position", "id")
    ):
        items[item.pathway_id].append(item)
    picks: dict[int, dict[int, str]] = defaultdict(dict)
    for pathway_id, activity_id, status in ActivityChoice.objects.filter(
        learner_id=viewer.pk, pathway_id__in=ids
    ).values_list("pathway_id", "activity_id", "status"):
        picks[pathway_id][activity_id] = status
    steps = []
    for pathway in pathways:
        mine = picks[pathway.pk]
        done = sum(1 for status in mine.values() if status == ActivityChoice.Status.DONE)
        step = NextStep(pathway=pathway, done=done, url=links.pathway_url(pathway.pk))
        if pathway.kind == Pathway.Kind.PLAYLIST:
            step.total = len(items[pathway.pk])
            step.activity = next(
                (i.activity for i in items[pathway.pk] if mine.get(i.activity_id) != ActivityChoice.Status.DONE),
                None,
            )
        else:
            step.total = pathway.picks_required
            step.picks_left = max(pathway.picks_required - len(mine), 0)
            chosen = {i.activity_id: i.activity for i in items[pathway.pk]}
            step.activity = next(
                (chosen[a] for a, status in mine.items() if status != ActivityChoice.Status.DONE and a in chosen),
                None,
            )
        steps.append(step)
    return steps
