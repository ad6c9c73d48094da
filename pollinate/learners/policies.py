"""Who may read and edit a learner profile.

The profile is co-constructed: the learner and their guides (teachers of their classes, mentors, coaches)
read and edit it; family reads it. Leaders' oversight does not open it, and nobody else sees it.
A teacher sees the class snapshot of the classes they teach.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.learners.models import LearnerProfile
from pollinate.people.models import Person, Section
from pollinate.people.policies import learners_guided_by
from pollinate.people.roles import scope_for


def profile_learners_visible_to(actor: Any) -> QuerySet[Person]:
    """The learners whose profile ``actor`` may read (a profile may not be written yet, so this is people)."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Person.objects.none()
    return Person.objects.filter(
        Q(id=scope.person_id) | Q(id__in=scope.ward_ids) | Q(id__in=learners_guided_by(actor).values("id"))
    )


def profiles_visible_to(actor: Any) -> QuerySet[LearnerProfile]:
    return LearnerProfile.objects.filter(learner_id__in=profile_learners_visible_to(actor).values("id"))


def profile_learners_editable_by(actor: Any) -> QuerySet[Person]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Person.objects.none()
    return Person.objects.filter(Q(id=scope.person_id) | Q(id__in=learners_guided_by(actor).values("id")))


def can_view_profile(actor: Any, learner: Person | int) -> bool:
    learner_id = learner.pk if isinstance(learner, Person) else learner
    return profile_learners_visible_to(actor).filter(pk=learner_id).exists()


def can_edit_profile(actor: Any, learner: Person | int) -> bool:
    learner_id = learner.pk if isinstance(learner, Person) else learner
    if learner_id == scope_for(actor).person_id:
        return True
    return profile_learners_editable_by(actor).filter(pk=learner_id).exists()


def snapshot_sections_for(actor: Any) -> QuerySet[Section]:
    """Classes whose snapshot ``actor`` may open: the ones they teach."""
    return Section.objects.filter(id__in=scope_for(actor).taught_section_ids)


def can_view_class_snapshot(actor: Any, section: Section) -> bool:
    return section.pk in scope_for(actor).taught_section_ids
