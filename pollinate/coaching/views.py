"""Coaching pages: my caseload, my network, caseload sizes, cadences, coverage, cycles and check-ins.
Thin: parse, call one query or service, render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.coaching import forms, policies, queries, services
from pollinate.core.errors import ApplicationError, Forbidden, NotFound
from pollinate.core.htmx import render_page_or_partial
from pollinate.core.outcomes import attempt, form_error

# The network


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "coaching/caseload.html",
        {
            "entries": queries.my_caseload(viewer=request.user, path=request.path),
            "supporters": queries.my_supporters(viewer=request.user),
        },
    )


@login_required
def network(request: HttpRequest) -> HttpResponse:
    manages = policies.manages_some_network(request.user)
    context: dict[str, Any] = {"tree": queries.my_network(viewer=request.user), "manages": manages}
    if manages:
        choices = queries.network_form_choices(viewer=request.user)
        context["form"] = forms.AssignmentForm(**choices)
        context["assignments"] = queries.assignment_list(viewer=request.user)
    return render(request, "coaching/network.html", context)


@login_required
@require_POST
def assignment_create(request: HttpRequest) -> HttpResponse:
    choices = queries.network_form_choices(viewer=request.user)
    form = forms.AssignmentForm(request.POST, **choices)
    if not form.is_valid():
        messages.error(request, _("Choose a supporter, a supported person and the kind of support."))
        return redirect("coaching:network")
    data = form.cleaned_data

    def act() -> Any:
        return services.assignment_create(
            actor=request.user,
            coach=queries.person_get(viewer=request.user, person_id=data["coach"]),
            coachee=queries.person_get(viewer=request.user, person_id=data["coachee"]),
            kind=data["kind"],
            school=queries.school_get(viewer=request.user, school_id=data["school"]) if data["school"] else None,
        )

    attempt(request, act, _("The assignment is saved."))
    return redirect("coaching:network")


@login_required
@require_POST
def assignment_end(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = queries.assignment_get(viewer=request.user, assignment_id=assignment_id)
    attempt(
        request,
        lambda: services.assignment_end(actor=request.user, assignment=assignment),
        _("The assignment has ended. Its history is kept."),
    )
    return redirect("coaching:network")


@login_required
def caseload_sizes(request: HttpRequest) -> HttpResponse:
    context = queries.caseload_sizes(viewer=request.user)
    settings = context["settings"]
    context["form"] = forms.CoachingSettingsForm(
        initial={"target_caseload": settings.target_caseload, "escalation_grace_days": settings.escalation_grace_days}
    )
    return render(request, "coaching/caseload_sizes.html", context)


@login_required
@require_POST
def settings_update(request: HttpRequest, district_id: int) -> HttpResponse:
    district = queries.district_get(viewer=request.user, district_id=district_id)
    form = forms.CoachingSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a target between 1 and 500 and a grace period between 0 and 60."))
        return redirect("coaching:caseload-sizes")
    attempt(
        request,
        lambda: services.coaching_settings_update(actor=request.user, district=district, **form.cleaned_data),
        _("Settings saved."),
    )
    return redirect("coaching:caseload-sizes")


@login_required
def cadence(request: HttpRequest) -> HttpResponse:
    choices = queries.network_form_choices(viewer=request.user)
    can_manage = policies.manages_some_network(request.user)
    form = forms.CadenceRuleForm(request.POST or None, schools=choices["schools"])
    if request.method == "POST":
        if not can_manage:
            raise Forbidden(_("You do not have permission to do that."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.cadence_rule_save(
                    actor=request.user,
                    district=queries.district_get(viewer=request.user, district_id=request.user.district_id),
                    kind=data["kind"],
                    every_school_days=data["every_school_days"],
                    requires_supporter=data["requires_supporter"],
                    school=queries.school_get(viewer=request.user, school_id=data["school"])
                    if data["school"]
                    else None,
                )
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Cadence saved."))
                return redirect("coaching:cadence")
    rules = queries.cadence_rules(viewer=request.user)
    return render(
        request,
        "coaching/cadence.html",
        {
            "form": form,
            "rules": [(rule, policies.can_change_cadence_rule(request.user, rule)) for rule in rules],
            "can_manage": can_manage,
            "closures": queries.closure_days(viewer=request.user),
            "closure_form": forms.ClosureDayForm(),
            "can_manage_closures": policies.can_manage_coaching_settings(request.user, request.user.district_id),
        },
    )


@login_required
@require_POST
def closure_add(request: HttpRequest) -> HttpResponse:
    form = forms.ClosureDayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a date."))
        return redirect("coaching:cadence")
    district = queries.district_get(viewer=request.user, district_id=request.user.district_id)
    attempt(
        request,
        lambda: services.closure_day_add(actor=request.user, district=district, **form.cleaned_data),
        _("Closure day saved: it no longer counts as a school day."),
    )
    return redirect("coaching:cadence")


@login_required
@require_POST
def closure_remove(request: HttpRequest, day_id: int) -> HttpResponse:
    day = queries.closure_day_get(viewer=request.user, day_id=day_id)
    attempt(request, lambda: services.closure_day_remove(actor=request.user, day=day), _("Closure day removed."))
    return redirect("coaching:cadence")


@login_required
@require_POST
def cadence_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = queries.cadence_rule_get(viewer=request.user, rule_id=rule_id)
    attempt(request, lambda: services.cadence_rule_delete(actor=request.user, rule=rule), _("Cadence removed."))
    return redirect("coaching:cadence")


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("by", "coach")
    report = queries.coverage_report(viewer=request.user, path=request.path)
    groups = report.by_school if group == "school" else report.by_coach
    return render_page_or_partial(
        request,
        "coaching/coverage.html",
        {"report": report, "groups": groups, "by": "school" if group == "school" else "coach"},
        partial="groups",
    )


# Cycles


@login_required
def cycles(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "coaching/cycles.html",
        {
            "cycles": queries.cycle_list(viewer=request.user),
            "counts": queries.cycle_counts_by_school(viewer=request.user),
            "can_start": bool(queries.coachees_for_cycles(viewer=request.user)),
        },
    )


@login_required
def cycle_create(request: HttpRequest) -> HttpResponse:
    coachees = queries.coachees_for_cycles(viewer=request.user)
    form = forms.CycleCreateForm(request.POST or None, coachees=coachees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_create(
                actor=request.user,
                coachee=queries.person_get(viewer=request.user, person_id=data["coachee"]),
                title=data["title"],
                approach=data["approach"],
                baseline=data["baseline"],
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The cycle has started."))
            return redirect("coaching:cycle-detail", cycle.pk)
    return render(request, "coaching/cycle_form.html", {"form": form})


@login_required
def cycle_detail(request: HttpRequest, cycle_id: int) -> HttpResponse:
    context = queries.cycle_detail(viewer=request.user, cycle_id=cycle_id)
    cycle = context["cycle"]
    linkable = queries.linkable_evidence(viewer=request.user, cycle=cycle) if context["can_edit"] else []
    form = forms.CycleForm(
        request.POST or None,
        goals=context["goal_choices"],
        evidence=linkable,
        initial={
            "evidence": [e.pk for e in context["evidence"]],
            "title": cycle.title,
            "goal": cycle.goal_id,
            "stage": cycle.stage,
            "approach": cycle.approach,
            "status": cycle.status,
            "baseline": cycle.baseline,
            "strategy": cycle.strategy,
            "modelling_notes": cycle.modelling_notes,
            "try_notes": cycle.try_notes,
            "post_evidence": cycle.post_evidence,
            "reflection": cycle.reflection,
        },
    )
    if request.method == "POST":
        if not context["can_edit"]:
            raise Forbidden(_("You do not have permission to do that."))
        if form.is_valid():
            data = dict(form.cleaned_data)
            goal_id = data.pop("goal")
            evidence_ids = data.pop("evidence")
            goals = {g.pk: g for g in context["goal_choices"]}
            try:
                services.cycle_update(
                    actor=request.user, cycle=cycle, goal=goals.get(goal_id), evidence_ids=evidence_ids, **data
                )
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("The cycle is saved."))
                return redirect("coaching:cycle-detail", cycle.pk)
    context["form"] = form
    return render(request, "coaching/cycle_detail.html", context)


@login_required
@require_POST
def cycle_advance(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = queries.cycle_get(viewer=request.user, cycle_id=cycle_id, allowed=policies.can_edit_cycle)
    attempt(request, lambda: services.cycle_advance(actor=request.user, cycle=cycle), _("The cycle moved on."))
    return redirect("coaching:cycle-detail", cycle.pk)


@login_required
@require_POST
def cycle_share(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = queries.cycle_get(viewer=request.user, cycle_id=cycle_id, allowed=policies.can_share_cycle)
    form = forms.ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    attempt(
        request,
        lambda: services.cycle_share(actor=request.user, cycle=cycle, shared=shared),
        _("Shared with your coach's coach.") if shared else _("This cycle is private to you and your coach."),
    )
    return redirect("coaching:cycle-detail", cycle.pk)


# Check-ins


@login_required
def check_ins(request: HttpRequest) -> HttpResponse:
    lists = queries.my_check_ins(viewer=request.user, path=request.path)
    partners = queries.check_in_partners(viewer=request.user)
    return render(request, "coaching/check_ins.html", {**lists, "can_create": bool(partners)})


@login_required
def check_in_create(request: HttpRequest) -> HttpResponse:
    partners = queries.check_in_partners(viewer=request.user)
    form = forms.CheckInCreateForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_in = services.check_in_create(
                actor=request.user,
                attendee=queries.person_get(viewer=request.user, person_id=data["attendee"]),
                starts_at=data["starts_at"],
                minutes=data["minutes"],
                agenda=data["agenda"],
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The check-in is set."))
            return redirect("coaching:check-in-detail", check_in.pk)
    return render(request, "coaching/check_in_form.html", {"form": form})


@login_required
def check_in_detail(request: HttpRequest, check_in_id: int) -> HttpResponse:
    context = queries.check_in_detail(viewer=request.user, check_in_id=check_in_id, path=request.path)
    check_in = context["check_in"]
    notes_form = forms.CheckInNotesForm(
        request.POST or None, initial={"agenda": check_in.agenda, "notes": check_in.notes}
    )
    if request.method == "POST":
        if not context["can_change"]:
            raise Forbidden(_("You do not have permission to do that."))
        if notes_form.is_valid():
            services.check_in_update(actor=request.user, check_in=check_in, **notes_form.cleaned_data)
            messages.success(request, _("Notes saved."))
            return redirect("coaching:check-in-detail", check_in.pk)
    context.update(
        notes_form=notes_form,
        step_form=forms.NextStepForm(goals=context["goal_choices"]),
        follow_up_form=forms.FollowUpForm(steps=context["previous_steps"]) if context["previous"] else None,
    )
    return render(request, "coaching/check_in_detail.html", context)


@login_required
@require_POST
def check_in_mark(request: HttpRequest, check_in_id: int) -> HttpResponse:
    check_in = queries.check_in_get(viewer=request.user, check_in_id=check_in_id, allowed=policies.can_change_check_in)
    form = forms.CheckInStatusForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        attempt(
            request,
            lambda: services.check_in_mark(actor=request.user, check_in=check_in, status=status),
            _("The check-in is marked."),
        )
    return redirect("coaching:check-in-detail", check_in.pk)


@login_required
@require_POST
def check_in_share(request: HttpRequest, check_in_id: int) -> HttpResponse:
    check_in = queries.check_in_get(
        viewer=request.user, check_in_id=check_in_id, allowed=policies.can_share_check_in_notes
    )
    form = forms.ShareForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    attempt(
        request,
        lambda: services.check_in_share_notes(actor=request.user, check_in=check_in, shared=shared),
        _("Notes shared with your coach's coach.") if shared else _("Notes are private to the two of you."),
    )
    return redirect("coaching:check-in-detail", check_in.pk)


@login_required
@require_POST
def next_step_add(request: HttpRequest, check_in_id: int) -> HttpResponse:
    context = queries.check_in_detail(viewer=request.user, check_in_id=check_in_id, path=request.path)
    if not context["can_change"]:
        raise Forbidden(_("You do not have permission to do that."))
    form = forms.NextStepForm(request.POST, goals=context["goal_choices"])
    if not form.is_valid():
        messages.error(request, _("Choose a goal and say what the step is."))
    else:
        data = form.cleaned_data
        goal = {g.pk: g for g in context["goal_choices"]}[data["goal"]]
        attempt(
            request,
            lambda: services.next_step_add(
                actor=request.user, check_in=context["check_in"], goal=goal, title=data["title"], due_on=data["due_on"]
            ),
            _("The next step is on the goal."),
        )
    return redirect("coaching:check-in-detail", check_in_id)


@login_required
@require_POST
def check_in_follow_up(request: HttpRequest, check_in_id: int) -> HttpResponse:
    """Answer "did the agreed steps happen?" for the check-in before this one."""
    context = queries.check_in_detail(viewer=request.user, check_in_id=check_in_id, path=request.path)
    previous = context["previous"]
    if previous is None or not context["is_member"]:
        raise NotFound(_("Not found."))
    form = forms.FollowUpForm(request.POST, steps=context["previous_steps"])
    if form.is_valid():
        done = form.cleaned_data["done"]
        attempt(
            request,
            lambda: services.check_in_follow_up(actor=request.user, check_in=previous, done_step_ids=done),
            _("Follow-up recorded."),
        )
    return redirect("coaching:check-in-detail", check_in_id)
