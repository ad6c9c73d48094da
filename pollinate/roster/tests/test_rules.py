"""One synthetic set per rule: errors refuse the whole set with file:line: column: message; warnings are accepted."""

from __future__ import annotations

import pytest

from pollinate.people.models import Person, School
from pollinate.roster.services import import_roster
from pollinate.roster.tests.conftest import BASE_ROWS, HEADERS, write_set

pytestmark = pytest.mark.django_db

U = BASE_ROWS["users"]
E = BASE_ROWS["enrollments"]


def replace(rows, old, new):
    return [r.replace(old, new) for r in rows]


ERROR_CASES = {
    "missing required column": (
        {"orgs": ["!header sourcedId,status,dateLastModified,name,identifier,parentSourcedId", "d1,,,Maple,,"]},
        ["orgs.csv:1: type: required column is missing"],
    ),
    "misspelled column": (
        {"users": ["!header " + HEADERS["users"].replace("givenName", "givenname"), *U]},
        [
            'users.csv:1: givenname: unknown column; did you mean "givenName"? (names are case-sensitive)',
            "users.csv:1: givenName: required column is missing",
        ],
    ),
    "unknown role": (
        {"users": replace(U, "principal", "janitor")},
        [
            'users.csv:6: role: "janitor" is not allowed; use one of: student, teacher, aide, '
            "districtAdministrator, administrator, siteAdministrator, principal, parent, guardian, relative, "
            "proctor, counselor, systemAdministrator, extAdmin, extStaff"
        ],
    ),
    "bad date": (
        {"enrollments": replace(E, "2025-08-15", "15/08/2025")},
        ['enrollments.csv:3: beginDate: "15/08/2025" is not a date; use YYYY-MM-DD'],
    ),
    "bad birth date": (
        {"demographics": ["u2,,,15/06/2023,,,,,,,,,,,,"]},
        ['demographics.csv:2: birthDate: "15/06/2023" is not a date; use YYYY-MM-DD'],
    ),
    "session ends before it starts": (
        {
            "academicSessions": [
                "y2025,,,2025-26,schoolYear,2026-08-15,2026-06-15,,2026",
                "t1,,,Fall,term,2025-08-15,2025-12-20,y2025,2026",
            ]
        },
        ["academicSessions.csv:2: endDate: ends (2026-06-15) before it starts (2026-08-15)"],
    ),
    "dangling class": (
        {"enrollments": [*E, "e9,,,k9,s1,u2,student,,,"]},
        ['enrollments.csv:6: classSourcedId: "k9" is not in classes.csv'],
    ),
    "dangling term": (
        {"classes": replace(BASE_ROWS["classes"], ",t1,Science", ",t9,Science")},
        ['classes.csv:2: termSourcedIds: "t9" is not in academicSessions.csv'],
    ),
    "dangling agent": (
        {"users": replace(U, ",u4,04,", ",u44,04,")},
        ['users.csv:3: agentSourcedIds: "u44" is not in users.csv'],
    ),
    "duplicate sourcedId": (
        {"enrollments": [*E, "e1,,,k2,s2,u3,student,,,"]},
        ['enrollments.csv:6: sourcedId: "e1" is used twice (also on line 2)'],
    ),
    "duplicate username": (
        {"users": replace(U, "cstudent", "bstudent")},
        ['users.csv:4: username: "bstudent" is also used on line 3; usernames must be unique'],
    ),
    "student enrolled as teacher": (
        {"enrollments": replace(E, "k2,s2,u3,student", "k2,s2,u3,teacher")},
        ['enrollments.csv:4: role: "u3" is a student in users.csv but is enrolled as teacher'],
    ),
    "dangling course while courses.csv is in the set": (
        {"classes": replace(BASE_ROWS["classes"], ",c1,", ",c9,")},
        ['classes.csv:2: courseSourcedId: "c9" is not in courses.csv'],
    ),
    "class at the district org": (
        {"classes": replace(BASE_ROWS["classes"], ",Room 12,s1,", ",Room 12,d1,")},
        ['classes.csv:2: schoolSourcedId: "d1" is the district, not a school'],
    ),
    "unknown status": (
        {"users": replace(U, "u1,,,", "u1,deleted,,")},
        ['users.csv:2: status: "deleted" is not a status; use active or tobedeleted'],
    ),
    "missing given name": ({"users": replace(U, ",Ada,", ",,")}, ["users.csv:2: givenName: a value is required"]),
    "file listed but missing": ({}, ["courses.csv:1: -: manifest.csv lists this file as bulk but it is missing"]),
    "empty file": ({}, ["orgs.csv:1: -: the file is empty; it needs at least the header row"]),
    "wrong encoding": ({}, ['users.csv:3: -: the file is not UTF-8 text; save it as "CSV UTF-8" and try again']),
    "empty manifest value": ({}, ['manifest.csv:4: value: "file.orgs" has no value; use bulk, delta or absent']),
    "file name in wrong case": ({}, ['Users.csv:1: -: file names are case-sensitive; rename it to "users.csv"']),
    "bad enabledUser": (
        {"users": replace(U, "u1,,,true", "u1,,,yes")},
        ['users.csv:2: enabledUser: "yes" is not true or false'],
    ),
    "bad dateLastModified": (
        {"users": replace(U, "u1,,,", "u1,,1/05/2023,")},
        ['users.csv:2: dateLastModified: "1/05/2023" is not a date and time; use YYYY-MM-DDThh:mm:ss.sssZ'],
    ),
}


