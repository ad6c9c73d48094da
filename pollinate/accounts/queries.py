"""Reads for the API tokens page and the tokens API."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from pollinate.accounts.models import ApiToken
from pollinate.accounts.policies import api_tokens_visible_to


def api_token_list(*, viewer: Any) -> QuerySet[ApiToken]:
    """The viewer's own tokens, newest first, revoked and expired ones included (so they can tell what broke)."""
    return api_tokens_visible_to(viewer).order_by("-created_at", "-id")


def password_reset_recipients(*, email: str) -> list[Any]:
    """Active people with this email address (any case), the ones a reset link is sent to.

    There is no viewer: whoever asks only ever learns "check your email", whatever this returns.
    """
    people = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
    return [person for person in people if person.email.casefold() == email.casefold()]
