"""Who sees a notification: only the person it was written for."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pollinate.notifications.models import Notification


def notifications_visible_to(actor: Any) -> QuerySet[Notification]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=actor.pk)


def can_view_notification(actor: Any, notification: Notification) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and notification.recipient_id == actor.pk