def _prepare(name, rows, folder):
    path = write_set(folder, rows)
    if name == "file listed but missing":
        (path / "courses.csv").unlink()
    elif name == "empty file":
        (path / "orgs.csv").write_bytes(b"")
    elif name == "wrong encoding":
        text = (path / "users.csv").read_text().replace("Ben", "Beñ")
        (path / "users.csv").write_bytes(text.encode("latin-1"))
    elif name == "empty manifest value":
        manifest = (path / "manifest.csv").read_text().replace("file.orgs,bulk", "file.orgs,")
        (path / "manifest.csv").write_text(manifest)
    elif name == "file name in wrong case":
        (path / "users.csv").rename(path / "Users.csv")
    return path


@pytest.mark.parametrize("name", list(ERROR_CASES))
def test_each_error_refuses_the_whole_set(name, district, tmp_path):
    rows, expected = ERROR_CASES[name]
    path = _prepare(name, rows, tmp_path / "set")

    result = import_roster(actor=None, district=district, path=path, dry_run=False)

    assert result.status == "failed"
    if name == "file name in wrong case":
        assert result.errors[0] == expected[0]
    else:
        assert result.errors == expected
    assert result.error_count == len(result.errors)
    assert Person.objects.count() == 0 and School.objects.count() == 0


WARNING_CASES = {
    "class type in wrong case": (
        {"classes": replace(BASE_ROWS["classes"], "scheduled", "Scheduled")},
        'classes.csv:1: classType: values are case-sensitive; "Scheduled" was read as "scheduled"',
    ),
    "extension column": (
        {"users": ["!header " + HEADERS["users"] + ",metadata.nickname", *(r + ",x" for r in U)]},
        None,
    ),
    "status in a bulk file": (
        {"users": replace(U, "u5,,,", "u5,tobedeleted,,")},
        "users.csv:1: status: bulk files should not carry a status; rows marked tobedeleted are imported as inactive",
    ),
    "unknown manifest property": ({}, 'manifest.csv:10: propertyName: unknown property "fiel.demographics"; ignored'),
    "department org": (
        {"orgs": [*BASE_ROWS["orgs"], "dep,,,Science Dept,department,,s1"]},
        'orgs.csv:5: type: "department" orgs are not imported; skipped',
    ),
    "org parent not in file": (
        {"orgs": replace(BASE_ROWS["orgs"], "0102,d1", "0102,region9")},
        'orgs.csv:4: parentSourcedId: "region9" is not in orgs.csv; the link is ignored',
    ),
    "password ignored": (
        {},
        "users.csv:1: password: passwords in the file are ignored; people sign in by invitation or single sign-on",
    ),
    "bad email": (
        {"users": replace(U, "ada@maple.example", "ada at maple")},
        'users.csv:2: email: "ada at maple" is not an email address; left empty',
    ),
    "proctor": (
        {"users": [*U, "u7,,,true,s1,proctor,gproctor,,Gus,Proctor,,,,,,,,"]},
        "users.csv:1: role: proctors, counselors and system or external administrators are imported without "
        "a Pollinate role; grant one by hand if needed",
    ),
    "gradebook file listed": (
        {},
        "manifest.csv:10: value: results.csv is not imported (gradebook and resources are "
        "not part of rostering); ignored",
    ),
}


@pytest.mark.parametrize("name", list(WARNING_CASES))
def test_each_warning_is_accepted(name, district, tmp_path):
    rows, expected = WARNING_CASES[name]
    extra = {"unknown manifest property": ["fiel.demographics,bulk"], "gradebook file listed": ["file.results,bulk"]}
    path = write_set(tmp_path / "set", rows, manifest_extra=extra.get(name))

    result = import_roster(actor=None, district=district, path=path, dry_run=False)

    assert result.status == "succeeded", result.errors
    if expected:
        assert expected in result.warnings
    assert Person.objects.filter(district=district).count() >= 6


def test_bom_and_crlf_are_tolerated(district, tmp_path):
    path = write_set(tmp_path / "set")
    for csv_file in path.glob("*.csv"):
        csv_file.write_bytes(b"\xef\xbb\xbf" + csv_file.read_bytes().replace(b"\n", b"\r\n"))

    result = import_roster(actor=None, district=district, path=path, dry_run=False)

    assert result.status == "succeeded", result.errors
    assert result.counts["users"]["created"] == 6


def test_username_falls_back_to_sourced_id(district, tmp_path):
    path = write_set(tmp_path / "set", {"users": replace(U, "ateacher", "")})
    import_roster(actor=None, district=district, path=path, dry_run=False)
    assert Person.objects.get(sourced_id="u1").username == "u1"


def test_users_without_any_role_source_are_refused(district, tmp_path):
    header = HEADERS["users"].replace(",role,", ",")
    users = ["!header " + header, *(",".join(r.split(",")[:5] + r.split(",")[6:]) for r in U)]
    result = import_roster(
        actor=None, district=district, path=write_set(tmp_path / "set", {"users": users}), dry_run=False
    )
    assert result.errors == [
        "users.csv:1: role: no roles: add a role column (OneRoster 1.1) or a roles.csv file (OneRoster 1.2)"
    ]
