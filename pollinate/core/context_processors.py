"""Navigation built from the same policy answers the pages use (hiding links is convenience, not security)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from pollinate.people.roles import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    scope = scope_for(user)
    items = [(_("Home"), reverse("dashboards:home"))]
    # Everyone who can see some class gets the list: coaches see their teachers' classes, families their children's.
    if (
        scope.taught_section_ids
        or scope.enrolled_section_ids
        or scope.admin_district_ids
        or scope.led_school_ids
        or scope.coachee_ids
        or scope.ward_ids
    ):
        items.append((_("Classes"), reverse("people:section-list")))
    if scope.admin_district_ids or scope.led_school_ids:
        items.append((_("Schools"), reverse("people:school-list")))
    if scope.admin_district_ids:
        items.append((_("Roster import"), reverse("roster:import")))
        items.append((_("Audit log"), reverse("people:audit-log")))
    items.append((_("API tokens"), reverse("accounts:tokens")))
    current = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": current == url or (url != "/" and current.startswith(url))}
            for label, url in items
        ]
    }
