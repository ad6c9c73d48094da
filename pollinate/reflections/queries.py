"""Reads of reflections, feedback and prompts on behalf of a viewer. Every one starts from policy; every read of a
learner's reflections by someone other than the learner is recorded in the audit log."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from pollinate.core.access import get_object_for
from pollinate.core.audit import record_student_reads
from pollinate.evidence.models import Evidence
from pollinate.goals.models import Goal
from pollinate.goals.policies import goals_visible_to
from pollinate.people import policies as people_policies
from pollinate.people.models import Person
from pollinate.reflections import policies
from pollinate.reflections.models import Feedback, Reflection, ReflectionPrompt


def _with_details(qs: QuerySet[Reflection], viewer: Any) -> QuerySet[Reflection]:
    """Feedback, prompt, goal and work in a fixed number of queries. The goal or work a reflection is about is
    named only when the viewer may see it (a shared reflection may be about private work)."""
    return qs.select_related("learner", "prompt", "goal", "evidence").prefetch_related(
        Prefetch("feedback", queryset=Feedback.objects.select_related("author").order_by("created_at", "id"))
    ).annotate(
        evidence_visible=Exists(policies.evidence_visible_to(viewer).filter(pk=OuterRef("evidence_id"))),
        goal_visible=Exists(goals_visible_to(viewer).filter(pk=OuterRef("goal_id"))),
    )


def prompt_list(*, viewer: Any) -> QuerySet[ReflectionPrompt]:
    """Prompts a learner may answer: the built-in ones and their district's, active only."""
    return policies.prompts_visible_to(viewer).filter(is_active=True).order_by("district_id", "stem", "id")


def district_prompt_list(*, viewer: Any, district_id: int | None) -> QuerySet[ReflectionPrompt]:
    """All prompts of a district (active or not) for the district's administrators; empty for anyone else."""
    if not policies.can_manage_prompts(viewer, district_id):
        return ReflectionPrompt.objects.none()
    return ReflectionPrompt.objects.filter(district_id=district_id).order_by("stem", "id")


def builtin_prompt_list(*, viewer: Any) -> QuerySet[ReflectionPrompt]:
    return policies.prompts_visible_to(viewer).filter(district__isnull=True).order_by("stem", "id")


def timeline_learner_get(*, viewer: Any, learner_id: int) -> Person:
    return get_object_for(viewer, policies.timeline_learners_visible_to(viewer), learner_id)


def reflection_timeline(*, viewer: Any, learner: Person, path: str = "") -> QuerySet[Reflection]:
    """A learner's reflections the viewer may see, newest first, with their feedback. Records the read."""
    record_student_reads(viewer, [learner.pk], verb="reflections.timeline", obj=learner,
                         district_id=learner.district_id, path=path)
    qs = policies.reflections_visible_to(viewer).filter(learner_id=learner.pk).order_by("-created_at", "-id")
    return _with_details(qs, viewer)


def reflection_get(*, viewer: Any, reflection_id: int, path: str = "") -> Reflection:
    reflection = get_object_for(viewer, _with_details(policies.reflections_visible_to(viewer), viewer), reflection_id)
    record_student_reads(viewer, [reflection.learner_id], verb="reflections.view", obj=reflection, path=path)
    return reflection


def reflection_page_list(*, viewer: Any, learner_id: int | None = None) -> QuerySet[Reflection]:
    """Reflections visible to the viewer (for the API); the caller records reads of the page it returns."""
    qs = policies.reflections_visible_to(viewer)
    if learner_id is not None:
        qs = qs.filter(learner_id=learner_id)
    return _with_details(qs.order_by("-created_at", "-id"), viewer)


def record_reads(*, viewer: Any, reflections: list[Reflection], path: str = "") -> None:
    record_student_reads(viewer, {r.learner_id for r in reflections}, verb="reflections.list", path=path)


def reflections_awaiting_feedback(*, viewer: Any, limit: int = 50) -> list[Reflection]:
    """Shared reflections of the viewer's learners that no one has answered yet, oldest first (the guide queue)."""
    qs = (
        policies.reflections_visible_to(viewer)
        .filter(shared_with_guides=True, learner_id__in=people_policies.learners_guided_by(viewer).values("id"))
        .exclude(learner_id=getattr(viewer, "pk", None))
        .filter(first_feedback_at__isnull=True)
        .select_related("learner", "prompt")
        .order_by("created_at", "id")
    )
    rows = list(qs[:limit])
    record_student_reads(viewer, {r.learner_id for r in rows}, verb="reflections.awaiting_feedback")
    return rows


