"""Benchmark the OneRoster import at district size.

    .venv/bin/python bench/bench_import.py                      # generate a set, SQLite file database
    .venv/bin/python bench/bench_import.py --database-url postgres://postgres@127.0.0.1:5432/pollinate_bench
    .venv/bin/python bench/bench_import.py --dir /path/to/oneroster-set --scale 0.1

Imports the set into a fresh database, imports it again (must write nothing), then times a plain
``bulk_create`` of the same rows into the same tables (the floor nothing can beat) and prints the figures.
Issue target: 50,000 students, 3,000 educators, 60 schools, 9,000 classes, 320,000 enrollments in <= 60 s;
re-import <= 20 s with zero writes; peak RSS <= 500 MB. A PostgreSQL database named in --database-url is
dropped and created again.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STUDENTS, TEACHERS, SCHOOLS, CLASSES, ENROLLMENTS = 50_000, 3_000, 60, 9_000, 320_000


def generate(folder: Path, scale: float) -> int:
    """A deterministic OneRoster 1.1 bulk set, written row by row. Returns the number of data rows."""
    students, teachers = int(STUDENTS * scale), int(TEACHERS * scale)
    schools, classes, enrollments = max(int(SCHOOLS * scale), 1), int(CLASSES * scale), int(ENROLLMENTS * scale)
    folder.mkdir(parents=True, exist_ok=True)
    rows = 0

    def write(name: str, header: str, lines) -> None:
        nonlocal rows
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh, lineterminator="\n")
            fh.write(header + "\n")
            for line in lines:
                out.writerow(line)
                rows += 1

    stamp = ""
    write(
        "orgs",
        "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
        [["dist", "", stamp, "Bench District", "district", "", ""]]
        + [[f"sch{i}", "", stamp, f"School {i}", "school", f"{1000 + i}", "dist"] for i in range(schools)],
    )
    write(
        "academicSessions",
        "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
        [
            ["y", "", stamp, "2025-26", "schoolYear", "2025-08-15", "2026-06-15", "", "2026"],
            ["t1", "", stamp, "Fall", "term", "2025-08-15", "2025-12-20", "y", "2026"],
            ["t2", "", stamp, "Spring", "term", "2026-01-05", "2026-06-15", "y", "2026"],
        ],
    )
    courses_per_school = 20
    write(
        "courses",
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,"
        "subjects,subjectCodes",
        (
            [f"crs{s}-{c}", "", stamp, "y", f"Course {c}", f"C{c}", "", f"sch{s}", "", ""]
            for s in range(schools)
            for c in range(courses_per_school)
        ),
    )
    write(
        "classes",
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
        "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
        (
            [
                f"cls{k}",
                "",
                stamp,
                f"Class {k}",
                "",
                f"crs{k % schools}-{k % courses_per_school}",
                f"K{k}",
                "scheduled",
                f"Room {k % 40}",
                f"sch{k % schools}",
                "t1" if k % 2 else "t1,t2",
                "",
                "",
                str(k % 7),
            ]
            for k in range(classes)
        ),
    )

    def users():
        for t in range(teachers):
            yield [
                f"tch{t}",
                "",
                stamp,
                "true",
                f"sch{t % schools}",
                "teacher",
                f"teacher{t}",
                "",
                f"Tea{t}",
                f"Cher{t}",
                "",
                f"T{t}",
                f"teacher{t}@bench.example",
                "",
                "",
                "",
                "",
                "",
            ]
        for s in range(students):
            yield [
                f"stu{s}",
                "",
                stamp,
                "true",
                f"sch{s % schools}",
                "student",
                f"student{s}",
                "",
                f"Stu{s}",
                f"Dent{s}",
                "",
                f"S{s}",
                "",
                "",
                "",
                "",
                "09",
                "",
            ]

    write(
        "users",
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
        "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
        users(),
    )

    def enrollment_rows():
        for k in range(classes):
            yield [
                f"enr-t{k}",
                "",
                stamp,
                f"cls{k}",
                f"sch{k % schools}",
                f"tch{k % teachers}",
                "teacher",
                "true",
                "",
                "",
            ]
        for e in range(enrollments - classes):
            k = e % classes
            student = (e // classes * 7919 + k) % students
            yield [f"enr-s{e}", "", stamp, f"cls{k}", f"sch{k % schools}", f"stu{student}", "student", "false", "", ""]

    write(
        "enrollments",
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
        enrollment_rows(),
    )
    manifest = ["propertyName,value", "manifest.version,1.0", "oneroster.version,1.1"]
    manifest += [f"file.{n},bulk" for n in ("orgs", "academicSessions", "courses", "classes", "users", "enrollments")]
    (folder / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return rows


def fresh_database(url: str | None, workdir: Path) -> str:
    if not url:
        db = workdir / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{db}"
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor(folder: Path) -> float:
    """Plain bulk_create of the same rows into the same tables (a second district), no checks, no comparison."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from pollinate.people.models import AcademicSession, Course, District, Enrollment, Person, School, Section

    def rows(name: str):
        with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
            yield from csv.DictReader(fh)

    def create(model, objects) -> dict[str, int]:
        ids: dict[str, int] = {}
        batch = []
        for obj in objects:
            batch.append(obj)
            if len(batch) == 2000:
                ids.update((o.sourced_id, o.pk) for o in model.objects.bulk_create(batch))
                batch = []
        ids.update((o.sourced_id, o.pk) for o in model.objects.bulk_create(batch))
        return ids

    start = time.perf_counter()
    with transaction.atomic():
        d = District.objects.create(name="Floor", slug="floor")
        schools = create(
            School,
            (
                School(district=d, sourced_id=r["sourcedId"], name=r["name"])
                for r in rows("orgs")
                if r["type"] == "school"
            ),
        )
        sessions = create(
            AcademicSession,
            (
                AcademicSession(
                    district=d,
                    sourced_id=r["sourcedId"],
                    title=r["title"],
                    kind=r["type"],
                    starts_on=r["startDate"],
                    ends_on=r["endDate"],
                    school_year=int(r["schoolYear"]),
                )
                for r in rows("academicSessions")
            ),
        )
        courses = create(
            Course,
            (
                Course(district=d, sourced_id=r["sourcedId"], title=r["title"], school_id=schools[r["orgSourcedId"]])
                for r in rows("courses")
            ),
        )
        sections = create(
            Section,
            (
                Section(
                    district=d,
                    sourced_id=r["sourcedId"],
                    title=r["title"],
                    school_id=schools[r["schoolSourcedId"]],
                    course_id=courses[r["courseSourcedId"]],
                )
                for r in rows("classes")
            ),
        )
        through = Section.terms.through
        through.objects.bulk_create(
            (
                through(section_id=sections[r["sourcedId"]], academicsession_id=sessions[t])
                for r in rows("classes")
                for t in r["termSourcedIds"].split(",")
            ),
            batch_size=2000,
        )
        password = make_password(None)
        people = create(
            Person,
            (
                Person(
                    district=d,
                    sourced_id=r["sourcedId"],
                    username="floor-" + r["username"],
                    given_name=r["givenName"],
                    family_name=r["familyName"],
                    password=password,
                )
                for r in rows("users")
            ),
        )
        create(
            Enrollment,
            (
                Enrollment(
                    district=d,
                    sourced_id=r["sourcedId"],
                    section_id=sections[r["classSourcedId"]],
                    person_id=people[r["userSourcedId"]],
                    school_id=schools[r["schoolSourcedId"]],
                    role=r["role"],
                )
                for r in rows("enrollments")
            ),
        )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="an existing OneRoster set (folder or .zip) instead of generating")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the issue's district size to generate")
    parser.add_argument("--database-url", help="PostgreSQL URL (the database is dropped and created); default SQLite")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "pollinate-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    if args.dir:
        folder = args.dir
        rows = None
    else:
        folder = args.workdir / f"set-{args.scale:g}"
        started = time.perf_counter()
        rows = generate(folder, args.scale)
        print(f"generated {rows:,} rows in {time.perf_counter() - started:.1f} s -> {folder}")

    os.environ["DATABASE_URL"] = fresh_database(args.database_url, args.workdir)
    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from pollinate.people.models import District
    from pollinate.roster.services import import_roster, summary_lines

    district = District.objects.create(name="Bench", slug="bench")
    print(f"database: {connection.vendor}")

    started = time.perf_counter()
    first = import_roster(actor=None, district=district, path=folder, dry_run=False)
    seconds = time.perf_counter() - started
    if first.status != "succeeded":
        print("\n".join(first.errors[:20]))
        sys.exit(1)
    rows = rows or first.rows_total
    rss = peak_rss_mb()
    print(
        f"import: {rows:,} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s, {first.writes:,} writes, "
        f"peak RSS {rss:.0f} MB"
    )
    for line in summary_lines(first):
        print("  " + line)

    started = time.perf_counter()
    second = import_roster(actor=None, district=district, path=folder, dry_run=False)
    again = time.perf_counter() - started
    print(f"re-import: {again:.1f} s, {second.writes} writes, peak RSS {peak_rss_mb():.0f} MB")

    if args.dir and str(folder).endswith(".zip"):
        print("floor: skipped for a .zip (unzip it and pass the folder)")
        return
    floor_seconds = floor(Path(folder))
    print(
        f"floor (plain bulk_create of the same rows): {floor_seconds:.1f} s; import / floor = "
        f"{seconds / floor_seconds:.2f}x"
    )


if __name__ == "__main__":
    main()
