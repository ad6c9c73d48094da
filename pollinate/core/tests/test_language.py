"""Families see Pollinate in their language: from their record, or chosen on the device."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_guardian_whose_record_says_spanish_gets_spanish_pages(world, client_for):
    world.guardian.preferred_language = "es"
    world.guardian.save()
    response = client_for(world.guardian).get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in response.content.decode()


def test_the_language_picked_on_the_device_wins_over_the_record(world, client_for):
    world.guardian.preferred_language = "es"
    world.guardian.save()
    client = client_for(world.guardian)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.get("/")["Content-Language"] == "en"


def test_people_without_a_preference_get_the_default(world, client_for):
    assert client_for(world.teacher).get("/")["Content-Language"] == "en"


def test_every_page_offers_the_language_picker(world, client_for):
    page = client_for(None).get("/accounts/login/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert 'lang="es"' in page
