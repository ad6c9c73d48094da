"""Choice board and playlist pages. Thin: parse the form, call one query or service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.choice import queries, services
from pollinate.choice.forms import (
    ActivityForm,
    MoveForm,
    PathwayEditForm,
    PathwayForm,
    ProposalForm,
    ReviewForm,
    StatusForm,
)
from pollinate.choice.models import Pathway
from pollinate.core.errors import ApplicationError, Forbidden
from pollinate.core.outcomes import attempt, form_error


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "choice/home.html", {
        "mine": queries.my_pathways(viewer=request.user),
        "taught": queries.pathways_taught(viewer=request.user),
        "proposals": queries.pending_activity_proposals(viewer=request.user),
        "can_build": bool(queries.sections_to_build_for(viewer=request.user)),
    })


@login_required
def pathway_create(request: HttpRequest) -> HttpResponse:
    form = PathwayForm(request.POST or None, sections=queries.sections_to_build_for(viewer=request.user))
    if request.method == "POST" and form.is_valid():
        pathway = services.pathway_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Created. Add activities, then publish it."))
        return redirect("choice:detail", pathway.pk)
    return render(request, "choice/pathway_form.html", {"form": form})


@login_required
def pathway_edit(request: HttpRequest, pathway_id: int) -> HttpResponse:
    page = queries.pathway_get(viewer=request.user, pathway_id=pathway_id)
    if not page.can_manage:
        raise Forbidden(_("Only the teachers of its classes change a board or playlist."))
    pathway = page.pathway
    is_board = pathway.kind == Pathway.Kind.CHOICE_BOARD
    form = PathwayEditForm(
        request.POST or None,
        is_board=is_board,
        initial={
            "title": pathway.title,
            "instructions": pathway.instructions,
            "picks_required": pathway.picks_required,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pathway_update(actor=request.user, pathway_id=pathway.pk, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("choice:detail", pathway.pk)
    return render(request, "choice/pathway_edit.html", {"form": form, "pathway": pathway})


def _detail(request: HttpRequest, pathway_id: int, activity_form: ActivityForm | None = None) -> HttpResponse:
    page = queries.pathway_get(viewer=request.user, pathway_id=pathway_id)
    if page.can_manage and activity_form is None:
        activity_form = ActivityForm(goals=queries.system_goals_for(viewer=request.user,
                                                                    district_id=page.pathway.district_id))
    return render(request, "choice/pathway_detail.html", {"page": page, "activity_form": activity_form,
                                                          "statuses": StatusForm.base_fields["status"].choices})


@login_required
def pathway_detail(request: HttpRequest, pathway_id: int) -> HttpResponse:
    return _detail(request, pathway_id)


@login_required
@require_POST
def activity_add(request: HttpRequest, pathway_id: int) -> HttpResponse:
    page = queries.pathway_get(viewer=request.user, pathway_id=pathway_id)
    goals = queries.system_goals_for(viewer=request.user, district_id=page.pathway.district_id)
    form = ActivityForm(request.POST, goals=goals)
    if not form.is_valid():
        return _detail(request, pathway_id, activity_form=form)
    services.activity_add(actor=request.user, pathway_id=pathway_id, **form.cleaned_data)
    messages.success(request, _("Activity added."))
    return redirect("choice:detail", pathway_id)


@login_required
@require_POST
def pathway_publish(request: HttpRequest, pathway_id: int) -> HttpResponse:
    publish = request.POST.get("publish") != "0"
    attempt(request, lambda: services.pathway_publish(actor=request.user, pathway_id=pathway_id, publish=publish),
             _("Published: your students can choose now.") if publish else _("Back to draft."))
    return redirect("choice:detail", pathway_id)


@login_required
@require_POST
def item_move(request: HttpRequest, pathway_id: int, item_id: int) -> HttpResponse:
    form = MoveForm(request.POST)
    direction = form.cleaned_data["direction"] if form.is_valid() else ""
    attempt(request, lambda: services.item_move(actor=request.user, pathway_id=pathway_id, item_id=item_id,
                                                 direction=direction), _("Order changed."))
    return redirect("choice:detail", pathway_id)


@login_required
@require_POST
def item_remove(request: HttpRequest, pathway_id: int, item_id: int) -> HttpResponse:
    attempt(request, lambda: services.item_remove(actor=request.user, pathway_id=pathway_id, item_id=item_id),
             _("Activity removed."))
    return redirect("choice:detail", pathway_id)


@login_required
@require_POST
def choose(request: HttpRequest, pathway_id: int, activity_id: int) -> HttpResponse:
    attempt(request, lambda: services.activity_choose(actor=request.user, pathway_id=pathway_id,
                                                       activity_id=activity_id, path=request.path),
             _("Picked. You can start whenever you are ready."))
    return redirect("choice:detail", pathway_id)


@login_required
@require_POST
def choice_status(request: HttpRequest, choice_id: int) -> HttpResponse:
    choice = queries.choice_get(viewer=request.user, choice_id=choice_id)
    form = StatusForm(request.POST)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    attempt(request, lambda: services.choice_set_status(actor=request.user, choice_id=choice_id, status=status,
                                                         path=request.path), _("Progress saved."))
    return redirect("choice:detail", choice.pathway_id)


@login_required
@require_POST
def choice_drop(request: HttpRequest, choice_id: int) -> HttpResponse:
    choice = queries.choice_get(viewer=request.user, choice_id=choice_id)
    attempt(request, lambda: services.choice_drop(actor=request.user, choice_id=choice_id, path=request.path),
             _("Pick removed: you can choose another."))
    return redirect("choice:detail", choice.pathway_id)


@login_required
def propose(request: HttpRequest, pathway_id: int) -> HttpResponse:
    page = queries.pathway_get(viewer=request.user, pathway_id=pathway_id)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and attempt(
        request,
        lambda: services.activity_propose(actor=request.user, pathway_id=pathway_id, path=request.path,
                                          **form.cleaned_data),
        _("Sent to your teacher. You will hear back here."),
    ):
        return redirect("choice:detail", pathway_id)
    return render(request, "choice/propose.html", {"page": page, "form": form})


@login_required
@require_POST
def proposal_review(request: HttpRequest, activity_id: int) -> HttpResponse:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise ApplicationError(_("Approve or decline."))
    approve = form.cleaned_data["decision"] == "approve"
    done = _("Approved: it is now the learner's pick.") if approve else _("Declined. The learner will see your note.")
    attempt(request, lambda: services.proposal_review(actor=request.user, activity_id=activity_id, approve=approve,
                                                       note=form.cleaned_data["note"], path=request.path), done)
    back_to = form.cleaned_data["back_to_pathway"]
    return redirect("choice:detail", back_to) if back_to else redirect("choice:home")


@login_required
def progress(request: HttpRequest, pathway_id: int) -> HttpResponse:
    context = queries.pathway_progress(viewer=request.user, pathway_id=pathway_id, path=request.path)
    return render(request, "choice/progress.html", context)
