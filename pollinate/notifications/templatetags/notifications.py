"""``{% notifications_badge %}``: the unread count for the navigation, refreshable with htmx."""

from __future__ import annotations

from typing import Any

from django import template

from pollinate.notifications.queries import unread_count

register = template.Library()


@register.inclusion_tag("notifications/partials/badge.html", takes_context=True)
def notifications_badge(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    count = unread_count(viewer=user) if user is not None and user.is_authenticated else 0
    return {"unread": count}
