"""One learner's mastery: "why" a level is what it is, progress over time, and the scores on a piece of evidence.

Each read starts from the mastery policies; reads of a learner's record by anyone but the learner are
recorded with ``record_student_reads``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from pollinate.competencies.models import Competency, Framework, LevelDescriptor, RubricLevel, load_calculations
from pollinate.competencies.policies import competencies_visible_to, frameworks_visible_to
from pollinate.core.access import get_object_for
from pollinate.core.audit import record_student_reads
from pollinate.evidence import queries as evidence_queries
from pollinate.evidence.models import Evidence
from pollinate.mastery import calculations, policies
from pollinate.mastery.models import ExpectedLevel, MasteryRecord, QuickCheckResponse, Score
from pollinate.mastery.queries.common import (
    SYMBOLS,
    ScaleWords,
    expected_at,
    fmt_level,
    method_label,
    pace_label,
    pace_of,
    status_label,
)
from pollinate.people.models import Enrollment, Person, RecordStatus

LEVELS = Prefetch("levels", queryset=RubricLevel.objects.order_by("value"))


def _audit(viewer: Any, learner: Person, *, verb: str, obj: Any = None, path: str = "") -> None:
    record_student_reads(viewer, [learner.pk], verb=verb, obj=obj, district_id=learner.district_id, path=path)


def learner_get(*, viewer: Any, learner_id: Any) -> Person:
    """A learner whose mastery the viewer may read (404 otherwise)."""
    return get_object_for(viewer, policies.mastery_learners_visible_to(viewer), learner_id)


# Why


@dataclass(frozen=True)
class WhyScore:
    level: float
    level_words: str
    produced_on: dt.date
    scored_on: dt.date
    title: str
    evidence_id: int
    scorer: str


@dataclass
class WhyPage:
    learner: Person
    competency: Competency
    framework: Framework
    record: MasteryRecord | None
    family: bool
    is_self: bool
    level_text: str
    level_words: str
    status: str
    method: str
    result: Any
    method_key: str
    scores: list[WhyScore]
    self_scores: list[WhyScore]
    responses: list[tuple[dt.date, str, bool]]
    what_if: Any = None
    what_if_level: int | None = None
    what_if_words: str = ""
    what_if_text: str = ""
    levels: list[tuple[int, str]] = field(default_factory=list)

    @property
    def p_percent(self) -> int | None:
        if self.record is None or self.record.p_mastery is None:
            return None
        return round(self.record.p_mastery * 100)


def why(*, viewer: Any, learner_id: Any, competency_id: Any, what_if_level: Any = None, path: str = "") -> WhyPage:
    learner = learner_get(viewer=viewer, learner_id=learner_id)
    competency = get_object_for(
        viewer,
        competencies_visible_to(viewer)
        .select_related("framework__scale")
        .prefetch_related(Prefetch("framework__scale__levels", queryset=RubricLevel.objects.order_by("value"))),
        competency_id,
    )
    framework = competency.framework
    words = ScaleWords.of(framework.scale)
    family = policies.is_family_viewer(viewer, learner.pk)
    rows = list(
        policies.scores_visible_to(viewer)
        .filter(learner=learner, competency=competency)
        .select_related("evidence", "scored_by")
        .order_by("produced_on", "scored_at", "id")
    )
    record = MasteryRecord.objects.filter(learner=learner, competency=competency).first()
    responses = [
        (r.answered_on, r.item, r.correct)
        for r in QuickCheckResponse.objects.filter(learner=learner, competency=competency).order_by("answered_on", "id")
    ]

    def as_why(score: Score) -> WhyScore:
        return WhyScore(
            level=score.level,
            level_words=words.words(score.level, family=family),
            produced_on=score.produced_on,
            scored_on=timezone.localdate(score.scored_at),
            title=score.evidence.title,
            evidence_id=score.evidence_id,
            scorer=score.scored_by.display_name if score.scored_by else "",
        )

    guide = [s for s in rows if s.kind == Score.Kind.GUIDE]
    dated = [
        calculations.DatedScore(
            level=s.level,
            produced_on=s.produced_on,
            recorded_on=timezone.localdate(s.scored_at),
            label=s.evidence.title,
        )
        for s in guide
    ]
    calculation = framework.calculation_for(record.district_id if record else learner.district_id)
    settings = calculation.settings
    result = calculations.calculate(calculation.method, dated, settings)
    page = WhyPage(
        learner=learner,
        competency=competency,
        framework=framework,
        record=record,
        family=family,
        is_self=learner.pk == getattr(viewer, "pk", None),
        level_text=fmt_level(result.level),
        level_words=words.words(result.level, family=family),
        status=status_label(record.status) if record else status_label(MasteryRecord.Status.NOT_STARTED),
        method=method_label(calculation.method),
        result=result,
        method_key=calculation.method,
        scores=[as_why(s) for s in guide],
        self_scores=[as_why(s) for s in rows if s.kind == Score.Kind.SELF],
        responses=responses,
        levels=[(v, (f if family else label)) for v, label, f in words.levels],
    )
    try:
        extra = int(what_if_level) if what_if_level not in (None, "") else None
    except (TypeError, ValueError):
        extra = None
    if extra is not None and extra in [v for v, _l, _f in words.levels]:
        page.what_if_level = extra
        page.what_if = calculations.what_if(
            calculation.method, dated, settings, extra_level=float(extra), on=timezone.localdate()
        )
        page.what_if_words = words.words(page.what_if.level, family=family)
        page.what_if_text = fmt_level(page.what_if.level)
    _audit(viewer, learner, verb="mastery.why", obj=competency, path=path)
    return page


# Progress


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    day: dt.date
    level: float
    level_text: str


@dataclass
class CompetencyProgress:
    competency: Competency
    record: MasteryRecord | None
    level_text: str
    level_words: str
    status: str
    status_label: str
    symbol: str
    pace: str
    pace_label: str
    expected_text: str
    points: list[ChartPoint]
    polyline: str
    grid_lines: list[tuple[float, str]]


@dataclass
class FrameworkProgress:
    framework: Framework
    items: list[CompetencyProgress]
    mastered: int
    working: int
    not_started: int


CHART_W, CHART_H, PAD = 320, 120, 24


def _chart(series: list[tuple[dt.date, float]], top: int) -> tuple[list[ChartPoint], str, list[tuple[float, str]]]:
    """Coordinates for a small SVG line chart: x by date (evenly spread if all on one day), y by level."""
    grid = [(PAD + (CHART_H - 2 * PAD) * (1 - v / top), str(v)) for v in range(1, top + 1)]
    if not series:
        return [], "", grid
    first, last = series[0][0], series[-1][0]
    span = (last - first).days
    points = []
    for i, (day, level) in enumerate(series):
        frac = ((day - first).days / span) if span else (i / (len(series) - 1) if len(series) > 1 else 0.5)
        x = PAD + (CHART_W - 2 * PAD) * frac
        y = PAD + (CHART_H - 2 * PAD) * (1 - min(level, top) / top)
        points.append(ChartPoint(x=round(x, 1), y=round(y, 1), day=day, level=level, level_text=fmt_level(level)))
    return points, " ".join(f"{p.x},{p.y}" for p in points), grid


def _learner_school_ids(learner: Person) -> list[int]:
    """The learner's schools, the one where they take most classes first (then by id, so the order is stable)."""
    return list(
        Enrollment.objects.filter(person=learner, role=Enrollment.EnrollmentRole.STUDENT, status=RecordStatus.ACTIVE)
        .values("school_id")
        .annotate(classes=Count("id"))
        .order_by("-classes", "school_id")
        .values_list("school_id", flat=True)
    )


