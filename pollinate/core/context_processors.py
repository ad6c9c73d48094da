"""Navigation built from the same scope the policies use (hiding links is convenience, not security)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from pollinate.people.roles import scope_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "account_items": []}
    scope = scope_for(user)
    guides = bool(scope.taught_section_ids or scope.mentee_ids or scope.coachee_ids)
    leads = bool(scope.admin_district_ids or scope.led_school_ids)
    items = [(_("Home"), reverse("dashboards:home"))]
    if guides:
        items.append((_("Who needs me"), reverse("dashboards:queue")))
    if scope.is_learner:
        items.append((_("Goals"), reverse("goals:mine")))
        items.append((_("Evidence"), reverse("evidence:list")))
        items.append((_("Reflections"), reverse("reflections:index")))
        items.append((_("Inquiries"), reverse("inquiry:list")))
    if guides:
        items.append((_("Learners' goals"), reverse("goals:guide-list")))
    if scope.ward_ids:
        items.append((_("Portfolios"), reverse("evidence:portfolio-index")))
    if scope.enrolled_section_ids or scope.taught_section_ids or scope.led_school_ids:
        items.append((_("Choice"), reverse("choice:home")))
    # Everyone who can see some class gets the list: coaches see their teachers' classes, families their children's.
    if scope.taught_section_ids or scope.enrolled_section_ids or leads or scope.coachee_ids or scope.ward_ids:
        items.append((_("Classes"), reverse("people:section-list")))
    if scope.taught_section_ids:
        items.append((_("Class profiles"), reverse("learners:snapshot-index")))
    # Coaching: every learner (student or educator) may have check-ins; supporters get their caseload, leaders
    # the coverage of their schools.
    if scope.is_learner:
        items.append((_("Check-ins"), reverse("coaching:check-ins")))
    if scope.coachee_ids or scope.mentee_ids:
        items.append((_("Coaching"), reverse("coaching:caseload")))
    elif leads:
        items.append((_("Coaching"), reverse("coaching:coverage")))
    # Collegial teams: teachers and coaches work in theirs; leaders who do neither go to the overview.
    if scope.taught_section_ids or scope.coachee_ids or scope.has_role("teacher"):
        items.append((_("Teams"), reverse("teams:mine")))
    elif leads:
        items.append((_("Teams"), reverse("teams:overview")))
    # Mastery: a learner's own progress; the class grid for those who teach or lead classes.
    if scope.enrolled_section_ids:
        items.append((_("My progress"), reverse("mastery:mine")))
    elif scope.ward_ids:
        items.append((_("Progress"), reverse("mastery:mine")))
    if scope.taught_section_ids or leads:
        items.append((_("Mastery grid"), reverse("mastery:grid-index")))
    # Competency frameworks: for those who score against them and those who manage them.
    if scope.taught_section_ids or scope.coachee_ids or leads:
        items.append((_("Competencies"), reverse("competencies:framework-list")))
    # Scheduling: coaches plan the week's check-ins; leaders keep bell schedules and travel times.
    if leads or scope.has_role("site_coach", "lead_coach", "mentor"):
        items.append((_("Schedule"), reverse("scheduling:week")))
    if leads:
        items.append((_("Schools"), reverse("people:school-list")))
        items.append((_("School and district goals"), reverse("goals:system-list")))
    if scope.admin_district_ids:
        items.append((_("Roster import"), reverse("roster:import")))
        items.append((_("Evidence settings"), reverse("evidence:district-settings")))
        items.append((_("Audit log"), reverse("people:audit-log")))
    account = [(_("My profile"), reverse("learners:mine"))] if scope.is_learner else []
    if scope.is_learner:
        account.append((_("My free periods"), reverse("scheduling:free-periods")))
    account += [
        (_("Calendar feed"), reverse("calendars:settings")),
        (_("API tokens"), reverse("accounts:tokens")),
        (_("Change password"), reverse("accounts:password-change")),
    ]
    current = request.path
    return {
        "nav_items": [_item(label, url, current) for label, url in items],
        "account_items": [_item(label, url, current) for label, url in account],
    }


def _item(label: str, url: str, current: str) -> dict[str, Any]:
    return {"label": label, "url": url, "current": current == url or (url != "/" and current.startswith(url))}
