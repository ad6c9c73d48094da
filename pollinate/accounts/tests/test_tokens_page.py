from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from pollinate.accounts import services
from pollinate.accounts.models import ApiToken
from pollinate.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def raw_token_in(html: str) -> str:
    match = re.search(r'id="new-token" type="text" value="(pln_[A-Za-z0-9_-]+)"', html)
    assert match, html
    return match.group(1)


def test_page_requires_sign_in(world, client):
    response = client.get("/accounts/tokens/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/tokens/"


def test_create_shows_the_token_once_and_it_works(world, client_for):
    client = client_for(world.teacher)
    response = client.post("/accounts/tokens/", {"name": "Gradebook sync", "expires_in": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    raw = raw_token_in(html)
    assert "this is the only time it is shown" in html

    token = ApiToken.objects.get()
    assert (token.person, token.name, token.prefix) == (world.teacher, "Gradebook sync", raw[:10])
    assert token.digest == ApiToken.digest_of(raw)
    assert token.expires_at - token.created_at == timedelta(days=30)
    # The list never shows the secret again, only its prefix.
    listing = client.get("/accounts/tokens/").content.decode()
    assert raw not in listing
    assert f"{token.prefix}…" in listing
    assert client.get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


@pytest.mark.parametrize(("choice", "days"), [("90", 90), ("365", 365), ("never", None)])
def test_expiry_choices(world, client_for, choice, days):
    client_for(world.teacher).post("/accounts/tokens/", {"name": "x", "expires_in": choice})
    token = ApiToken.objects.get()
    if days is None:
        assert token.expires_at is None
    else:
        assert token.expires_at - token.created_at == timedelta(days=days)


def test_invalid_create_shows_errors_and_writes_nothing(world, client_for):
    client = client_for(world.teacher)
    response = client.post("/accounts/tokens/", {"name": "   ", "expires_in": "7"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "expires_in"}
    assert 'role="alert"' in response.content.decode()
    assert ApiToken.objects.count() == 0
    assert not AuditEvent.objects.filter(verb="api_token.create").exists()


def test_list_shows_only_my_tokens_with_their_state(world, client_for, django_assert_max_num_queries):
    services.api_token_create(actor=world.teacher, name="Active one", days=30)
    revoked, _ = services.api_token_create(actor=world.teacher, name="Revoked one", days=30)
    services.api_token_revoke(actor=world.teacher, token_id=revoked.pk)
    expired, _ = services.api_token_create(actor=world.teacher, name="Expired one", days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    services.api_token_create(actor=world.other_teacher, name="Not mine", days=30)

    client = client_for(world.teacher)
    client.get("/accounts/tokens/")  # warm the session and scope caches
    with django_assert_max_num_queries(8):
        response = client.get("/accounts/tokens/")
    assert [t.name for t in response.context["tokens"]] == ["Expired one", "Revoked one", "Active one"]
    assert [t.state for t in response.context["tokens"]] == ["expired", "revoked", "active"]
    html = response.content.decode()
    assert "Not mine" not in html
    # Revoked tokens offer no revoke button; the others do, each with its confirmation text.
    assert html.count("Yes, revoke this token") == 2
    assert "Revoke “Active one”? Anything using it stops working at once." in html


def test_revoke_from_the_page(world, client_for):
    token, raw = services.api_token_create(actor=world.teacher, name="Old script", days=30)
    client = client_for(world.teacher)
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/tokens/"
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Token “Old script” is revoked." in client.get("/accounts/tokens/").content.decode()
    assert client.get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_revoke_needs_post(world, client_for):
    token, _ = services.api_token_create(actor=world.teacher, name="Old script", days=30)
    assert client_for(world.teacher).get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_cannot_revoke_someone_elses_token_from_the_page(world, client_for):
    theirs, _ = services.api_token_create(actor=world.other_teacher, name="Theirs", days=30)
    response = client_for(world.teacher).post(f"/accounts/tokens/{theirs.pk}/revoke/")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert not AuditEvent.objects.filter(verb="api_token.revoke").exists()
