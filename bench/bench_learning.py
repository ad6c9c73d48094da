"""Benchmark the learner-agency pages (issue 3) on the district demo plus generated activity.

    .venv/bin/python bench/bench_learning.py                        # district size, SQLite file (several minutes)
    .venv/bin/python bench/bench_learning.py --students 2000        # a quick check
    .venv/bin/python bench/bench_learning.py --database-url postgres://postgres@127.0.0.1:5432/pollinate_bench_learning

Loads the demo district (``seed_demo``'s loader; ``--size district`` = 50,000 students, or a scaled-down district
with ``--students N``) into a fresh database, then adds per student 10 goals (with a check-in and a history event
each), 40 pieces of written evidence and 20 reflections (plus guides' feedback on a quarter of each, and a few
notifications), written in chunks with executemany (SQLite) or COPY (PostgreSQL). Then, in-process with Django's
test Client and production settings (DEBUG off), it times each page: median of 20 requests after 3 warm-ups, and
counts the queries of one request:

- a learner's home page (a student in the chosen teacher's first class);
- a goal page (one of that student's active goals, read by their teacher: the guide's view, audited);
- a portfolio page (that student's portfolio, read by their guardian, or by the teacher if none);
- the guide queue of a teacher with 6 classes (the one with the most students).

Target: each <= 50 ms, and the query counts the same at every size. A PostgreSQL database named in the URL is
DROPPED and created again (its name must contain "bench"); the SQLite file is replaced (``--keep`` reuses
either when it already holds the data).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOALS, EVIDENCE, REFLECTIONS = 10, 40, 20
CHUNK = 50_000
TARGET_MS = 50.0


def _configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_COOKIES"] = "false"
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Production settings, except the static-file manifest (built by collectstatic, which a benchmark skips).
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()


def _recreate_postgres(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the benchmark database's name must contain 'bench'")
    server = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --- loading ------------------------------------------------------------------------------------------


def _seed(students: int | None) -> float:
    """Load the demo district (full size, or scaled to ``students``). Returns seconds."""
    from django.core.management import call_command
    from django.utils import timezone

    from pollinate.demo import generator as g
    from pollinate.demo.services import demo_district_seed

    call_command("migrate", verbosity=0, interactive=False)
    size = "district"
    if students:
        full = g.SIZES["district"]
        scale = students / full.students
        schools = tuple((level, max(1, round(n * scale))) for level, n in full.schools)
        g.SIZES["bench"] = g.SizePreset("bench", schools, students=students,
                                        educators=max(30, round(full.educators * scale)), district_admins=2)
        size = "bench"
    started = time.perf_counter()
    demo_district_seed(size=size, school_year=g.default_school_year(timezone.localdate()))
    return time.perf_counter() - started


class Writer:
    """Bulk rows into one table: every concrete column, the ones not given taking the field's default."""

    def __init__(self, model, **given_columns: int) -> None:
        from django.db import connection

        self.connection = connection
        self.model = model
        self.table = model._meta.db_table
        # Positions of the columns the generator supplies (attname -> index in its tuple).
        self.given = {name: index for index, name in enumerate(given_columns)}
        # The primary key is left to the database unless the generator numbers the rows itself.
        self.fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in self.given)]
        self.columns = [f.column for f in self.fields]
        self.defaults = [self._default(f) for f in self.fields]
        self.order = [self.given.get(f.attname) for f in self.fields]
        self.rows = 0

    def _default(self, field):
        from django.db.models import JSONField

        value = field.get_default() if field.has_default() else (None if field.null else "")
        if isinstance(field, JSONField):
            return json.dumps(value)
        return self._adapt(value)

    def _adapt(self, value):
        from datetime import date, datetime

        if self.connection.vendor != "sqlite":
            return value
        if isinstance(value, datetime):
            return self.connection.ops.adapt_datetimefield_value(value)
        if isinstance(value, date):
            return self.connection.ops.adapt_datefield_value(value)
        return value

    def write(self, rows: Iterable[tuple]) -> None:
        full = (tuple(self.defaults[i] if pos is None else row[pos] for i, pos in enumerate(self.order))
                for row in rows)
        for chunk in _chunks(full, CHUNK):
            self._insert(chunk)
            self.rows += len(chunk)

    def _insert(self, chunk: list[tuple]) -> None:
        quoted = ", ".join(f'"{c}"' for c in self.columns)
        if self.connection.vendor == "postgresql":
            raw = self.connection.connection
            with raw.cursor() as cursor, cursor.copy(f'COPY "{self.table}" ({quoted}) FROM STDIN') as copy:
                for row in chunk:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(self.columns))
        with self.connection.cursor() as cursor:
            cursor.executemany(f'INSERT INTO "{self.table}" ({quoted}) VALUES ({marks})', chunk)

    def next_id(self) -> int:
        from django.db.models import Max

        return (self.model.objects.aggregate(m=Max("id"))["m"] or 0) + 1

    def finish(self) -> None:
        if self.connection.vendor == "postgresql":
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{self.table}\"', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM \"{self.table}\"))"
                )


