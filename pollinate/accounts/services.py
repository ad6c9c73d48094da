"""Writes for sign-in safety and API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pollinate.accounts.models import ApiToken
from pollinate.core.audit import audit_log
from pollinate.core.errors import NotFound

TOKEN_PREFIX = "pln_"  # noqa: S105 (a public marker, not a secret)


def api_token_list(*, owner: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(person=owner)


def api_token_create(*, actor: Any, name: str, days: int | None = 90) -> tuple[ApiToken, str]:
    """Create a token for ``actor`` and return it with the raw secret (shown to the person once)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            person=actor,
            name=name.strip(),
            prefix=raw[: len(TOKEN_PREFIX) + 6],
            digest=ApiToken.digest_of(raw),
            expires_at=timezone.now() + timedelta(days=days) if days else None,
        )
        audit_log(actor, "api_token.create", token, district_id=actor.district_id, name=token.name)
    return token, raw


def api_token_revoke(*, actor: Any, token_id: int) -> ApiToken:
    with transaction.atomic():
        try:
            token = ApiToken.objects.select_for_update().get(pk=token_id, person=actor)
        except ApiToken.DoesNotExist as exc:
            raise NotFound("Token not found.") from exc
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_log(actor, "api_token.revoke", token, district_id=actor.district_id)
    return token


def api_token_authenticate(*, raw: str) -> Any | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("person")
        .filter(digest=ApiToken.digest_of(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_usable or not token.person.is_active:
        return None
    now = timezone.now()
    # Touch at most once a minute so a busy integration does not write on every call.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.person
