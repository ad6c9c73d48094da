"""The scheduling pages: the week (run, grid, my check-ins), a run's progress, slot actions, and the inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.core.access import require
from pollinate.core.errors import ApplicationError
from pollinate.core.htmx import render_page_or_partial
from pollinate.scheduling import policies, queries, services
from pollinate.scheduling.forms import (
    WEEKDAY_NAMES,
    BellScheduleForm,
    CoachProfileForm,
    MoveForm,
    RunForm,
    SettingsForm,
    SlotsForm,
    TravelForm,
    next_monday,
)

GRIDS_PER_PAGE = 10


def _week_param(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        return next_monday()


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target or fallback)


@login_required
def week_page(request: HttpRequest) -> HttpResponse:
    viewer = request.user
    schedules = policies.schedules_anything(viewer)
    coaches = queries.schedulable_coaches(viewer=viewer) if schedules else []
    everyone = _("Everyone I schedule") if schedules else None
    week = _week_param(request)
    form = RunForm(
        request.POST or None,
        coaches=coaches,
        everyone_label=everyone,
        initial={"week_of": week, "coach": request.GET.get("coach") or ""},
    )
    status = 200
    if request.method == "POST":
        require(schedules)
        if form.is_valid():
            coach = None
            if form.cleaned_data["coach"]:
                coach = queries.coach_get(viewer=viewer, coach_id=form.cleaned_data["coach"])
            try:
                run = services.start_schedule_week(
                    actor=viewer,
                    week_of=form.cleaned_data["week_of"],
                    coach=coach,
                    time_limit=form.cleaned_data["time_limit"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("scheduling:run", run_id=run.pk)
        status = 400
    chosen = request.GET.get("coach", "")
    hosts = [p for p in coaches if not chosen or str(p.pk) == chosen]
    # A district's week is one grid per coach: a page of them at a time (a large district has over a hundred).
    page = Paginator(hosts, GRIDS_PER_PAGE).get_page(request.GET.get("page"))
    host_ids = [p.pk for p in page]
    grids = queries.week_grids(viewer=viewer, week_of=week, host_ids=host_ids, path=request.path) if schedules else []
    mine = queries.week_slots(viewer=viewer, week_of=week, attendee_id=viewer.pk)
    days = queries.week_days(week)
    context: dict[str, Any] = {
        "form": form,
        "schedules": schedules,
        "week": days[0],
        "days": days,
        "previous_week": days[0] - dt.timedelta(days=7),
        "next_week": days[0] + dt.timedelta(days=7),
        "grids": grids,
        "mine": mine,
        "runs": queries.run_list(viewer=viewer) if schedules else [],
        "page": page,
        "here": f"{request.path}?{urlencode({'week': days[0].isoformat(), 'coach': chosen, 'page': page.number})}",
        "move_form": MoveForm(),
        "weekdays": [(d, WEEKDAY_NAMES[d]) for d in range(5)],
        "bell_schools": queries.bell_schedule_schools(viewer=viewer),
        "edits_travel": policies.can_edit_travel_times(viewer, viewer.district_id),
    }
    return render(request, "scheduling/week.html", context, status=status)


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = queries.run_get(viewer=request.user, run_id=run_id)
    week_url = (
        reverse("scheduling:week") + "?" + urlencode({"week": run.week_of.isoformat(), "coach": run.coach_id or ""})
    )
    context = {
        "run": run,
        "finished": run.status in (run.Status.DONE, run.Status.FAILED),
        "unplaced": queries.unplaced_of(viewer=request.user, run=run),
        "week_url": week_url,
        "gap_percent": None if run.gap is None else round(100 * run.gap, 1),
    }
    return render_page_or_partial(request, "scheduling/run.html", context, partial="progress")


@login_required
@require_POST
def slot_action(request: HttpRequest, check_in_id: int, action: str) -> HttpResponse:
    check_in = queries.slot_get(viewer=request.user, check_in_id=check_in_id)
    try:
        if action == "accept":
            services.slot_accept(actor=request.user, check_in=check_in)
            messages.success(request, _("Check-in accepted."))
        elif action in ("lock", "unlock"):
            services.slot_lock(actor=request.user, check_in=check_in, locked=action == "lock")
            messages.success(
                request, _("Slot locked: re-running keeps it.") if action == "lock" else _("Slot unlocked.")
            )
        elif action == "move":
            form = MoveForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Choose a day and a period."))
            services.slot_move(
                actor=request.user,
                check_in=check_in,
                weekday=form.cleaned_data["weekday"],
                period=form.cleaned_data["period"],
            )
            messages.success(request, _("Check-in moved."))
        else:
            raise ApplicationError(_("Unknown action."))
    except ApplicationError as exc:
        if exc.status == 403:
            raise
        messages.error(request, exc.message)
    return _back(request, reverse("scheduling:week"))


@login_required
def free_periods(request: HttpRequest) -> HttpResponse:
    person = request.user
    if request.GET.get("person"):
        try:
            person = queries.person_get(viewer=request.user, person_id=int(request.GET["person"]))
        except ValueError:
            person = request.user
    current = queries.free_slots_of(viewer=request.user, person=person)
    form = SlotsForm(request.POST or None, initial={"slots": [f"{d}-{p}" for d, p in current]})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.free_periods_set(actor=request.user, person=person, slots=form.chosen())
            messages.success(request, _("Free periods saved."))
            return redirect(request.get_full_path())
        status = 400
    return render(request, "scheduling/free_periods.html", _grid_context(form, person=person), status=status)


def _grid_context(form: SlotsForm, **extra: Any) -> dict[str, Any]:
    chosen = set(form["slots"].value() or [])
    rows = [(p, [(f"{d}-{p}", WEEKDAY_NAMES[d], f"{d}-{p}" in chosen) for d in range(5)]) for p in range(1, 9)]
    return {"form": form, "rows": rows, "weekdays": [WEEKDAY_NAMES[d] for d in range(5)], **extra}


@login_required
def coach_profile(request: HttpRequest, coach_id: int) -> HttpResponse:
    coach = queries.person_get(viewer=request.user, person_id=coach_id)
    profile = queries.coach_profile_of(viewer=request.user, coach=coach)
    schools = queries.district_schools(viewer=request.user, district_id=coach.district_id)
    initial = {
        "home_school": profile.home_school_id or "",
        "max_per_day": profile.max_per_day,
        "slots": [f"{d}-{p}" for d, p in profile.busy],
    }
    form = CoachProfileForm(request.POST or None, schools=schools, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            home = next((s for s in schools if s.pk == form.cleaned_data["home_school"]), None)
            try:
                services.coach_profile_save(
                    actor=request.user,
                    coach=coach,
                    home_school=home,
                    max_per_day=form.cleaned_data["max_per_day"],
                    busy=form.chosen(),
                )
            except ApplicationError as exc:
                if exc.status == 403:
                    raise
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Coach profile saved."))
                return redirect("scheduling:coach-profile", coach_id=coach.pk)
        status = 400
    return render(request, "scheduling/coach_profile.html", _grid_context(form, coach=coach), status=status)


@login_required
def travel_times(request: HttpRequest) -> HttpResponse:
    district_id = request.user.district_id
    rows = queries.travel_table(viewer=request.user, district_id=district_id)
    schools = queries.district_schools(viewer=request.user, district_id=district_id)
    form = TravelForm(request.POST or None, schools=schools)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            by_id = {s.pk: s for s in schools}
            try:
                services.travel_time_set(
                    actor=request.user,
                    school_a=by_id[form.cleaned_data["school_a"]],
                    school_b=by_id[form.cleaned_data["school_b"]],
                    minutes=form.cleaned_data["minutes"],
                )
            except ApplicationError as exc:
                if exc.status == 403:
                    raise
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Travel time saved."))
                return redirect("scheduling:travel")
        status = 400
    prefs = queries.scheduling_settings(district_id)
    settings_form = SettingsForm(
        initial={"default_travel_minutes": prefs.default_travel_minutes, "timezone_name": prefs.timezone}
    )
    context = {
        "form": form,
        "settings_form": settings_form,
        "rows": rows,
        "default_minutes": prefs.default_travel_minutes,
    }
    return render(request, "scheduling/travel.html", context, status=status)


@login_required
def bell_schedule(request: HttpRequest, school_id: int) -> HttpResponse:
    school = queries.school_get(viewer=request.user, school_id=school_id)
    days, periods = queries.bell_schedule_of(viewer=request.user, school=school)
    text = "\n".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in periods)
    form = BellScheduleForm(request.POST or None, initial={"days": days, "periods": text})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.bell_schedule_save(
                    actor=request.user,
                    school=school,
                    periods=form.cleaned_data["periods"],
                    days=form.cleaned_data["days"],
                )
            except ApplicationError as exc:
                if exc.status == 403:
                    raise
                form.add_error("periods", exc.message)
            else:
                messages.success(request, _("Bell schedule saved."))
                return redirect("scheduling:bells", school_id=school.pk)
        status = 400
    return render(request, "scheduling/bells.html", {"form": form, "school": school}, status=status)


@login_required
@require_POST
def scheduling_settings(request: HttpRequest) -> HttpResponse:
    queries.travel_table(viewer=request.user, district_id=request.user.district_id)  # 404 outside admins
    form = SettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter minutes from 0 to 600 and a time zone."))
        return redirect("scheduling:travel")
    try:
        services.scheduling_settings_save(
            actor=request.user,
            district_id=request.user.district_id,
            default_travel_minutes=form.cleaned_data["default_travel_minutes"],
            timezone_name=form.cleaned_data["timezone_name"].strip(),
        )
    except ApplicationError as exc:
        if exc.status == 403:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Scheduling settings saved."))
    return redirect("scheduling:travel")
