"""Competency pages: frameworks, a framework's tree, a competency, CASE import, scales and the mastery method.
Thin: parse, call one query or service, render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.competencies import queries
from pollinate.competencies.forms import (
    MAX_UPLOAD_MB,
    CaseImportForm,
    CompetencyForm,
    FrameworkForm,
    MasteryMethodForm,
    ScaleForm,
)
from pollinate.competencies.services import case_import, scales
from pollinate.competencies.services import frameworks as framework_services
from pollinate.core.access import require
from pollinate.core.errors import ApplicationError, Forbidden, NotFound
from pollinate.core.outcomes import form_error


def _posted(request: HttpRequest) -> Any:
    """The submitted data, or None on GET (an empty POST must still be validated, and refused)."""
    return request.POST if request.method == "POST" else None


def _managed_districts(request: HttpRequest) -> list[Any]:
    districts = queries.manageable_districts(viewer=request.user)
    require(bool(districts), _("Only district administrators manage frameworks."))
    return districts


def _chosen(districts: list[Any], district_id: int) -> Any:
    return next(d for d in districts if d.pk == district_id)


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = queries.framework_list(viewer=request.user)
    return render(
        request,
        "competencies/framework_list.html",
        {
            "frameworks": frameworks,
            "can_manage": bool(queries.manageable_districts(viewer=request.user)),
        },
    )


@login_required
def framework_detail(request: HttpRequest, framework_id: int) -> HttpResponse:
    context = queries.framework_detail(viewer=request.user, framework_id=framework_id)
    if context["can_edit_tree"]:
        context["competency_form"] = CompetencyForm(parents=context["parent_choices"])
    return render(request, "competencies/framework_detail.html", context)


@login_required
def framework_create(request: HttpRequest) -> HttpResponse:
    districts = _managed_districts(request)
    scale_choices = queries.scale_choices_for(viewer=request.user, district_id=districts[0].pk)
    form = FrameworkForm(_posted(request), districts=districts, scales=scale_choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scale = next((s for s in scale_choices if s.pk == data["scale"]), None)
        try:
            framework = framework_services.framework_create(
                actor=request.user,
                district=_chosen(districts, data["district"]),
                title=data["title"],
                description=data["description"],
                subject=data["subject"],
                scale=scale,
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Framework created. Add its competencies below."))
            return redirect("competencies:framework-detail", framework.pk)
    return render(request, "competencies/framework_form.html", {"form": form, "mode": "create"})


@login_required
def framework_edit(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = queries.framework_for_edit(viewer=request.user, framework_id=framework_id)
    scale_choices = queries.scale_choices_for(viewer=request.user, district_id=framework.district_id)
    initial = {
        "title": framework.title,
        "subject": framework.subject,
        "description": framework.description,
        "scale": framework.scale_id,
    }
    form = FrameworkForm(_posted(request), initial=initial, districts=None, scales=scale_choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scale = next((s for s in scale_choices if s.pk == data["scale"]), None)
        try:
            framework_services.framework_update(
                actor=request.user,
                framework=framework,
                title=data["title"],
                description=data["description"],
                subject=data["subject"],
                scale=scale,
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Framework saved."))
            return redirect("competencies:framework-detail", framework.pk)
    return render(request, "competencies/framework_form.html", {"form": form, "mode": "edit", "framework": framework})


@login_required
def framework_method(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework, district = queries.framework_for_calculation(
        viewer=request.user, framework_id=framework_id, district_id=request.GET.get("district")
    )
    district_id = district.pk if district else None
    current = queries.method_of(framework, district_id)
    methods = queries.method_choices()
    form = MasteryMethodForm(_posted(request), methods=methods, current=current, bkt_defaults=queries.bkt_defaults())
    if request.method == "POST" and form.is_valid():
        method, settings = form.chosen()
        try:
            framework_services.framework_set_mastery_method(
                actor=request.user, framework=framework, method=method, settings=settings, district_id=district_id
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            if district is None:
                messages.success(
                    request, _("Mastery calculation saved. Every level on this framework is recalculated the new way.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "Mastery calculation saved for %(district)s. Its learners' levels on this framework are "
                        "recalculated the new way; other districts keep theirs."
                    )
                    % {"district": district.name},
                )
            return redirect("competencies:framework-detail", framework.pk)
    rows = [(m, form.settings_fields(m)) for m in methods]
    return render(
        request,
        "competencies/framework_method.html",
        {
            "form": form,
            "framework": framework,
            "district": district,
            "other_districts": queries.manageable_districts(viewer=request.user) if district else [],
            "current": current,
            "rows": rows,
            "bkt_fields": form.bkt_fields(),
        },
    )


@login_required
def competency_detail(request: HttpRequest, competency_id: int) -> HttpResponse:
    context = queries.competency_detail(viewer=request.user, competency_id=competency_id)
    return render(request, "competencies/competency_detail.html", context)


@login_required
@require_POST
def competency_add(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = queries.framework_for_edit(viewer=request.user, framework_id=framework_id)
    parents = queries.framework_competencies(viewer=request.user, framework=framework, include_withdrawn=False)
    form = CompetencyForm(request.POST, parents=parents)
    if form.is_valid():
        try:
            framework_services.competency_add(actor=request.user, framework=framework, **form.service_fields())
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Competency added."))
            return redirect("competencies:framework-detail", framework.pk)
    context = queries.framework_detail(viewer=request.user, framework_id=framework.pk)
    context["competency_form"] = form
    return render(request, "competencies/framework_detail.html", context, status=400)


@login_required
def competency_edit(request: HttpRequest, competency_id: int) -> HttpResponse:
    competency = queries.competency_for_edit(viewer=request.user, competency_id=competency_id)
    context = queries.competency_detail(viewer=request.user, competency_id=competency.pk)
    initial = {
        "code": competency.code,
        "abbreviated": competency.abbreviated,
        "statement": competency.statement,
        "item_type": competency.item_type,
        "education_levels": competency.education_levels,
        "parent": competency.parent_id,
    }
    form = CompetencyForm(_posted(request), initial=initial, parents=context["parent_choices"])
    if request.method == "POST" and form.is_valid():
        try:
            framework_services.competency_update(actor=request.user, competency=competency, **form.service_fields())
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Competency saved."))
            return redirect("competencies:competency-detail", competency.pk)
    return render(request, "competencies/competency_form.html", {**context, "form": form})


@login_required
@require_POST
def competency_move(request: HttpRequest, competency_id: int) -> HttpResponse:
    competency = queries.competency_for_edit(viewer=request.user, competency_id=competency_id)
    try:
        framework_services.competency_move(
            actor=request.user, competency=competency, direction=request.POST.get("direction", "")
        )
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('competencies:framework-detail', args=[competency.framework_id])}#c{competency.pk}")


@login_required
@require_POST
def competency_remove(request: HttpRequest, competency_id: int) -> HttpResponse:
    competency = queries.competency_for_edit(viewer=request.user, competency_id=competency_id)
    try:
        framework_services.competency_remove(actor=request.user, competency=competency)
    except (Forbidden, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("competencies:competency-detail", competency.pk)
    messages.success(request, _("Competency removed."))
    return redirect("competencies:framework-detail", competency.framework_id)


@login_required
def case_import_page(request: HttpRequest) -> HttpResponse:
    districts = _managed_districts(request)
    form = CaseImportForm(_posted(request), request.FILES or None, districts=districts)
    summary = None
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            form.add_error("file", _("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_MB})
        else:
            try:
                summary = case_import.framework_import_case(
                    actor=request.user,
                    district=_chosen(districts, form.cleaned_data["district"]),
                    content=upload.read(),
                    file_name=upload.name or "package.json",
                    dry_run=form.cleaned_data["dry_run"],
                    title=form.cleaned_data["title"],
                )
            except (Forbidden, NotFound):
                raise
            except ApplicationError as exc:
                form.add_error(None, exc.message)
                problems = exc.details
    status = 400 if request.method == "POST" and summary is None else 200
    return render(
        request,
        "competencies/case_import.html",
        {"form": form, "summary": summary, "problems": problems},
        status=status,
    )


@login_required
def scale_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "competencies/scale_list.html",
        {
            "scales": queries.scale_list(viewer=request.user),
            "can_manage": bool(queries.manageable_districts(viewer=request.user)),
        },
    )


@login_required
def scale_create(request: HttpRequest) -> HttpResponse:
    districts = _managed_districts(request)
    form = ScaleForm(_posted(request), initial={"mastery_threshold": 3}, districts=districts)
    if request.method == "POST" and form.is_valid():
        try:
            scales.scale_create(
                actor=request.user,
                district=_chosen(districts, form.cleaned_data["district"]),
                name=form.cleaned_data["name"],
                mastery_threshold=form.cleaned_data["mastery_threshold"],
                levels=form.levels(),
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Scale created."))
            return redirect("competencies:scale-list")
    return render(request, "competencies/scale_form.html", {"form": form, "mode": "create"})


@login_required
def scale_edit(request: HttpRequest, scale_id: int) -> HttpResponse:
    scale = queries.scale_for_edit(viewer=request.user, scale_id=scale_id)
    form = ScaleForm(
        _posted(request),
        initial={"name": scale.name, "mastery_threshold": scale.mastery_threshold},
        levels=list(scale.levels.all()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            scales.scale_update(
                actor=request.user,
                scale=scale,
                name=form.cleaned_data["name"],
                mastery_threshold=form.cleaned_data["mastery_threshold"],
                levels=form.levels(),
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Scale saved."))
            return redirect("competencies:scale-list")
    return render(request, "competencies/scale_form.html", {"form": form, "scale": scale, "mode": "edit"})
