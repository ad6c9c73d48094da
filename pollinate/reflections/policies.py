"""Who sees reflections and feedback, and who may write them.

- A reflection is seen by its learner, and by the learner's guides when it is shared with guides (the
  default). Family and leaders' oversight never open reflections: they are the learner's thinking.
- Only the learner writes and changes their own reflections.
- Feedback is given by a guide of the learner on a piece they can see: a shared reflection, or evidence whose
  audience reaches them (``visible_by_audience``). Classmates, family and leaders who can see a piece of
  evidence may not comment on it; nobody gives feedback on their own work.
- Feedback is seen by whoever may see the reflection, and on evidence by the learner and the guides who may
  comment on it (a comment meant for the learner is not part of the audience-wide showcase).
- The prompt bank: everyone sees the built-in prompts and their own district's; district administrators
  manage their district's prompts.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.evidence.audience import visible_by_audience
from pollinate.evidence.models import Evidence
from pollinate.people import policies as people_policies
from pollinate.people.models import Person
from pollinate.people.roles import scope_for
from pollinate.reflections.models import Feedback, Reflection, ReflectionPrompt


def reflections_visible_to(actor: Any) -> QuerySet[Reflection]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Reflection.objects.none()
    guided = people_policies.learners_guided_by(actor).values("id")
    return Reflection.objects.filter(
        Q(learner_id=scope.person_id) | Q(shared_with_guides=True, learner_id__in=guided)
    )


def can_view_reflection(actor: Any, reflection: Reflection) -> bool:
    return reflections_visible_to(actor).filter(pk=reflection.pk).exists()


def can_update_reflection(actor: Any, reflection: Reflection) -> bool:
    scope = scope_for(actor)
    return scope.person_id is not None and reflection.learner_id == scope.person_id


def timeline_learners_visible_to(actor: Any) -> QuerySet[Person]:
    """Learners whose reflection timeline this person may open: their own, and their guided learners'."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Person.objects.none()
    guided = people_policies.learners_guided_by(actor).values("id")
    return Person.objects.filter(Q(id=scope.person_id) | Q(id__in=guided))


def evidence_open_for_feedback_by(actor: Any) -> QuerySet[Evidence]:
    """Evidence this person may comment on: their guided learners' work whose audience reaches them."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Evidence.objects.none()
    return (
        Evidence.objects.filter(visible_by_audience(actor))
        .filter(learner_id__in=people_policies.learners_guided_by(actor).values("id"))
        .exclude(learner_id=scope.person_id)
    )


def evidence_visible_to(actor: Any) -> QuerySet[Evidence]:
    """Evidence by audience; the evidence app owns the full rules, this is only what feedback needs to look up."""
    return Evidence.objects.filter(visible_by_audience(actor))


def can_give_feedback_on_evidence(actor: Any, evidence: Evidence) -> bool:
    return evidence_open_for_feedback_by(actor).filter(pk=evidence.pk).exists()


def can_give_feedback_on_reflection(actor: Any, reflection: Reflection) -> bool:
    scope = scope_for(actor)
    return (
        scope.person_id is not None
        and reflection.shared_with_guides
        and reflection.learner_id != scope.person_id
        and people_policies.can_guide(actor, reflection.learner_id)
    )


def feedback_visible_to(actor: Any) -> QuerySet[Feedback]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Feedback.objects.none()
    return Feedback.objects.filter(
        Q(reflection_id__in=reflections_visible_to(actor).values("id"))
        | Q(evidence__learner_id=scope.person_id)
        | Q(evidence_id__in=evidence_open_for_feedback_by(actor).values("id"))
    )


def prompts_visible_to(actor: Any) -> QuerySet[ReflectionPrompt]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return ReflectionPrompt.objects.none()
    return ReflectionPrompt.objects.filter(Q(district__isnull=True) | Q(district_id__in=scope.district_ids))


def can_manage_prompts(actor: Any, district_id: int | None) -> bool:
    return people_policies.can_manage_district(actor, district_id)


def can_update_prompt(actor: Any, prompt: ReflectionPrompt) -> bool:
    # Built-in prompts belong to everyone; a district turns its own on and off.
    return prompt.district_id is not None and can_manage_prompts(actor, prompt.district_id)
