"""Each person's home page (one panel per role they hold) and a guide's "who needs me" queue."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pollinate.core.htmx import render_page_or_partial
from pollinate.dashboards import queries
from pollinate.dashboards.forms import QueueFilterForm


@login_required
def home(request: HttpRequest) -> HttpResponse:
    page = queries.home(viewer=request.user, path=request.path)
    return render(request, "dashboards/home.html", {"home": page})


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    classes = queries.guide_classes(viewer=request.user)
    form = QueueFilterForm(request.GET or None, classes=classes)
    page = queries.guide_queue(viewer=request.user, **form.filters(), classes=classes, path=request.path)
    return render_page_or_partial(request, "dashboards/queue.html", {"queue": page, "form": form},
                                  partial="queue-list")