def _checkpoints(school_ids: list[int], framework_ids: set[int]) -> dict[int, list[tuple[dt.date, float]]]:
    """Per framework, the expected progression of the learner's first school (as ordered above) that set one: a
    learner in two schools is measured against the school that has an expectation for that framework."""
    rank = {school_id: i for i, school_id in enumerate(school_ids)}
    found: dict[int, dict[int, list[tuple[dt.date, float]]]] = defaultdict(lambda: defaultdict(list))
    for school_id, fid, day, level in (
        ExpectedLevel.objects.filter(school_id__in=school_ids, framework_id__in=framework_ids)
        .order_by("by_date")
        .values_list("school_id", "framework_id", "by_date", "level")
    ):
        found[fid][school_id].append((day, level))
    return {fid: per_school[min(per_school, key=rank.__getitem__)] for fid, per_school in found.items()}


def progress(*, viewer: Any, learner_id: Any, path: str = "") -> dict[str, Any]:
    """Per framework, per competency the learner has been scored on (or answered checks in): the level now, a chart
    of the level after each score in produced order, the status, and the pace against the school's expectation."""
    learner = learner_get(viewer=viewer, learner_id=learner_id)
    family = policies.is_family_viewer(viewer, learner.pk)
    records = list(
        policies.mastery_records_visible_to(viewer)
        .filter(learner=learner)
        .select_related("competency", "framework__scale")
        .prefetch_related(Prefetch("framework__scale__levels", queryset=RubricLevel.objects.order_by("value")))
        .order_by("framework__title", "competency__position", "competency_id")
    )
    history: dict[int, list[tuple[float, dt.date]]] = defaultdict(list)
    for cid, level, day in (
        Score.objects.filter(
            learner=learner, kind=Score.Kind.GUIDE, competency_id__in=[r.competency_id for r in records]
        )
        .order_by("produced_on", "scored_at", "id")
        .values_list("competency_id", "level", "produced_on")
    ):
        history[cid].append((level, day))
    checkpoints = _checkpoints(_learner_school_ids(learner), {r.framework_id for r in records})
    # One framework object per framework, so that a district's choices for the built-in ones are read once.
    frameworks = {r.framework_id: r.framework for r in records}
    load_calculations(list(frameworks.values()), learner.district_id)
    today = timezone.localdate()
    by_framework: dict[int, FrameworkProgress] = {}
    for record in records:
        framework = record.framework
        words = ScaleWords.of(framework.scale)
        scored = history.get(record.competency_id, [])
        series = []
        calculation = frameworks[record.framework_id].calculation_for(record.district_id)
        for i in range(len(scored)):
            level = calculations.level_only(calculation.method, [s[0] for s in scored[: i + 1]], calculation.settings)
            series.append((scored[i][1], level))
        points, line, grid = _chart(series, words.top)
        expected = expected_at(checkpoints.get(framework.pk, []), today)
        pace = pace_of(record.level, expected)
        item = CompetencyProgress(
            competency=record.competency,
            record=record,
            level_text=fmt_level(record.level),
            level_words=words.words(record.level, family=family),
            status=record.status,
            status_label=status_label(record.status),
            symbol=SYMBOLS[record.status],
            pace=pace,
            pace_label=pace_label(pace),
            expected_text=fmt_level(expected) if expected is not None else "",
            points=points,
            polyline=line,
            grid_lines=grid,
        )
        group = by_framework.setdefault(framework.pk, FrameworkProgress(framework, [], 0, 0, 0))
        group.items.append(item)
        if record.status == MasteryRecord.Status.MASTERED:
            group.mastered += 1
        elif record.status == MasteryRecord.Status.WORKING:
            group.working += 1
        else:
            group.not_started += 1
    # One query for every framework's count of scorable competencies, not one per framework.
    scorable = dict(
        Competency.objects.filter(framework_id__in=list(by_framework), is_scorable=True)
        .values("framework_id")
        .annotate(n=Count("id"))
        .values_list("framework_id", "n")
    )
    for fid, group in by_framework.items():
        group.not_started += max(0, scorable.get(fid, 0) - len(group.items))
    _audit(viewer, learner, verb="mastery.progress", obj=learner, path=path)
    return {
        "learner": learner,
        "family": family,
        "is_self": learner.pk == getattr(viewer, "pk", None),
        "frameworks": list(by_framework.values()),
        "chart": {"width": CHART_W, "height": CHART_H, "pad": PAD, "right": CHART_W - PAD},
    }


