"""Sign-in safety and API access: failed sign-in attempts (for lockout) and personal access tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    """One failed sign-in for a username; recent ones lock the username for a while."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        # The lockout check reads "the latest failures for this username", on every sign-in attempt.
        indexes = [models.Index(fields=["username", "-at"], name="accounts_failure_recent_idx")]

    def __str__(self) -> str:
        return f"{self.username} @ {self.at:%Y-%m-%d %H:%M}"


class PasswordResetRequest(models.Model):
    """One request for a password-reset email. Recent ones limit how many emails an address (or a sender) gets,
    so the form cannot be used to flood someone's inbox. The address is kept only as a hash."""

    email_digest = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["email_digest", "-at"], name="accounts_reset_email_idx"),
            models.Index(fields=["ip_address", "-at"], name="accounts_reset_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"reset request @ {self.at:%Y-%m-%d %H:%M}"

    @staticmethod
    def digest_of(email: str) -> str:
        return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class ApiToken(models.Model):
    """A personal access token. Only a hash is stored; the token itself is shown once, at creation."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.state == "active"

    @property
    def state(self) -> str:
        """"revoked", "expired" or "active": what the tokens page shows and what the API honours."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "expired"
        return "active"
