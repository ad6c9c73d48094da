"""Scoring evidence (self-assessment first, then the guide) and the recompute of one learner × competency."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.competencies.models import Competency
from pollinate.competencies.policies import competencies_visible_to
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.evidence.models import Evidence
from pollinate.mastery import calculations, policies
from pollinate.mastery.models import (
    MasteryRecord,
    QuickCheckResponse,
    Score,
)

ST = MasteryRecord.Status
# Knowing a skill for BKT: the posterior at or above this counts as mastered when there are no rubric scores.
BKT_MASTERED = 0.95
DEFAULT_BKT = {"prior": 0.2, "learn": 0.15, "guess": 0.2, "slip": 0.1}


# Mastery of one learner × competency


def load_bkt() -> Any:
    # Imported when first needed: only quick-check answers use Bayesian Knowledge Tracing.
    from pollinate.mastery.calculations import bkt

    return bkt


def bkt_params(settings: dict) -> Any:
    """The quick-check chances from a calculation's settings (the defaults for those it does not set)."""
    given = (settings or {}).get("bkt") or {}
    values = {**DEFAULT_BKT, **{k: float(v) for k, v in given.items() if k in DEFAULT_BKT}}
    return load_bkt().BKTParams(**values)


def status_for(level: float | None, p_mastery: float | None, threshold: float) -> str:
    if level is not None:
        return ST.MASTERED if level >= threshold - 1e-9 else ST.WORKING
    if p_mastery is not None:
        return ST.MASTERED if p_mastery >= BKT_MASTERED else ST.WORKING
    return ST.NOT_STARTED


def recompute_one(*, learner_id: int, competency: Competency, district_id: int) -> MasteryRecord:
    """Recompute one learner × competency from its guide scores (in produced order) and quick-check answers.

    ``competency`` should come with ``framework__scale`` loaded; three queries in all.
    """
    framework = competency.framework
    calculation = framework.calculation_for(district_id)
    rows = list(
        Score.objects.filter(learner_id=learner_id, competency_id=competency.pk, kind=Score.Kind.GUIDE)
        .order_by("produced_on", "scored_at", "id")
        .values_list("level", "produced_on")
    )
    answers = list(
        QuickCheckResponse.objects.filter(learner_id=learner_id, competency_id=competency.pk)
        .order_by("answered_on", "id")
        .values_list("correct", flat=True)
    )
    level = calculations.level_only(calculation.method, [r[0] for r in rows], calculation.settings)
    p_mastery = load_bkt().p_mastery(bkt_params(calculation.settings), [int(a) for a in answers]) if answers else None
    fields = {
        "district_id": district_id,
        "framework_id": framework.pk,
        "level": level,
        "method": calculation.method,
        "n_scores": len(rows),
        "last_produced_on": rows[-1][1] if rows else None,
        "status": status_for(level, p_mastery, framework.scale.mastery_threshold),
        "p_mastery": p_mastery,
        "n_responses": len(answers),
        "updated_at": timezone.now(),
    }
    # One statement (INSERT ... ON CONFLICT DO UPDATE) rather than select-then-write: this runs on every score.
    record = MasteryRecord(learner_id=learner_id, competency_id=competency.pk, **fields)
    MasteryRecord.objects.bulk_create(
        [record], update_conflicts=True, unique_fields=["learner", "competency"], update_fields=list(fields)
    )
    return record


# Scoring evidence


def _competency_for(actor: Any, evidence: Evidence, competency_id: Any) -> Competency:
    competency = competencies_visible_to(actor).select_related("framework__scale").filter(pk=competency_id).first()
    if competency is None or competency.framework.district_id not in (None, evidence.district_id):
        raise ApplicationError(_("Choose a competency from one of your district's frameworks."))
    if not competency.is_scorable:
        raise ApplicationError(_("This competency groups others; score one of the competencies inside it."))
    return competency


def _check_level(competency: Competency, level: Any) -> float:
    values = [lv.value for lv in competency.framework.scale.levels.all()]
    try:
        number = float(level)
    except (TypeError, ValueError) as exc:
        raise ApplicationError(_("Choose a level on the rubric.")) from exc
    if values and number not in values:
        raise ApplicationError(
            _("Choose one of the rubric's levels: %(levels)s.") % {"levels": ", ".join(str(v) for v in values)}
        )
    return number


def _save_score(*, actor: Any, evidence: Evidence, competency_id: Any, level: Any, comment: str, kind: str) -> Score:
    competency = _competency_for(actor, evidence, competency_id)
    value = _check_level(competency, level)
    with transaction.atomic():
        score = Score.objects.select_for_update().filter(evidence=evidence, competency=competency, kind=kind).first()
        now = timezone.now()
        if score is None:
            score = Score.objects.create(
                district_id=evidence.district_id,
                learner_id=evidence.learner_id,
                evidence=evidence,
                competency=competency,
                kind=kind,
                level=value,
                scored_by=actor,
                comment=comment,
                produced_on=evidence.produced_on,
                scored_at=now,
            )
            verb = "mastery.score_create"
        else:
            if score.level != value:
                score.previous_level = score.level
            score.level, score.comment, score.scored_by, score.scored_at = value, comment, actor, now
            score.produced_on = evidence.produced_on
            score.revision += 1
            score.save()
            verb = "mastery.score_update"
        if kind == Score.Kind.GUIDE:
            recompute_one(learner_id=evidence.learner_id, competency=competency, district_id=evidence.district_id)
        audit_log(
            actor,
            verb,
            score,
            district_id=evidence.district_id,
            kind=kind,
            level=value,
            competency_id=competency.pk,
            evidence_id=evidence.pk,
        )
    return score


def self_assessment_save(*, actor: Any, evidence: Evidence, competency_id: Any, level: Any, comment: str = "") -> Score:
    """The learner rates their own piece on the rubric (before seeing their guide's rating)."""
    require(policies.can_self_assess(actor, evidence), _("Only the learner rates their own work."))
    return _save_score(
        actor=actor, evidence=evidence, competency_id=competency_id, level=level, comment=comment, kind=Score.Kind.SELF
    )


def guide_score_save(*, actor: Any, evidence: Evidence, competency_id: Any, level: Any, comment: str = "") -> Score:
    """A guide rates the piece; the learner's mastery of that competency is recomputed at once."""
    require(policies.can_score_evidence(actor, evidence), _("Only the learner's guides score their work."))
    return _save_score(
        actor=actor, evidence=evidence, competency_id=competency_id, level=level, comment=comment, kind=Score.Kind.GUIDE
    )


def score_save(*, actor: Any, evidence: Evidence, competency_id: Any, level: Any, comment: str = "") -> Score:
    """The learner's own piece → their self-assessment; anyone else → a guide's score (policy permitting)."""
    if policies.can_self_assess(actor, evidence):
        return self_assessment_save(
            actor=actor, evidence=evidence, competency_id=competency_id, level=level, comment=comment
        )
    return guide_score_save(actor=actor, evidence=evidence, competency_id=competency_id, level=level, comment=comment)
