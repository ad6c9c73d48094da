"""Inquiry pages: my inquiries, my learners' inquiries, pose or take a question, the inquiry page. Thin."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pollinate.core.errors import ApplicationError
from pollinate.inquiry import queries, services
from pollinate.inquiry.forms import (
    EssentialQuestionForm,
    FindingsForm,
    InquiryForm,
    LinkEvidenceForm,
    PlanForm,
    SourceForm,
    StageForm,
)


@login_required
def inquiry_list(request: HttpRequest) -> HttpResponse:
    viewer = request.user
    context = {
        "mine": queries.my_inquiries(viewer=viewer),
        "learners": queries.inquiries_of_my_learners(viewer=viewer, path=request.path),
        "essentials": queries.essential_question_list(viewer=viewer),
        "can_offer": queries.taught_sections(viewer=viewer).exists(),
    }
    return render(request, "inquiry/list.html", context)


@login_required
def inquiry_new(request: HttpRequest) -> HttpResponse:
    viewer = request.user
    form = InquiryForm(
        request.POST if request.method == "POST" else None,
        initial={"essential_question": request.GET.get("question"), "audience": "guides"},
        essentials=queries.essential_question_list(viewer=viewer), goals=queries.my_goals(viewer=viewer),
        audiences=queries.audience_choices(viewer=viewer),
        allow_action_research=queries.can_do_action_research(viewer=viewer),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inquiry = services.inquiry_create(
                actor=viewer, question=data["question"], essential_question_id=data["essential_question"],
                kind=data.get("kind") or "inquiry", goal_id=data["goal"], audience=data["audience"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("inquiry:detail", inquiry.pk)
    return render(request, "inquiry/new.html", {"form": form})


@login_required
def inquiry_detail(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    viewer = request.user
    inquiry = queries.inquiry_get(viewer=viewer, inquiry_id=inquiry_id, path=request.path)
    is_own = inquiry.learner_id == viewer.pk
    context = {"inquiry": inquiry, "is_own": is_own, "evidence": queries.inquiry_evidence(viewer=viewer,
                                                                                            inquiry=inquiry)}
    if is_own:
        audiences = queries.audience_choices(viewer=viewer)
        context.update(
            plan_form=PlanForm(initial={"plan": inquiry.plan}),
            findings_form=FindingsForm(initial={"findings": inquiry.findings}),
            source_form=SourceForm(),
            stage_form=StageForm(initial={"stage": inquiry.stage, "audience": inquiry.audience},
                                 audiences=audiences),
            link_form=LinkEvidenceForm(work=queries.evidence_to_link(viewer=viewer, inquiry=inquiry)),
        )
    return render(request, "inquiry/detail.html", context)


def _own(request: HttpRequest, inquiry_id: int):
    return queries.inquiry_for_update_get(viewer=request.user, inquiry_id=inquiry_id)


def _invalid(form) -> ApplicationError:
    details = [f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
               for name, errors in form.errors.items()]
    return ApplicationError(details[0] if details else "", details=details)


@login_required
@require_POST
def inquiry_plan(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = _own(request, inquiry_id)
    form = PlanForm(request.POST)
    if not form.is_valid():
        raise _invalid(form)
    services.inquiry_update(actor=request.user, inquiry=inquiry, plan=form.cleaned_data["plan"])
    return redirect("inquiry:detail", inquiry.pk)


@login_required
@require_POST
def inquiry_findings(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = _own(request, inquiry_id)
    form = FindingsForm(request.POST)
    if not form.is_valid():
        raise _invalid(form)
    services.inquiry_update(actor=request.user, inquiry=inquiry, findings=form.cleaned_data["findings"])
    return redirect("inquiry:detail", inquiry.pk)


@login_required
@require_POST
def inquiry_stage(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = _own(request, inquiry_id)
    form = StageForm(request.POST, audiences=queries.audience_choices(viewer=request.user))
    if not form.is_valid():
        raise _invalid(form)
    services.inquiry_set_stage(actor=request.user, inquiry=inquiry, stage=form.cleaned_data["stage"],
                               audience=form.cleaned_data["audience"] or None)
    return redirect("inquiry:detail", inquiry.pk)


@login_required
@require_POST
def inquiry_source(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = _own(request, inquiry_id)
    form = SourceForm(request.POST)
    if not form.is_valid():
        raise _invalid(form)
    services.source_add(actor=request.user, inquiry=inquiry, **form.cleaned_data)
    return redirect("inquiry:detail", inquiry.pk)


@login_required
@require_POST
def inquiry_link_evidence(request: HttpRequest, inquiry_id: int) -> HttpResponse:
    inquiry = _own(request, inquiry_id)
    form = LinkEvidenceForm(request.POST, work=queries.evidence_to_link(viewer=request.user, inquiry=inquiry))
    if not form.is_valid():
        raise _invalid(form)
    services.evidence_link(actor=request.user, inquiry=inquiry, evidence_id=form.cleaned_data["evidence"])
    return redirect("inquiry:detail", inquiry.pk)


@login_required
def essential_questions(request: HttpRequest) -> HttpResponse:
    sections = list(queries.taught_sections(viewer=request.user))
    form = EssentialQuestionForm(request.POST if request.method == "POST" else None, sections=sections)
    if request.method == "POST" and form.is_valid():
        services.essential_question_create(actor=request.user, question=form.cleaned_data["question"],
                                           section_ids=form.cleaned_data["sections"])
        return redirect("inquiry:questions")
    return render(request, "inquiry/questions.html", {
        "form": form, "sections": sections, "essentials": queries.essential_question_list(viewer=request.user),
    })
