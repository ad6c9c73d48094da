"""`demo_oneroster`: a OneRoster 1.1 bulk CSV set of the same district `seed_demo` loads."""

from __future__ import annotations

import csv
import zipfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from pollinate.people.models import AcademicSession, Course, Enrollment, Person, Role, RoleAssignment, School, Section

YEAR = "2027"
HEADERS = {
    "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
    "academicSessions.csv": "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,"
                            "schoolYear",
    "courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,"
                   "subjects,subjectCodes",
    "classes.csv": "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                   "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
    "users.csv": "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
                 "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
    "enrollments.csv": "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
                       "primary,beginDate,endDate",
    "demographics.csv": "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,"
                        "blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,"
                        "demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,"
                        "stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus",
}


def _write(outdir: Path, *args: str) -> str:
    out = StringIO()
    call_command("demo_oneroster", str(outdir), "--school-year", YEAR, "--quiet", *args, stdout=out)
    return out.getvalue()


def _read(path: Path) -> tuple[str, list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        header = handle.readline().strip()
        handle.seek(0)
        return header, list(csv.DictReader(handle))


def test_files_have_the_exact_oneroster_headers_and_a_bulk_manifest(tmp_path):
    _write(tmp_path, "--size", "tiny")

    for name, header in HEADERS.items():
        assert _read(tmp_path / name)[0] == header, name
    _header, manifest = _read(tmp_path / "manifest.csv")
    values = {row["propertyName"]: row["value"] for row in manifest}
    assert values["manifest.version"] == "1.0"
    assert values["oneroster.version"] == "1.1"
    for name in ("orgs", "academicSessions", "courses", "classes", "users", "enrollments", "demographics"):
        assert values[f"file.{name}"] == "bulk"
    for name in ("categories", "classResources", "courseResources", "lineItems", "resources", "results"):
        assert values[f"file.{name}"] == "absent"


def test_bulk_rows_leave_status_and_date_last_modified_empty(tmp_path):
    _write(tmp_path, "--size", "tiny")
    for name in HEADERS:
        rows = _read(tmp_path / name)[1]
        assert rows, name
        assert {(row["status"], row["dateLastModified"]) for row in rows} == {("", "")}


def test_row_counts_match_the_database_for_the_same_seed(db, tmp_path):
    call_command("seed_demo", "--size", "tiny", "--seed", "5", "--school-year", YEAR, "--quiet", stdout=StringIO())
    _write(tmp_path, "--size", "tiny", "--seed", "5")

    rows = {name: _read(tmp_path / name)[1] for name in HEADERS}
    demo = {"district__slug": "demo"}
    assert len(rows["orgs.csv"]) == School.objects.filter(**demo).count() + 1
    assert len(rows["academicSessions.csv"]) == AcademicSession.objects.filter(**demo).count() == 3
    assert len(rows["courses.csv"]) == Course.objects.filter(**demo).count()
    assert len(rows["classes.csv"]) == Section.objects.filter(**demo).count()
    assert len(rows["users.csv"]) == Person.objects.filter(**demo).count()
    assert len(rows["enrollments.csv"]) == Enrollment.objects.filter(**demo).count()
    students = RoleAssignment.objects.filter(role=Role.STUDENT, **demo)
    assert len(rows["demographics.csv"]) == students.count() == 30
    assert {r["username"] for r in rows["users.csv"]} == set(
        Person.objects.filter(**demo).values_list("username", flat=True)
    )
    born = Person.objects.filter(birth_date__isnull=False, **demo)
    birth_dates = {p.sourced_id: p.birth_date.isoformat() for p in born}
    assert {r["sourcedId"]: r["birthDate"] for r in rows["demographics.csv"]} == birth_dates


def test_guardians_and_students_point_at_each_other(tmp_path):
    _write(tmp_path, "--size", "tiny")
    users = {row["sourcedId"]: row for row in _read(tmp_path / "users.csv")[1]}
    roles = {row["role"] for row in users.values()}
    assert roles == {"student", "teacher", "administrator", "guardian"}
    for user in users.values():
        agents = user["agentSourcedIds"].split(",") if user["agentSourcedIds"] else []
        if user["role"] in ("student", "guardian"):
            assert agents, user["sourcedId"]
            assert all(user["sourcedId"] in users[a]["agentSourcedIds"].split(",") for a in agents)
        else:
            assert agents == []


def test_references_point_at_rows_in_the_set(tmp_path):
    _write(tmp_path, "--size", "tiny")
    ids = {name: {row["sourcedId"] for row in _read(tmp_path / name)[1]} for name in HEADERS}
    for row in _read(tmp_path / "classes.csv")[1]:
        assert row["courseSourcedId"] in ids["courses.csv"]
        assert row["schoolSourcedId"] in ids["orgs.csv"]
        assert set(row["termSourcedIds"].split(",")) <= ids["academicSessions.csv"]
    for row in _read(tmp_path / "enrollments.csv")[1]:
        assert row["classSourcedId"] in ids["classes.csv"]
        assert row["userSourcedId"] in ids["users.csv"]
        assert row["primary"] == ("true" if row["role"] == "teacher" else "false")
    for row in _read(tmp_path / "users.csv")[1]:
        assert set(row["orgSourcedIds"].split(",")) <= ids["orgs.csv"]


def test_zip_bundles_the_files(tmp_path):
    output = _write(tmp_path, "--size", "tiny", "--zip")

    archive = tmp_path / "oneroster.zip"
    assert str(archive) in output
    with zipfile.ZipFile(archive) as bundle:
        assert sorted(bundle.namelist()) == sorted(["manifest.csv", *HEADERS])
        assert bundle.read("users.csv").decode().splitlines()[0] == HEADERS["users.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oneroster.zip"]


def test_same_seed_writes_identical_files(tmp_path):
    _write(tmp_path / "a", "--size", "tiny")
    _write(tmp_path / "b", "--size", "tiny")
    for name in ("manifest.csv", *HEADERS):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
