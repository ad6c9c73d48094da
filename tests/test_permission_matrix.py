"""Who may read and change which record, by page and by API: the expectation table is the specification.

The tables below are written by hand from the rules in ``pollinate/people/policies.py``'s docstring (they are
not computed from the code under test). For each persona and record: a permitted read answers 200 and shows
the record; a refused one answers 404 (never 403, which would confirm the record exists), shows none of the
record's data and writes nothing; an anonymous page visit is sent to sign in, an anonymous API call gets 401.
"""

from __future__ import annotations

import json

import pytest

from pollinate.accounts import services as account_services
from pollinate.accounts.models import ApiToken
from pollinate.core.models import AuditEvent
from pollinate.people import policies
from pollinate.people.models import Enrollment, Person, RoleAssignment, School, Section
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

ALDER_STAFF_AND_FAMILIES_AT_A1 = {
    "district_admin", "leader_a1", "lead_coach", "coach", "teacher", "other_teacher", "student",
    "other_student", "guardian", "other_guardian", "mentor",
}
BIRCH = {"outsider_admin", "outsider_teacher", "outsider_student"}

# record -> the personas who may see it.
SCHOOL_READERS = {
    "school_a1": ALDER_STAFF_AND_FAMILIES_AT_A1,
    "school_a2": {"district_admin", "leader_a2"},
    "school_b": BIRCH,
}
CLASS_READERS = {
    # Grade 4 Science: taught by teacher, taken by student; coach (and the lead coach above them) support teacher.
    "section": {"district_admin", "leader_a1", "lead_coach", "coach", "teacher", "student", "guardian"},
    "other_section": {"district_admin", "leader_a1", "other_teacher", "other_student", "other_guardian"},
    "outsider_section": BIRCH,
}
PERSON_READERS = {
    "student": {"district_admin", "leader_a1", "teacher", "student", "guardian", "mentor"},
    "other_student": {"district_admin", "leader_a1", "other_teacher", "other_student", "other_guardian"},
    "teacher": {"district_admin", "leader_a1", "lead_coach", "coach", "teacher", "student", "guardian"},
    "guardian": {"district_admin", "leader_a1", "teacher", "guardian"},
    # Anyone sees who coaches or mentors them; the coach's own coach sees them too.
    "coach": {"district_admin", "leader_a1", "lead_coach", "coach", "teacher"},
    "mentor": {"district_admin", "leader_a1", "mentor", "student"},
    "outsider_student": BIRCH,
}
# class -> viewer -> the students the viewer finds on its roster (the roster never widens what a viewer sees:
# coaches see the class and its teacher, not its students).
ROSTER_STUDENTS = {
    "section": {
        "district_admin": ["student"], "leader_a1": ["student"], "lead_coach": [], "coach": [],
        "teacher": ["student"], "student": ["student"], "guardian": ["student"],
    },
    "other_section": {
        "district_admin": ["other_student"], "leader_a1": ["other_student"], "other_teacher": ["other_student"],
        "other_student": ["other_student"], "other_guardian": ["other_student"],
    },
    "outsider_section": {
        "outsider_admin": ["outsider_student"], "outsider_teacher": ["outsider_student"],
        "outsider_student": ["outsider_student"],
    },
}
ROSTER_IMPORTERS = {"district_admin", "outsider_admin"}
LOGIN_URL = "/accounts/login/"


def _cases(table: dict[str, set[str]]) -> list:
    return [pytest.param(persona, record, id=f"{persona}-{record}") for record in table for persona in PERSONAS]


def _expected_read(persona: str, record: str, table: dict[str, set[str]]) -> bool:
    return persona in table[record]


def _assert_page(response, *, persona: str, allowed: bool, secret: str, path: str) -> None:
    body = response.content.decode()
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN_URL}?next={path}"
    elif allowed:
        assert response.status_code == 200
        assert secret in body
    else:
        assert response.status_code == 404
    if not allowed:
        assert secret not in body


def _assert_api(response, *, persona: str, allowed: bool, secret: str) -> None:
    body = response.content.decode()
    if persona == "anonymous":
        assert response.status_code == 401
    elif allowed:
        assert response.status_code == 200
        assert secret in body
    else:
        assert response.status_code == 404
        assert json.loads(body) == {"detail": "Not found.", "errors": []}
    if not allowed:
        assert secret not in body


# --- schools --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "record"), _cases(SCHOOL_READERS))
def test_school_page_lists_only_visible_schools(world, client_for, persona, record):
    school: School = getattr(world, record)
    allowed = _expected_read(persona, record, SCHOOL_READERS)
    response = client_for(world.persona(persona)).get("/people/schools/")
    if persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert (school.name in response.content.decode()) is allowed


@pytest.mark.parametrize(("persona", "record"), _cases(SCHOOL_READERS))
def test_school_api(world, client_for, persona, record):
    school: School = getattr(world, record)
    response = client_for(world.persona(persona)).get(f"/api/v1/schools/{school.pk}")
    _assert_api(response, persona=persona, allowed=_expected_read(persona, record, SCHOOL_READERS),
                secret=school.name)


# --- classes and their rosters --------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "record"), _cases(CLASS_READERS))
def test_class_page_with_roster(world, client_for, persona, record):
    section: Section = getattr(world, record)
    allowed = _expected_read(persona, record, CLASS_READERS)
    path = f"/people/classes/{section.pk}/"
    response = client_for(world.persona(persona)).get(path)
    _assert_page(response, persona=persona, allowed=allowed, secret=section.title, path=path)
    _assert_roster_students(world, response.content.decode(), section, persona, allowed)


