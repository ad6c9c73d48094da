"""Importing a valid set: what is created, updated, deactivated; idempotence; delta; dry run; atomicity."""

from __future__ import annotations

import datetime as dt

import pytest

from pollinate.core.models import AuditEvent
from pollinate.people.models import (
    AcademicSession,
    Course,
    Enrollment,
    Guardianship,
    Person,
    Role,
    RoleAssignment,
    School,
    Section,
)
from pollinate.roster.models import ImportRun
from pollinate.roster.services import import_roster, summary_lines
from pollinate.roster.tests.conftest import BASE_ROWS, write_set

pytestmark = pytest.mark.django_db


def run(path, district, *, dry_run=False):
    return import_roster(actor=None, district=district, path=path, dry_run=dry_run)


def c(created=0, updated=0, deactivated=0, unchanged=0):
    return {"created": created, "updated": updated, "deactivated": deactivated, "unchanged": unchanged}


def table_sizes():
    return [
        m.objects.count()
        for m in (
            School,
            AcademicSession,
            Course,
            Section,
            Person,
            RoleAssignment,
            Guardianship,
            Enrollment,
            Section.terms.through,
        )
    ]


def test_first_import_creates_everything(district, roster_dir):
    result = run(roster_dir, district)

    assert result.status == ImportRun.Status.SUCCEEDED, result.problems
    assert summary_lines(result) == [
        "orgs: 2 created, 1 updated, 0 deactivated, 0 unchanged",
        "academicSessions: 2 created, 0 updated, 0 deactivated, 0 unchanged",
        "courses: 2 created, 0 updated, 0 deactivated, 0 unchanged",
        "classes: 2 created, 0 updated, 0 deactivated, 0 unchanged",
        "users: 6 created, 0 updated, 0 deactivated, 0 unchanged",
        "roles: 6 created, 0 updated, 0 deactivated, 0 unchanged",
        "guardians: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "enrollments: 4 created, 0 updated, 0 deactivated, 0 unchanged",
    ]
    district.refresh_from_db()
    assert district.sourced_id == "d1"
    ada = Person.objects.get(sourced_id="u1")
    assert (ada.username, ada.given_name, ada.email, ada.identifier, ada.district_id) == (
        "ateacher",
        "Ada",
        "ada@maple.example",
        "T001",
        district.pk,
    )
    assert not ada.has_usable_password()  # the file's "secret" is never stored
    roles = set(RoleAssignment.objects.values_list("person__sourced_id", "role", "school__sourced_id", "from_roster"))
    assert roles == {
        ("u1", Role.TEACHER, "s1", True),
        ("u2", Role.STUDENT, "s1", True),
        ("u3", Role.STUDENT, "s2", True),
        ("u4", Role.GUARDIAN, None, True),
        ("u5", Role.SCHOOL_LEADER, "s2", True),
        ("u6", Role.DISTRICT_ADMIN, None, True),
    }
    assert list(Guardianship.objects.values_list("guardian__sourced_id", "student__sourced_id", "relationship")) == [
        ("u4", "u2", "parent")
    ]
    k2 = Section.objects.get(sourced_id="k2")
    assert sorted(k2.terms.values_list("sourced_id", flat=True)) == ["t1", "y2025"]
    assert (k2.school.sourced_id, k2.course.sourced_id, k2.periods) == ("s2", "c2", "2")
    assert AcademicSession.objects.get(sourced_id="t1").parent.sourced_id == "y2025"
    e2 = Enrollment.objects.get(sourced_id="e2")
    assert (e2.role, e2.primary, e2.begins_on, e2.person.sourced_id) == ("student", False, dt.date(2025, 8, 15), "u2")
    assert AuditEvent.objects.filter(verb="roster.import", object_id=str(result.pk)).count() == 1


def test_reimporting_the_same_files_changes_nothing(district, roster_dir):
    run(roster_dir, district)
    stamps = sorted(Person.objects.values_list("updated_at", flat=True))
    events = AuditEvent.objects.count()

    again = run(roster_dir, district)

    assert again.writes == 0
    assert summary_lines(again)[0] == "orgs: 0 created, 0 updated, 0 deactivated, 3 unchanged"
    assert all(
        v["created"] == v["updated"] == v["deactivated"] == 0 for k, v in again.counts.items() if k != "userProfiles"
    )
    assert sorted(Person.objects.values_list("updated_at", flat=True)) == stamps
    assert AuditEvent.objects.count() == events  # nothing written, nothing to audit


