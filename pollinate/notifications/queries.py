"""Reads of a person's own notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pollinate.notifications.models import Notification
from pollinate.notifications.policies import notifications_visible_to


def unread_count(*, viewer: Any) -> int:
    """How many notifications the viewer has not read yet (one query)."""
    return notifications_visible_to(viewer).filter(read_at__isnull=True).count()


def notification_list(*, viewer: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The viewer's notifications, newest first, with who caused each one (no query per row)."""
    qs = notifications_visible_to(viewer).select_related("actor")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")
