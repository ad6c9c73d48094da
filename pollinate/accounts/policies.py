"""Who may see which API tokens: a token is personal, so only its owner, whatever their roles."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pollinate.accounts.models import ApiToken


def api_tokens_visible_to(actor: Any) -> QuerySet[ApiToken]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(person_id=actor.pk)


def can_revoke_api_token(actor: Any, token: ApiToken) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and token.person_id == actor.pk
