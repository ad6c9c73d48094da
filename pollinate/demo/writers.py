"""Two writers for the demo record stream: database rows, and a OneRoster 1.1 bulk CSV set.

Both take records as they come and keep only what they must (sourced id → primary key maps for the
database; nothing but open files for CSV), so a 50,000-student district streams through in small batches.
"""

from __future__ import annotations

import csv
import secrets
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.db import connection
from django.utils import timezone

from pollinate.demo import generator as g
from pollinate.people.models import (
    AcademicSession,
    CoachingAssignment,
    Course,
    District,
    Enrollment,
    Guardianship,
    Person,
    RecordStatus,
    RoleAssignment,
    School,
    Section,
)

BATCH_SIZE = 2000

# Columns written by executemany, in the order the rows give them (every NOT NULL column without a default).
PERSON_COLUMNS = (
    "district", "sourced_id", "status", "username", "email", "given_name", "family_name", "middle_name",
    "preferred_name", "identifier", "grades", "phone", "birth_date", "preferred_language", "is_active", "is_staff",
    "is_superuser", "date_joined", "updated_at", "password",
)
ROLE_COLUMNS = ("person", "role", "district", "school", "from_roster", "status", "created_at")
ENROLLMENT_COLUMNS = ("district", "sourced_id", "status", "updated_at", "section", "school", "person", "role",
                      "primary")
GUARDIANSHIP_COLUMNS = ("district", "sourced_id", "status", "updated_at", "guardian", "student", "relationship")

# Words a person would use for each kind of record, in progress lines and summaries.
LABELS = {
    g.DistrictRec: "district",
    g.SessionRec: "academic sessions",
    g.SchoolRec: "schools",
    g.CourseRec: "courses",
    g.PersonRec: "people",
    g.RoleRec: "roles",
    g.SectionRec: "classes",
    g.EnrollmentRec: "enrollments",
    g.GuardianshipRec: "guardianships",
    g.CoachingRec: "coaching links",
}


