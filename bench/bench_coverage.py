"""Benchmark the coaching coverage view for a lead coach with 10 site coaches and 450 teachers (issue 5).

    .venv/bin/python bench/bench_coverage.py
    .venv/bin/python bench/bench_coverage.py --site-coaches 40 --teachers-each 45      # a bigger network
    .venv/bin/python bench/bench_coverage.py --database-url postgres://postgres@127.0.0.1:5432/pollinate_bench_cov

Builds a fresh database (a temporary SQLite file, or a PostgreSQL database whose name must contain "bench": it is
DROPPED and created again) holding one district with cadence rules, a lead coach, their site coaches, each site
coach's teachers (spread over 10 schools) and a term of check-in history (one held check-in per teacher every
two weeks, some missed), plus 2,000 unrelated teachers elsewhere in the district. Then it times, in-process:

- ``coverage_report`` for the lead coach (median of 20 after 3 warm-ups) and its query count;
- the coverage page ``/coaching/coverage/`` through Django's test Client (production settings, DEBUG off);
- ``due_in_week`` for the whole district (what the scheduler reads).

The query count must be the same as for a network of 2 site coaches with 3 teachers each (printed beside it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 11, 13)
TARGET_MS = 250.0

from bench.bench_learning import _configure, _recreate_postgres  # noqa: E402


def _build(district, *, site_coaches: int, teachers_each: int, tag: str, bystanders: int = 0):
    from django.contrib.auth.hashers import make_password

    from pollinate.coaching.models import ScheduledCheckIn
    from pollinate.people.models import CoachingAssignment, Person, Role, RoleAssignment, School

    Kind = CoachingAssignment.Kind
    schools = School.objects.bulk_create(
        [School(district=district, name=f"{tag} school {i}", sourced_id=f"{tag}-s{i}") for i in range(10)]
    )
    password = make_password(None)

    def people(prefix: str, n: int):
        return Person.objects.bulk_create(
            [
                Person(
                    district=district,
                    username=f"{tag}-{prefix}{i}",
                    given_name=prefix.title(),
                    family_name=f"{prefix}{i:05d}",
                    password=password,
                )
                for i in range(n)
            ],
            batch_size=2000,
        )

    [lead] = people("lead", 1)
    coaches = people("coach", site_coaches)
    teachers = people("teacher", site_coaches * teachers_each)
    others = people("other", bystanders)
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(person=lead, district=district, role=Role.LEAD_COACH)]
        + [
            RoleAssignment(person=c, district=district, role=Role.SITE_COACH, school=schools[i % 10])
            for i, c in enumerate(coaches)
        ]
        + [
            RoleAssignment(person=t, district=district, role=Role.TEACHER, school=schools[i % 10])
            for i, t in enumerate(teachers + others)
        ],
        batch_size=2000,
    )
    start = datetime(2026, 8, 31, 8, tzinfo=UTC)
    links = [
        CoachingAssignment(district=district, coach=lead, coachee=c, kind=Kind.LEAD_TO_SITE, created_at=start)
        for c in coaches
    ]
    links += [
        CoachingAssignment(
            district=district,
            coach=coaches[i // teachers_each],
            coachee=t,
            kind=Kind.COACH_TO_TEACHER,
            created_at=start,
        )
        for i, t in enumerate(teachers)
    ]
    CoachingAssignment.objects.bulk_create(links, batch_size=2000)
    check_ins = []
    for i, teacher in enumerate(teachers):
        host = coaches[i // teachers_each]
        for week in range(0, 10, 2):
            at = start + timedelta(days=7 * week + (i % 5), hours=1 + i % 6)
            status = ScheduledCheckIn.Status.MISSED if (i + week) % 7 == 0 else ScheduledCheckIn.Status.HELD
            check_ins.append(
                ScheduledCheckIn(
                    district=district,
                    host=host,
                    attendee=teacher,
                    kind=Kind.COACH_TO_TEACHER,
                    starts_at=at,
                    ends_at=at + timedelta(minutes=30),
                    status=status,
                )
            )
    ScheduledCheckIn.objects.bulk_create(check_ins, batch_size=2000)
    return lead


def _time(fn, runs: int = 20) -> tuple[float, float]:
    for _ in range(3):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1]


def _queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--site-coaches", type=int, default=10)
    parser.add_argument("--teachers-each", type=int, default=45)
    args = parser.parse_args()
    tmp = None
    if args.database_url:
        _recreate_postgres(args.database_url)
        url = args.database_url
    else:
        tmp = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False)  # noqa: SIM115
        url = f"sqlite:///{tmp.name}"
    _configure(url)

    from django.core.management import call_command
    from django.test import Client

    from pollinate.coaching.cadence import due_in_week
    from pollinate.coaching.coverage import coverage_report
    from pollinate.coaching.models import CadenceRule
    from pollinate.people.models import CoachingAssignment, District
    from pollinate.people.roles import forget_scope

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    district = District.objects.create(name="Bench district", slug="bench-coverage")
    small_district = District.objects.create(name="Small district", slug="bench-small")
    for d in (district, small_district):
        CadenceRule.objects.create(district=d, kind=CoachingAssignment.Kind.COACH_TO_TEACHER, every_school_days=10)
        CadenceRule.objects.create(district=d, kind=CoachingAssignment.Kind.LEAD_TO_SITE, every_school_days=10)
    lead = _build(district, site_coaches=args.site_coaches, teachers_each=args.teachers_each, tag="b", bystanders=2000)
    small_lead = _build(small_district, site_coaches=2, teachers_each=3, tag="s")
    if args.database_url:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"database: {'PostgreSQL' if args.database_url else 'SQLite'}; built in {time.perf_counter() - started:.1f} s"
    )
    print(
        f"network: 1 lead coach, {args.site_coaches} site coaches, {args.site_coaches * args.teachers_each} "
        "teachers (+2,000 other teachers in the district)"
    )

    def report(person):
        def run():
            forget_scope(person)
            return coverage_report(viewer=person, today=TODAY)

        return run

    big_q = _queries(report(lead))
    small_q = _queries(report(small_lead))
    rows = len(report(lead)().rows)
    median, p90 = _time(report(lead))
    print(
        f"coverage_report (lead coach): {rows} rows, median {median:.1f} ms, p90 {p90:.1f} ms, "
        f"{big_q} queries (small network: {small_q})"
    )

    client = Client()
    client.force_login(lead)
    page_q = _queries(lambda: client.get("/coaching/coverage/"))
    status = client.get("/coaching/coverage/").status_code
    median_page, p90_page = _time(lambda: client.get("/coaching/coverage/"))
    small_client = Client()
    small_client.force_login(small_lead)
    small_page_q = _queries(lambda: small_client.get("/coaching/coverage/"))
    print(
        f"coverage page (HTTP {status}): median {median_page:.1f} ms, p90 {p90_page:.1f} ms, {page_q} queries "
        f"(small network: {small_page_q})"
    )

    due_q = _queries(lambda: due_in_week(district_id=district.pk, week_of=TODAY))
    due = len(due_in_week(district_id=district.pk, week_of=TODAY))
    median_due, _p90 = _time(lambda: due_in_week(district_id=district.pk, week_of=TODAY), runs=10)
    print(f"due_in_week (district): {due} due, median {median_due:.1f} ms, {due_q} queries")

    if tmp is not None:
        Path(tmp.name).unlink(missing_ok=True)
    ok = big_q == small_q and page_q == small_page_q and median_page <= TARGET_MS
    print("OK" if ok else f"MISSED: query counts must match and the page must take <= {TARGET_MS:.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
