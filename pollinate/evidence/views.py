"""Pages for evidence: capture in any mode, a piece with its feedback, portfolios and the public showcase."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pollinate.core.errors import ApplicationError
from pollinate.core.htmx import render_page_or_partial
from pollinate.evidence import policies, queries, services
from pollinate.evidence.forms import MODES, EvidenceEditForm, EvidenceForm, PortfolioToggleForm, mode_or_default
from pollinate.evidence.serving import file_response

SCRIPTS = {
    "drawing": ["js/evidence-submit.js", "js/evidence-draw.js"],
    "audio": ["js/evidence-submit.js", "js/evidence-record.js"],
    "video": ["js/evidence-submit.js", "js/evidence-record.js"],
}


@login_required
def evidence_list(request: HttpRequest) -> HttpResponse:
    pieces = queries.evidence_list(viewer=request.user, path=request.path)
    return render(request, "evidence/list.html", {"pieces": pieces, "modes": MODES})


@login_required
def evidence_add(request: HttpRequest) -> HttpResponse:
    kind = mode_or_default(request.POST.get("kind") or request.GET.get("mode"))
    audiences = queries.audience_choices(viewer=request.user)
    form = EvidenceForm(
        request.POST or None, request.FILES or None, kind=kind, audiences=audiences,
        default_audience=_default(audiences), targets=queries.attachable_targets(viewer=request.user),
        initial={k: request.GET.get(k) for k in ("goal", "activity", "inquiry") if request.GET.get(k)},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                evidence = services.evidence_create(actor=request.user, path=request.path, **form.service_kwargs())
            except ApplicationError as error:
                form.add_error(_field_of(error, form), error.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("evidence:detail", evidence.pk)
        status = 400
    context = {"form": form, "kind": kind, "modes": MODES, "scripts": SCRIPTS.get(kind, []), "query": _keep(request)}
    return render(request, "evidence/add.html", context, status=status)


@login_required
def evidence_detail(request: HttpRequest, evidence_id: int) -> HttpResponse:
    page = queries.evidence_page(viewer=request.user, evidence_id=evidence_id, path=request.path)
    return render(request, "evidence/detail.html", {"page": page, "evidence": page.evidence})


@login_required
def evidence_edit(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = queries.evidence_for_edit(viewer=request.user, evidence_id=evidence_id)
    form = EvidenceEditForm(request.POST or None, evidence=evidence,
                            audiences=queries.audience_choices(viewer=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_update(actor=request.user, evidence_id=evidence_id, path=request.path,
                                     **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(_field_of(error, form), error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("evidence:detail", evidence_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "evidence/edit.html", {"form": form, "evidence": evidence}, status=status)


@login_required
def evidence_delete(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = queries.evidence_for_edit(viewer=request.user, evidence_id=evidence_id)
    if request.method == "POST":
        services.evidence_delete(actor=request.user, evidence_id=evidence_id, path=request.path)
        messages.success(request, _("Deleted."))
        return redirect("evidence:list")
    return render(request, "evidence/delete.html", {"evidence": evidence})


@login_required
@require_POST
def portfolio_toggle(request: HttpRequest, evidence_id: int) -> HttpResponse:
    form = PortfolioToggleForm(request.POST)
    form.is_valid()
    evidence = services.evidence_set_portfolio(
        actor=request.user, evidence_id=evidence_id, in_portfolio=form.cleaned_data.get("in_portfolio", False),
        path=request.path,
    )
    if getattr(request, "htmx", False):
        return render(request, "evidence/_portfolio_toggle.html", {"evidence": evidence})
    return _next_or_detail(request, evidence_id)


@login_required
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = queries.evidence_file(viewer=request.user, evidence_id=evidence_id, path=request.path)
    return file_response(evidence, request=request)


@login_required
def evidence_thumbnail(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = queries.evidence_file(viewer=request.user, evidence_id=evidence_id, path=request.path)
    return file_response(evidence, thumbnail=True, request=request)


@login_required
def portfolio_index(request: HttpRequest) -> HttpResponse:
    people = queries.portfolio_index(viewer=request.user)
    if len(people) == 1:
        return redirect("evidence:portfolio", request.user.pk)
    return render(request, "evidence/portfolio_index.html", {"people": people})


@login_required
def portfolio(request: HttpRequest, learner_id: int) -> HttpResponse:
    folio = queries.portfolio(viewer=request.user, learner=learner_id, path=request.path)
    return render_page_or_partial(request, "evidence/portfolio.html", {"folio": folio}, partial="pieces")


@login_required
def learner_evidence(request: HttpRequest, learner_id: int) -> HttpResponse:
    pieces = queries.evidence_list(viewer=request.user, learner_id=learner_id, path=request.path)
    return render(request, "evidence/list.html", {"pieces": pieces, "learner_id": learner_id})


def showcase(request: HttpRequest, learner_id: int) -> HttpResponse:
    folio = queries.public_showcase(learner_id=learner_id, path=request.path)
    return render(request, "evidence/showcase.html", {"folio": folio})


def showcase_piece(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = queries.public_evidence_get(evidence_id=evidence_id, path=request.path)
    return render(request, "evidence/showcase_piece.html", {"evidence": evidence})


def showcase_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    return file_response(queries.public_evidence_get(evidence_id=evidence_id, path=request.path), request=request)


def showcase_thumbnail(request: HttpRequest, evidence_id: int) -> HttpResponse:
    return file_response(
        queries.public_evidence_get(evidence_id=evidence_id, path=request.path), thumbnail=True, request=request
    )


def _default(audiences: list[tuple[str, str]]) -> str:
    return policies.default_audience([value for value, _label in audiences])


def _field_of(error: ApplicationError, form: EvidenceForm | EvidenceEditForm) -> str | None:
    field = error.details[0] if error.details else None
    return field if field in form.fields else None


def _keep(request: HttpRequest) -> str:
    """The goal/activity/inquiry a learner came from, carried across the mode tabs."""
    kept = {k: request.GET[k] for k in ("goal", "activity", "inquiry") if request.GET.get(k, "").isdigit()}
    return urlencode(kept)


def _next_or_detail(request: HttpRequest, evidence_id: int) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("evidence:detail", evidence_id)


@login_required
def district_settings(request: HttpRequest) -> HttpResponse:
    from pollinate.evidence.forms import DistrictEvidenceSettingsForm
    from pollinate.evidence.models import AUDIENCE_ORDER
    from pollinate.people.roles import scope_for

    district_id = scope_for(request.user).home_district_id
    current = queries.district_evidence_settings(viewer=request.user, district_id=district_id)
    initial = {
        "allowed_audiences": current.allowed_audiences or AUDIENCE_ORDER,
        "public_min_age": current.public_min_age,
        "max_upload_mb": current.max_upload_mb,
    }
    form = DistrictEvidenceSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.district_evidence_settings_update(actor=request.user, district_id=district_id, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            for detail in exc.details:
                form.add_error(None, detail)
        else:
            messages.success(request, _("Evidence settings saved."))
            return redirect("evidence:district-settings")
    return render(request, "evidence/district_settings.html", {"form": form})
