"""Every shared OneRoster sample set (/work/shared/samples/oneroster, read in place): counts or exact errors."""

from __future__ import annotations

import shutil

import pytest

from pollinate.people.models import Enrollment, Person, RoleAssignment, School, Section
from pollinate.roster.services import import_roster, summary_lines
from pollinate.roster.tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db
CATALYST = SAMPLES / "catalyst-moodle-enrol_oneroster"
LEPO = SAMPLES / "lepo-project-roster-hub" / "en"
HISTORY_IS_A_SCHOOL = "History Department is a department; classes are held there, so it is imported as a school"
NO_COURSE = "is not in the set (manifest.csv marks courses.csv absent); the class is imported without a course"
TEACHER_AS_STUDENT = "is enrolled as a student but is not a student in users.csv; imported"


def run(path, district):
    return import_roster(actor=None, district=district, path=path, dry_run=False)


@pytest.mark.parametrize("path", [CATALYST / "oneroster_test_data", CATALYST / "oneroster_test_data.zip"])
def test_catalyst_v1p2_delta_set_imports(path, district):
    result = run(path, district)

    assert result.status == "succeeded", result.errors
    assert summary_lines(result) == [
        "orgs: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "academicSessions: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "courses: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "classes: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "users: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "roles: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "guardians: 0 created, 0 updated, 0 deactivated, 0 unchanged",
        "enrollments: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "userProfiles: 1 counted, not stored",
    ]
    bruce = Person.objects.get(sourced_id="USER_0")
    assert (bruce.username, str(bruce.birth_date), bruce.has_usable_password()) == ("brucewayne", "2010-04-17", False)
    assert result.warnings == [
        "users.csv:1: password: passwords in the file are ignored; people sign in by invitation or single sign-on",
        "userProfiles.csv:1: -: 1 user profiles counted, not stored: credentials for other applications are not "
        "kept in Pollinate",
    ]
    assert run(path, district).writes == 0


def test_catalyst_minimal_set_imports(district):
    """SOURCES.md calls it conformant: its classes sit at a department (imported as a school), name courses the
    manifest marks absent (classes without a course) and enroll a teacher as a student (accepted with a warning)."""
    path = CATALYST / "Test_minimal_data_set"

    result = run(path, district)

    assert result.status == "succeeded", result.errors
    assert summary_lines(result) == [
        "orgs: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "academicSessions: 5 created, 0 updated, 0 deactivated, 0 unchanged",
        "courses: 0 created, 0 updated, 0 deactivated, 0 unchanged",
        "classes: 2 created, 0 updated, 0 deactivated, 0 unchanged",
        "users: 6 created, 0 updated, 0 deactivated, 0 unchanged",
        "roles: 6 created, 0 updated, 0 deactivated, 0 unchanged",
        "guardians: 0 created, 0 updated, 0 deactivated, 0 unchanged",
        "enrollments: 6 created, 0 updated, 0 deactivated, 0 unchanged",
    ]
    assert result.warnings == [
        f"orgs.csv:2: type: {HISTORY_IS_A_SCHOOL}",
        f'classes.csv:2: courseSourcedId: "crs-222-2023-456-12345" {NO_COURSE}',
        'classes.csv:1: classType: values are case-sensitive; "Scheduled" was read as "scheduled"',
        f'classes.csv:3: courseSourcedId: "crs-222-2023-456-23456" {NO_COURSE}',
        "users.csv:1: password: passwords in the file are ignored; people sign in by invitation or single sign-on",
        f'enrollments.csv:3: role: "usr-222-987654" {TEACHER_AS_STUDENT}',
        f'enrollments.csv:6: role: "usr-222-987654" {TEACHER_AS_STUDENT}',
    ]
    assert list(School.objects.values_list("sourced_id", "name")) == [("org-sch-222-456", "History Department")]
    assert sorted(Section.objects.values_list("sourced_id", "school__name", "course")) == [
        ("cls-222-123456", "History Department", None),
        ("cls-222-123478", "History Department", None),
    ]
    assert (Person.objects.count(), Enrollment.objects.count()) == (6, 6)
    assert sorted(RoleAssignment.objects.values_list("person__username", "role", "school__name")) == [
        ("anna.brown", "student", "History Department"),
        ("jim.smith", "teacher", "History Department"),
        ("john.doe", "teacher", "History Department"),
        ("mary.jones", "student", "History Department"),
        ("mmichel.jones", "student", "History Department"),
        ("thomas.joness", "guardian", None),
    ]
    before = sorted(Person.objects.values_list("id", "updated_at"))

    again = run(path, district)

    assert again.status == "succeeded" and again.writes == 0
    assert summary_lines(again) == [
        "orgs: 0 created, 0 updated, 0 deactivated, 1 unchanged",
        "academicSessions: 0 created, 0 updated, 0 deactivated, 5 unchanged",
        "courses: 0 created, 0 updated, 0 deactivated, 0 unchanged",
        "classes: 0 created, 0 updated, 0 deactivated, 2 unchanged",
        "users: 0 created, 0 updated, 0 deactivated, 6 unchanged",
        "roles: 0 created, 0 updated, 0 deactivated, 6 unchanged",
        "guardians: 0 created, 0 updated, 0 deactivated, 0 unchanged",
        "enrollments: 0 created, 0 updated, 0 deactivated, 6 unchanged",
    ]
    assert sorted(Person.objects.values_list("id", "updated_at")) == before


