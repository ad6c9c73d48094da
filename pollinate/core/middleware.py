"""Turns domain errors raised anywhere below a view into calm error pages with the right status."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pollinate.core.errors import ApplicationError, Forbidden, NotFound


class AccessErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None  # the API maps errors itself, as JSON
        if isinstance(exception, NotFound):
            return render(request, "404.html", {"message": exception.message}, status=404)
        if isinstance(exception, Forbidden):
            return render(request, "403.html", {"message": exception.message}, status=403)
        if isinstance(exception, ApplicationError):
            return render(request, "400.html", {"message": exception.message, "details": exception.details},
                          status=exception.status)
        return None


class PreferredLanguageMiddleware:
    """Speak to a signed-in person in their own language (Person.preferred_language, e.g. from the roster),
    unless they chose another one on this device with the language picker (the language cookie wins)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        user = getattr(request, "user", None)
        preferred = (getattr(user, "preferred_language", "") or "").lower() if user is not None else ""
        chose_here = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        if preferred and not chose_here and preferred in dict(settings.LANGUAGES) and user.is_authenticated:
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
        return self.get_response(request)
