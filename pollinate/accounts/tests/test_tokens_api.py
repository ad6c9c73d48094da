from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from pollinate.accounts import services
from pollinate.accounts.models import ApiToken
from pollinate.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def api_client():
    # A program, not a browser: no cookies, and CSRF checks enforced as in production.
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def teacher_token(world):
    return services.api_token_create(actor=world.teacher, name="sync", days=30)


def test_token_reads_schools_as_its_owner(world, api_client):
    _, raw = services.api_token_create(actor=world.leader_a1, name="reports", days=30)
    response = api_client.get("/api/v1/schools", **bearer(raw))
    assert response.status_code == 200
    assert [s["name"] for s in response.json()["items"]] == ["Alder Elementary"]


def test_no_credentials_is_401(world, api_client):
    response = api_client.get("/api/v1/schools")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required.", "errors": []}


def test_create_list_revoke_over_the_api_without_csrf(world, api_client, teacher_token):
    _, raw = teacher_token
    created = api_client.post(
        "/api/v1/tokens", {"name": "nightly export", "expires_in_days": None}, content_type="application/json",
        **bearer(raw),
    )
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "nightly export"
    assert body["expires_at"] is None
    assert body["token"].startswith(body["prefix"])
    assert ApiToken.objects.get(pk=body["id"]).digest == ApiToken.digest_of(body["token"])

    listed = api_client.get("/api/v1/tokens", **bearer(raw)).json()
    assert [(t["name"], t["state"]) for t in listed] == [("nightly export", "active"), ("sync", "active")]
    assert all("token" not in t and "digest" not in t for t in listed)

    assert api_client.delete(f"/api/v1/tokens/{body['id']}", **bearer(raw)).status_code == 204
    assert api_client.get("/api/v1/schools", **bearer(body["token"])).status_code == 401
    assert list(AuditEvent.objects.filter(verb__startswith="api_token.").values_list("verb", flat=True)) == [
        "api_token.revoke", "api_token.create", "api_token.create",
    ]


def test_session_posts_still_need_csrf(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.teacher)
    assert browser.get("/api/v1/tokens").status_code == 200
    response = browser.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert ApiToken.objects.count() == 0


def test_invalid_create_is_refused_and_writes_nothing(world, api_client, teacher_token):
    _, raw = teacher_token
    for payload in ({"name": ""}, {"name": "x", "expires_in_days": 0}):
        response = api_client.post("/api/v1/tokens", payload, content_type="application/json", **bearer(raw))
        assert response.status_code == 422
    blank = api_client.post("/api/v1/tokens", {"name": "   "}, content_type="application/json", **bearer(raw))
    assert blank.status_code == 400
    assert ApiToken.objects.count() == 1


def test_revoked_token_is_401_even_for_unsafe_methods(world, api_client, teacher_token):
    token, raw = teacher_token
    services.api_token_revoke(actor=world.teacher, token_id=token.pk)
    assert api_client.get("/api/v1/schools", **bearer(raw)).status_code == 401
    response = api_client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json", **bearer(raw))
    assert response.status_code == 401
    assert ApiToken.objects.count() == 1


def test_expired_token_is_401(world, api_client, teacher_token):
    _, raw = teacher_token
    assert api_client.get("/api/v1/schools", **bearer(raw)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=30, seconds=1), tick=False):
        assert api_client.get("/api/v1/schools", **bearer(raw)).status_code == 401


def test_deactivated_owners_tokens_stop_working(world, api_client, teacher_token):
    _, raw = teacher_token
    world.teacher.is_active = False
    world.teacher.save(update_fields=["is_active"])
    assert api_client.get("/api/v1/schools", **bearer(raw)).status_code == 401


@pytest.mark.parametrize("header", ["Bearer pln_not-a-real-token", "Bearer not-even-ours", "Bearer "])
def test_unknown_tokens_are_401(world, api_client, header):
    assert api_client.get("/api/v1/schools", HTTP_AUTHORIZATION=header).status_code == 401


def test_bad_token_is_not_rescued_by_a_session(world, teacher_token):
    token, raw = teacher_token
    services.api_token_revoke(actor=world.teacher, token_id=token.pk)
    browser = Client()
    browser.force_login(world.teacher)
    assert browser.get("/api/v1/tokens", **bearer(raw)).status_code == 401


def test_others_tokens_are_invisible_and_cannot_be_revoked(world, api_client, teacher_token):
    _, raw = teacher_token
    theirs, _ = services.api_token_create(actor=world.other_teacher, name="theirs", days=30)
    assert [t["name"] for t in api_client.get("/api/v1/tokens", **bearer(raw)).json()] == ["sync"]
    response = api_client.delete(f"/api/v1/tokens/{theirs.pk}", **bearer(raw))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": []}
    assert api_client.delete("/api/v1/tokens/999999", **bearer(raw)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_last_used_is_recorded_at_most_once_a_minute(world, api_client, teacher_token):
    token, raw = teacher_token
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        api_client.get("/api/v1/tokens", **bearer(raw))
        token.refresh_from_db()
        assert token.last_used_at == start
        clock.shift(timedelta(seconds=30))
        api_client.get("/api/v1/tokens", **bearer(raw))
        token.refresh_from_db()
        assert token.last_used_at == start
        clock.shift(timedelta(seconds=31))
        api_client.get("/api/v1/tokens", **bearer(raw))
        token.refresh_from_db()
        assert token.last_used_at == start + timedelta(seconds=61)
