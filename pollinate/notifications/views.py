"""The notifications page, marking as read, and the unread badge for the navigation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pollinate.core.htmx import render_page_or_partial
from pollinate.notifications import queries, services

PAGE_SIZE = 30


def _list_context(request: HttpRequest, page_number: str | None) -> dict:
    page = Paginator(queries.notification_list(viewer=request.user), PAGE_SIZE).get_page(page_number)
    return {"page": page, "unread": queries.unread_count(viewer=request.user)}


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/list.html", _list_context(request, request.GET.get("page")))


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    services.mark_read(actor=request.user, notification_id=notification_id)
    if getattr(request, "htmx", False):
        context = _list_context(request, request.POST.get("page"))
        return render_page_or_partial(request, "notifications/list.html", context, partial="notification-list")
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(actor=request.user)
    return redirect("notifications:list")


@login_required
def badge(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/partials/badge.html", {"unread": queries.unread_count(viewer=request.user)})
