"""`seed_demo`: loads the demo district once, replaces it only when asked, and prints working sign-ins."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from pollinate.core.models import AuditEvent
from pollinate.demo import generator as g
from pollinate.demo.services import DEMO_PASSWORD
from pollinate.people.models import (
    AcademicSession,
    CoachingAssignment,
    Course,
    District,
    Enrollment,
    Guardianship,
    Person,
    Role,
    RoleAssignment,
    School,
    Section,
)

MODELS = (District, School, AcademicSession, Course, Section, Person, RoleAssignment, Enrollment, Guardianship,
          CoachingAssignment, AuditEvent)
YEAR = "2027"


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, "--school-year", YEAR, "--quiet", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def test_seed_loads_the_demo_district_and_prints_a_login_per_role(db):
    output = _seed("--size", "tiny")

    district = District.objects.get(slug="demo")
    assert district.name == "Pollinate Demo District"
    assert School.objects.filter(district=district).count() == 1
    assert RoleAssignment.objects.filter(district=district, role=Role.STUDENT).count() == 30
    assert "Loaded Pollinate Demo District" in output
    assert f"password for all: {DEMO_PASSWORD}" in output
    for username in g.DEMO_USERNAMES.values():
        assert f"  {username}  " in output
    assert AuditEvent.objects.filter(verb="demo.seeded", object_id=str(district.pk)).count() == 1


def test_second_run_changes_nothing_and_says_so(db):
    _seed("--size", "tiny")
    before = _counts()

    output = _seed("--size", "tiny")

    assert _counts() == before
    assert "Pollinate Demo District already exists; nothing changed (use --reset to load it again)." in output
    assert "demo-teacher" in output


def test_a_different_size_does_not_replace_an_existing_demo(db):
    _seed("--size", "tiny")
    before = _counts()

    _seed("--size", "small")

    assert _counts() == before


def test_reset_replaces_the_demo_and_leaves_other_districts_alone(world):
    _seed("--size", "tiny")
    others = Person.objects.exclude(district__slug="demo").count()
    first = set(Person.objects.filter(district__slug="demo").values_list("username", flat=True))
    old_district_id = District.objects.get(slug="demo").pk

    _seed("--size", "tiny", "--seed", "99", "--reset")

    district = District.objects.get(slug="demo")
    assert district.pk != old_district_id
    assert Person.objects.exclude(district__slug="demo").count() == others
    assert Person.objects.filter(username="teacher", district__slug="alder").exists()
    second = set(Person.objects.filter(district=district).values_list("username", flat=True))
    assert second != first
    assert RoleAssignment.objects.filter(district=district, role=Role.STUDENT).count() == 30
    assert not Enrollment.objects.filter(district_id=old_district_id).exists()


def test_same_seed_loads_the_same_people_and_classes(db):
    _seed("--size", "tiny")
    first = _snapshot()
    _seed("--size", "tiny", "--reset")
    assert _snapshot() == first


def _snapshot():
    return (
        sorted(Person.objects.filter(district__slug="demo").values_list("sourced_id", "username", "birth_date")),
        sorted(Enrollment.objects.filter(district__slug="demo").values_list("section__sourced_id",
                                                                            "person__sourced_id", "role")),
        sorted(Guardianship.objects.filter(district__slug="demo").values_list("guardian__username",
                                                                              "student__username")),
    )


def test_progress_is_one_line_per_kind_of_record_on_stderr(db):
    out, err = StringIO(), StringIO()
    call_command("seed_demo", "--size", "tiny", "--school-year", YEAR, stdout=out, stderr=err)

    lines = err.getvalue().splitlines()
    labels = [line.split("  ")[1].strip() for line in lines]
    assert labels == ["district", "academic sessions", "schools", "courses", "people", "roles", "classes",
                      "enrollments", "guardianships", "coaching links", "learning activity", "mastery", "teams",
                      "coaching", "scheduling"]
    people = Person.objects.filter(district__slug="demo").count()
    assert lines[4].split()[1] == f"{people:,}"
    assert lines[4].endswith("s")
