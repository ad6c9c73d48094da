"""Who sees inquiries and essential questions, and who may change them.

- An inquiry is seen by whoever its audience reaches (``visible_by_audience``, the same ladder as evidence):
  the learner always; guides from "my guides" up (a teacher's action research: their coaches); and so on.
- Only the learner changes their inquiry.
- The audiences a learner may choose follow the district's evidence settings: the allowed list, and a public
  showcase only for learners whose age is known and at least the district's minimum.
- Essential questions are seen by the teachers and students of the classes they were offered to; a teacher
  offers them to classes they teach.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.evidence import policies as evidence_policies
from pollinate.evidence.audience import visible_by_audience
from pollinate.inquiry.models import EssentialQuestion, Inquiry
from pollinate.people.roles import scope_for


def inquiries_visible_to(actor: Any) -> QuerySet[Inquiry]:
    return Inquiry.objects.filter(visible_by_audience(actor))


def can_view_inquiry(actor: Any, inquiry: Inquiry) -> bool:
    return inquiries_visible_to(actor).filter(pk=inquiry.pk).exists()


def can_update_inquiry(actor: Any, inquiry: Inquiry) -> bool:
    scope = scope_for(actor)
    return scope.person_id is not None and inquiry.learner_id == scope.person_id


def can_do_action_research(actor: Any) -> bool:
    """Educators who teach a class may run action research on their practice."""
    return bool(scope_for(actor).taught_section_ids)


def audience_choices_for(learner: Any) -> list[str]:
    """The audience levels this learner may choose: the same district rules as evidence, defined there."""
    return evidence_policies.audiences_allowed_for(learner)


def essential_questions_visible_to(actor: Any) -> QuerySet[EssentialQuestion]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return EssentialQuestion.objects.none()
    sections = scope.taught_section_ids | scope.enrolled_section_ids
    return EssentialQuestion.objects.filter(
        Q(sections__id__in=sections) | Q(created_by_id=scope.person_id)
    ).distinct()


def can_offer_essential_question(actor: Any, section_ids: list[int]) -> bool:
    return bool(section_ids) and set(section_ids) <= scope_for(actor).taught_section_ids
