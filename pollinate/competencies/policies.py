"""Who may see and change competency frameworks, competencies and rubric scales.

- built-in frameworks (Habits of Mind, the attributes of personalized learning) have no district and every
  signed-in person sees them;
- a district's frameworks (imported from CASE or built locally) and scales are visible to everyone who
  belongs to that district (any role there; regional administrators over its region);
- district administrators manage their districts' frameworks, competencies and scales; built-in frameworks
  are read-only for everyone, except that a district administrator chooses how mastery on one is calculated
  for their own district's learners;
- anonymous visitors see nothing (deny by default).

``can_view_<thing>`` is membership in ``<things>_visible_to``, so a list and a detail page cannot disagree.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.competencies.models import Competency, Framework, RubricScale
from pollinate.people.models import District
from pollinate.people.roles import scope_for


def _district_id(district: District | int | None) -> int | None:
    return district.pk if isinstance(district, District) else district


def frameworks_visible_to(actor: Any) -> QuerySet[Framework]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Framework.objects.none()
    return Framework.objects.filter(Q(district__isnull=True) | Q(district_id__in=scope.district_ids))


def competencies_visible_to(actor: Any) -> QuerySet[Competency]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Competency.objects.none()
    return Competency.objects.filter(
        Q(framework__district__isnull=True) | Q(framework__district_id__in=scope.district_ids)
    )


def scales_visible_to(actor: Any) -> QuerySet[RubricScale]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return RubricScale.objects.none()
    return RubricScale.objects.filter(Q(district__isnull=True) | Q(district_id__in=scope.district_ids))


def can_view_framework(actor: Any, framework: Framework) -> bool:
    return frameworks_visible_to(actor).filter(pk=framework.pk).exists()


def can_view_competency(actor: Any, competency: Competency) -> bool:
    return competencies_visible_to(actor).filter(pk=competency.pk).exists()


def can_view_scale(actor: Any, scale: RubricScale) -> bool:
    return scales_visible_to(actor).filter(pk=scale.pk).exists()


def can_manage_frameworks(actor: Any, district: District | int | None) -> bool:
    """Import, create and edit frameworks, competencies and scales of ``district`` (district administrators)."""
    return scope_for(actor).administers_district(_district_id(district))


def can_manage_any_frameworks(actor: Any) -> bool:
    """Whether to offer "import" and "new framework" at all."""
    return bool(scope_for(actor).admin_district_ids)


def can_edit_framework(actor: Any, framework: Framework) -> bool:
    """Built-in frameworks belong to no district, so nobody edits them."""
    return framework.district_id is not None and can_manage_frameworks(actor, framework.district_id)


def can_set_calculation(actor: Any, framework: Framework, district_id: int | None) -> bool:
    """Choose how mastery is calculated: on a district's framework, its administrators (for everyone who uses
    it); on a built-in framework, an administrator of ``district_id``, for that district's learners only."""
    if framework.district_id is not None:
        return district_id in (None, framework.district_id) and can_edit_framework(actor, framework)
    return district_id is not None and can_manage_frameworks(actor, district_id)


def can_edit_competency(actor: Any, competency: Competency) -> bool:
    return can_edit_framework(actor, competency.framework)


def can_edit_scale(actor: Any, scale: RubricScale) -> bool:
    return scale.district_id is not None and can_manage_frameworks(actor, scale.district_id)