class Progress:
    """One line on stderr each time a kind of record is finished: how many, and the time since the start."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.started = time.perf_counter()
        self.counts: Counter[str] = Counter()

    def done(self, label: str, count: int) -> None:
        self.counts[label] += count
        if self.stream is not None:
            elapsed = time.perf_counter() - self.started
            self.stream.write(f"  {label:<18} {count:>9,}  {elapsed:7.1f}s\n")
            self.stream.flush()

    def note(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(f"  {text:<28}  {time.perf_counter() - self.started:7.1f}s\n")
            self.stream.flush()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _drive(records: Iterable[g.Record], flush: Callable[[type, list[Any]], None], progress: Progress) -> None:
    """Group the stream into batches of one kind; tell ``flush`` each batch and ``progress`` each finished kind."""
    kind: type | None = None
    batch: list[Any] = []
    count = 0
    for record in records:
        if type(record) is not kind:
            if kind is not None:
                flush(kind, batch)
                progress.done(LABELS[kind], count + len(batch))
            kind, batch, count = type(record), [], 0
        batch.append(record)
        if len(batch) >= BATCH_SIZE:
            flush(kind, batch)
            count += len(batch)
            batch = []
    if kind is not None:
        flush(kind, batch)
        progress.done(LABELS[kind], count + len(batch))


# ---------------------------------------------------------------------------------------------- database


class DatabaseWriter:
    """Writes the stream in batches (plain executemany for the big tables). The caller holds the transaction.

    Only the named demo accounts get a usable password, all sharing one hash: hashing a password costs a
    large fraction of a second by design, and the rest of the district never signs in with one.
    """

    def __init__(self, *, demo_password: str, progress: Progress) -> None:
        self.progress = progress
        self.demo_password_hash = make_password(demo_password)
        self.district: District | None = None
        self.ids: dict[type, dict[str, int]] = {
            School: {}, AcademicSession: {}, Course: {}, Person: {}, Section: {},
        }
        self._returns_ids = connection.features.can_return_rows_from_bulk_insert
        self._people_loaded = True
        self.started_at = timezone.now()

    def write(self, records: Iterable[g.Record]) -> District:
        _drive(records, self._flush, self.progress)
        if self.district is None:
            raise ValueError("the record stream had no district")
        return self.district

    def _flush(self, kind: type, batch: list[Any]) -> None:
        if batch:
            getattr(self, f"_write_{kind.__name__}")(batch)

    def _now(self) -> Any:
        return connection.ops.adapt_datetimefield_value(self.started_at)

    @staticmethod
    def _insert_rows(model: type, fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Insert plain tuples with one executemany: for the big tables (people, roles, enrollments,
        guardianships) building a model instance per row costs several times the insert itself. (Multi-row
        VALUES measured slower on PostgreSQL: Django binds parameters client-side, so a long statement is
        rebuilt as text every time.)

        Values must already be in database form (dates and times through ``connection.ops.adapt_*``).
        """
        meta = model._meta
        quote = connection.ops.quote_name
        columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - model names
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def _insert(self, model: type, objs: list[Any]) -> None:
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        if model in self.ids:
            mapping = self.ids[model]
            if self._returns_ids:
                for obj in objs:
                    mapping[obj.sourced_id] = obj.pk
            else:
                wanted = [obj.sourced_id for obj in objs]
                mapping.update(
                    model.objects.filter(district=self.district, sourced_id__in=wanted).values_list("sourced_id", "pk")
                )

    def _write_DistrictRec(self, batch: list[g.DistrictRec]) -> None:
        rec = batch[0]
        self.district = District.objects.create(name=rec.name, slug=rec.slug, sourced_id=rec.sourced_id)

    def _write_SessionRec(self, batch: list[g.SessionRec]) -> None:
        mapping = self.ids[AcademicSession]
        # Parents come before their children in the stream, so one row at a time resolves them (a few rows).
        for rec in batch:
            session = AcademicSession.objects.create(
                district=self.district, sourced_id=rec.sourced_id, title=rec.title, kind=rec.kind,
                starts_on=rec.starts_on, ends_on=rec.ends_on, school_year=rec.school_year,
                parent_id=mapping.get(rec.parent_sourced_id),
            )
            mapping[rec.sourced_id] = session.pk

    def _write_SchoolRec(self, batch: list[g.SchoolRec]) -> None:
        self._insert(School, [
            School(district=self.district, sourced_id=r.sourced_id, name=r.name, identifier=r.identifier)
            for r in batch
        ])

    def _write_CourseRec(self, batch: list[g.CourseRec]) -> None:
        schools, sessions = self.ids[School], self.ids[AcademicSession]
        self._insert(Course, [
            Course(district=self.district, sourced_id=r.sourced_id, school_id=schools[r.school_sourced_id],
                   school_year_id=sessions[r.school_year_sourced_id], title=r.title, code=r.code,
                   grades=r.grades, subjects=r.subjects)
            for r in batch
        ])

    def _write_PersonRec(self, batch: list[g.PersonRec]) -> None:
        now = self._now()
        date = connection.ops.adapt_datefield_value
        rows = []
        for r in batch:
            password = (
                self.demo_password_hash if r.demo_account else UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
            )
            rows.append((
                self.district.pk, r.sourced_id, RecordStatus.ACTIVE, r.username, r.email, r.given_name,
                r.family_name, "", "", r.identifier, r.grades, "", date(r.birth_date), r.preferred_language,
                True, False, False, now, now, password,
            ))
        self._insert_rows(Person, PERSON_COLUMNS, rows)
        self._people_loaded = False

    def _people(self) -> dict[str, int]:
        # People are inserted without RETURNING (see _insert_rows); one query maps them all afterwards.
        if not self._people_loaded:
            self.ids[Person] = dict(Person.objects.filter(district=self.district).values_list("sourced_id", "pk"))
            self._people_loaded = True
        return self.ids[Person]

    def _write_RoleRec(self, batch: list[g.RoleRec]) -> None:
        people, schools, now = self._people(), self.ids[School], self._now()
        self._insert_rows(RoleAssignment, ROLE_COLUMNS, [
            (people[r.person_sourced_id], r.role, self.district.pk,
             schools[r.school_sourced_id] if r.school_sourced_id else None, r.from_roster, RecordStatus.ACTIVE, now)
            for r in batch
        ])

    def _write_SectionRec(self, batch: list[g.SectionRec]) -> None:
        schools, courses, sessions = self.ids[School], self.ids[Course], self.ids[AcademicSession]
        self._insert(Section, [
            Section(district=self.district, sourced_id=r.sourced_id, school_id=schools[r.school_sourced_id],
                    course_id=courses[r.course_sourced_id], title=r.title, code=r.code, kind=r.kind,
                    location=r.location, periods=r.periods, grades=r.grades, subjects=r.subjects)
            for r in batch
        ])
        sections = self.ids[Section]
        Terms = Section.terms.through
        Terms.objects.bulk_create(
            [Terms(section_id=sections[r.sourced_id], academicsession_id=sessions[term])
             for r in batch for term in r.term_sourced_ids],
            batch_size=BATCH_SIZE,
        )

    def _write_EnrollmentRec(self, batch: list[g.EnrollmentRec]) -> None:
        sections, schools, people, now = self.ids[Section], self.ids[School], self._people(), self._now()
        district, active = self.district.pk, RecordStatus.ACTIVE
        self._insert_rows(Enrollment, ENROLLMENT_COLUMNS, [
            (district, r.sourced_id, active, now, sections[r.section_sourced_id], schools[r.school_sourced_id],
             people[r.person_sourced_id], r.role, r.primary)
            for r in batch
        ])

    def _write_GuardianshipRec(self, batch: list[g.GuardianshipRec]) -> None:
        people, now, district, active = self._people(), self._now(), self.district.pk, RecordStatus.ACTIVE
        self._insert_rows(Guardianship, GUARDIANSHIP_COLUMNS, [
            (district, r.sourced_id, active, now, people[r.guardian_sourced_id], people[r.student_sourced_id],
             r.relationship)
            for r in batch
        ])

    def _write_CoachingRec(self, batch: list[g.CoachingRec]) -> None:
        people, schools = self._people(), self.ids[School]
        self._insert(CoachingAssignment, [
            CoachingAssignment(district=self.district, coach_id=people[r.coach_sourced_id],
                               coachee_id=people[r.coachee_sourced_id], kind=r.kind,
                               school_id=schools[r.school_sourced_id] if r.school_sourced_id else None)
            for r in batch
        ])


