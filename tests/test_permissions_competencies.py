"""Competency frameworks for every persona: district A's people see its frameworks and the built-in ones,
district B's people see theirs; only a district's administrator changes its frameworks and scales."""

from __future__ import annotations

import pytest

from pollinate.competencies import policies
from pollinate.competencies.models import Framework
from pollinate.competencies.tests.factories import make_competency, make_framework, make_scale
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

DISTRICT_B = {"outsider_admin", "outsider_teacher", "outsider_student"}
DISTRICT_A = set(PERSONAS) - DISTRICT_B - {"anonymous"}


@pytest.fixture
def alder(world):
    framework = make_framework(world.section.district, title="Alder science")
    item = make_competency(framework, "Ask questions", code="AS.1")
    return framework, item, make_scale(world.section.district)


@pytest.mark.parametrize("name", PERSONAS)
def test_who_sees_and_who_manages_a_districts_framework(world, alder, name):
    framework, item, scale = alder
    person = world.persona(name)
    sees = name in DISTRICT_A
    assert policies.frameworks_visible_to(person).filter(pk=framework.pk).exists() == sees
    assert policies.can_view_framework(person, framework) == sees  # list and detail agree
    assert policies.can_view_competency(person, item) == sees
    assert policies.can_view_scale(person, scale) == sees
    manages = name == "district_admin"
    assert policies.can_manage_frameworks(person, world.section.district) == manages
    assert policies.can_edit_framework(person, framework) == manages
    assert policies.can_edit_competency(person, item) == manages
    assert policies.can_edit_scale(person, scale) == manages


@pytest.mark.parametrize("name", PERSONAS)
def test_built_in_frameworks_are_seen_by_everyone_signed_in_and_changed_by_nobody(world, name):
    person = world.persona(name)
    habits = Framework.objects.get(title="Habits of Mind")
    assert policies.can_view_framework(person, habits) == (name != "anonymous")
    assert policies.can_edit_framework(person, habits) is False


@pytest.mark.parametrize("name", PERSONAS)
def test_framework_page_answers_by_persona(world, alder, client_for, name):
    framework, item, _scale = alder
    client = client_for(world.persona(name))
    response = client.get(f"/competencies/{framework.pk}/")
    competency = client.get(f"/competencies/competency/{item.pk}/")
    method_page = client.get(f"/competencies/{framework.pk}/mastery/")
    if name == "anonymous":
        assert (response.status_code, competency.status_code, method_page.status_code) == (302, 302, 302)
    elif name in DISTRICT_A:
        assert (response.status_code, competency.status_code) == (200, 200)
        assert ("Add a competency" in response.content.decode()) == (name == "district_admin")
        assert method_page.status_code == (200 if name == "district_admin" else 403)
    else:
        assert (response.status_code, competency.status_code, method_page.status_code) == (404, 404, 404)


@pytest.mark.parametrize("name", PERSONAS)
def test_api_answers_by_persona(world, alder, client_for, name):
    framework, item, _scale = alder
    client = client_for(world.persona(name))
    response = client.get(f"/api/v1/competencies/frameworks/{framework.pk}")
    if name == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code == (200 if name in DISTRICT_A else 404)
        listed = client.get("/api/v1/competencies", {"framework_id": framework.pk}).json()["count"]
        assert listed == (1 if name in DISTRICT_A else 0)
        assert client.get(f"/api/v1/competencies/{item.pk}").status_code == (200 if name in DISTRICT_A else 404)