def _chunks(rows: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _generate_activity() -> dict[str, int]:
    """10 goals, 40 pieces of writing and 20 reflections per student, with feedback, check-ins and history."""
    from django.db import connection, transaction
    from django.utils import timezone

    from pollinate.evidence.models import AUDIENCE_ORDER, Evidence
    from pollinate.goals.models import CheckIn, Goal, GoalEvent
    from pollinate.notifications.models import Notification
    from pollinate.people.models import Enrollment, Person, RecordStatus, Role
    from pollinate.reflections.models import Feedback, Reflection

    rng = random.Random(3)
    now = timezone.now()
    today = timezone.localdate()
    # A small set of instants, adapted once each (SQLite stores text): the generator reuses them.
    w = Writer(Goal)  # for _adapt only
    stamps = [w._adapt(now - timedelta(days=d, hours=h)) for d in range(120) for h in (9, 14)]
    days = [w._adapt(today + timedelta(days=d)) for d in range(-60, 60)]
    true, false = (True, False) if connection.vendor == "postgresql" else (1, 0)

    students = list(
        Person.objects.filter(role_assignments__role=Role.STUDENT, status=RecordStatus.ACTIVE)
        .values_list("id", "district_id").order_by("id").distinct()
    )
    teacher_of: dict[int, int] = {}
    for student_id, teacher_id in (
        Enrollment.objects.filter(role__in=Enrollment.TEACHING_ROLES, status=RecordStatus.ACTIVE,
                                  section__enrollments__role=Enrollment.EnrollmentRole.STUDENT)
        .values_list("section__enrollments__person_id", "person_id").iterator(chunk_size=20_000)
    ):
        teacher_of.setdefault(student_id, teacher_id)

    goals = Writer(Goal, id=0, district_id=1, learner_id=2, guide_id=3, kind=4, title=5, status=6, progress=7,
                   next_check_in_on=8, last_activity_at=9, created_at=10, updated_at=11, agreed_at=12,
                   agreed_by_id=13, specific=14)
    checkins = Writer(CheckIn, goal_id=0, author_id=1, progress=2, note=3, at=4)
    events = Writer(GoalEvent, goal_id=0, actor_id=1, kind=2, at=3)
    evidence = Writer(Evidence, id=0, district_id=1, learner_id=2, kind=3, title=4, body=5, audience=6,
                      in_portfolio=7, goal_id=8, created_at=9, updated_at=10, first_feedback_at=11, produced_on=12)
    reflections = Writer(Reflection, id=0, district_id=1, learner_id=2, prompt_text=3, body=4, goal_id=5,
                         shared_with_guides=6, created_at=7, first_feedback_at=8)
    feedback = Writer(Feedback, district_id=0, author_id=1, evidence_id=2, reflection_id=3, body=4, created_at=5)
    notifications = Writer(Notification, recipient_id=0, actor_id=1, message=2, url=3, created_at=4)

    statuses = ["active"] * 6 + ["achieved", "achieved", "proposed", "draft"]
    kinds = ["academic", "habit", "personal", "academic"]
    audiences = [a for a in AUDIENCE_ORDER if a != "public"]
    first_goal, first_evidence, first_reflection = goals.next_id(), evidence.next_id(), reflections.next_id()

    def goal_rows():
        gid = first_goal
        for sid, did in students:
            guide = teacher_of.get(sid)
            for n in range(GOALS):
                status = statuses[n]
                st = stamps[rng.randrange(len(stamps))]
                agreed = status in ("active", "achieved")
                yield (gid + n, did, sid, guide, kinds[n % 4], f"Goal {n + 1}: read and write every day",
                       status, rng.randrange(0, 100) if agreed else 0,
                       days[rng.randrange(len(days))] if status == "active" else None, st, st, st,
                       st if agreed and guide else None, guide if agreed else None,
                       "Read one chapter and write a summary.")
            gid += GOALS

    def checkin_rows():
        gid = first_goal
        for sid, _did in students:
            for n in range(GOALS):
                if statuses[n] == "active":
                    yield (gid + n, sid, rng.randrange(0, 100), "Going well.", stamps[rng.randrange(len(stamps))])
            gid += GOALS

    def event_rows():
        gid = first_goal
        for sid, _did in students:
            for n in range(GOALS):
                yield (gid + n, sid, "created", stamps[-1])
            gid += GOALS

    def evidence_rows():
        eid, gid = first_evidence, first_goal
        for sid, did in students:
            for n in range(EVIDENCE):
                st = stamps[rng.randrange(len(stamps))]
                answered = n % 4 != 0
                yield (eid + n, did, sid, "writing", f"Piece {n + 1}", "<p>What I made and what I learned.</p>",
                       audiences[n % len(audiences)], true if n % 4 == 1 else false, gid + (n % GOALS),
                       st, st, st if answered else None, days[60])
            eid += EVIDENCE
            gid += GOALS

    def reflection_rows():
        rid, gid = first_reflection, first_goal
        for sid, did in students:
            guide = teacher_of.get(sid)
            for n in range(REFLECTIONS):
                # Stamped as feedback_add does, for the ones feedback_rows answers.
                answered = guide is not None and n % 4 == 1
                yield (rid + n, did, sid, "What helped?", "<p>My friend explained it again.</p>",
                       gid + (n % GOALS), false if n % 5 == 0 else true, stamps[rng.randrange(len(stamps))],
                       stamps[0] if answered else None)
            rid += REFLECTIONS
            gid += GOALS

    def feedback_rows():
        eid, rid = first_evidence, first_reflection
        for sid, did in students:
            guide = teacher_of.get(sid)
            if guide is not None:
                for n in range(0, EVIDENCE, 4):
                    yield (did, guide, eid + n + 1, None, "<p>Well done: tell me more.</p>", stamps[0])
                for n in range(1, REFLECTIONS, 4):
                    yield (did, guide, None, rid + n, "<p>Thank you for sharing.</p>", stamps[0])
            eid += EVIDENCE
            rid += REFLECTIONS

    def notification_rows():
        for sid, _did in students:
            guide = teacher_of.get(sid)
            yield (sid, guide, "Your goal was agreed.", "", stamps[3])
            yield (sid, guide, "Your teacher commented on your work.", "", stamps[1])

    with transaction.atomic():
        for writer, rows in ((goals, goal_rows()), (checkins, checkin_rows()), (events, event_rows()),
                             (evidence, evidence_rows()), (reflections, reflection_rows()),
                             (feedback, feedback_rows()), (notifications, notification_rows())):
            writer.write(rows)
            writer.finish()
    with connection.cursor() as cursor:
        # PostgreSQL: VACUUM too, as autovacuum would have by the time a district's data is this large (it sets the
        # visibility map that index-only scans rely on); freshly COPYed tables without it are not what production
        # reads.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {w.table: w.rows for w in (goals, checkins, events, evidence, reflections, feedback, notifications)}


def _has_activity() -> bool:
    from pollinate.evidence.models import Evidence

    return Evidence.objects.exists()


# --- measuring ----------------------------------------------------------------------------------------


def _bench_teacher():
    """A teacher with six classes of about 30 (the issue's case): made once from existing classes, same school."""
    from django.db.models import Count, Q

    from pollinate.people.models import Enrollment, Person, RecordStatus, Role, RoleAssignment, Section

    existing = Person.objects.filter(username="bench.teacher").first()
    if existing:
        return existing
    student = Enrollment.EnrollmentRole.STUDENT
    sections = list(
        Section.objects.annotate(n=Count("enrollments", filter=Q(enrollments__role=student,
                                                                 enrollments__status=RecordStatus.ACTIVE)))
        .filter(n__gte=28, n__lte=32).order_by("school_id", "id")
    )
    by_school: dict[int, list] = {}
    for section in sections:
        by_school.setdefault(section.school_id, []).append(section)
    chosen = max(by_school.values(), key=len)[:6]
    if len(chosen) < 6:
        chosen = (chosen + [s for s in sections if s not in chosen])[:6]
    school = chosen[0].school
    teacher = Person.objects.create(district_id=school.district_id, username="bench.teacher", given_name="Bench",
                                    family_name="Teacher")
    RoleAssignment.objects.create(person=teacher, role=Role.TEACHER, district_id=school.district_id, school=school)
    for section in chosen:
        Enrollment.objects.create(district_id=section.district_id, section=section, person=teacher,
                                  school_id=section.school_id, role=Enrollment.EnrollmentRole.TEACHER)
    return teacher


def _personas():
    """The queue's teacher, the first student of their first class, that student's guardian and active goal."""
    from pollinate.goals.models import Goal
    from pollinate.people.models import Enrollment, Guardianship, Person, RecordStatus

    active = RecordStatus.ACTIVE
    teacher = _bench_teacher()
    student = Person.objects.get(
        pk=Enrollment.objects.filter(
            section_id__in=Enrollment.objects.filter(person=teacher, role__in=Enrollment.TEACHING_ROLES,
                                                     status=active).values("section_id"),
            role=Enrollment.EnrollmentRole.STUDENT, status=active,
        ).order_by("section_id", "person_id").values_list("person_id", flat=True)[0]
    )
    guardianship = Guardianship.objects.filter(student=student, status=active).select_related("guardian").first()
    goal = Goal.objects.filter(learner=student, status=Goal.Status.ACTIVE).order_by("id").first()
    return teacher, student, (guardianship.guardian if guardianship else teacher), goal


def machine_speed_ms() -> float:
    """A fixed pure-Python workload (median of 7): these shared machines vary by up to 2x from minute to minute, so
    figures taken minutes apart are comparable only next to this number."""
    def work() -> int:
        total = 0
        for i in range(1_000_000):
            total += i % 7
        return total

    times = []
    for _ in range(7):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _measure(label: str, user, url: str, requests: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    for _ in range(3):
        response = client.get(url)
    if response.status_code != 200:
        return {"page": label, "url": url, "status": response.status_code}
    timings, cpu, sql = [], [], []
    in_sql = [0.0]

    def timed(execute, sql_text, params, many, context):
        # Statement time as this process waits for it (round trip included; a commit's wait is not a statement).
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            in_sql[0] += (time.perf_counter() - started) * 1000

    with connection.execute_wrapper(timed):
        for _ in range(requests):
            in_sql[0] = 0.0
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            sql.append(in_sql[0])
            reset_queries()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    timings.sort()
    return {"page": label, "url": url, "status": 200, "median": statistics.median(timings),
            "p90": timings[int(0.9 * (len(timings) - 1))], "cpu": statistics.median(cpu),
            "sql": statistics.median(sql), "queries": len(captured.captured_queries)}


def _sizes() -> dict[str, int]:
    from pollinate.evidence.models import Evidence
    from pollinate.goals.models import Goal
    from pollinate.people.models import Enrollment, Person, Role
    from pollinate.reflections.models import Reflection

    return {
        "students": Person.objects.filter(role_assignments__role=Role.STUDENT).count(),
        "enrollments": Enrollment.objects.count(),
        "goals": Goal.objects.count(),
        "evidence": Evidence.objects.count(),
        "reflections": Reflection.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="PostgreSQL URL (database dropped and created again)")
    parser.add_argument("--sqlite-file", type=Path,
                        default=Path(tempfile.gettempdir()) / "pollinate-bench-learning.sqlite3")
    parser.add_argument("--students", type=int, default=None, help="a scaled-down district (default: 50,000)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the database when it already holds the data")
    args = parser.parse_args()

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

    if args.keep and _has_activity():
        # A kept database from an earlier version of the code: bring its schema (and data migrations) up to date.
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=1, interactive=False)
        print(f"migrate (kept database): {time.perf_counter() - started:.1f} s", flush=True)
    else:
        seconds = _seed(args.students)
        print(f"seed_demo ({args.students or 'district'} students, {label}): {seconds:.1f} s", flush=True)
        started = time.perf_counter()
        written = _generate_activity()
        seconds = time.perf_counter() - started
        total = sum(written.values())
        print(f"generated activity: {total:,} rows in {seconds:.1f} s ({total / seconds:,.0f} rows/s)", flush=True)
        for table, rows in written.items():
            print(f"  {table:<32} {rows:>12,}")

    from django.urls import reverse

    sizes = _sizes()
    teacher, student, reader, goal = _personas()
    from pollinate.people.models import Enrollment

    classes = Enrollment.objects.filter(person=teacher, role__in=Enrollment.TEACHING_ROLES).count()
    load = os.getloadavg()[0]
    taught = Enrollment.objects.filter(
        section_id__in=Enrollment.objects.filter(person=teacher, role__in=Enrollment.TEACHING_ROLES)
        .values("section_id"), role=Enrollment.EnrollmentRole.STUDENT).values("person_id").distinct().count()
    print(f"\n{label}: " + ", ".join(f"{v:,} {k}" for k, v in sizes.items()))
    print(f"queue teacher: {teacher.username} ({classes} classes, {taught} students); learner: {student.username}; "
          f"portfolio read by: {reader.username}; load average {load:.1f} on {os.cpu_count()} CPUs "
          "(cpu ms = this process's CPU time, which other load disturbs less than wall time; sql ms = time spent "
          "waiting in statements, round trips included)")
    pages = [
        ("learner home", student, reverse("dashboards:home")),
        ("goal page (guide)", teacher, reverse("goals:detail", args=[goal.pk])),
        ("portfolio (family)", reader, reverse("evidence:portfolio", args=[student.pk])),
        ("guide queue (6 classes)", teacher, reverse("dashboards:queue")),
    ]
    print(f"\n{'page':<26} {'median ms':>10} {'p90 ms':>8} {'cpu ms':>8} {'sql ms':>8} {'queries':>8}  {'target':>7}")
    failed = False
    for page_label, user, page_url in pages:
        result = _measure(page_label, user, page_url, args.requests)
        if result["status"] != 200:
            print(f"{page_label:<26} {'HTTP ' + str(result['status']):>10}")
            failed = True
            continue
        ok = result["median"] <= TARGET_MS
        failed |= not ok
        print(f"{page_label:<26} {result['median']:>10.1f} {result['p90']:>8.1f} {result['cpu']:>8.1f} "
              f"{result['sql']:>8.1f} {result['queries']:>8}  "
              f"{'ok' if ok else 'SLOW':>7}")
    print(f"reference loop {machine_speed_ms():.0f} ms (lower is a faster machine; compare runs next to it)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