@pytest.mark.parametrize("path", [CATALYST / "Test_full_data_set", CATALYST / "Test_full_data_set.zip"])
def test_catalyst_full_set_imports_with_lenient_warnings(path, district):
    result = run(path, district)

    assert result.status == "succeeded", result.errors
    assert [result.counts[e]["created"] for e in ("orgs", "academicSessions", "classes", "users", "enrollments")] == [
        1,
        5,
        2,
        6,
        6,
    ]
    assert result.counts["guardians"]["created"] == 1
    assert result.warnings == [
        f"orgs.csv:2: type: {HISTORY_IS_A_SCHOOL}",
        'orgs.csv:2: parentSourcedId: "org-sch-222-3456" is not in orgs.csv; the link is ignored',
        "academicSessions.csv:1: status: bulk files should not carry a status; rows marked tobedeleted are imported "
        "as inactive",
        "academicSessions.csv:1: dateLastModified: dates without a time are read as midnight UTC; the spec wants "
        "YYYY-MM-DDThh:mm:ss.sssZ",
        'academicSessions.csv:3: parentSourcedId: "as-syr-222-2023" is not in academicSessions.csv; the session is '
        "imported without a parent",
        'academicSessions.csv:6: parentSourcedId: "as-syr-222-2023" is not in academicSessions.csv; the session is '
        "imported without a parent",
        f'classes.csv:2: courseSourcedId: "crs-222-2023-456-12345" {NO_COURSE}',
        'classes.csv:1: classType: values are case-sensitive; "Scheduled" was read as "scheduled"',
        "classes.csv:1: status: bulk files should not carry a status; rows marked tobedeleted are imported as inactive",
        f'classes.csv:3: courseSourcedId: "crs-222-2023-456-23456" {NO_COURSE}',
        "users.csv:1: dateLastModified: dates without a time are read as midnight UTC; the spec wants "
        "YYYY-MM-DDThh:mm:ss.sssZ",
        "users.csv:1: password: passwords in the file are ignored; people sign in by invitation or single sign-on",
        f'enrollments.csv:3: role: "usr-222-987654" {TEACHER_AS_STUDENT}',
        f'enrollments.csv:6: role: "usr-222-987654" {TEACHER_AS_STUDENT}',
        'users.csv:3: agentSourcedIds: "usr-222-123456" is not a parent, guardian or relative of this student (or '
        "the other way round); the link is ignored",
        'users.csv:5: agentSourcedIds: "usr-222-123456" is not a parent, guardian or relative of this student (or '
        "the other way round); the link is ignored",
        'users.csv:6: agentSourcedIds: "usr-222-123456" is not a parent, guardian or relative of this student (or '
        "the other way round); the link is ignored",
        'users.csv:7: agentSourcedIds: "usr-222-987654" is not a parent, guardian or relative of this student (or '
        "the other way round); the link is ignored",
    ]
    assert Section.objects.get(sourced_id="cls-222-123478").status == "inactive"  # tobedeleted in a bulk file
    assert run(path, district).writes == 0


