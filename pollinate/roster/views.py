"""The roster import page and the run page (which polls its progress fragment with htmx)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pollinate.core.access import require
from pollinate.core.errors import ApplicationError
from pollinate.core.htmx import render_page_or_partial
from pollinate.roster import queries, services
from pollinate.roster.forms import ImportForm
from pollinate.roster.models import ImportRun


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    districts = queries.importable_districts(viewer=request.user)
    require(bool(districts))
    form = ImportForm(request.POST or None, request.FILES or None, districts=districts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                run = services.start_import(
                    actor=request.user,
                    district=form.district_obj(),
                    upload=upload.file,
                    file_name=upload.name,
                    size=upload.size,
                    dry_run=form.cleaned_data["mode"] == ImportRun.Mode.DRY_RUN,
                )
            except ApplicationError as exc:
                form.add_error("file", exc.message)
            else:
                return redirect("roster:run", run_id=run.pk)
        status = 400
    runs = queries.run_list(viewer=request.user)
    return render(request, "roster/import.html", {"form": form, "runs": runs}, status=status)


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = queries.run_get(viewer=request.user, run_id=run_id)
    return render_page_or_partial(request, "roster/run.html", {"run": run}, partial="progress")
