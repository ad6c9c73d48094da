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
from django.utils import timezone

from pollinate.evidence.audience import visible_by_audience
from pollinate.evidence.models import AUDIENCE_ORDER, Audience, DistrictEvidenceSettings
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
    """The audience levels this learner may choose, in ladder order."""
    settings = DistrictEvidenceSettings.objects.filter(district_id=learner.district_id).first()
    allowed = [a for a in AUDIENCE_ORDER if not settings or not settings.allowed_audiences
               or a in settings.allowed_audiences or a == Audience.ONLY_ME]
    min_age = settings.public_min_age if settings else 13
    if Audience.PUBLIC in allowed and not _at_least_age(learner.birth_date, min_age):
        allowed.remove(Audience.PUBLIC)
    return allowed


def _at_least_age(birth_date: Any, years: int) -> bool:
    if birth_date is None:
        return False  # unknown age: never public
    today = timezone.localdate()
    age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    return age >= years


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
