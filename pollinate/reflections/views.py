"""Reflection pages: write, timeline, one reflection, feedback, and the district prompt bank. Thin."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.core.access import require
from pollinate.core.errors import ApplicationError
from pollinate.people.roles import scope_for
from pollinate.reflections import policies, queries, services
from pollinate.reflections.forms import FeedbackForm, PromptForm, ReflectionForm

PAGE_SIZE = 20


@login_required
def index(request: HttpRequest) -> HttpResponse:
    viewer = request.user
    context = {
        "recent": queries.recent_reflections(viewer=viewer, learner=viewer, limit=5),
        "learners": list(queries.guided_learners_with_reflections(viewer=viewer)),
        "awaiting": queries.reflections_awaiting_feedback(viewer=viewer, limit=20),
        "can_manage_prompts": policies.can_manage_prompts(viewer, scope_for(viewer).home_district_id),
    }
    return render(request, "reflections/index.html", context)


@login_required
def reflection_new(request: HttpRequest) -> HttpResponse:
    prompts = list(queries.prompt_list(viewer=request.user))
    goals, work = queries.my_goals_and_work(viewer=request.user)
    initial = {"shared_with_guides": True, "goal": request.GET.get("goal"), "evidence": request.GET.get("evidence"),
               "prompt": request.GET.get("prompt")}
    data = request.POST if request.method == "POST" else None
    form = ReflectionForm(data, initial=initial, prompts=prompts, goals=goals, work=work)
    if request.method == "POST" and form.is_valid():
        try:
            reflection = services.reflection_create(
                actor=request.user,
                body=form.cleaned_data["body"],
                prompt_id=form.cleaned_data["prompt"],
                goal_id=form.cleaned_data["goal"],
                evidence_id=form.cleaned_data["evidence"],
                shared_with_guides=form.cleaned_data["shared_with_guides"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("reflections:detail", reflection.pk)
    return render(request, "reflections/new.html", {"form": form, "prompts": prompts})


@login_required
def timeline(request: HttpRequest, learner_id: int) -> HttpResponse:
    learner = queries.timeline_learner_get(viewer=request.user, learner_id=learner_id)
    reflections = queries.reflection_timeline(viewer=request.user, learner=learner, path=request.path)
    page = Paginator(reflections, PAGE_SIZE).get_page(request.GET.get("page"))
    is_own = learner.pk == request.user.pk
    return render(request, "reflections/timeline.html",
                  {"learner": learner, "page": page, "is_own": is_own, "feedback_can_add": not is_own})


@login_required
def detail(request: HttpRequest, reflection_id: int) -> HttpResponse:
    reflection = queries.reflection_get(viewer=request.user, reflection_id=reflection_id, path=request.path)
    return render(request, "reflections/detail.html",
                  {"reflection": reflection, "is_own": reflection.learner_id == request.user.pk})


@login_required
@require_POST
def set_sharing(request: HttpRequest, reflection_id: int) -> HttpResponse:
    reflection = queries.reflection_owned_get(viewer=request.user, reflection_id=reflection_id)
    services.reflection_set_sharing(actor=request.user, reflection=reflection,
                                    shared_with_guides=request.POST.get("shared") == "1")
    return redirect("reflections:detail", reflection.pk)


def _feedback_response(request: HttpRequest, target, kind: str) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = ""
    form = FeedbackForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            if kind == "evidence":
                services.feedback_add(actor=request.user, evidence=target, body=form.cleaned_data["body"])
            else:
                services.feedback_add(actor=request.user, reflection=target, body=form.cleaned_data["body"])
        except ApplicationError as exc:
            if exc.status != 400:
                raise
            error = exc.message
    else:
        error = _("Write your feedback before sending it.")
    if getattr(request, "htmx", False):
        context = {"target": target, "kind": kind, "feedback_next": next_url, "feedback_error": error}
        status = 400 if error else 200
        return render(request, "reflections/partials/feedback_thread.html", context, status=status)
    if error:
        raise ApplicationError(error)
    if next_url:
        return redirect(next_url)
    if kind == "reflection":
        return redirect("reflections:detail", target.pk)
    return redirect("reflections:index")


@login_required
@require_POST
def feedback_add_evidence(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = queries.evidence_for_feedback_get(viewer=request.user, evidence_id=evidence_id)
    return _feedback_response(request, evidence, "evidence")


@login_required
@require_POST
def feedback_add_reflection(request: HttpRequest, reflection_id: int) -> HttpResponse:
    reflection = queries.reflection_for_feedback_get(viewer=request.user, reflection_id=reflection_id)
    return _feedback_response(request, reflection, "reflection")


@login_required
def prompts(request: HttpRequest) -> HttpResponse:
    district_id = scope_for(request.user).home_district_id
    require(policies.can_manage_prompts(request.user, district_id),
            _("Only district administrators manage the prompt bank."))
    form = PromptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.prompt_create(actor=request.user, district_id=district_id, **form.cleaned_data)
        return redirect("reflections:prompts")
    context = {
        "form": form,
        "district_prompts": queries.district_prompt_list(viewer=request.user, district_id=district_id),
        "builtin_prompts": queries.builtin_prompt_list(viewer=request.user),
    }
    return render(request, "reflections/prompts.html", context)


@login_required
@require_POST
def prompt_toggle(request: HttpRequest, prompt_id: int) -> HttpResponse:
    prompt = queries.prompt_for_update_get(viewer=request.user, prompt_id=prompt_id)
    services.prompt_set_active(actor=request.user, prompt=prompt, is_active=request.POST.get("active") == "1")
    return redirect("reflections:prompts")
