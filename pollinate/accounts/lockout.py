"""The sign-in lockout rule: too many recent failures for one username refuse further attempts for a while.

The rule is keyed on the username as typed (case-folded), never on whether such a person exists, so the
lockout itself cannot be used to discover which usernames are real.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from pollinate.accounts.models import LoginFailure


def lockout_key(username: str) -> str:
    return username.strip().lower()[:150]


def lockout_window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def lockout_remaining(username: str, *, now: datetime | None = None) -> timedelta | None:
    """How long ``username`` stays locked out, or None when it may try now. One query."""
    now = now or timezone.now()
    limit = settings.LOGIN_FAILURE_LIMIT
    recent = list(
        LoginFailure.objects.filter(username=lockout_key(username), at__gt=now - lockout_window())
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    # Locked until enough failures age out of the window that fewer than the limit remain.
    return recent[limit - 1] + lockout_window() - now


def is_locked_out(username: str) -> bool:
    return lockout_remaining(username) is not None
