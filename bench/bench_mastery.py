"""Benchmark mastery (issue 4): the class grid at 30, 250 and 1,000 learners, recompute-all, one incremental update.

    .venv/bin/python bench/bench_mastery.py                          # 50,000 learners, 5,000,000 scores, SQLite file
    .venv/bin/python bench/bench_mastery.py --learners 5000          # a quick check
    .venv/bin/python bench/bench_mastery.py --keep --grid-only       # the grid again on the data already built
    .venv/bin/python bench/bench_mastery.py --database-url postgres://postgres@127.0.0.1:5432/pollinate_bench_mastery

Generates its own district (no demo seed: only what mastery reads): one school, a framework of 20 competencies on
the default 1-4 scale (decaying average 65/35), N learners each with 40 pieces of evidence and 100 guide scores
(every piece scored on two or three competencies), written with executemany (SQLite) or COPY (PostgreSQL). The first
30, 250 and 1,000 learners form three classes taught by one teacher. Then:

- recompute all: ``services.recompute_all`` (stream, ``calculations.level_only``, bulk insert), target <= 120 s;
- one incremental update: ``recompute_one`` alone and the whole ``guide_score_save`` service (re-scoring a piece,
  audit included), median of 20, target <= 5 ms;
- the class grid page through Django's test Client with production settings (DEBUG off): median of 20 after 3
  warm-ups and the query count of one request; targets 20 / 60 / 120 ms and the same count at every size.

A PostgreSQL database named in the URL is DROPPED and created again (its name must contain "bench"); the SQLite
file is replaced (``--keep`` reuses either when it already holds the data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_learning import Writer, _configure, _measure, _recreate_postgres, machine_speed_ms  # noqa: E402

COMPETENCIES = 20
EVIDENCE_PER_LEARNER = 40
CLASS_SIZES = (30, 250, 1000)
GRID_TARGET_MS = {30: 20.0, 250: 60.0, 1000: 120.0}
RECOMPUTE_TARGET_S = 120.0
INCREMENTAL_TARGET_MS = 5.0
DISTRICT_SLUG = "bench-mastery"


def _scored_competencies(i: int) -> tuple[int, ...]:
    """Which competencies piece ``i`` (0-39) is scored on: two each, a third on the first 20 → 100 scores."""
    first, second = i % COMPETENCIES, (i + 7) % COMPETENCIES
    return (first, second, (i + 13) % COMPETENCIES) if i < 20 else (first, second)


def _generate(learners: int) -> dict[str, int]:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from pollinate.competencies.models import Competency, Framework
    from pollinate.competencies.services import ensure_default_scale
    from pollinate.evidence.models import Evidence
    from pollinate.mastery.models import Score
    from pollinate.people.models import District, Enrollment, Person, Role, RoleAssignment, School, Section

    district = District.objects.create(name="Bench Mastery", slug=DISTRICT_SLUG)
    school = School.objects.create(district=district, name="Bench School", sourced_id="bench-school")
    framework = Framework.objects.create(
        district=district,
        title="Bench practices",
        scale=ensure_default_scale(district),
        mastery_method="decaying_average",
        mastery_settings={"weight": 0.65},
    )
    comps = [
        Competency.objects.create(framework=framework, code=f"BP.{n + 1}", statement=f"Practice {n + 1}", position=n)
        for n in range(COMPETENCIES)
    ]
    teacher = Person.objects.create(
        district=district,
        username="bench-teacher",
        given_name="Bench",
        family_name="Teacher",
        password=make_password("bench"),
    )
    RoleAssignment.objects.create(person=teacher, role=Role.TEACHER, district=district, school=school)
    sections = [
        Section.objects.create(district=district, school=school, title=f"Class of {n}", sourced_id=f"bench-class-{n}")
        for n in CLASS_SIZES
    ]
    for section in sections:
        Enrollment.objects.create(
            district=district,
            section=section,
            person=teacher,
            school=school,
            role="teacher",
            sourced_id=f"bench-t-{section.pk}",
        )

    people = Writer(Person, id=0, district_id=1, username=2, given_name=3, family_name=4, updated_at=5)
    enrollments = Writer(
        Enrollment, district_id=0, section_id=1, person_id=2, school_id=3, role=4, sourced_id=5, updated_at=6
    )
    evidence = Writer(Evidence, id=0, district_id=1, learner_id=2, kind=3, title=4, produced_on=5)
    scores = Writer(Score, district_id=0, learner_id=1, evidence_id=2, competency_id=3, kind=4, level=5, produced_on=6)
    first_person, first_evidence = people.next_id(), evidence.next_id()
    start_day = dt.date(2026, 8, 24)
    days = [evidence._adapt(start_day + dt.timedelta(days=2 * i)) for i in range(EVIDENCE_PER_LEARNER)]
    comp_ids = [c.pk for c in comps]
    # auto_now columns have no default for a raw writer to fill.
    stamp = people._adapt(timezone.now())
    bounds = [sum(CLASS_SIZES[:k]) for k in range(len(CLASS_SIZES) + 1)]

    def people_rows():
        for n in range(learners):
            yield (first_person + n, district.pk, f"bench-{n}", f"Learner{n:05d}", f"Family{n % 997:03d}", stamp)

    def enrollment_rows():
        for k, section in enumerate(sections):
            for n in range(bounds[k], min(bounds[k + 1], learners)):
                yield (district.pk, section.pk, first_person + n, school.pk, "student", f"bench-e-{n}", stamp)

    def evidence_rows():
        for n in range(learners):
            base = first_evidence + n * EVIDENCE_PER_LEARNER
            for i in range(EVIDENCE_PER_LEARNER):
                yield (base + i, district.pk, first_person + n, "writing", f"Piece {i + 1}", days[i])

    def score_rows():
        for n in range(learners):
            pid = first_person + n
            base = first_evidence + n * EVIDENCE_PER_LEARNER
            for i in range(EVIDENCE_PER_LEARNER):
                for c in _scored_competencies(i):
                    # A learner's levels drift upward with a little spread, so statuses and groups vary.
                    level = 1 + min(3, (i // 10) + ((n + c) % 3 == 0))
                    yield (district.pk, pid, base + i, comp_ids[c], "guide", float(level), days[i])

    with transaction.atomic():
        for writer, rows in (
            (people, people_rows()),
            (enrollments, enrollment_rows()),
            (evidence, evidence_rows()),
            (scores, score_rows()),
        ):
            writer.write(rows)
            writer.finish()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {w.table: w.rows for w in (people, enrollments, evidence, scores)}


def _has_data() -> bool:
    from pollinate.people.models import District

    return District.objects.filter(slug=DISTRICT_SLUG).exists()


def _time_incremental(requests: int) -> tuple[float, float, int]:
    """Median ms of ``recompute_one`` and of the whole re-scoring service; queries of ``recompute_one``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pollinate.competencies.models import Competency
    from pollinate.evidence.models import Evidence
    from pollinate.mastery import services
    from pollinate.people.models import Person

    teacher = Person.objects.get(username="bench-teacher")
    learner = Person.objects.get(username="bench-0")
    piece = Evidence.objects.filter(learner=learner).order_by("id").first()
    competency = Competency.objects.select_related("framework__scale").get(
        framework__district=learner.district, code="BP.1"
    )
    one, whole = [], []
    for i in range(requests + 3):
        started = time.perf_counter()
        services.recompute_one(learner_id=learner.pk, competency=competency, district_id=learner.district_id)
        one.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        services.guide_score_save(actor=teacher, evidence=piece, competency_id=competency.pk, level=2 + i % 2)
        whole.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        services.recompute_one(learner_id=learner.pk, competency=competency, district_id=learner.district_id)
    return statistics.median(one[3:]), statistics.median(whole[3:]), len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="PostgreSQL URL (database dropped and created again)")
    parser.add_argument(
        "--sqlite-file", type=Path, default=Path(tempfile.gettempdir()) / "pollinate-bench-mastery.sqlite3"
    )
    parser.add_argument("--learners", type=int, default=50_000, help="learners in the district (default 50,000)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the database when it already holds the data")
    parser.add_argument(
        "--grid-only", action="store_true", help="measure only the class grid (with --keep, on records already built)"
    )
    args = parser.parse_args()
    if args.learners < sum(CLASS_SIZES):
        raise SystemExit(f"--learners must be at least {sum(CLASS_SIZES)} (the three classes)")

    if args.database_url:
        url, label = args.database_url, "PostgreSQL"
        if not args.keep:
            _recreate_postgres(url)
    else:
        label = "SQLite"
        if not args.keep:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{args.sqlite_file}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{args.sqlite_file}"
    _configure(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    if not (args.keep and _has_data()):
        started = time.perf_counter()
        written = _generate(args.learners)
        seconds = time.perf_counter() - started
        total = sum(written.values())
        print(f"generated: {total:,} rows in {seconds:.1f} s ({total / seconds:,.0f} rows/s)", flush=True)
        for table, rows in written.items():
            print(f"  {table:<28} {rows:>12,}")

    from django.urls import reverse

    from pollinate.competencies.models import Framework
    from pollinate.mastery import services
    from pollinate.mastery.models import Score
    from pollinate.people.models import District, Person, Section

    district = District.objects.get(slug=DISTRICT_SLUG)
    n_scores = Score.objects.filter(district=district).count()
    n_learners = Person.objects.filter(district=district).count() - 1
    print(
        f"\n{label}: {n_learners:,} learners, {n_scores:,} scores; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs; reference loop {machine_speed_ms():.0f} ms (lower is a faster machine)",
        flush=True,
    )

    ok_recompute = ok_incremental = True
    if not args.grid_only:
        report = services.recompute_all(district_id=district.pk)
        ok_recompute = report.seconds <= RECOMPUTE_TARGET_S
        print(
            f"\nrecompute all: {report.records:,} records from {report.scores:,} scores in {report.seconds:.1f} s "
            f"({report.scores / report.seconds:,.0f} scores/s)  target {RECOMPUTE_TARGET_S:.0f} s  "
            f"{'ok' if ok_recompute else 'SLOW'}",
            flush=True,
        )

        one, whole, queries = _time_incremental(args.requests)
        ok_incremental = one <= INCREMENTAL_TARGET_MS
        print(
            f"incremental: recompute_one {one:.2f} ms ({queries} queries), whole re-scoring service {whole:.2f} ms "
            f"(row lock, score update, recompute, audit)  target {INCREMENTAL_TARGET_MS:.0f} ms  "
            f"{'ok' if ok_incremental else 'SLOW'}",
            flush=True,
        )

    teacher = Person.objects.get(username="bench-teacher")
    framework = Framework.objects.get(district=district, title="Bench practices")
    print(
        f"\n{'class grid':<22} {'median ms':>10} {'p90 ms':>8} {'cpu ms':>8} {'sql ms':>8} {'queries':>8}  "
        f"{'target':>7}"
    )
    failed = not (ok_recompute and ok_incremental)
    counts = set()
    for size in CLASS_SIZES:
        section = Section.objects.get(district=district, title=f"Class of {size}")
        url = reverse("mastery:grid", args=[section.pk]) + f"?framework={framework.pk}"
        result = _measure(f"{size} learners", teacher, url, args.requests)
        if result["status"] != 200:
            print(f"{size} learners: HTTP {result['status']}")
            failed = True
            continue
        counts.add(result["queries"])
        ok = result["median"] <= GRID_TARGET_MS[size]
        failed |= not ok
        print(
            f"{str(size) + ' x 20':<22} {result['median']:>10.1f} {result['p90']:>8.1f} {result['cpu']:>8.1f} "
            f"{result['sql']:>8.1f} {result['queries']:>8}  {GRID_TARGET_MS[size]:>5.0f}ms {'ok' if ok else 'SLOW'}",
            flush=True,
        )
    print(f"query count the same at every size: {'yes' if len(counts) == 1 else 'NO ' + str(sorted(counts))}")
    print(f"reference loop now {machine_speed_ms():.0f} ms")
    sys.exit(1 if failed or len(counts) != 1 else 0)


if __name__ == "__main__":
    main()
