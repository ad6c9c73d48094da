"""Who may see and change evidence, and which audiences a learner may choose.

Seeing a piece is defined once, by its audience (``audience.visible_by_audience``): leaders' oversight
does not open private work. Only the learner changes or deletes their own evidence. A guide who can see a
piece may respond to it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from pollinate.choice.models import Activity, PathwayItem
from pollinate.evidence.audience import visible_by_audience
from pollinate.evidence.models import AUDIENCE_ORDER, Audience, DistrictEvidenceSettings, Evidence
from pollinate.goals.models import Goal
from pollinate.inquiry.models import Inquiry
from pollinate.people import policies as people_policies
from pollinate.people.roles import scope_for

DEFAULT_SETTINGS = DistrictEvidenceSettings(public_min_age=13, max_upload_mb=50, allowed_audiences=[])


def evidence_visible_to(actor: Any) -> QuerySet[Evidence]:
    return Evidence.objects.filter(visible_by_audience(actor))


def can_view_evidence(actor: Any, evidence: Evidence) -> bool:
    return evidence_visible_to(actor).filter(pk=evidence.pk).exists()


def is_own(actor: Any, evidence: Evidence) -> bool:
    person_id = scope_for(actor).person_id
    return person_id is not None and evidence.learner_id == person_id


def can_update_evidence(actor: Any, evidence: Evidence) -> bool:
    return is_own(actor, evidence)


def can_delete_evidence(actor: Any, evidence: Evidence) -> bool:
    return is_own(actor, evidence)


def can_give_feedback(actor: Any, evidence: Evidence) -> bool:
    """Guides of the learner who can see the piece (the reflections app's feedback service uses this)."""
    if is_own(actor, evidence):
        return False
    return can_view_evidence(actor, evidence) and people_policies.can_guide(actor, evidence.learner_id)


def settings_for(district_id: int | None) -> DistrictEvidenceSettings:
    if district_id is None:
        return DEFAULT_SETTINGS
    found = DistrictEvidenceSettings.objects.filter(district_id=district_id).first()
    return found or DEFAULT_SETTINGS


def age_on(birth_date: datetime.date | None, today: datetime.date) -> int | None:
    if birth_date is None:
        return None
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def audiences_allowed_for(learner: Any, district_settings: DistrictEvidenceSettings | None = None) -> list[str]:
    """The audiences this learner may choose, in ladder order.

    The district may narrow the list; a public showcase needs a known age of at least ``public_min_age``
    (an unknown birth date counts as too young, since we cannot show it is safe).
    """
    rules = district_settings or settings_for(learner.district_id)
    # "Only me" is never taken away: a learner can always keep work to themselves.
    allowed = [
        a for a in AUDIENCE_ORDER
        if not rules.allowed_audiences or a in rules.allowed_audiences or a == Audience.ONLY_ME
    ]
    age = age_on(learner.birth_date, timezone.localdate())
    if Audience.PUBLIC in allowed and (age is None or age < rules.public_min_age):
        allowed.remove(Audience.PUBLIC)
    return allowed


def default_audience(allowed: list[str]) -> str:
    """"My guides" when allowed; otherwise the most private level the district allows."""
    if Audience.GUIDES in allowed:
        return Audience.GUIDES
    return allowed[0] if allowed else Audience.ONLY_ME


# What a learner may attach their evidence to: their own goals and inquiries, and activities they picked,
# proposed, or that are offered on a published pathway of one of their classes.


def goals_attachable_by(actor: Any) -> QuerySet[Goal]:
    return Goal.objects.filter(learner_id=scope_for(actor).person_id)


def inquiries_attachable_by(actor: Any) -> QuerySet[Inquiry]:
    return Inquiry.objects.filter(learner_id=scope_for(actor).person_id)


def activities_attachable_by(actor: Any) -> QuerySet[Activity]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Activity.objects.none()
    offered = PathwayItem.objects.filter(
        pathway__is_published=True, pathway__sections__in=scope.enrolled_section_ids
    ).values("activity_id")
    return Activity.objects.filter(
        Q(choices__learner_id=scope.person_id)
        | Q(proposed_by_id=scope.person_id)
        | Q(id__in=offered, is_approved=True)
    ).distinct()


def can_manage_evidence_settings(actor: Any, district_id: int | None) -> bool:
    """District administrators decide which audiences learners may choose and how large uploads may be."""
    return people_policies.can_manage_district(actor, district_id)
