"""Rebuilding every mastery record from scratch in streamed chunks with bulk writes (``recompute_mastery``)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from pollinate.competencies.models import Competency, DistrictCalculation, Framework
from pollinate.mastery import calculations
from pollinate.mastery.models import (
    MasteryRecord,
    QuickCheckResponse,
    Recalculation,
    Score,
)
from pollinate.mastery.services.scoring import bkt_params, load_bkt, status_for
from pollinate.people.models import Person

logger = logging.getLogger(__name__)
# The first key of the advisory lock that serializes rebuilds of one framework (the second key is its id).
_REBUILD_LOCK = 4_100_001
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
    """competency id → (framework id, method, settings, mastery threshold, framework district). For a built-in
    framework, method and settings are the default; ``_district_calculations`` has the districts' own."""
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


def _district_calculations() -> dict[tuple[int, int], tuple[str, dict]]:
    """(built-in framework id, district id) → (method, settings) where a district chose its own calculation."""
    return {
        (fid, did): (method, settings or {})
        for fid, did, method, settings in DistrictCalculation.objects.values_list(
            "framework_id", "district_id", "mastery_method", "mastery_settings"
        )
    }


def recompute_all(
    *, district_id: int | None = None, framework_id: int | None = None, chunk: int = 20_000
) -> RecomputeReport:
    """Rebuild every mastery record (of one district, of one framework) from scores and quick-check answers.

    Scores are streamed in (learner, competency, produced_on) order through a server-side cursor, levels come
    from ``calculations.level_only``, and records are replaced district by district with bulk inserts.
    """
    import time

    started = time.perf_counter()
    with transaction.atomic():
        if framework_id is not None and connection.vendor == "postgresql":
            # Two quick changes start two rebuilds: the second waits here for the first to commit, then reads the
            # newest settings (below, under the lock), so the last change is the one that stays. An advisory lock,
            # not the framework's row, so that saving the framework meanwhile does not wait for a long rebuild.
            # (SQLite serializes writing transactions by itself.)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_REBUILD_LOCK, framework_id])
        info = _framework_info()
        chosen = _district_calculations()
        scores = Score.objects.filter(kind=Score.Kind.GUIDE)
        responses = QuickCheckResponse.objects.all()
        records = MasteryRecord.objects.all()
        if district_id is not None:
            scores = scores.filter(district_id=district_id)
            responses = responses.filter(quick_check__district_id=district_id)
            records = records.filter(district_id=district_id)
        if framework_id is not None:
            responses = responses.filter(competency__framework_id=framework_id)
            records = records.filter(framework_id=framework_id)

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
        bkt_cache: dict[tuple[int, int], Any] = {}

        now = timezone.now()
        stamp = now if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now)
        n_scores = 0
        n_records = 0
        batch: list[tuple] = []
        learner_districts: dict[int, int] = {}
        level_of = calculations.level_only

        def row(learner: int, comp: int, levels: list[float], last: Any, district: int) -> tuple:
            fid, method, settings_, threshold, in_district = info[comp]
            if in_district is None and chosen:
                method, settings_ = chosen.get((fid, district), (method, settings_))
            level = level_of(method, levels, settings_) if levels else None
            given = answers.pop((learner, comp), None) if answers else None
            p = None
            if given:
                if (fid, district) not in bkt_cache:
                    bkt_cache[fid, district] = bkt_params(settings_)
                p = load_bkt().p_mastery(bkt_cache[fid, district], given)
            status = status_for(level, p, threshold)
            return (district, learner, fid, comp, level, method, len(levels), last, status, p, len(given or ()), stamp)

        # Raw rows in and out: at millions of scores, model instances and field converters cost more than the maths.
        where = "kind = %s" + (" AND district_id = %s" if district_id is not None else "")
        params: list[Any] = [Score.Kind.GUIDE] + ([district_id] if district_id is not None else [])
        if framework_id is not None:
            where += f" AND competency_id IN (SELECT id FROM {Competency._meta.db_table} WHERE framework_id = %s)"  # noqa: S608
            params.append(framework_id)
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
        # Every replaced record leaves a dead row behind: after a full rebuild the table is three times its size
        # and the class grid at 1,000 learners spends twice as long in SQL until autovacuum comes by. VACUUM cannot
        # run inside a transaction; inside one (a caller's), fresh statistics are the most that can be done.
        table = connection.ops.quote_name(MasteryRecord._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}" if connection.in_atomic_block else f"VACUUM (ANALYZE) {table}")
    return RecomputeReport(
        records=n_records, scores=n_scores, responses=n_responses, seconds=time.perf_counter() - started
    )


# One framework, after its calculation changed


def recompute_framework_soon(
    framework_id: int, *, district_id: int | None = None, requested_by: Any = None
) -> Recalculation:
    """Rebuild a framework's records (of one district's learners, when only that district's calculation
    changed), recorded as a ``Recalculation`` the framework page follows: once the current transaction commits,
    in a background thread (a framework used across a large district takes tens of seconds), or at once, in
    this transaction, where ``MASTERY_RECOMPUTE_INLINE`` is set (tests, small installs)."""
    records = MasteryRecord.objects.filter(framework_id=framework_id)
    if district_id is not None:
        records = records.filter(district_id=district_id)
    recalculation = Recalculation.objects.create(
        framework_id=framework_id,
        district_id=district_id,
        requested_by=requested_by if getattr(requested_by, "pk", None) else None,
        expected_records=records.count(),
    )
    if getattr(settings, "MASTERY_RECOMPUTE_INLINE", False):
        _recalculate(recalculation.pk)
        recalculation.refresh_from_db()
        return recalculation

    def target() -> None:
        close_old_connections()
        try:
            _recalculate(recalculation.pk)
        except Exception:  # the records keep their old levels; `pollinate recompute_mastery` rebuilds them
            logger.exception("rebuilding the mastery records of framework %s failed", framework_id)
        finally:
            connection.close()

    transaction.on_commit(
        lambda: threading.Thread(target=target, name=f"mastery-recompute-{framework_id}", daemon=True).start()
    )
    return recalculation


def _recalculate(recalculation_id: int) -> None:
    """Run one recalculation, writing its start and its end (done, or stopped and why) where the page reads them.
    The rebuild itself is one transaction: it either replaces the levels or leaves the old ones."""
    runs = Recalculation.objects.filter(pk=recalculation_id)
    runs.update(status=Recalculation.Status.RUNNING, started_at=timezone.now())
    run = runs.get()
    try:
        report = recompute_all(district_id=run.district_id, framework_id=run.framework_id)
    except Exception as exc:
        runs.update(
            status=Recalculation.Status.FAILED,
            finished_at=timezone.now(),
            message=f"{type(exc).__name__}: {exc}".splitlines()[0][:255],
        )
        raise
    runs.update(
        status=Recalculation.Status.DONE,
        records=report.records,
        seconds=report.seconds,
        finished_at=timezone.now(),
    )
    logger.info("framework %s: %s records rebuilt in %.1f s", run.framework_id, report.records, report.seconds)
