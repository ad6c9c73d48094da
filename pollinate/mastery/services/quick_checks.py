"""Quick checks: right/wrong items imported atomically, feeding Bayesian Knowledge Tracing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pollinate.competencies.models import Competency, Framework
from pollinate.competencies.policies import can_set_calculation
from pollinate.competencies.services.frameworks import MANAGE_MESSAGE, framework_set_mastery_method
from pollinate.core.access import require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError
from pollinate.mastery import policies
from pollinate.mastery.models import (
    QuickCheck,
    QuickCheckResponse,
)
from pollinate.mastery.services.scoring import load_bkt, recompute_one
from pollinate.people.models import Enrollment, RecordStatus, Section

MAX_IMPORT_ROWS = 20_000


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


# The framework's quick-check chances, fitted from its answers

# Below this, EM finds chances that describe the few learners who answered, not the checks.
FIT_MIN_ANSWERS = 200
FIT_MIN_LEARNERS = 20


@dataclass(frozen=True)
class QuickCheckFit:
    answers: int
    learners: int
    chances: dict[str, float]


def quick_check_chances_fit(*, actor: Any, framework: Framework, district_id: int | None = None) -> QuickCheckFit:
    """Fit the four BKT chances to every quick-check answer on this framework (one set for the framework, as the
    method page shows them), save them as its settings and so rebuild its levels. On a built-in framework, the
    answers and the chances are ``district_id``'s."""
    require(can_set_calculation(actor, framework, district_id), _(MANAGE_MESSAGE))
    if framework.district_id is not None:
        district_id = None
    sequences: list[list[int]] = []
    key = None
    learners: set[int] = set()
    answered = QuickCheckResponse.objects.filter(competency__framework=framework)
    if district_id is not None:
        answered = answered.filter(quick_check__district_id=district_id)
    for learner_id, competency_id, correct in (
        answered.order_by("learner_id", "competency_id", "answered_on", "id")
        .values_list("learner_id", "competency_id", "correct")
        .iterator(chunk_size=10_000)
    ):
        if (learner_id, competency_id) != key:
            key = (learner_id, competency_id)
            sequences.append([])
            learners.add(learner_id)
        sequences[-1].append(int(correct))
    answers = sum(len(s) for s in sequences)
    if answers < FIT_MIN_ANSWERS or len(learners) < FIT_MIN_LEARNERS:
        raise ApplicationError(
            _(
                "Too few answers to fit: %(answers)d from %(learners)d learners so far. Fitting needs at least "
                "%(min_answers)d answers from %(min_learners)d learners; until then the chances on this page are used."
            )
            % {
                "answers": answers,
                "learners": len(learners),
                "min_answers": FIT_MIN_ANSWERS,
                "min_learners": FIT_MIN_LEARNERS,
            }
        )
    fitted = load_bkt().fit({"all": sequences})["all"]
    # Three decimals: what the page shows, and strictly between 0 and 1 as the settings require.
    chances = {
        name: min(0.999, max(0.001, round(float(getattr(fitted, name)), 3)))
        for name in ("prior", "learn", "guess", "slip")
    }
    calculation = framework.calculation_for(district_id)
    framework_set_mastery_method(
        actor=actor,
        framework=framework,
        method=calculation.method,
        settings={**calculation.settings, "bkt": chances},
        district_id=district_id,
    )
    return QuickCheckFit(answers=answers, learners=len(learners), chances=chances)
