"""Mastery pages: scoring a piece of evidence, a learner's progress, "why", the class grid with workshop groups,
next steps, expected progression, quick-check import and activity alignment. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.competencies.queries import framework_for_calculation
from pollinate.core.errors import ApplicationError, Forbidden
from pollinate.core.htmx import render_page_or_partial
from pollinate.core.outcomes import form_error
from pollinate.mastery import queries, services
from pollinate.mastery.forms import (
    AlignForm,
    ExpectationForm,
    GridFilterForm,
    QuickCheckForm,
    ScoreForm,
    WhatIfForm,
)
from pollinate.mastery.queries import other


@login_required
def evidence_score(request: HttpRequest, evidence_id: int) -> HttpResponse:
    framework_id = request.POST.get("framework") or request.GET.get("framework")
    page = queries.evidence_scores(
        viewer=request.user, evidence_id=evidence_id, framework_id=framework_id, path=request.path
    )
    form = ScoreForm(request.POST or None, competencies=page["competency_choices"], levels=page["level_choices"])
    if request.method == "POST":
        if not page["can_score"]:
            raise Forbidden(_("You do not have permission to do that."))
        if form.is_valid():
            try:
                services.score_save(
                    actor=request.user,
                    evidence=page["evidence"],
                    competency_id=form.cleaned_data["competency"],
                    level=form.cleaned_data["level"],
                    comment=form.cleaned_data["comment"],
                )
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Rating saved."))
                return redirect(f"{request.path}?framework={page['framework'].pk}")
    return render(request, "mastery/score.html", {**page, "form": form})


@login_required
def my_progress(request: HttpRequest) -> HttpResponse:
    """A learner's own progress; for family, the list of their children's."""
    children = other.children_of(viewer=request.user)
    if not children:
        return redirect("mastery:progress", request.user.pk)
    if len(children) == 1:
        return redirect("mastery:progress", children[0].pk)
    return render(request, "mastery/children.html", {"children": children})


@login_required
def learner_progress(request: HttpRequest, learner_id: int) -> HttpResponse:
    context = queries.progress(viewer=request.user, learner_id=learner_id, path=request.path)
    if context["is_self"]:
        context["suggestions"] = queries.next_steps(viewer=request.user, learner_id=learner_id)
    return render(request, "mastery/progress.html", context)


@login_required
def why(request: HttpRequest, learner_id: int, competency_id: int) -> HttpResponse:
    page = queries.why(
        viewer=request.user,
        learner_id=learner_id,
        competency_id=competency_id,
        what_if_level=request.GET.get("what_if"),
        path=request.path,
    )
    form = WhatIfForm(request.GET or None, levels=page.levels)
    return render_page_or_partial(request, "mastery/why.html", {"page": page, "form": form}, partial="what-if")


@login_required
def grid_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mastery/grid_index.html",
        {
            "sections": queries.grid_sections(viewer=request.user),
            "activities": other.alignable_activities(viewer=request.user),
            "can_set_expectations": other.can_set_any_expectations(viewer=request.user),
            "can_import": bool(queries.quick_check_sections(viewer=request.user)),
        },
    )


@login_required
def class_grid(request: HttpRequest, section_id: int) -> HttpResponse:
    grid = queries.class_grid(
        viewer=request.user,
        section_id=section_id,
        framework_id=request.GET.get("framework"),
        sort=request.GET.get("sort", "name"),
        status=request.GET.get("status", ""),
        competency_id=request.GET.get("competency"),
        path=request.path,
    )
    comps = [(c.pk, (c.code or c.label)[:60]) for c in grid.competencies]
    form = GridFilterForm(
        initial={
            "framework": grid.framework.pk if grid.framework else None,
            "status": grid.status,
            "sort": grid.sort,
            "competency": grid.competency_filter,
        },
        frameworks=[(f.pk, f.shown_title) for f in grid.frameworks],
        statuses=queries.grid_status_choices(),
        competencies=comps,
    )
    return render_page_or_partial(request, "mastery/grid.html", {"grid": grid, "form": form}, partial="grid")


@login_required
def next_steps(request: HttpRequest, learner_id: int) -> HttpResponse:
    suggestions = queries.next_steps(viewer=request.user, learner_id=learner_id, path=request.path)
    learner = queries.learner_get(viewer=request.user, learner_id=learner_id)
    return render(
        request,
        "mastery/next_steps.html",
        {"suggestions": suggestions, "learner": learner, "is_self": learner.pk == request.user.pk},
    )


@login_required
@require_POST
def suggestion_dismiss(request: HttpRequest, activity_id: int) -> HttpResponse:
    services.suggestion_dismiss(actor=request.user, activity_id=activity_id)
    messages.success(request, _("We will not suggest that activity again."))
    return redirect("mastery:next-steps", request.user.pk)


@login_required
@require_POST
def suggestions_restore(request: HttpRequest) -> HttpResponse:
    services.suggestions_restore(actor=request.user)
    messages.success(request, _("Suggestions you dismissed can appear again."))
    return redirect("mastery:next-steps", request.user.pk)


@login_required
def expectations(request: HttpRequest) -> HttpResponse:
    page = other.expectation_page(
        viewer=request.user, school_id=request.GET.get("school"), framework_id=request.GET.get("framework")
    )
    if not page["schools"]:
        raise Forbidden(_("Only school leaders and district administrators set expected progressions."))
    form = ExpectationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        school = other.school_for_expectations(viewer=request.user, school_id=request.POST.get("school"))
        framework = other.framework_for(viewer=request.user, framework_id=request.POST.get("framework"))
        try:
            services.expected_level_set(
                actor=request.user,
                school=school,
                framework=framework,
                by_date=form.cleaned_data["by_date"],
                level=form.cleaned_data["level"],
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Expected level saved."))
            return redirect(f"{request.path}?school={school.pk}&framework={framework.pk}")
    return render(request, "mastery/expectations.html", {**page, "form": form})


@login_required
@require_POST
def expectation_delete(request: HttpRequest, expected_id: int) -> HttpResponse:
    expected = other.expected_level_get(viewer=request.user, expected_id=expected_id)
    school_id, framework_id = expected.school_id, expected.framework_id
    services.expected_level_delete(actor=request.user, expected=expected)
    messages.success(request, _("Checkpoint removed."))
    return redirect(f"{reverse('mastery:expectations')}?school={school_id}&framework={framework_id}")


@login_required
def quick_check_import(request: HttpRequest) -> HttpResponse:
    sections = queries.quick_check_sections(viewer=request.user)
    if not sections:
        raise Forbidden(_("Only teachers import quick checks for their classes."))
    frameworks = other.expectation_frameworks(viewer=request.user, district_id=sections[0].district_id)
    form = QuickCheckForm(
        request.POST or None,
        request.FILES or None,
        sections=[(s.pk, f"{s.title} · {s.school.name}") for s in sections],
        frameworks=[(f.pk, f.shown_title) for f in frameworks],
    )
    result = None
    if request.method == "POST" and form.is_valid():
        section = other.quick_check_section_get(viewer=request.user, section_id=form.cleaned_data["section"])
        framework = other.framework_for(viewer=request.user, framework_id=form.cleaned_data["framework"])
        try:
            result = services.quick_check_import(
                actor=request.user,
                section=section,
                framework=framework,
                title=form.cleaned_data["title"],
                csv_text=form.cleaned_data["file"],
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Imported %(n)s answers from %(m)s learners.") % {"n": result.responses, "m": result.learners},
            )
            return redirect("mastery:grid", section.pk)
    return render(request, "mastery/quick_check.html", {"form": form, "result": result})


@login_required
def activity_align(request: HttpRequest, activity_id: int) -> HttpResponse:
    page = queries.alignable_activity_get(viewer=request.user, activity_id=activity_id)
    choices = [(c.pk, f"{c.framework.shown_title}: {c}") for c in page["choices"]]
    form = AlignForm(request.POST or None, choices=choices, initial={"competencies": sorted(page["chosen"])})
    if request.method == "POST" and form.is_valid():
        services.activity_competencies_set(
            actor=request.user, activity=page["activity"], competency_ids=form.cleaned_data["competencies"]
        )
        messages.success(request, _("Competencies saved."))
        return redirect("mastery:activity-align", activity_id)
    return render(request, "mastery/align.html", {**page, "form": form})


@login_required
def recalculation(request: HttpRequest, framework_id: int) -> HttpResponse:
    """The framework page's recalculation card on its own, which htmx asks for while a rebuild runs."""
    framework, district = framework_for_calculation(
        viewer=request.user, framework_id=framework_id, district_id=request.GET.get("district")
    )
    status = queries.recalculation_status(framework_id=framework.pk, district_id=district.pk if district else None)
    if status is None:
        return HttpResponse("")
    return render(request, "mastery/_recalculation.html", {"status": status, "district": district})


@login_required
@require_POST
def quick_check_chances_fit(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework, district = framework_for_calculation(
        viewer=request.user, framework_id=framework_id, district_id=request.POST.get("district")
    )
    try:
        fit = services.quick_check_chances_fit(
            actor=request.user, framework=framework, district_id=district.pk if district else None
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _(
                "Fitted to %(answers)d answers from %(learners)d learners: already knows %(prior)s, learns %(learn)s, "
                "guesses %(guess)s, slips %(slip)s. Every level on this framework is recalculated with them."
            )
            % {"answers": fit.answers, "learners": fit.learners, **fit.chances},
        )
    method_page = reverse("competencies:framework-method", args=[framework.pk])
    return redirect(f"{method_page}?district={district.pk}" if district else method_page)
