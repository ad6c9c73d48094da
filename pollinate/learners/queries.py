"""Reads of learner profiles and class snapshots. Reads by anyone but the learner are audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pollinate.core.access import get_object_for
from pollinate.core.audit import record_student_reads
from pollinate.evidence.models import Evidence
from pollinate.learners import policies
from pollinate.learners.models import LearnerProfile
from pollinate.people.models import Enrollment, Person, RecordStatus, Section
from pollinate.people.policies import sections_visible_to

AREAS = ("access", "engage", "express")
ASPECTS = ("strengths", "challenges", "preferences", "needs")
HIGHLIGHT_CHARS = 140


@dataclass(frozen=True)
class ProfileView:
    learner: Person
    profile: LearnerProfile
    is_mine: bool
    can_edit: bool

    @property
    def is_empty(self) -> bool:
        return self.profile.pk is None

    @property
    def mode_labels(self) -> list[str]:
        labels = dict(Evidence.Kind.choices)
        return [str(labels[m]) for m in self.profile.preferred_modes or [] if m in labels]


@dataclass(frozen=True)
class SnapshotRow:
    learner: Person
    profile: LearnerProfile | None
    strengths: str
    preferences: str
    interests: str
    needs: str


def _blank_profile(learner: Person) -> LearnerProfile:
    """An unsaved profile so pages and the API show empty fields before anyone has written one."""
    return LearnerProfile(learner=learner, district_id=learner.district_id)


def _joined(profile: LearnerProfile | None, aspect: str) -> str:
    if profile is None:
        return ""
    parts = [getattr(profile, f"{area}_{aspect}").strip() for area in AREAS]
    return " · ".join(p for p in parts if p)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= HIGHLIGHT_CHARS else text[: HIGHLIGHT_CHARS - 1].rstrip() + "…"


def profile_get(*, viewer: Any, learner_id: Any, path: str = "") -> ProfileView:
    """A learner's profile (blank if none yet). 404 unless the viewer is the learner, a guide or family."""
    learner = get_object_for(viewer, policies.profile_learners_visible_to(viewer), learner_id)
    profile = (
        LearnerProfile.objects.select_related("updated_by").filter(learner=learner).first()
        or _blank_profile(learner)
    )
    is_mine = learner.pk == getattr(viewer, "pk", None)
    if not is_mine:
        record_student_reads(viewer, [learner.pk], verb="learner_profile.view", obj=learner,
                             district_id=learner.district_id, path=path)
    return ProfileView(
        learner=learner, profile=profile, is_mine=is_mine,
        can_edit=is_mine or policies.can_edit_profile(viewer, learner),
    )


def my_profile(*, viewer: Any, path: str = "") -> ProfileView:
    return profile_get(viewer=viewer, learner_id=viewer.pk, path=path)


def snapshot_section_list(*, viewer: Any) -> list[Section]:
    """The classes whose snapshot the viewer may open (the ones they teach)."""
    return list(
        policies.snapshot_sections_for(viewer).filter(status=RecordStatus.ACTIVE)
        .select_related("school").order_by("school__name", "title")
    )


def class_snapshot(*, viewer: Any, section: Section, path: str = "") -> list[SnapshotRow]:
    """Every student of a class the viewer teaches with the highlights of their profile.

    A constant number of queries however large the class; the read of those students' records is audited.
    """
    if not policies.can_view_class_snapshot(viewer, section):
        return []
    students = [
        e.person
        for e in Enrollment.objects.filter(
            section=section, role=Enrollment.EnrollmentRole.STUDENT, status=RecordStatus.ACTIVE,
            person__status=RecordStatus.ACTIVE,
        ).select_related("person").order_by("person__family_name", "person__given_name", "person_id")
    ]
    profiles = {p.learner_id: p for p in LearnerProfile.objects.filter(learner_id__in=[s.pk for s in students])}
    record_student_reads(viewer, [s.pk for s in students], verb="class_snapshot.view", obj=section,
                         district_id=section.district_id, path=path)
    rows = []
    for student in students:
        profile = profiles.get(student.pk)
        rows.append(SnapshotRow(
            learner=student,
            profile=profile,
            strengths=_short(_joined(profile, "strengths")),
            preferences=_short(_joined(profile, "preferences")),
            interests=_short(profile.interests if profile else ""),
            needs=_short(_joined(profile, "needs")),
        ))
    return rows


def class_snapshot_get(*, viewer: Any, section_id: Any, path: str = "") -> dict[str, Any]:
    """A class and its snapshot: 404 if the class is not visible, 403 if visible but not taught by the viewer."""
    section = get_object_for(
        viewer, sections_visible_to(viewer).select_related("school"), section_id,
        allowed=policies.can_view_class_snapshot,
    )
    return {"section": section, "rows": class_snapshot(viewer=viewer, section=section, path=path)}
