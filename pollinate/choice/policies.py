"""Who may see, build and choose from choice boards and playlists.

- Teachers see every pathway of a class they teach (drafts too); one that spans several classes may be
  changed and published only by someone who teaches all of them.
- Students see the published pathways of their classes and choose from them; leaders see the published
  pathways of the schools they lead (read only).
- A learner's own proposed activity is seen by that learner and by the teachers of the pathway's classes;
  a teacher who teaches the proposer on that pathway approves or declines it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.choice.models import Activity, Pathway, PathwayItem
from pollinate.people.policies import learners_guided_by
from pollinate.people.roles import scope_for

PathwaySection = Pathway.sections.through


def pathways_visible_to(actor: Any) -> QuerySet[Pathway]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Pathway.objects.none()
    taught = PathwaySection.objects.filter(section_id__in=scope.taught_section_ids).values("pathway_id")
    enrolled = PathwaySection.objects.filter(section_id__in=scope.enrolled_section_ids).values("pathway_id")
    led = PathwaySection.objects.filter(section__school_id__in=scope.led_school_ids).values("pathway_id")
    return Pathway.objects.filter(Q(id__in=taught) | (Q(is_published=True) & (Q(id__in=enrolled) | Q(id__in=led))))


def pathways_taught_by(actor: Any) -> QuerySet[Pathway]:
    scope = scope_for(actor)
    return Pathway.objects.filter(
        id__in=PathwaySection.objects.filter(section_id__in=scope.taught_section_ids).values("pathway_id")
    )


def pathways_open_to_choose(actor: Any) -> QuerySet[Pathway]:
    scope = scope_for(actor)
    return Pathway.objects.filter(
        is_published=True,
        id__in=PathwaySection.objects.filter(section_id__in=scope.enrolled_section_ids).values("pathway_id"),
    )


def _section_ids(pathway: Pathway) -> set[int]:
    # Uses the prefetched sections when the caller loaded them, so lists stay constant-query.
    return {s.pk for s in pathway.sections.all()}


def can_manage_pathway(actor: Any, pathway: Pathway) -> bool:
    section_ids = _section_ids(pathway)
    return bool(section_ids) and section_ids <= scope_for(actor).taught_section_ids


def can_teach_pathway(actor: Any, pathway: Pathway) -> bool:
    """Teaches at least one of the pathway's classes: sees its drafts, proposals and their students' progress."""
    return bool(_section_ids(pathway) & scope_for(actor).taught_section_ids)


def can_choose_on(actor: Any, pathway: Pathway) -> bool:
    return pathway.is_published and bool(_section_ids(pathway) & scope_for(actor).enrolled_section_ids)


def can_create_pathway_for(actor: Any, section_ids: set[int]) -> bool:
    return bool(section_ids) and section_ids <= scope_for(actor).taught_section_ids


def items_visible_on(actor: Any, pathway: Pathway) -> QuerySet[PathwayItem]:
    """The activities of a pathway this person sees: the teacher's, plus proposals that are theirs to see."""
    items = PathwayItem.objects.filter(pathway=pathway)
    if can_teach_pathway(actor, pathway):
        return items
    return items.filter(own_or_offered(actor))


def own_or_offered(actor: Any) -> Q:
    """Activities a learner may pick: the teacher's offers and their own (approved) proposals."""
    return Q(activity__proposed_by__isnull=True) | Q(activity__proposed_by_id=scope_for(actor).person_id)


def can_review_proposal(actor: Any, item: PathwayItem) -> bool:
    activity: Activity = item.activity
    if not activity.is_proposal or not can_teach_pathway(actor, item.pathway):
        return False
    return learners_guided_by(actor).filter(pk=activity.proposed_by_id).exists()
