"""The caller's own notifications: list and mark as read."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from pollinate.notifications import queries, services
from pollinate.notifications.schemas import ErrorOut, MarkedOut, NotificationFilter, NotificationOut, NotificationPage

router = Router(tags=["notifications"])


@router.get("", response=NotificationPage, operation_id="notifications_list")
def list_notifications(request: HttpRequest, filters: Query[NotificationFilter]) -> Any:
    qs = queries.notification_list(viewer=request.user, unread_only=filters.unread)
    offset = (filters.page - 1) * filters.page_size
    return {
        "items": list(qs[offset : offset + filters.page_size]),
        "count": qs.count(),
        "unread": queries.unread_count(viewer=request.user),
        "page": filters.page,
        "page_size": filters.page_size,
    }


@router.post("/{notification_id}/read", response={200: NotificationOut, 404: ErrorOut},
             operation_id="notifications_mark_read")
def mark_read(request: HttpRequest, notification_id: int) -> Any:
    return services.mark_read(actor=request.user, notification_id=notification_id)


@router.post("/read-all", response=MarkedOut, operation_id="notifications_mark_all_read")
def mark_all_read(request: HttpRequest) -> Any:
    return {"marked": services.mark_all_read(actor=request.user)}