# ---------------------------------------------------------------------------------------------- OneRoster CSV

ONEROSTER_HEADERS: dict[str, tuple[str, ...]] = {
    "orgs.csv": ("sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"),
    "academicSessions.csv": ("sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate",
                             "parentSourcedId", "schoolYear"),
    "courses.csv": ("sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode",
                    "grades", "orgSourcedId", "subjects", "subjectCodes"),
    "classes.csv": ("sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode",
                    "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes",
                    "periods"),
    "users.csv": ("sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username",
                  "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone",
                  "agentSourcedIds", "grades", "password"),
    "enrollments.csv": ("sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId",
                        "userSourcedId", "role", "primary", "beginDate", "endDate"),
    "demographics.csv": ("sourcedId", "status", "dateLastModified", "birthDate", "sex",
                         "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                         "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
                         "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation",
                         "cityOfBirth", "publicSchoolResidenceStatus"),
}
# Files of the OneRoster 1.1 CSV binding this set does not carry (gradebook and resources).
ONEROSTER_ABSENT = ("categories.csv", "classResources.csv", "courseResources.csv", "lineItems.csv",
                    "resources.csv", "results.csv")
MANIFEST = "manifest.csv"
ZIP_NAME = "oneroster.zip"


class OneRosterCsvWriter:
    """Writes a OneRoster 1.1 bulk CSV set into ``outdir``: rows go straight to the files as they come.

    In a bulk file ``status`` and ``dateLastModified`` stay empty (the spec reserves them for delta files).
    """

    def __init__(self, outdir: Path, *, progress: Progress) -> None:
        self.outdir = Path(outdir)
        self.progress = progress
        self.rows: Counter[str] = Counter()

    def write(self, records: Iterable[g.Record], *, as_zip: bool = False) -> list[Path]:
        self.outdir.mkdir(parents=True, exist_ok=True)
        handles = {name: (self.outdir / name).open("w", newline="", encoding="utf-8") for name in ONEROSTER_HEADERS}
        try:
            self.writers = {name: csv.writer(handle) for name, handle in handles.items()}
            for name, header in ONEROSTER_HEADERS.items():
                self.writers[name].writerow(header)
            _drive(records, self._flush, self.progress)
        finally:
            for handle in handles.values():
                handle.close()
        self._write_manifest()
        paths = [self.outdir / MANIFEST, *(self.outdir / name for name in ONEROSTER_HEADERS)]
        if not as_zip:
            return paths
        archive = self.outdir / ZIP_NAME
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for path in paths:
                bundle.write(path, arcname=path.name)
        for path in paths:
            path.unlink()
        return [archive]

    def _write_manifest(self) -> None:
        with (self.outdir / MANIFEST).open("w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(("propertyName", "value"))
            out.writerow(("manifest.version", "1.0"))
            out.writerow(("oneroster.version", "1.1"))
            files = dict.fromkeys(ONEROSTER_HEADERS, "bulk") | dict.fromkeys(ONEROSTER_ABSENT, "absent")
            for name in sorted(files):
                out.writerow((f"file.{name.removesuffix('.csv')}", files[name]))
            out.writerow(("source.systemName", "Pollinate demo data"))
            out.writerow(("source.systemCode", "pollinate-demo"))

    def _rows(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        self.writers[name].writerows(rows)
        self.rows[name] += len(rows)

    def _flush(self, kind: type, batch: list[Any]) -> None:
        if not batch:
            return
        handler = getattr(self, f"_write_{kind.__name__}", None)
        if handler is not None:
            handler(batch)

    def _write_DistrictRec(self, batch: list[g.DistrictRec]) -> None:
        self._rows("orgs.csv", [(r.sourced_id, "", "", r.name, "district", "", "") for r in batch])

    def _write_SchoolRec(self, batch: list[g.SchoolRec]) -> None:
        self._rows("orgs.csv", [
            (r.sourced_id, "", "", r.name, "school", r.identifier, g.DISTRICT_SOURCED_ID) for r in batch
        ])

    def _write_SessionRec(self, batch: list[g.SessionRec]) -> None:
        self._rows("academicSessions.csv", [
            (r.sourced_id, "", "", r.title, r.kind, r.starts_on.isoformat(), r.ends_on.isoformat(),
             r.parent_sourced_id, r.school_year)
            for r in batch
        ])

    def _write_CourseRec(self, batch: list[g.CourseRec]) -> None:
        self._rows("courses.csv", [
            (r.sourced_id, "", "", r.school_year_sourced_id, r.title, r.code, r.grades, r.school_sourced_id,
             r.subjects, "")
            for r in batch
        ])

    def _write_SectionRec(self, batch: list[g.SectionRec]) -> None:
        self._rows("classes.csv", [
            (r.sourced_id, "", "", r.title, r.grades, r.course_sourced_id, r.code, r.kind, r.location,
             r.school_sourced_id, ",".join(r.term_sourced_ids), r.subjects, "", r.periods)
            for r in batch
        ])

    def _write_PersonRec(self, batch: list[g.PersonRec]) -> None:
        self._rows("users.csv", [
            (r.sourced_id, "", "", "true", ",".join(r.org_sourced_ids), r.oneroster_role, r.username, "",
             r.given_name, r.family_name, "", r.identifier, r.email, "", "", ",".join(r.agent_sourced_ids),
             r.grades, "")
            for r in batch
        ])
        self._rows("demographics.csv", [
            (r.sourced_id, "", "", r.birth_date.isoformat(), "", "", "", "", "", "", "", "", "", "", "", "")
            for r in batch if r.birth_date is not None
        ])

    def _write_EnrollmentRec(self, batch: list[g.EnrollmentRec]) -> None:
        self._rows("enrollments.csv", [
            (r.sourced_id, "", "", r.section_sourced_id, r.school_sourced_id, r.person_sourced_id, r.role,
             "true" if r.primary else "false", "", "")
            for r in batch
        ])
