"""Goal pages: my goals, a goal with its history, steps and check-ins, my learners' goals, school and district
goals and their alignment. Thin: parse, call one query or service, render or redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.core.errors import ApplicationError, Forbidden
from pollinate.core.outcomes import attempt, form_error
from pollinate.goals import queries, services
from pollinate.goals.forms import (
    ActionStepForm,
    CheckInForm,
    CommentForm,
    GoalForm,
    GuideFilterForm,
    ReasonForm,
    SystemGoalForm,
)

PAGE_SIZE = 50


def _detail(goal_id: int) -> HttpResponse:
    return redirect("goals:detail", goal_id)


@login_required
def my_goals(request: HttpRequest) -> HttpResponse:
    return render(request, "goals/my_goals.html", {"groups": queries.my_goals(viewer=request.user)})


@login_required
def goal_create(request: HttpRequest) -> HttpResponse:
    choices = queries.goal_form_choices(viewer=request.user)
    form = GoalForm(request.POST or None, **choices)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(actor=request.user, **form.goal_fields())
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Your goal is saved as a draft. Propose it to your guide when it is ready."))
            return _detail(goal.pk)
    return render(request, "goals/goal_form.html", {"form": form, "mode": "create", **choices})


@login_required
def goal_detail(request: HttpRequest, goal_id: int) -> HttpResponse:
    context = queries.goal_detail(viewer=request.user, goal_id=goal_id, path=request.path)
    context.update(comment_form=CommentForm(), reason_form=ReasonForm(), step_form=ActionStepForm(),
                   check_in_form=CheckInForm(initial={"progress": context["goal"].progress}))
    return render(request, "goals/goal_detail.html", context)


def _goal_form_page(request: HttpRequest, goal_id: int, *, mode: str) -> HttpResponse:
    goal = queries.goal_get(viewer=request.user, goal_id=goal_id, path=request.path)
    choices = queries.goal_form_choices(viewer=request.user)
    form = GoalForm(request.POST or None, initial=GoalForm.initial_from(goal), with_comment=True, **choices)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data.get("comment", "")
        service = services.goal_update if mode == "edit" else services.goal_revise
        try:
            result = service(actor=request.user, goal=goal, comment=comment, **form.goal_fields())
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Goal saved.") if mode == "edit" else _("New version of the goal saved."))
            return _detail(result.pk)
    return render(request, "goals/goal_form.html", {"form": form, "mode": mode, "goal": goal, **choices})


@login_required
def goal_edit(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _goal_form_page(request, goal_id, mode="edit")


@login_required
def goal_revise(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _goal_form_page(request, goal_id, mode="revise")


def _transition(request: HttpRequest, goal_id: int, service: Callable[..., Any], success: str,
                field: str = "comment") -> HttpResponse:
    goal = queries.goal_get(viewer=request.user, goal_id=goal_id, path=request.path)
    text = request.POST.get(field, "")
    attempt(request, lambda: service(actor=request.user, goal=goal, **{field: text}), success)
    return _detail(goal_id)


@login_required
@require_POST
def goal_propose(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _transition(request, goal_id, services.goal_propose, _("Goal proposed to your guide."))


@login_required
@require_POST
def goal_agree(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _transition(request, goal_id, services.goal_agree, _("Goal agreed. It is now active."))


@login_required
@require_POST
def goal_request_changes(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _transition(request, goal_id, services.goal_request_changes, _("Changes requested."))


@login_required
@require_POST
def goal_achieve(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _transition(request, goal_id, services.goal_achieve, _("Goal achieved. Well done!"))


@login_required
@require_POST
def goal_drop(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _transition(request, goal_id, services.goal_drop, _("Goal dropped."), field="reason")


@login_required
@require_POST
def step_add(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = queries.goal_get(viewer=request.user, goal_id=goal_id, path=request.path)
    form = ActionStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the step is."))
        return _detail(goal_id)
    attempt(request, lambda: services.action_step_add(actor=request.user, goal=goal, **form.cleaned_data),
             _("Step added."))
    return _detail(goal_id)


@login_required
@require_POST
def step_update(request: HttpRequest, goal_id: int, step_id: int) -> HttpResponse:
    goal = queries.goal_get(viewer=request.user, goal_id=goal_id, path=request.path)
    step = queries.action_step_get(viewer=request.user, goal=goal, step_id=step_id)
    action = request.POST.get("action", "")
    if action in ("up", "down"):
        attempt(request, lambda: services.action_step_move(actor=request.user, step=step, direction=action),
                 _("Step moved."))
    else:
        done = action == "done"
        attempt(request, lambda: services.action_step_update(actor=request.user, step=step, done=done),
                 _("Step marked done.") if done else _("Step marked not done."))
    return _detail(goal_id)


@login_required
@require_POST
def check_in_add(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = queries.goal_get(viewer=request.user, goal_id=goal_id, path=request.path)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Progress is a percentage from 0 to 100."))
        return _detail(goal_id)
    attempt(request, lambda: services.check_in_create(actor=request.user, goal=goal, **form.cleaned_data),
             _("Check-in saved."))
    return _detail(goal_id)


@login_required
@require_POST
def check_in_to_step(request: HttpRequest, goal_id: int, check_in_id: int) -> HttpResponse:
    goal = queries.goal_get(viewer=request.user, goal_id=goal_id, path=request.path)
    check_in = queries.check_in_get(viewer=request.user, goal=goal, check_in_id=check_in_id)
    attempt(request, lambda: services.action_step_from_check_in(actor=request.user, check_in=check_in),
             _("Next step added to the action steps."))
    return _detail(goal_id)


@login_required
def guide_goals(request: HttpRequest) -> HttpResponse:
    sections = queries.guide_sections(viewer=request.user)
    form = GuideFilterForm(request.GET, sections=sections)
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    page = queries.guided_goal_page(viewer=request.user, section_id=form.value("section"),
                                    status=form.value("status") or None, page=number, page_size=PAGE_SIZE,
                                    path=request.path)
    return render(request, "goals/guide_goals.html", {"form": form, "page": page})


@login_required
def learner_goals(request: HttpRequest, person_id: int) -> HttpResponse:
    context = queries.learner_goals_get(viewer=request.user, learner_id=person_id, path=request.path)
    return render(request, "goals/learner_goals.html", context)


@login_required
def system_goals(request: HttpRequest) -> HttpResponse:
    context = queries.system_goals_page(viewer=request.user)
    form = SystemGoalForm(request.POST or None, schools=context["schools"],
                          can_publish_district=context["can_publish_district"])
    if request.method == "POST":
        if not context["can_publish"]:
            raise Forbidden(_("You do not have permission to do that."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.system_goal_create(actor=request.user, level=data["level"], title=data["title"],
                                            description=data["description"], school_id=data["school"])
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Goal published."))
                return redirect("goals:system-list")
    return render(request, "goals/system_goals.html", {"form": form, **context})


@login_required
@require_POST
def system_goal_publish(request: HttpRequest, system_goal_id: int) -> HttpResponse:
    system_goal = queries.system_goal_get(viewer=request.user, system_goal_id=system_goal_id)
    publish = request.POST.get("publish") == "1"
    attempt(request, lambda: services.system_goal_update(actor=request.user, system_goal=system_goal,
                                                          is_published=publish),
             _("Goal published.") if publish else _("Goal withdrawn."))
    return redirect("goals:system-list")


@login_required
def alignment(request: HttpRequest) -> HttpResponse:
    rows = queries.alignment(viewer=request.user)
    top = max([r.active_count + r.achieved_count for r in rows] or [0])
    bars = [
        {"label": r.system_goal.title, "value": r.active_count,
         "percent": round(100 * r.active_count / top) if top else 0}
        for r in rows
    ]
    return render(request, "goals/alignment.html", {"rows": rows, "bars": bars})
