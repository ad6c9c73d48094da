"""Next steps: a short ranked list of activities from the learner's choice boards and playlists.

An activity earns points for the competencies it practises where the learner is closest to the next level, for
fitting one of the learner's goals (through the school or district goal both align to), and for letting them
show their learning in a way their profile says they prefer. Each suggestion carries the strongest reason as one
line. Mastered competencies, finished activities and dismissed suggestions are left out. Suggestions only:
the learner chooses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from pollinate.choice.models import Activity, ActivityChoice, PathwayItem
from pollinate.competencies.models import RubricLevel
from pollinate.core.audit import record_student_reads
from pollinate.evidence.models import Evidence
from pollinate.goals.models import Goal
from pollinate.learners.models import LearnerProfile
from pollinate.mastery.models import ActivityCompetency, DismissedSuggestion, MasteryRecord
from pollinate.mastery.queries.common import ScaleWords
from pollinate.mastery.queries.learner import learner_get
from pollinate.people.models import Enrollment, RecordStatus

MAX_SUGGESTIONS = 5
OPEN_GOALS = (Goal.Status.ACTIVE, Goal.Status.PROPOSED)


@dataclass(frozen=True)
class Suggestion:
    activity: Activity
    pathway_id: int
    pathway_title: str
    points: float
    reason: str


def _competency_points(record: MasteryRecord | None, name: str, words: ScaleWords) -> tuple[float, str]:
    if record is not None and record.status == MasteryRecord.Status.MASTERED:
        return 0.0, ""
    if record is None or (record.level is None and record.p_mastery is None):
        return 1.0, _("Starts %(c)s, which you have not begun yet.") % {"c": name}
    if record.level is None:
        return 2.5, _("Practises %(c)s, which your quick checks say you are learning.") % {"c": name}
    towards = record.level - math.floor(record.level + 1e-9)
    nxt = words.next_level(record.level)
    if nxt is not None and towards >= 0.5:
        return 3.0 + 2 * towards, _("You are close to %(next)s in %(c)s.") % {"next": words.label_of(nxt), "c": name}
    return 3.0 + 2 * towards, _("Practises %(c)s, which you are working on.") % {"c": name}


def next_steps(*, viewer: Any, learner_id: Any, path: str = "") -> list[Suggestion]:
    learner = learner_get(viewer=viewer, learner_id=learner_id)
    sections = Enrollment.objects.filter(
        person=learner, role=Enrollment.EnrollmentRole.STUDENT, status=RecordStatus.ACTIVE
    ).values("section_id")
    items = list(
        PathwayItem.objects.filter(
            pathway__is_published=True, pathway__sections__in=sections, activity__is_approved=True
        )
        .select_related("activity", "pathway")
        .prefetch_related("activity__aligned_goals")
        .order_by("pathway_id", "position", "id")
    )
    # Learners' own proposals are theirs alone.
    items = [i for i in items if i.activity.proposed_by_id in (None, learner.pk)]
    done = set(
        ActivityChoice.objects.filter(learner=learner, status=ActivityChoice.Status.DONE).values_list(
            "activity_id", flat=True
        )
    )
    dismissed = set(DismissedSuggestion.objects.filter(learner=learner).values_list("activity_id", flat=True))
    activities: dict[int, PathwayItem] = {}
    for item in items:
        if item.activity_id not in done and item.activity_id not in dismissed:
            activities.setdefault(item.activity_id, item)
    links = list(
        ActivityCompetency.objects.filter(activity_id__in=list(activities))
        .select_related("competency__framework__scale")
        .prefetch_related(
            Prefetch("competency__framework__scale__levels", queryset=RubricLevel.objects.order_by("value"))
        )
    )
    records = {
        r.competency_id: r
        for r in MasteryRecord.objects.filter(learner=learner, competency_id__in={lk.competency_id for lk in links})
    }
    goals = {}
    for title, aligned in (
        Goal.objects.filter(learner=learner, status__in=OPEN_GOALS, aligned_to__isnull=False)
        .order_by("-updated_at")
        .values_list("title", "aligned_to_id")
    ):
        goals.setdefault(aligned, title)
    profile = LearnerProfile.objects.filter(learner=learner).first()
    preferred = set(profile.preferred_modes or []) if profile else set()
    modes = dict(Evidence.Kind.choices)

    by_activity: dict[int, list[ActivityCompetency]] = {}
    for link in links:
        by_activity.setdefault(link.activity_id, []).append(link)
    suggestions = []
    for activity_id, item in activities.items():
        activity = item.activity
        reasons: list[tuple[float, str]] = []
        for link in by_activity.get(activity_id, []):
            words = ScaleWords.of(link.competency.framework.scale)
            reasons.append(_competency_points(records.get(link.competency_id), str(link.competency.label)[:80], words))
        for system_goal in activity.aligned_goals.all():
            if system_goal.pk in goals:
                reasons.append((3.5, _("Fits your goal “%(goal)s”.") % {"goal": goals[system_goal.pk]}))
                break
        shared = [m for m in (activity.evidence_modes or []) if m in preferred]
        if shared:
            mode = str(modes.get(shared[0], shared[0])).lower()
            reasons.append((1.0, _("You can show it as %(mode)s, which you prefer.") % {"mode": mode}))
        elif preferred and not activity.evidence_modes:
            reasons.append((0.5, _("You can show it any way you like.")))
        reasons = [r for r in reasons if r[0] > 0]
        if not reasons or not any(r for r in reasons if r[0] >= 1):
            continue
        points = sum(r[0] for r in reasons)
        best = max(reasons, key=lambda r: r[0])[1]
        suggestions.append(Suggestion(activity, item.pathway_id, item.pathway.title, round(points, 2), best))
    suggestions.sort(key=lambda s: (-s.points, s.activity.title, s.activity.pk))
    if learner.pk != getattr(viewer, "pk", None):
        record_student_reads(
            viewer, [learner.pk], verb="mastery.next_steps", obj=learner, district_id=learner.district_id, path=path
        )
    return suggestions[:MAX_SUGGESTIONS]
