"""Smaller reads: scores and mastery for the API, expectations, quick-check classes, activity alignment."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from pollinate.choice.models import Activity
from pollinate.competencies.models import Competency, Framework
from pollinate.competencies.policies import frameworks_visible_to
from pollinate.core.access import get_object_for
from pollinate.core.audit import record_student_reads
from pollinate.mastery import policies
from pollinate.mastery.models import ActivityCompetency, ExpectedLevel, MasteryRecord, Score
from pollinate.mastery.queries.learner import learner_get
from pollinate.people.models import RecordStatus, School, Section
from pollinate.people.roles import scope_for

MAX_LIST = 500


def score_list(
    *, viewer: Any, learner_id: Any = None, evidence_id: Any = None, competency_id: Any = None, path: str = ""
) -> list[Score]:
    """Scores the viewer may see, narrowed to a learner, a piece or a competency (newest produced first)."""
    qs = policies.scores_visible_to(viewer).select_related("competency", "evidence")
    if learner_id is not None:
        qs = qs.filter(learner_id=learner_id)
    if evidence_id is not None:
        qs = qs.filter(evidence_id=evidence_id)
    if competency_id is not None:
        qs = qs.filter(competency_id=competency_id)
    scores = list(qs.order_by("-produced_on", "-scored_at", "-id")[:MAX_LIST])
    if scores:
        record_student_reads(
            viewer,
            {s.learner_id for s in scores},
            verb="mastery.scores_list",
            district_id=scores[0].district_id,
            path=path,
        )
    return scores


def learner_records(*, viewer: Any, learner_id: Any, framework_id: Any = None, path: str = "") -> list[MasteryRecord]:
    learner = learner_get(viewer=viewer, learner_id=learner_id)
    qs = policies.mastery_records_visible_to(viewer).filter(learner=learner).select_related("competency")
    if framework_id is not None:
        qs = qs.filter(framework_id=framework_id)
    records = list(qs.order_by("framework_id", "competency__position", "competency_id"))
    record_student_reads(
        viewer, [learner.pk], verb="mastery.records", obj=learner, district_id=learner.district_id, path=path
    )
    return records


def expectation_page(*, viewer: Any, school_id: Any = None, framework_id: Any = None) -> dict[str, Any]:
    """The schools whose expectations the viewer sets, the frameworks, and the chosen pair's checkpoints."""
    schools = list(
        policies.schools_expectations_settable_by(viewer).filter(status=RecordStatus.ACTIVE).order_by("name")
    )
    school = next((s for s in schools if str(s.pk) == str(school_id)), schools[0] if schools else None)
    frameworks: list[Framework] = []
    framework = None
    checkpoints: list[ExpectedLevel] = []
    if school is not None:
        frameworks = list(
            frameworks_visible_to(viewer)
            .filter(Q(district_id=school.district_id) | Q(district__isnull=True))
            .select_related("scale")
        )
        framework = next(
            (f for f in frameworks if str(f.pk) == str(framework_id)), frameworks[0] if frameworks else None
        )
    if framework is not None:
        checkpoints = list(ExpectedLevel.objects.filter(school=school, framework=framework).order_by("by_date"))
    return {
        "schools": schools,
        "school": school,
        "frameworks": frameworks,
        "framework": framework,
        "checkpoints": checkpoints,
    }


def expectation_frameworks(*, viewer: Any, district_id: int) -> list[Framework]:
    """Frameworks a person of ``district_id`` may use: the district's own and the built-in ones."""
    found = frameworks_visible_to(viewer).filter(Q(district_id=district_id) | Q(district__isnull=True))
    return sorted(found, key=lambda f: (f.district_id is None, f.title, f.pk))


def school_for_expectations(*, viewer: Any, school_id: Any) -> School:
    return get_object_for(viewer, policies.schools_expectations_settable_by(viewer), school_id)


def framework_for(*, viewer: Any, framework_id: Any) -> Framework:
    return get_object_for(viewer, frameworks_visible_to(viewer).select_related("scale"), framework_id)


def expected_level_get(*, viewer: Any, expected_id: Any) -> ExpectedLevel:
    visible = ExpectedLevel.objects.filter(school__in=policies.schools_expectations_settable_by(viewer))
    return get_object_for(viewer, visible.select_related("school"), expected_id)


def quick_check_sections(*, viewer: Any) -> list[Section]:
    return list(
        Section.objects.filter(id__in=scope_for(viewer).taught_section_ids, status=RecordStatus.ACTIVE)
        .select_related("school")
        .order_by("title")
    )


def quick_check_section_get(*, viewer: Any, section_id: Any) -> Section:
    return get_object_for(
        viewer, policies.grid_sections_for(viewer), section_id, allowed=policies.can_import_quick_check
    )


def alignable_activity_get(*, viewer: Any, activity_id: Any) -> dict[str, Any]:
    """An activity the viewer may align, its current competencies and the competencies they may choose from."""
    activity = get_object_for(viewer, policies.activities_alignable_by(viewer), activity_id)
    chosen = set(ActivityCompetency.objects.filter(activity=activity).values_list("competency_id", flat=True))
    choices = list(
        Competency.objects.filter(
            Q(framework__district_id=activity.district_id) | Q(framework__district__isnull=True),
            is_scorable=True,
        )
        .select_related("framework")
        .order_by("framework__title", "position", "id")[:MAX_LIST]
    )
    return {"activity": activity, "chosen": chosen, "choices": choices}


def alignable_activities(*, viewer: Any) -> list[Activity]:
    return list(policies.activities_alignable_by(viewer).order_by("title")[:MAX_LIST])


def children_of(*, viewer: Any) -> list[Any]:
    """The learners a family member follows (whose progress they may read)."""
    wards = scope_for(viewer).ward_ids
    return list(policies.mastery_learners_visible_to(viewer).filter(id__in=wards).order_by("given_name", "id"))


def can_set_any_expectations(*, viewer: Any) -> bool:
    return policies.schools_expectations_settable_by(viewer).exists()
