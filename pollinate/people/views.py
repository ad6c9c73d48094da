"""Pages for schools, classes, people and the audit log. Thin: one query each, then render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pollinate.people import queries
from pollinate.people.roles import scope_for


@login_required
def school_list(request: HttpRequest) -> HttpResponse:
    return render(request, "people/school_list.html", {"schools": queries.school_list(viewer=request.user)})


@login_required
def section_list(request: HttpRequest) -> HttpResponse:
    school_id = request.GET.get("school")
    sections = queries.section_list(
        viewer=request.user, school_id=int(school_id) if school_id and school_id.isdigit() else None
    )
    page = Paginator(sections, 50).get_page(request.GET.get("page"))
    return render(request, "people/section_list.html", {"page": page})


@login_required
def section_detail(request: HttpRequest, section_id: int) -> HttpResponse:
    section = queries.section_get(viewer=request.user, section_id=section_id)
    roster = queries.section_roster(viewer=request.user, section=section, path=request.path)
    return render(request, "people/section_detail.html", {"section": section, **roster})


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = queries.person_get(viewer=request.user, person_id=person_id, path=request.path)
    profile = queries.person_profile(viewer=request.user, person=person)
    return render(request, "people/person_detail.html", {"person": person, **profile})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    district_id = request.GET.get("district")
    district_id = int(district_id) if district_id and district_id.isdigit() else scope.home_district_id
    student = request.GET.get("student")
    events = queries.audit_events(
        viewer=request.user,
        district_id=district_id,
        student_id=int(student) if student and student.isdigit() else None,
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "people/audit_log.html", {"page": page})
