"""Writes for signing in and out, passwords, and personal API tokens."""

from __future__ import annotations

import math
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pollinate.accounts.lockout import lockout_key, lockout_remaining, lockout_window
from pollinate.accounts.models import ApiToken, LoginFailure, PasswordResetRequest
from pollinate.accounts.policies import api_tokens_visible_to, can_revoke_api_token
from pollinate.core.access import get_object_for, require
from pollinate.core.audit import audit_log
from pollinate.core.errors import ApplicationError

TOKEN_PREFIX = "pln_"  # noqa: S105 (a public marker, not a secret)


class SignInRefused(ApplicationError):
    """Wrong username or password, or locked out. The message never says whether the username exists."""


def lockout_message(remaining: timedelta) -> str:
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return ngettext(
        "Too many failed attempts; try again in %(minutes)d minute or reset your password.",
        "Too many failed attempts; try again in %(minutes)d minutes or reset your password.",
        minutes,
    ) % {"minutes": minutes}


def bad_credentials_message() -> str:
    return _("That username and password do not match. Both are case-sensitive.")


# Signing in has no actor yet (the caller is anonymous until it succeeds), so these take the request.
def sign_in(*, request: HttpRequest, username: str, password: str) -> Any:
    """Sign the person in on ``request`` and return them, or raise SignInRefused.

    While a username is locked out even the right password is refused, and those attempts are not counted
    again: otherwise anyone could keep a teacher locked out for good by retrying every few minutes.
    """
    remaining = lockout_remaining(username)
    if remaining is not None:
        audit_log(None, "auth.login_failed", path=request.path, username=username[:150], reason="locked_out")
        raise SignInRefused(lockout_message(remaining))

    person = auth.authenticate(request, username=username, password=password)
    if person is None:
        login_failure_record(username=username, ip_address=request.META.get("REMOTE_ADDR"), path=request.path)
        remaining = lockout_remaining(username)
        raise SignInRefused(lockout_message(remaining) if remaining is not None else bad_credentials_message())

    with transaction.atomic():
        LoginFailure.objects.filter(username=lockout_key(username)).delete()
        auth.login(request, person)
        audit_log(person, "auth.login", person, district_id=person.district_id, path=request.path)
    return person


def login_failure_record(*, username: str, ip_address: str | None, path: str = "") -> LoginFailure:
    key = lockout_key(username)
    now = timezone.now()
    with transaction.atomic():
        # Failures older than the window no longer count; dropping them keeps the table small.
        LoginFailure.objects.filter(username=key, at__lte=now - lockout_window()).delete()
        failure = LoginFailure.objects.create(username=key, at=now, ip_address=ip_address or None)
        audit_log(None, "auth.login_failed", path=path, username=username[:150], reason="bad_credentials")
    return failure


RESET_WINDOW = timedelta(hours=1)


def password_reset_request_record(*, email: str, ip_address: str | None) -> bool:
    """Note a request for a reset email; True when the email may be sent. Within an hour, an address gets at most
    PASSWORD_RESET_LIMIT emails and one sender may ask for PASSWORD_RESET_IP_LIMIT. The page answers the same
    either way, so it tells nobody whether an address exists or has been limited."""
    now = timezone.now()
    digest = PasswordResetRequest.digest_of(email)
    since = now - RESET_WINDOW
    with transaction.atomic():
        # Requests older than the window no longer count; dropping them keeps the table small.
        PasswordResetRequest.objects.filter(at__lte=since).delete()
        for_address = PasswordResetRequest.objects.filter(email_digest=digest, at__gt=since).count()
        from_sender = (
            PasswordResetRequest.objects.filter(ip_address=ip_address, at__gt=since).count() if ip_address else 0
        )
        PasswordResetRequest.objects.create(email_digest=digest, ip_address=ip_address or None, at=now)
        allowed = for_address < settings.PASSWORD_RESET_LIMIT and from_sender < settings.PASSWORD_RESET_IP_LIMIT
        if not allowed:
            audit_log(None, "auth.password_reset_limited", ip=ip_address or "")
    return allowed


def sign_out(*, actor: Any, request: HttpRequest) -> None:
    if getattr(actor, "is_authenticated", False):
        audit_log(actor, "auth.logout", actor, district_id=actor.district_id, path=request.path)
    auth.logout(request)


def password_set(*, actor: Any, person: Any, password: str, reason: str) -> Any:
    """Give ``person`` a new password (already validated) and lift any sign-in lockout on their username.

    ``reason`` is "change" (signed in) or "reset" (proved by the emailed link); either way only the person
    themselves may do it.
    """
    require(getattr(actor, "is_authenticated", False) and actor.pk == person.pk)
    with transaction.atomic():
        person.set_password(password)
        person.save(update_fields=["password"])
        LoginFailure.objects.filter(username=lockout_key(person.get_username())).delete()
        audit_log(actor, f"auth.password_{reason}", person, district_id=person.district_id)
    return person


def api_token_create(*, actor: Any, name: str, days: int | None = 90) -> tuple[ApiToken, str]:
    """Create a token for ``actor`` and return it with the raw secret (shown to the person once)."""
    require(getattr(actor, "is_authenticated", False) and actor.is_active)
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("Give the token a name, so you can tell it apart later."))
    if days is not None and days < 1:
        raise ApplicationError(_("A token must last at least one day."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            person=actor,
            name=name[:100],
            prefix=raw[: len(TOKEN_PREFIX) + 6],
            digest=ApiToken.digest_of(raw),
            created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )
        audit_log(actor, "api_token.create", token, district_id=actor.district_id, name=token.name)
    return token, raw


def api_token_revoke(*, actor: Any, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens; anyone else's answers as not found. Revoking twice is harmless."""
    with transaction.atomic():
        token = get_object_for(
            actor, api_tokens_visible_to(actor).select_for_update(), token_id, allowed=can_revoke_api_token
        )
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_log(actor, "api_token.revoke", token, district_id=actor.district_id, name=token.name)
    return token


def api_token_authenticate(*, raw: str) -> Any | None:
    """The active owner of a usable token, or None (unknown, revoked, expired, or owner deactivated)."""
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
