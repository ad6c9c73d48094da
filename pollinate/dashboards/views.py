"""Each person's home page: one panel per role they hold, read by ``dashboards.queries.home``."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pollinate.dashboards import queries


@login_required
def home(request: HttpRequest) -> HttpResponse:
    page = queries.home(viewer=request.user, path=request.path)
    return render(request, "dashboards/home.html", {"home": page})
