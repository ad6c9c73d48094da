"""Small builders for learning records in the dashboards tests (the apps' own factories may not exist yet)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from pollinate.evidence.models import Audience, Evidence
from pollinate.goals.models import Goal
from pollinate.reflections.models import Feedback, Reflection


def goal(learner, *, status=Goal.Status.ACTIVE, title="Read 20 minutes a day", guide=None,
         kind=Goal.Kind.ACADEMIC, **fields) -> Goal:
    return Goal.objects.create(
        district_id=learner.district_id, learner=learner, kind=kind, title=title, status=status,
        guide=guide, **fields,
    )


def evidence(learner, *, audience=Audience.GUIDES, title="My volcano poster", days_ago=0, **fields) -> Evidence:
    at = timezone.now() - timedelta(days=days_ago)
    return Evidence.objects.create(
        district_id=learner.district_id, learner=learner, kind=Evidence.Kind.WRITING, title=title,
        body="<p>Lava is hot.</p>", audience=audience, created_at=at, updated_at=at, **fields,
    )


def reflection(learner, *, shared=True, days_ago=0, prompt_text="What helped?", **fields) -> Reflection:
    return Reflection.objects.create(
        district_id=learner.district_id, learner=learner, body="<p>My friend explained it.</p>",
        prompt_text=prompt_text, shared_with_guides=shared, created_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def feedback_on(author, *, evidence_item=None, reflection_item=None) -> Feedback:
    """Feedback as ``reflections.services.feedback_add`` leaves it: the target stamped with its first answer."""
    target = evidence_item or reflection_item
    given = Feedback.objects.create(
        district_id=target.district_id, author=author, evidence=evidence_item, reflection=reflection_item,
        body="<p>Well done.</p>",
    )
    type(target).objects.filter(pk=target.pk, first_feedback_at__isnull=True).update(first_feedback_at=given.created_at)
    return given


def quiet(learner_goal: Goal, days: int) -> Goal:
    """Make a goal look untouched for ``days`` (updated_at is stamped on save)."""
    at = timezone.now() - timedelta(days=days)
    Goal.objects.filter(pk=learner_goal.pk).update(updated_at=at, last_activity_at=at, created_at=at)
    learner_goal.refresh_from_db()
    return learner_goal