def recent_reflections(*, viewer: Any, learner: Person, limit: int = 5) -> list[Reflection]:
    """The newest reflections of one learner the viewer may see (learner home, guide's learner page)."""
    learner_id = learner.pk if isinstance(learner, Person) else learner
    qs = (
        policies.reflections_visible_to(viewer)
        .filter(learner_id=learner_id)
        .annotate(feedback_count=Count("feedback"))
        .select_related("prompt")
        .order_by("-created_at", "-id")
    )
    rows = list(qs[:limit])
    if rows:
        record_student_reads(viewer, [learner_id], verb="reflections.recent")
    return rows


def guided_learners_with_reflections(*, viewer: Any) -> QuerySet[Person]:
    """The viewer's learners with how many shared reflections each has and how many await feedback."""
    unanswered = Q(reflections__shared_with_guides=True, reflections__first_feedback_at__isnull=True)
    return (
        people_policies.learners_guided_by(viewer)
        .exclude(pk=getattr(viewer, "pk", None))
        .annotate(
            shared_count=Count("reflections", filter=Q(reflections__shared_with_guides=True), distinct=True),
            awaiting_count=Count("reflections", filter=unanswered, distinct=True),
        )
        .order_by("family_name", "given_name", "id")
    )


def my_goals_and_work(*, viewer: Any) -> tuple[list[Goal], list[Evidence]]:
    """The viewer's own goals and evidence, to attach a reflection to (two queries)."""
    viewer_id = getattr(viewer, "pk", None)
    goals = list(Goal.objects.filter(learner_id=viewer_id).only("id", "title").order_by("-updated_at", "-id")[:200])
    work = list(
        Evidence.objects.filter(learner_id=viewer_id).only("id", "title").order_by("-created_at", "-id")[:200]
    )
    return goals, work


def feedback_thread(*, viewer: Any, target: Any, kind: str) -> dict[str, Any]:
    """What the feedback thread partial shows: the comments the viewer may read and whether they may add one.

    Uses feedback already prefetched on ``target`` when there is some (timeline), else one query."""
    if kind == "evidence":
        can_add = policies.can_give_feedback_on_evidence(viewer, target)
    else:
        can_add = policies.can_give_feedback_on_reflection(viewer, target)
    cache = getattr(target, "_prefetched_objects_cache", {})
    if "feedback" in cache:
        items = list(target.feedback.all())
    else:
        items = list(
            policies.feedback_visible_to(viewer)
            .filter(**{kind: target})
            .select_related("author")
            .order_by("created_at", "id")
        )
    return {"items": items, "can_add": can_add}


def feedback_list(*, viewer: Any, evidence_id: int | None = None, reflection_id: int | None = None) -> QuerySet:
    qs = policies.feedback_visible_to(viewer).select_related("author").order_by("created_at", "id")
    if evidence_id is not None:
        qs = qs.filter(evidence_id=evidence_id)
    if reflection_id is not None:
        qs = qs.filter(reflection_id=reflection_id)
    return qs


def evidence_for_feedback_get(*, viewer: Any, evidence_id: int) -> Evidence:
    """The piece of evidence a comment is about: 404 unless its audience reaches the viewer."""
    return get_object_for(viewer, policies.evidence_visible_to(viewer).select_related("learner"), evidence_id)


def reflection_for_feedback_get(*, viewer: Any, reflection_id: int) -> Reflection:
    return get_object_for(viewer, policies.reflections_visible_to(viewer).select_related("learner"), reflection_id)


def reflection_owned_get(*, viewer: Any, reflection_id: int) -> Reflection:
    return get_object_for(viewer, policies.reflections_visible_to(viewer), reflection_id,
                          allowed=policies.can_update_reflection)


def prompt_for_update_get(*, viewer: Any, prompt_id: int) -> ReflectionPrompt:
    return get_object_for(viewer, policies.prompts_visible_to(viewer), prompt_id, allowed=policies.can_update_prompt)
