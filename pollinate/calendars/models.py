"""Private iCalendar feeds: each person may subscribe their calendar app to their own check-ins.

The feed's address carries a secret token and needs no sign-in (calendar apps cannot sign in), so only a hash
of the token is stored, as for API tokens: the address is shown once, when it is made. Regenerating revokes
the old address and makes a new one; a revoked or unknown address answers 404.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CalendarFeed(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    # The first characters of the token, so a person can tell their addresses apart without the secret.
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_read_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live address per person: regenerating revokes the old one in the same transaction.
            models.UniqueConstraint(
                fields=["person"], condition=Q(revoked_at__isnull=True), name="calendars_feed_one_live_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.prefix}…"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