def test_bulk_import_deactivates_what_disappeared(district, tmp_path):
    run(write_set(tmp_path / "one"), district)
    rows = {
        "users": [r for r in BASE_ROWS["users"] if not r.startswith("u3,")],
        "enrollments": [r for r in BASE_ROWS["enrollments"] if not r.startswith("e3,")],
    }
    result = run(write_set(tmp_path / "two", rows), district)

    assert result.counts["users"] == c(deactivated=1, unchanged=5)
    assert result.counts["enrollments"] == c(deactivated=1, unchanged=3)
    assert result.counts["roles"] == c(deactivated=1, unchanged=5)
    cal = Person.objects.get(sourced_id="u3")
    assert (cal.status, cal.is_active) == ("inactive", False)  # kept, never deleted
    assert Enrollment.objects.get(sourced_id="e3").status == "inactive"
    assert RoleAssignment.objects.get(person=cal).status == "inactive"


def test_manual_role_assignments_are_never_touched(district, tmp_path):
    run(write_set(tmp_path / "one"), district)
    ada = Person.objects.get(sourced_id="u1")
    manual = RoleAssignment.objects.create(person=ada, role=Role.SITE_COACH, district=district)
    rows = {
        "users": [r for r in BASE_ROWS["users"] if not r.startswith("u1,")],
        "enrollments": [r for r in BASE_ROWS["enrollments"] if ",u1," not in r],
    }

    run(write_set(tmp_path / "two", rows), district)

    manual.refresh_from_db()
    assert (manual.status, manual.from_roster) == ("active", False)
    assert RoleAssignment.objects.get(person=ada, role=Role.TEACHER).status == "inactive"


def test_changed_values_are_updated(district, tmp_path):
    run(write_set(tmp_path / "one"), district)
    users = [r.replace("Ben,Student", "Benjamin,Student") for r in BASE_ROWS["users"]]
    result = run(write_set(tmp_path / "two", {"users": users}), district)

    assert result.counts["users"] == c(updated=1, unchanged=5)
    assert result.writes == 1
    assert Person.objects.get(sourced_id="u2").given_name == "Benjamin"


def test_delta_tobedeleted_deactivates_and_leaves_the_rest(district, tmp_path):
    run(write_set(tmp_path / "one"), district)
    delta = write_set(
        tmp_path / "delta",
        {
            "orgs": None,
            "academicSessions": None,
            "courses": None,
            "classes": None,
            "users": ["u3,tobedeleted,2025-09-01T10:00:00.000Z,true,s2,student,cstudent,,Cal,Student,,S002,,,,,09,"],
            "enrollments": [
                "e3,tobedeleted,2025-09-01T10:00:00.000Z,k2,s2,u3,student,,,",
                "e5,active,2025-09-01T10:00:00.000Z,k2,s2,u2,student,,,",
            ],
        },
        modes={"users": "delta", "enrollments": "delta"},
    )

    result = run(delta, district)

    assert result.status == "succeeded", result.problems
    assert result.counts["users"] == c(deactivated=1)
    assert result.counts["enrollments"] == c(created=1, deactivated=1)
    assert Person.objects.get(sourced_id="u3").is_active is False
    assert Person.objects.filter(status="active").count() == 5
    assert Enrollment.objects.get(sourced_id="e5").section.sourced_id == "k2"


def test_dry_run_reports_and_writes_nothing(district, roster_dir):
    before = table_sizes()
    result = run(roster_dir, district, dry_run=True)

    assert result.status == "succeeded"
    assert result.counts["users"] == c(created=6)
    assert result.counts["enrollments"] == c(created=4)
    assert result.writes == 0
    assert table_sizes() == before
    district.refresh_from_db()
    assert district.sourced_id == ""


def test_a_broken_file_after_good_ones_writes_nothing(district, tmp_path):
    broken = write_set(tmp_path / "set", {"enrollments": [*BASE_ROWS["enrollments"], "e9,,,k1,s1,u404,student,,,"]})
    before = table_sizes()

    result = run(broken, district)

    assert result.status == "failed"
    assert result.errors == ['enrollments.csv:6: userSourcedId: "u404" is not in users.csv']
    assert table_sizes() == before
    assert not AuditEvent.objects.filter(verb="roster.import").exists()


def test_demographics_keep_only_the_birth_date(district, tmp_path):
    demo = ["u2,,,2016-03-01,female,false,false,false,false,true,false,false,US,OR,Salem,"]
    result = run(write_set(tmp_path / "set", {"demographics": demo}), district)

    assert result.status == "succeeded", result.problems
    assert Person.objects.get(sourced_id="u2").birth_date == dt.date(2016, 3, 1)


def test_username_taken_in_another_district_is_an_error_naming_both(district, world, tmp_path):
    users = [r.replace("ateacher", "teacher") for r in BASE_ROWS["users"]]
    result = run(write_set(tmp_path / "set", {"users": users}), district)

    assert result.status == "failed"
    teacher = world.teacher
    assert result.errors == [
        f'users.csv:2: username: "teacher" (sourcedId u1) is already the username of {teacher.given_name} '
        f"{teacher.family_name} (district Alder Valley, sourcedId {teacher.sourced_id or '-'}); usernames must be "
        "unique across Pollinate"
    ]
