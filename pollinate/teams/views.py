"""Team pages: my teams, a team with its stage history and meeting log, start and edit a team and its members,
move its stage, log a meeting, and the leaders' overview. Thin: parse, call one query or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.core.errors import ApplicationError
from pollinate.core.outcomes import attempt, form_error
from pollinate.teams import queries, services
from pollinate.teams.forms import MeetingForm, MemberAddForm, StageForm, TeamEditForm, TeamForm
from pollinate.teams.models import Stage


def _detail(team_id: int) -> HttpResponse:
    return redirect("teams:detail", team_id)


@login_required
def my_teams(request: HttpRequest) -> HttpResponse:
    return render(request, "teams/my_teams.html", queries.my_teams_page(viewer=request.user))


@login_required
def team_create(request: HttpRequest) -> HttpResponse:
    schools = queries.team_form_schools(viewer=request.user)
    form = TeamForm(request.POST or None, schools=schools, initial={"school": schools[0].pk if schools else ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = services.team_create(
                actor=request.user,
                name=data["name"],
                purpose=data["purpose"],
                school_id=data["school"],
                stage=data["stage"],
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Team started. Add your colleagues."))
            return redirect("teams:edit", team.pk)
    return render(request, "teams/team_form.html", {"form": form})


@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    context = queries.team_detail(viewer=request.user, team_id=team_id)
    context["stage_form"] = StageForm(initial={"to_stage": _next_stage(context["team"].stage)})
    context["stages"] = Stage.choices
    return render(request, "teams/team_detail.html", context)


def _next_stage(stage: str) -> str:
    """What the stage form offers first: the next stage, or the one before for a team at the last."""
    order = list(Stage.values)
    index = order.index(stage)
    return order[index + 1] if index + 1 < len(order) else order[index - 1]


@login_required
def team_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    context = queries.team_edit_get(viewer=request.user, team_id=team_id)
    team = context["team"]
    form = TeamEditForm(
        request.POST or None, initial={"name": team.name, "purpose": team.purpose, "is_active": team.is_active}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(actor=request.user, team=team, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Team saved."))
            return _detail(team.pk)
    member_form = MemberAddForm(candidates=context.pop("candidates"))
    return render(request, "teams/team_edit.html", {**context, "form": form, "member_form": member_form})


@login_required
@require_POST
def member_add(request: HttpRequest, team_id: int) -> HttpResponse:
    team = queries.team_get(viewer=request.user, team_id=team_id)
    try:
        person_id = int(request.POST.get("person", ""))
    except ValueError:
        messages.error(request, _("Choose a colleague to add."))
        return redirect("teams:edit", team.pk)
    attempt(
        request,
        lambda: services.team_member_add(actor=request.user, team=team, person_id=person_id),
        _("Colleague added."),
    )
    return redirect("teams:edit", team.pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, team_id: int, person_id: int) -> HttpResponse:
    team = queries.team_get(viewer=request.user, team_id=team_id)
    removed = attempt(
        request,
        lambda: services.team_member_remove(actor=request.user, team=team, person_id=person_id),
        _("Removed from the team."),
    )
    if removed and person_id == request.user.pk:
        return redirect("teams:mine")
    return redirect("teams:edit", team.pk)


@login_required
@require_POST
def stage_move(request: HttpRequest, team_id: int) -> HttpResponse:
    team = queries.team_get(viewer=request.user, team_id=team_id)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a stage and say why the team is moving."))
        return _detail(team.pk)
    attempt(
        request,
        lambda: services.team_move_stage(actor=request.user, team=team, **form.cleaned_data),
        _("Stage changed."),
    )
    return _detail(team.pk)


@login_required
def meeting_create(request: HttpRequest, team_id: int) -> HttpResponse:
    context = queries.meeting_form_get(viewer=request.user, team_id=team_id)
    team, members = context["team"], context["members"]
    form = MeetingForm(
        request.POST or None,
        members=members,
        initial={"met_on": timezone.localdate(), "attendees": [m.person_id for m in members]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_log(
                actor=request.user,
                team=team,
                met_on=data["met_on"],
                attendee_ids=data["attendees"],
                notes=data["notes"],
                decisions=data["decisions"],
                next_meeting_on=data["next_meeting_on"],
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Meeting logged."))
            return _detail(team.pk)
    return render(request, "teams/meeting_form.html", {"team": team, "form": form})


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    data = queries.stage_overview(viewer=request.user)
    top = max(data.totals or (0,))
    bars = [
        {"label": label, "value": value, "percent": round(100 * value / top) if top else 0}
        for (_key, label), value in zip(data.stages, data.totals, strict=True)
    ]
    # Each count with its stage's name, so the table can label every cell when it stacks on a phone.
    labels = [label for _key, label in data.stages]
    rows = [(row, list(zip(labels, row.counts, strict=True))) for row in data.rows]
    totals = list(zip(labels, data.totals, strict=True))
    context = {"overview": data, "bars": bars, "rows": rows, "totals": totals}
    return render(request, "teams/overview.html", context)
