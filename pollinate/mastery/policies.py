"""Who may see and give scores and mastery, built from relationships (never from roles directly).

- a learner sees their own scores and mastery, and self-assesses their own evidence;
- a guide of the learner (teacher of their class, mentor, coach) who can see a piece of evidence scores it,
  and sees the learner's scores and mastery; a teacher opens the class grid of a class they teach;
- family sees their child's mastery (in family words); leaders overseeing a learner read it (read-only), and
  open the grid of the classes in schools they lead or districts they administer;
- self-assessments ride on the evidence: someone who cannot see the piece does not see the learner's own
  rating of it (guides' ratings count towards mastery, so whoever reads the mastery reads them);
- leaders set the expected progression of their schools; teachers import quick checks for classes they teach
  and align activities of the pathways they teach to competencies;
- everyone else: nothing (deny by default).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.choice.models import Activity, PathwayItem
from pollinate.choice.policies import pathways_taught_by
from pollinate.evidence import policies as evidence_policies
from pollinate.evidence.models import Evidence
from pollinate.mastery.models import MasteryRecord, Score
from pollinate.people import policies as people_policies
from pollinate.people.models import Person, School, Section
from pollinate.people.roles import scope_for


def mastery_learners_visible_to(actor: Any) -> QuerySet[Person]:
    """Learners whose mastery ``actor`` may read: themselves, those they guide, oversee, or are family of."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Person.objects.none()
    return Person.objects.filter(
        Q(id=scope.person_id)
        | Q(id__in=scope.ward_ids)
        | Q(id__in=people_policies.learners_guided_by(actor).values("id"))
        | Q(id__in=people_policies.learners_overseen_by(actor).values("id")),
        district_id__in=scope.district_ids,
    )


def can_view_mastery_of(actor: Any, learner: Person | int) -> bool:
    learner_id = learner.pk if isinstance(learner, Person) else learner
    scope = scope_for(actor)
    if scope.is_anonymous:
        return False
    if learner_id == scope.person_id:
        return True
    return mastery_learners_visible_to(actor).filter(pk=learner_id).exists()


def mastery_records_visible_to(actor: Any) -> QuerySet[MasteryRecord]:
    return MasteryRecord.objects.filter(learner_id__in=mastery_learners_visible_to(actor).values("id"))


def scores_visible_to(actor: Any) -> QuerySet[Score]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Score.objects.none()
    learners = mastery_learners_visible_to(actor).values("id")
    own = Q(learner_id=scope.person_id)
    seen_piece = Q(evidence_id__in=evidence_policies.evidence_visible_to(actor).values("id"))
    return Score.objects.filter(own | (Q(learner_id__in=learners) & (Q(kind=Score.Kind.GUIDE) | seen_piece)))


def can_self_assess(actor: Any, evidence: Evidence) -> bool:
    return evidence_policies.is_own(actor, evidence)


def can_score_evidence(actor: Any, evidence: Evidence) -> bool:
    """A guide of the learner who can see the piece (never the learner: theirs is the self-assessment)."""
    return evidence_policies.can_give_feedback(actor, evidence)


def is_family_viewer(actor: Any, learner_id: int) -> bool:
    return people_policies.is_family_of(actor, learner_id)


# The class grid


def grid_sections_for(actor: Any) -> QuerySet[Section]:
    """Classes whose grid ``actor`` may open: those they teach, and (read-only) those in schools they lead."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Section.objects.none()
    return Section.objects.filter(
        Q(id__in=scope.taught_section_ids)
        | Q(school_id__in=scope.led_school_ids)
        | Q(district_id__in=scope.admin_district_ids)
    )


def can_view_class_grid(actor: Any, section: Section) -> bool:
    scope = scope_for(actor)
    return (
        section.pk in scope.taught_section_ids
        or scope.leads_school(section.school_id)
        or scope.administers_district(section.district_id)
    )


def can_import_quick_check(actor: Any, section: Section) -> bool:
    return section.pk in scope_for(actor).taught_section_ids


# Expected progression and next steps


def can_set_expectations(actor: Any, school: School) -> bool:
    scope = scope_for(actor)
    return scope.leads_school(school.pk) or scope.administers_district(school.district_id)


def schools_expectations_settable_by(actor: Any) -> QuerySet[School]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return School.objects.none()
    return School.objects.filter(Q(id__in=scope.led_school_ids) | Q(district_id__in=scope.admin_district_ids))


def activities_alignable_by(actor: Any) -> QuerySet[Activity]:
    """Activities on pathways the actor teaches, or that they wrote."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Activity.objects.none()
    return Activity.objects.filter(
        Q(created_by_id=scope.person_id)
        | Q(id__in=PathwayItem.objects.filter(pathway__in=pathways_taught_by(actor)).values("activity_id"))
    )


def can_align_activity(actor: Any, activity: Activity) -> bool:
    return activities_alignable_by(actor).filter(pk=activity.pk).exists()


def can_dismiss_suggestions_of(actor: Any, learner_id: int) -> bool:
    """Only the learner: a suggestion is theirs to ignore."""
    return scope_for(actor).person_id == learner_id