@pytest.mark.parametrize(("persona", "record"), _cases(CLASS_READERS))
def test_class_api(world, client_for, persona, record):
    section: Section = getattr(world, record)
    response = client_for(world.persona(persona)).get(f"/api/v1/classes/{section.pk}")
    _assert_api(response, persona=persona, allowed=_expected_read(persona, record, CLASS_READERS),
                secret=section.title)


@pytest.mark.parametrize(("persona", "record"), _cases(CLASS_READERS))
def test_class_roster_api(world, client_for, persona, record):
    section: Section = getattr(world, record)
    allowed = _expected_read(persona, record, CLASS_READERS)
    response = client_for(world.persona(persona)).get(f"/api/v1/classes/{section.pk}/roster")
    _assert_api(response, persona=persona, allowed=allowed, secret=section.title)
    _assert_roster_students(world, response.content.decode(), section, persona, allowed)
    if allowed:
        expected = [getattr(world, name).username for name in ROSTER_STUDENTS[record][persona]]
        assert [s["username"] for s in response.json()["students"]] == expected


def _assert_roster_students(world, body: str, section: Section, persona: str, allowed: bool) -> None:
    shown = set(ROSTER_STUDENTS[_record_name(world, section)].get(persona, [])) if allowed else set()
    for enrollment in Enrollment.objects.filter(section=section, role="student").select_related("person"):
        name = enrollment.person.display_name
        student = next(n for n in PERSONAS if world.persona(n) == enrollment.person)
        assert (name in body) is (student in shown), f"{persona} and {student} on {section.title}"
    if not allowed:
        assert not AuditEvent.objects.exists()


def _record_name(world, section: Section) -> str:
    return next(name for name in CLASS_READERS if getattr(world, name) == section)


# --- people ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "record"), _cases(PERSON_READERS))
def test_person_page(world, client_for, persona, record):
    person: Person = getattr(world, record)
    path = f"/people/{person.pk}/"
    response = client_for(world.persona(persona)).get(path)
    allowed = _expected_read(persona, record, PERSON_READERS)
    _assert_page(response, persona=persona, allowed=allowed, secret=person.display_name, path=path)
    if not allowed:
        assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("persona", "record"), _cases(PERSON_READERS))
def test_person_api(world, client_for, persona, record):
    person: Person = getattr(world, record)
    response = client_for(world.persona(persona)).get(f"/api/v1/people/{person.pk}")
    allowed = _expected_read(persona, record, PERSON_READERS)
    _assert_api(response, persona=persona, allowed=allowed, secret=person.display_name)
    if not allowed:
        assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_everyone_reads_their_own_record(world, client_for, persona):
    me: Person = world.persona(persona)
    client = client_for(me)
    page = client.get(f"/people/{me.pk}/")
    api = client.get(f"/api/v1/people/{me.pk}")
    assert (page.status_code, api.status_code) == (200, 200)
    assert me.display_name in page.content.decode()
    assert api.json()["username"] == me.username
    # Reading one's own record is not a read of someone else's student record.
    assert not AuditEvent.objects.filter(verb="student_record.view").exists()


# --- writes -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_token_revoke_only_by_its_owner(world, client_for, persona):
    token, _raw = account_services.api_token_create(actor=world.teacher, name="gradebook sync", days=30)
    response = client_for(world.persona(persona)).delete(f"/api/v1/tokens/{token.pk}")
    token.refresh_from_db()
    if persona == "teacher":
        assert response.status_code == 204
        assert token.revoked_at is not None
    else:
        assert response.status_code == (401 if persona == "anonymous" else 404)
        assert "gradebook sync" not in response.content.decode()
        assert token.revoked_at is None
        assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_roster_import_page_only_for_district_admins(world, client_for, persona):
    client = client_for(world.persona(persona))
    response = client.get("/roster/import/")
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN_URL}?next=/roster/import/"
    else:
        assert response.status_code == (200 if persona in ROSTER_IMPORTERS else 403)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in ROSTER_IMPORTERS])
def test_roster_import_post_refused_and_writes_nothing(world, client_for, persona):
    before = (Person.objects.count(), Enrollment.objects.count(), RoleAssignment.objects.count(),
              AuditEvent.objects.count())
    response = client_for(world.persona(persona)).post("/roster/import/", {})
    assert response.status_code == (302 if persona == "anonymous" else 403)
    after = (Person.objects.count(), Enrollment.objects.count(), RoleAssignment.objects.count(),
             AuditEvent.objects.count())
    assert after == before


# --- the two halves of each policy agree ------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_view_agrees_with_visible_to(world, persona):
    actor = world.persona(persona)
    pairs = [
        (policies.can_view_person, policies.people_visible_to, Person),
        (policies.can_view_section, policies.sections_visible_to, Section),
        (policies.can_view_school, policies.schools_visible_to, School),
    ]
    for can_view, visible_to, model in pairs:
        visible = set(visible_to(actor).values_list("pk", flat=True))
        for obj in model.objects.all():
            assert can_view(actor, obj) is (obj.pk in visible), f"{persona} {model.__name__} {obj}"


def test_the_tables_cover_every_persona():
    named = set().union(*SCHOOL_READERS.values(), *CLASS_READERS.values(), *PERSON_READERS.values())
    # A persona added to tests/personas.py must be given its row here, or this fails.
    assert set(PERSONAS) - named == {"anonymous"}
