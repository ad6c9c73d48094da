"""Expected progression per school, activities aligned to competencies, and dismissed suggestions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.choice.models import Activity
from pollinate.competencies.models import Framework
from pollinate.competencies.policies import competencies_visible_to
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, NotFound
from pollinate.mastery import policies
from pollinate.mastery.models import (
    ActivityCompetency,
    DismissedSuggestion,
    ExpectedLevel,
)
from pollinate.people.models import School

# Expected progression, activity alignment, suggestions


def expected_level_set(
    *, actor: Any, school: School, framework: Framework, by_date: dt.date, level: float
) -> ExpectedLevel:
    require(policies.can_set_expectations(actor, school), _("Only the school's leaders set its expectations."))
    if framework.district_id not in (None, school.district_id):
        raise ApplicationError(_("Choose one of your district's frameworks."))
    top = max(framework.scale.levels.values_list("value", flat=True), default=4)
    if not 0 < float(level) <= top:
        raise ApplicationError(_("The expected level must be between 1 and %(top)s.") % {"top": top})
    with transaction.atomic():
        expected, _created = ExpectedLevel.objects.update_or_create(
            school=school,
            framework=framework,
            by_date=by_date,
            defaults={"level": float(level), "set_by": actor, "updated_at": timezone.now()},
        )
        audit_log(
            actor,
            "mastery.expected_level_set",
            expected,
            district_id=school.district_id,
            by_date=by_date.isoformat(),
            level=float(level),
        )
    return expected


def expected_level_delete(*, actor: Any, expected: ExpectedLevel) -> None:
    require(policies.can_set_expectations(actor, expected.school), _("Only the school's leaders set its expectations."))
    with transaction.atomic():
        audit_log(actor, "mastery.expected_level_delete", expected, district_id=expected.school.district_id)
        expected.delete()


def activity_competencies_set(*, actor: Any, activity: Activity, competency_ids: Iterable[int]) -> list[int]:
    """Say which competencies an activity practises (replaces the previous list)."""
    require(policies.can_align_activity(actor, activity), _("Only a teacher of this activity's pathways aligns it."))
    wanted = set(
        competencies_visible_to(actor)
        .filter(pk__in=list(competency_ids), is_scorable=True, framework__district_id__in=[activity.district_id])
        .values_list("id", flat=True)
    ) | set(
        competencies_visible_to(actor)
        .filter(pk__in=list(competency_ids), is_scorable=True, framework__district__isnull=True)
        .values_list("id", flat=True)
    )
    with transaction.atomic():
        ActivityCompetency.objects.filter(activity=activity).exclude(competency_id__in=wanted).delete()
        have = set(ActivityCompetency.objects.filter(activity=activity).values_list("competency_id", flat=True))
        ActivityCompetency.objects.bulk_create(
            [ActivityCompetency(activity=activity, competency_id=cid) for cid in sorted(wanted - have)]
        )
        audit_log(
            actor, "mastery.activity_aligned", activity, district_id=activity.district_id, competencies=sorted(wanted)
        )
    return sorted(wanted)


def suggestion_dismiss(*, actor: Any, activity_id: int) -> DismissedSuggestion:
    require(policies.can_dismiss_suggestions_of(actor, getattr(actor, "pk", None)))
    if not Activity.objects.filter(pk=activity_id).exists():
        raise NotFound(_("Not found."))
    with transaction.atomic():
        dismissed, _created = DismissedSuggestion.objects.get_or_create(learner_id=actor.pk, activity_id=activity_id)
    return dismissed


def suggestions_restore(*, actor: Any) -> int:
    require(policies.can_dismiss_suggestions_of(actor, getattr(actor, "pk", None)))
    with transaction.atomic():
        deleted, _ = DismissedSuggestion.objects.filter(learner_id=actor.pk).delete()
    return deleted

