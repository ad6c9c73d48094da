"""/healthz: what a load balancer or monitor sees, with and without a database."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert "no-cache" in response["Cache-Control"]


def test_503_when_the_database_does_not_answer(client):
    with mock.patch("pollinate.core.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable", "detail": "OperationalError"}


def test_health_is_public_and_reveals_no_data(world, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert world.student.display_name not in response.content.decode()


def test_health_answers_get_only(client):
    assert client.post("/healthz").status_code == 405
