"""Writing notifications. Other apps call ``notify`` from inside their own services (and transactions).

``notify`` itself is not audited: it is always a side effect of a write the calling service has already
recorded with ``audit_log``, and a second row per notification would only double the log. Marking one's own
notifications as read changes nothing anyone else can see, so it is not audited either.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from pollinate.core.access import get_object_for
from pollinate.notifications.models import Notification
from pollinate.notifications.policies import notifications_visible_to

MESSAGE_MAX = Notification._meta.get_field("message").max_length
URL_MAX = Notification._meta.get_field("url").max_length


def notify(
    *, recipient: Any, actor: Any, message: str, params: dict[str, Any] | None = None, url: str = ""
) -> Notification | None:
    """Tell ``recipient`` something happened. Returns None (and writes nothing) when they did it themselves.

    ``message`` is a lazily translated sentence (``gettext_lazy``) and ``params`` what fills it: both are turned
    into text in the recipient's language (their profile's, else the language of the request that caused it),
    not in the language of whoever acted. Pass a Person rather than an id to save the read of their language.
    """
    if recipient is None:
        return None
    recipient_id = getattr(recipient, "pk", recipient)
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    if recipient_id is None or recipient_id == actor_id:
        return None
    language = _language_of(recipient, recipient_id)
    with translation.override(language) if language else contextlib.nullcontext():
        text = str(message) % params if params is not None else str(message)
    if len(text) > MESSAGE_MAX:
        text = text[: MESSAGE_MAX - 1] + "…"
    # A link that does not fit would be broken, so it is dropped rather than cut.
    link = url if len(url) <= URL_MAX else ""
    return Notification.objects.create(recipient_id=recipient_id, actor_id=actor_id, message=text, url=link)


def _language_of(recipient: Any, recipient_id: int) -> str | None:
    language = getattr(recipient, "preferred_language", None)
    if language is None:
        language = get_user_model().objects.filter(pk=recipient_id).values_list("preferred_language", flat=True).first()
    language = (language or "").lower()
    return language if language in dict(settings.LANGUAGES) else None


@transaction.atomic
def mark_read(*, actor: Any, notification_id: Any) -> Notification:
    notification = get_object_for(actor, notifications_visible_to(actor), notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of ``actor`` as read; returns how many changed."""
    return notifications_visible_to(actor).filter(read_at__isnull=True).update(read_at=timezone.now())


__all__ = ["mark_all_read", "mark_read", "notify"]
