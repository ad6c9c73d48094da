"""Pages for schools, classes, people and the audit log. Thin: parse the filters, call the query, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pollinate.people import policies, queries
from pollinate.people.forms import AuditFilterForm, SectionFilterForm
from pollinate.people.roles import scope_for

PAGE_SIZE = 50


@login_required
def school_list(request: HttpRequest) -> HttpResponse:
    return render(request, "people/school_list.html", {"schools": queries.school_list(viewer=request.user)})


@login_required
def section_list(request: HttpRequest) -> HttpResponse:
    schools = list(queries.school_list(viewer=request.user))
    form = SectionFilterForm(request.GET, schools=schools)
    school_id = form.school_id()
    sections = queries.section_list(viewer=request.user, school_id=school_id)
    page = Paginator(sections, PAGE_SIZE).get_page(request.GET.get("page"))
    school = next((s for s in schools if s.pk == school_id), None)
    return render(request, "people/section_list.html", {"page": page, "form": form, "school": school})


@login_required
def section_detail(request: HttpRequest, section_id: int) -> HttpResponse:
    context = queries.section_roster_get(viewer=request.user, section_id=section_id, path=request.path)
    return render(request, "people/section_detail.html", context)


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = queries.person_get(viewer=request.user, person_id=person_id, path=request.path)
    profile = queries.person_profile(viewer=request.user, person=person)
    can_read_audit = person.is_student and policies.can_manage_district(request.user, person.district_id)
    return render(
        request, "people/person_detail.html", {"person": person, "can_read_audit": can_read_audit, **profile}
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    student_id = form.value("student")
    events = queries.audit_events(
        viewer=request.user,
        district_id=form.value("district") or scope_for(request.user).home_district_id,
        student_id=student_id,
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    # One query for the names of every student on the page, rather than one per event.
    page.object_list = list(page.object_list)
    prefetch_related_objects(page.object_list, "students__student")
    student = next(
        (a.student for e in page.object_list for a in e.students.all() if a.student_id == student_id), None
    )
    return render(request, "people/audit_log.html", {"page": page, "form": form, "student": student})
