"""Every write of scores, quick checks, expectations, alignments and suggestions, and the mastery they update.

A score recomputes only its learner × competency (``recompute_one``: a handful of indexed queries). The
management command ``recompute_mastery`` rebuilds every record from scratch in streamed chunks with bulk
writes (``recompute_all``), using ``calculations.level_only`` (no explanations, just the level).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.choice.models import Activity
from pollinate.competencies.models import Competency, Framework
from pollinate.competencies.policies import competencies_visible_to
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError, NotFound
from pollinate.evidence.models import Evidence
from pollinate.mastery import calculations, policies
from pollinate.mastery.models import (
    ActivityCompetency,
    DismissedSuggestion,
    ExpectedLevel,
    MasteryRecord,
    QuickCheck,
    QuickCheckResponse,
    Score,
)
from pollinate.people.models import Enrollment, Person, RecordStatus, School, Section

ST = MasteryRecord.Status
# Knowing a skill for BKT: the posterior at or above this counts as mastered when there are no rubric scores.
BKT_MASTERED = 0.95
DEFAULT_BKT = {"prior": 0.2, "learn": 0.15, "guess": 0.2, "slip": 0.1}
MAX_IMPORT_ROWS = 20_000


# Mastery of one learner × competency


def _bkt() -> Any:
    # Imported when first needed: only quick-check answers use Bayesian Knowledge Tracing.
    from pollinate.mastery.calculations import bkt

    return bkt


def bkt_params(framework: Framework) -> Any:
    given = (framework.mastery_settings or {}).get("bkt") or {}
    values = {**DEFAULT_BKT, **{k: float(v) for k, v in given.items() if k in DEFAULT_BKT}}
    return _bkt().BKTParams(**values)


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
    level = calculations.level_only(framework.mastery_method, [r[0] for r in rows], framework.mastery_settings)
    p_mastery = _bkt().p_mastery(bkt_params(framework), [int(a) for a in answers]) if answers else None
    fields = {
        "district_id": district_id,
        "framework_id": framework.pk,
        "level": level,
        "method": framework.mastery_method,
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


# Rebuilding everything


RECORD_COLUMNS = (
    "district_id",
    "learner_id",
    "framework_id",
    "competency_id",
    "level",
    "method",
    "n_scores",
    "last_produced_on",
    "status",
    "p_mastery",
    "n_responses",
    "updated_at",
)


def _insert_records(rows: list[tuple]) -> None:
    """Insert mastery records as plain tuples (COPY on PostgreSQL, executemany on SQLite)."""
    if not rows:
        return
    table = MasteryRecord._meta.db_table
    columns = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor() as cursor, cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            for values in rows:
                copy.write_row(values)
        return
    marks = ", ".join(["%s"] * len(RECORD_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)  # noqa: S608 - names from the model, values bound


@dataclass(frozen=True)
class RecomputeReport:
    records: int
    scores: int
    responses: int
    seconds: float


def _framework_info() -> dict[int, tuple[int, str, dict, float, int | None]]:
    """competency id → (framework id, method, settings, mastery threshold, framework district)."""
    frameworks = {
        f.pk: f
        for f in Framework.objects.select_related("scale").only(
            "id", "district_id", "mastery_method", "mastery_settings", "scale__mastery_threshold"
        )
    }
    info = {}
    for cid, fid in Competency.objects.values_list("id", "framework_id").iterator(chunk_size=10_000):
        f = frameworks[fid]
        info[cid] = (fid, f.mastery_method, f.mastery_settings or {}, f.scale.mastery_threshold, f.district_id)
    return info


def recompute_all(*, district_id: int | None = None, chunk: int = 20_000) -> RecomputeReport:
    """Rebuild every mastery record (of one district) from scores and quick-check answers.

    Scores are streamed in (learner, competency, produced_on) order through a server-side cursor, levels come
    from ``calculations.level_only``, and records are replaced district by district with bulk inserts.
    """
    import time

    started = time.perf_counter()
    info = _framework_info()
    scores = Score.objects.filter(kind=Score.Kind.GUIDE)
    responses = QuickCheckResponse.objects.all()
    records = MasteryRecord.objects.all()
    if district_id is not None:
        scores = scores.filter(district_id=district_id)
        responses = responses.filter(quick_check__district_id=district_id)
        records = records.filter(district_id=district_id)

    # BKT answers are few next to scores: held in memory per learner × competency.
    answers: dict[tuple[int, int], list[int]] = {}
    n_responses = 0
    for learner, comp, correct in (
        responses.order_by("learner_id", "competency_id", "answered_on", "id")
        .values_list("learner_id", "competency_id", "correct")
        .iterator(chunk_size=chunk)
    ):
        answers.setdefault((learner, comp), []).append(int(correct))
        n_responses += 1
    bkt_cache: dict[int, Any] = {}
    framework_objs = {f.pk: f for f in Framework.objects.all()}

    now = timezone.now()
    stamp = now if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now)
    n_scores = 0
    n_records = 0
    batch: list[tuple] = []
    learner_districts: dict[int, int] = {}
    level_of = calculations.level_only

    def row(learner: int, comp: int, levels: list[float], last: Any, district: int) -> tuple:
        fid, method, settings_, threshold, _fd = info[comp]
        level = level_of(method, levels, settings_) if levels else None
        given = answers.pop((learner, comp), None) if answers else None
        p = None
        if given:
            if fid not in bkt_cache:
                bkt_cache[fid] = bkt_params(framework_objs[fid])
            p = _bkt().p_mastery(bkt_cache[fid], given)
        status = status_for(level, p, threshold)
        return (district, learner, fid, comp, level, method, len(levels), last, status, p, len(given or ()), stamp)

    # Raw rows in and out: at millions of scores, model instances and field converters cost more than the maths.
    where = "kind = %s" + (" AND district_id = %s" if district_id is not None else "")
    params = [Score.Kind.GUIDE] + ([district_id] if district_id is not None else [])
    select = (
        f"SELECT learner_id, competency_id, level, produced_on, district_id FROM {Score._meta.db_table} "  # noqa: S608
        f"WHERE {where} ORDER BY learner_id, competency_id, produced_on, scored_at, id"
    )
    with transaction.atomic():
        records.delete()
        with connection.chunked_cursor() as cursor:
            cursor.execute(select, params)
            key = None
            levels: list[float] = []
            last = None
            district = 0
            while True:
                fetched = cursor.fetchmany(chunk)
                if not fetched:
                    break
                n_scores += len(fetched)
                for learner, comp, level, produced_on, in_district in fetched:
                    if (learner, comp) != key:
                        if key is not None:
                            batch.append(row(key[0], key[1], levels, last, district))
                        key, levels, district = (learner, comp), [], in_district
                        learner_districts[learner] = in_district
                    levels.append(level)
                    last = produced_on
                if len(batch) >= chunk:
                    _insert_records(batch)
                    n_records += len(batch)
                    batch = []
            if key is not None:
                batch.append(row(key[0], key[1], levels, last, district))
        # Learners with quick-check answers but no rubric scores on that competency.
        if answers:
            missing = {lr for lr, _c in answers if lr not in learner_districts}
            learner_districts.update(Person.objects.filter(pk__in=missing).values_list("id", "district_id"))
            for learner, comp in list(answers):
                batch.append(row(learner, comp, [], None, learner_districts[learner]))
        _insert_records(batch)
        n_records += len(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE mastery_masteryrecord")
    return RecomputeReport(
        records=n_records, scores=n_scores, responses=n_responses, seconds=time.perf_counter() - started
    )


# Quick checks


@dataclass(frozen=True)
class QuickCheckImport:
    quick_check: QuickCheck
    responses: int
    learners: int


REQUIRED_COLUMNS = ("learner", "item", "competency", "correct", "date")


def quick_check_import(
    *, actor: Any, section: Section, framework: Framework, title: str, csv_text: str
) -> QuickCheckImport:
    """Import an exit ticket or quiz as CSV (learner identifier or username, item, competency code, correct 0/1,
    date YYYY-MM-DD). All or nothing: any bad line refuses the file with every error, line by line."""
    require(policies.can_import_quick_check(actor, section), _("Only a teacher of this class imports its checks."))
    if framework.district_id not in (None, section.district_id):
        raise ApplicationError(_("Choose one of your district's frameworks."))
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ApplicationError(
            _("The file needs these columns: %(cols)s.") % {"cols": ", ".join(REQUIRED_COLUMNS)},
            details=[_("Missing: %(cols)s") % {"cols": ", ".join(missing)}],
        )
    students = {
        key: pid
        for pid, username, identifier in Enrollment.objects.filter(
            section=section, role=Enrollment.EnrollmentRole.STUDENT, status=RecordStatus.ACTIVE
        ).values_list("person_id", "person__username", "person__identifier")
        for key in (username.lower(), identifier.lower())
        if key
    }
    competencies = {
        code.lower(): cid
        for cid, code in Competency.objects.filter(framework=framework, is_scorable=True).values_list("id", "code")
        if code
    }
    errors: list[str] = []
    parsed: list[tuple[int, str, int, bool, dt.date]] = []
    seen: set[tuple[int, str]] = set()
    for line, raw in enumerate(reader, start=2):
        if line - 1 > MAX_IMPORT_ROWS:
            errors.append(_("The file has more than %(n)s lines.") % {"n": MAX_IMPORT_ROWS})
            break
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        problems = []
        learner_id = students.get(row["learner"].lower())
        if learner_id is None:
            problems.append(_("no student %(who)s in this class") % {"who": row["learner"] or "—"})
        competency_id = competencies.get(row["competency"].lower())
        if competency_id is None:
            problems.append(_("no competency with code %(code)s") % {"code": row["competency"] or "—"})
        if row["correct"] not in ("0", "1"):
            problems.append(_("correct must be 0 or 1"))
        try:
            answered_on = dt.date.fromisoformat(row["date"])
        except ValueError:
            problems.append(_("date must look like 2026-11-23"))
            answered_on = None
        item = row["item"][:120]
        if not item:
            problems.append(_("item is empty"))
        if learner_id is not None and (learner_id, item) in seen:
            problems.append(_("the same student and item appear twice"))
        if problems:
            errors.append(_("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)})
            continue
        seen.add((learner_id, item))
        parsed.append((learner_id, item, competency_id, row["correct"] == "1", answered_on))
    if errors or not parsed:
        raise ApplicationError(
            _("Nothing was imported: fix these lines and try again."), details=errors or [_("The file has no answers.")]
        )
    with transaction.atomic():
        check = QuickCheck.objects.create(
            district_id=section.district_id, framework=framework, section=section, title=title, created_by=actor
        )
        QuickCheckResponse.objects.bulk_create(
            [
                QuickCheckResponse(
                    quick_check=check, learner_id=lr, item=item, competency_id=cid, correct=ok, answered_on=day
                )
                for lr, item, cid, ok, day in parsed
            ]
        )
        comps = {
            c.pk: c for c in Competency.objects.select_related("framework__scale").filter(pk__in={p[2] for p in parsed})
        }
        for learner_id, cid in sorted({(p[0], p[2]) for p in parsed}):
            recompute_one(learner_id=learner_id, competency=comps[cid], district_id=section.district_id)
        audit_log(actor, "mastery.quick_check_import", check, district_id=section.district_id, responses=len(parsed))
    return QuickCheckImport(quick_check=check, responses=len(parsed), learners=len({p[0] for p in parsed}))


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