@pytest.mark.parametrize("path", [CATALYST / "v1p2_full_dataset", CATALYST / "v1p2_full_dataset.zip"])
def test_catalyst_broken_v1p2_set_lists_every_problem(path, district):
    result = run(path, district)

    assert result.status == "failed"
    assert result.errors == [
        'manifest.csv:21: value: "file.scoreScales" has no value; use bulk, delta or absent',
        'manifest.csv:22: value: "file.userProfiles" has no value; use bulk, delta or absent',
        'manifest.csv:23: value: "file.userResources" has no value; use bulk, delta or absent',
        'userprofiles.csv:1: -: file names are case-sensitive; rename it to "userProfiles.csv"',
        'users.csv:1: prefferedGivenName: unknown column; did you mean "preferredGivenName"? (names are '
        "case-sensitive)",
        'users.csv:1: prefferedMiddleName: unknown column; did you mean "preferredMiddleName"? (names are '
        "case-sensitive)",
        'users.csv:1: prefferedFamilyName: unknown column; did you mean "preferredFamilyName"? (names are '
        "case-sensitive)",
        'users.csv:2: dateLastModified: "1/05/2023" is not a date and time; use YYYY-MM-DDThh:mm:ss.sssZ',
        'users.csv:4: dateLastModified: "1/05/2023" is not a date and time; use YYYY-MM-DDThh:mm:ss.sssZ',
        'users.csv:5: dateLastModified: "1/05/2023" is not a date and time; use YYYY-MM-DDThh:mm:ss.sssZ',
        'users.csv:6: dateLastModified: "1/05/2023" is not a date and time; use YYYY-MM-DDThh:mm:ss.sssZ',
        'users.csv:7: dateLastModified: "15/06/2023" is not a date and time; use YYYY-MM-DDThh:mm:ss.sssZ',
        'roles.csv:1: dataLastModified: unknown column; did you mean "dateLastModified"? (names are case-sensitive)',
    ]
    assert result.warning_count == 13
    assert Person.objects.count() == School.objects.count() == 0


@pytest.mark.parametrize("path", [LEPO, LEPO / "oneroster.zip"])
def test_lepo_set_is_refused_for_its_role_conflict(path, district):
    result = run(path, district)

    assert result.status == "failed"
    assert result.errors == [
        'enrollments.csv:2: role: "us0001" is a student in users.csv but is enrolled as teacher',
        'enrollments.csv:3: role: "us0001" is a student in users.csv but is enrolled as teacher',
        'enrollments.csv:4: role: "us0001" is a student in users.csv but is enrolled as teacher',
        'enrollments.csv:5: role: "us0001" is a student in users.csv but is enrolled as teacher',
        'enrollments.csv:6: role: "us0002" is a student in users.csv but is enrolled as teacher',
    ]
    assert result.warnings == ['manifest.csv:10: propertyName: unknown property "fiel.demographics"; ignored']
    assert Person.objects.count() == 0


def test_lepo_set_imports_once_its_teachers_are_teachers(district, tmp_path):
    """The same data with the two teachers' role corrected (a copy in tmp_path, never in the project)."""
    fixed = tmp_path / "lepo"
    shutil.copytree(LEPO, fixed)
    users = (fixed / "users.csv").read_text(encoding="utf-8")
    for sid in ("us0001", "us0002"):
        users = users.replace(f'"{sid}","","","true","or0001","student"', f'"{sid}","","","true","or0001","teacher"')
    (fixed / "users.csv").write_text(users, encoding="utf-8")

    result = run(fixed, district)

    assert result.status == "succeeded", result.errors
    assert [
        result.counts[e]["created"] for e in ("orgs", "academicSessions", "courses", "classes", "users", "enrollments")
    ] == [1, 4, 2, 5, 20, 30]
    assert Enrollment.objects.filter(role="teacher").count() == 5
    assert run(fixed, district).writes == 0
