"""pollinate import_oneroster: exit code, problem lines on stderr, one summary line per entity."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pollinate.people.models import District, Person
from pollinate.roster.tests.conftest import BASE_ROWS, write_set

pytestmark = pytest.mark.django_db


def call(*args):
    out, err = StringIO(), StringIO()
    call_command("import_oneroster", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_one_summary_line_per_entity(district, roster_dir):
    out, err = call(roster_dir, "--district", "maple")

    assert out.splitlines() == [
        "Imported into district maple: 30 write(s).",
        "orgs: 2 created, 1 updated, 0 deactivated, 0 unchanged",
        "academicSessions: 2 created, 0 updated, 0 deactivated, 0 unchanged",
        "courses: 2 created, 0 updated, 0 deactivated, 0 unchanged",
        "classes: 2 created, 0 updated, 0 deactivated, 0 unchanged",
        "users: 6 created, 0 updated, 0 deactivated, 0 unchanged",
        "roles: 6 created, 0 updated, 0 deactivated, 0 unchanged",
        "guardians: 1 created, 0 updated, 0 deactivated, 0 unchanged",
        "enrollments: 4 created, 0 updated, 0 deactivated, 0 unchanged",
    ]
    assert err == (
        "warning: users.csv:1: password: passwords in the file are ignored; people sign in by "
        "invitation or single sign-on\n"
    )


def test_reimport_says_nothing_changed(district, roster_dir):
    call(roster_dir)
    out, _err = call(roster_dir)
    assert out.splitlines()[:2] == [
        "Imported into district maple: 0 write(s).",
        "Nothing changed: the database already matches these files.",
    ]


def test_dry_run_writes_nothing(district, roster_dir):
    out, _err = call(roster_dir, "--dry-run")
    assert out.splitlines()[:2] == [
        "Dry run (nothing written) into district maple: 0 write(s).",
        "orgs: 2 created, 1 updated, 0 deactivated, 0 unchanged",
    ]
    assert Person.objects.count() == 0


def test_refused_set_exits_non_zero_and_lists_every_error(district, tmp_path):
    rows = {"enrollments": [*BASE_ROWS["enrollments"], "e9,,,k9,s1,u2,student,,,", "e10,,,k1,s1,u2,student,,,x"]}
    err = StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_oneroster", str(write_set(tmp_path / "set", rows)), stdout=StringIO(), stderr=err)

    assert str(excinfo.value) == "Import refused: 2 error(s); nothing was written."
    assert [line for line in err.getvalue().splitlines() if line.startswith("ERROR")] == [
        'ERROR: enrollments.csv:6: classSourcedId: "k9" is not in classes.csv',
        'ERROR: enrollments.csv:7: endDate: "x" is not a date; use YYYY-MM-DD',
    ]
    assert Person.objects.count() == 0


def test_without_any_district_one_is_created_from_the_district_org(db, roster_dir):
    out, _err = call(roster_dir)
    district = District.objects.get()
    assert (district.name, district.slug, district.sourced_id) == ("Maple District", "maple-district", "d1")
    assert out.startswith("Imported into district maple-district:")


def test_several_districts_need_the_option(district, roster_dir):
    District.objects.create(name="Oak", slug="oak")
    with pytest.raises(CommandError, match="choose one with --district"):
        call(roster_dir)


def test_missing_path_is_a_clear_error(district, tmp_path):
    with pytest.raises(CommandError, match="No such folder or file"):
        call(tmp_path / "nowhere.zip")