# Scores on one piece of evidence


@dataclass(frozen=True)
class ScoreRow:
    competency: Competency
    self_level: float | None
    self_words: str
    guide_level: float | None
    guide_words: str
    guide_hidden: bool
    gap: float | None
    gap_text: str
    revision: int


def _gap_text(self_level: float | None, guide_level: float | None) -> tuple[float | None, str]:
    if self_level is None or guide_level is None:
        return None, ""
    gap = guide_level - self_level
    if gap == 0:
        return 0.0, _("You and your guide agree.")
    if gap > 0:
        return gap, _("Your guide rated this %(n)s higher than you did.") % {"n": fmt_level(gap)}
    return gap, _("You rated this %(n)s higher than your guide did.") % {"n": fmt_level(-gap)}


def evidence_scores(*, viewer: Any, evidence_id: Any, framework_id: Any = None, path: str = "") -> dict[str, Any]:
    """The scoring page of a piece: each competency it was rated on with the learner's and the guide's rating and
    the gap between them, and what the viewer may do. The learner sees the guide's rating once they have rated
    the piece themselves, so their own judgement comes first."""
    evidence: Evidence = evidence_queries.evidence_get(viewer=viewer, evidence_id=evidence_id, path=path)
    is_self = policies.can_self_assess(viewer, evidence)
    can_score = is_self or policies.can_score_evidence(viewer, evidence)
    scores = list(
        policies.scores_visible_to(viewer)
        .filter(evidence=evidence)
        .select_related("competency__framework__scale")
        .order_by("competency__position", "competency_id")
    )
    frameworks = list(
        frameworks_visible_to(viewer)
        .filter(district_id__in=[evidence.district_id])
        .select_related("scale")
        .prefetch_related(Prefetch("scale__levels", queryset=RubricLevel.objects.order_by("value")))
    ) + list(
        frameworks_visible_to(viewer)
        .filter(district__isnull=True)
        .select_related("scale")
        .prefetch_related(Prefetch("scale__levels", queryset=RubricLevel.objects.order_by("value")))
    )
    chosen = next((f for f in frameworks if str(f.pk) == str(framework_id)), None)
    if chosen is None and scores:
        chosen = next((f for f in frameworks if f.pk == scores[0].competency.framework_id), None)
    if chosen is None and frameworks:
        chosen = frameworks[0]
    by_comp: dict[int, dict[str, Score]] = defaultdict(dict)
    comps: dict[int, Competency] = {}
    for s in scores:
        by_comp[s.competency_id][s.kind] = s
        comps[s.competency_id] = s.competency
    rows = []
    for cid, kinds in by_comp.items():
        words = ScaleWords.of(comps[cid].framework.scale)
        mine, theirs = kinds.get(Score.Kind.SELF), kinds.get(Score.Kind.GUIDE)
        hidden = is_self and mine is None and theirs is not None
        guide_level = None if hidden or theirs is None else theirs.level
        gap, gap_text = _gap_text(mine.level if mine else None, guide_level)
        rows.append(
            ScoreRow(
                competency=comps[cid],
                self_level=mine.level if mine else None,
                self_words=words.words(mine.level) if mine else "",
                guide_level=guide_level,
                guide_words=words.words(guide_level) if guide_level is not None else "",
                guide_hidden=hidden,
                gap=gap,
                gap_text=gap_text,
                revision=max((k.revision for k in kinds.values()), default=1),
            )
        )
    levels = list(chosen.scale.levels.all()) if chosen else []
    choices: list[Competency] = []
    rubrics: list[tuple[Competency, list[LevelDescriptor]]] = []
    if chosen is not None and can_score:
        choices = list(
            Competency.objects.filter(framework=chosen, is_scorable=True)
            .order_by("position", "id")
            .only("id", "code", "abbreviated", "statement", "case_identifier")
        )
        # What each level looks like, where the framework's rubrics say: read beside the form while scoring.
        described: dict[int, list[LevelDescriptor]] = defaultdict(list)
        for row in LevelDescriptor.objects.filter(competency__framework=chosen, competency__is_scorable=True).order_by(
            "position", "id"
        ):
            described[row.competency_id].append(row)
        rubrics = [(c, described[c.pk]) for c in choices if c.pk in described]
    return {
        "evidence": evidence,
        "is_self": is_self,
        "can_score": can_score,
        "rows": rows,
        "frameworks": frameworks,
        "framework": chosen,
        "competency_choices": [(c.pk, f"{c.code} {c.label[:80]}".strip()) for c in choices],
        # The default scale's words are in the catalog; a district's own pass through unchanged.
        "level_choices": [(lv.value, f"{lv.value} {_(lv.label)}") for lv in levels],
        "rubrics": rubrics,
    }
