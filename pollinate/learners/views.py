"""Learner profile pages and the class snapshot. Thin: parse, call one query or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pollinate.core.access import require
from pollinate.learners import queries, services
from pollinate.learners.forms import NO_LABELS, ProfileForm, initial_from


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    view = queries.my_profile(viewer=request.user, path=request.path)
    return render(request, "learners/profile_detail.html", {"view": view})


@login_required
def profile_detail(request: HttpRequest, learner_id: int) -> HttpResponse:
    view = queries.profile_get(viewer=request.user, learner_id=learner_id, path=request.path)
    return render(request, "learners/profile_detail.html", {"view": view})


@login_required
def profile_edit(request: HttpRequest, learner_id: int) -> HttpResponse:
    view = queries.profile_get(viewer=request.user, learner_id=learner_id, path=request.path)
    require(view.can_edit, _("Family members can read this profile but not change it."))
    form = ProfileForm(request.POST or None, initial=initial_from(view.profile))
    if request.method == "POST" and form.is_valid():
        services.profile_update(actor=request.user, learner_id=learner_id, path=request.path, **form.cleaned_data)
        messages.success(request, _("Profile saved."))
        return redirect("learners:mine") if view.is_mine else redirect("learners:detail", learner_id)
    return render(request, "learners/profile_form.html", {"view": view, "form": form, "no_labels": NO_LABELS})


@login_required
def snapshot_index(request: HttpRequest) -> HttpResponse:
    sections = queries.snapshot_section_list(viewer=request.user)
    return render(request, "learners/snapshot_index.html", {"sections": sections})


@login_required
def class_snapshot(request: HttpRequest, section_id: int) -> HttpResponse:
    context = queries.class_snapshot_get(viewer=request.user, section_id=section_id, path=request.path)
    return render(request, "learners/class_snapshot.html", context)
