"""The "Calendar feed" page (make, regenerate, revoke the address) and the feed itself.

The feed needs no sign-in: calendar apps cannot sign in, so the secret address is the credential. Anything
but a live address answers the same plain 404, so a guess learns nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from pollinate.calendars import queries, services
from pollinate.calendars.ics import build_calendar


@login_required
def feed_settings(request: HttpRequest) -> HttpResponse:
    return render(request, "calendars/feed_settings.html", {"feed": queries.calendar_feed_current(viewer=request.user)})


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    feed, raw = services.calendar_feed_create(actor=request.user)
    https_url = request.build_absolute_uri(reverse("calendars:feed", args=[raw]))
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    response = render(
        request, "calendars/feed_created.html", {"feed": feed, "feed_url": https_url, "webcal_url": webcal_url}
    )
    # The page holds the secret address: no copy in the browser's cache or back-forward history.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def feed_revoke(request: HttpRequest, feed_id: int) -> HttpResponse:
    services.calendar_feed_revoke(actor=request.user, feed_id=feed_id)
    messages.success(
        request, _("Your calendar feed address no longer works. Calendars subscribed to it will stop updating.")
    )
    return redirect("calendars:settings")


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    found = queries.calendar_feed_for_token(raw_token=token)
    if found is None:
        raise Http404
    owner = found.person
    now = timezone.now()
    # The audit log names the feed by its prefix, never by the secret itself.
    check_ins = queries.feed_check_ins(viewer=owner, now=now, path=request.path.replace(token, f"{found.prefix}…"))
    services.calendar_feed_mark_read(actor=owner, feed=found)
    body = build_calendar(check_ins, owner=owner, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pollinate-check-ins.ics"'
    # The address is a secret: keep it out of shared caches, search engines and other sites' logs.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
