"""How a page reports a service's refusal: a calm message the person can act on, never an error page.

Refusals of access (403/404) are not the person's to fix, so they propagate to the error pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from pollinate.core.errors import ApplicationError, Forbidden, NotFound


def attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service for a small POST; a refusal becomes an error message, success a success message."""
    try:
        action()
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, " ".join([exc.message, *exc.details]))
        return False
    messages.success(request, success)
    return True


def form_error(form: Any, exc: ApplicationError) -> None:
    """Put a service's refusal (and each of its details) on the form, so the page shows it beside the input."""
    if isinstance(exc, Forbidden | NotFound):
        raise exc
    form.add_error(None, exc.message)
    for detail in exc.details:
        form.add_error(None, detail)
