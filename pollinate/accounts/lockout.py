"""Sign-in lockout: too many recent failures for one username refuse further attempts for a while."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from pollinate.accounts.models import LoginFailure


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def is_locked_out(username: str) -> bool:
    recent = LoginFailure.objects.filter(username=username.lower(), at__gte=_window_start()).count()
    return recent >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], ip_address=ip_address)


def clear_failures(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
