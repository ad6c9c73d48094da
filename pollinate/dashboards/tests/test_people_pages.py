"""The people pages (schools, classes, a class, a person, the audit log) as their readers see them."""

from __future__ import annotations

import re

from django.urls import reverse

from pollinate.core.audit import record_student_reads
from pollinate.core.models import AuditEvent
from pollinate.people.tests.factories import SectionFactory, enroll, make_person


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_school_list_shows_the_district_admin_each_school_with_its_classes(world, client_for):
    response = client_for(world.district_admin).get(reverse("people:school-list"))
    text = _text(response)

    assert response.status_code == 200
    assert "Alder Elementary 2" in text
    assert "Alder High 0" in text
    assert "Birch Middle" not in text
    assert f'href="{reverse("people:section-list")}?school={world.school_a1.pk}"' in response.content.decode()


def test_class_list_filters_by_school_and_names_it_in_the_heading(world, client_for):
    SectionFactory(school=world.school_a2, title="Chemistry")
    client = client_for(world.district_admin)

    everything = _text(client.get(reverse("people:section-list")))
    at_a2 = _text(client.get(reverse("people:section-list"), {"school": world.school_a2.pk}))

    assert "3 classes" in everything
    assert "Grade 4 Science" in everything and "Chemistry" in everything
    assert "Classes at Alder High" in at_a2
    assert "1 class" in at_a2
    assert "Chemistry" in at_a2
    assert "Grade 4 Science" not in at_a2


def test_class_list_ignores_a_school_filter_that_is_not_a_number(world, client_for):
    response = client_for(world.district_admin).get(reverse("people:section-list"), {"school": "abc"})

    assert response.status_code == 200
    assert "2 classes" in _text(response)


def test_class_list_pages_keep_the_school_filter(world, client_for):
    for i in range(51):
        SectionFactory(school=world.school_a2, title=f"Extra {i:02d}")
    client = client_for(world.district_admin)

    first = client.get(reverse("people:section-list"), {"school": world.school_a2.pk})
    second = client.get(reverse("people:section-list"), {"school": world.school_a2.pk, "page": 2})

    assert "Page 1 of 2" in _text(first)
    assert f"?school={world.school_a2.pk}&amp;page=2" in first.content.decode()
    assert "Extra 50" in _text(second)
    assert "Extra 00" not in _text(second)


def test_class_list_query_count_does_not_grow_with_classes(world, client_for, django_assert_max_num_queries):
    for i in range(30):
        section = SectionFactory(school=world.school_a1, title=f"Extra {i}")
        enroll(make_person(world.section.district, "student", username=f"kid{i}"), section)
    client = client_for(world.district_admin)

    with django_assert_max_num_queries(10):
        client.get(reverse("people:section-list"))


def test_teacher_sees_only_their_class_in_the_class_list(world, client_for):
    text = _text(client_for(world.teacher).get(reverse("people:section-list")))

    assert "1 class" in text
    assert "Grade 4 Science" in text
    assert "Grade 5 Math" not in text


def test_class_page_lists_teachers_and_students_and_records_the_read(world, client_for):
    response = client_for(world.teacher).get(reverse("people:section-detail", args=[world.section.pk]))
    text = _text(response)

    assert response.status_code == 200
    assert f"Teacher {world.teacher.display_name}" in text
    assert f"Students 1 {world.student.display_name}" in text
    event = AuditEvent.objects.get()
    assert event.verb == "class_roster.view"


def test_class_page_of_another_district_is_not_found_and_records_nothing(world, client_for):
    response = client_for(world.teacher).get(reverse("people:section-detail", args=[world.outsider_section.pk]))

    assert response.status_code == 404
    assert "Birch Art" not in _text(response)
    assert AuditEvent.objects.count() == 0


def test_person_page_offers_the_admin_who_has_read_a_students_record(world, client_for):
    response = client_for(world.district_admin).get(reverse("people:person-detail", args=[world.student.pk]))

    assert response.status_code == 200
    assert f'href="{reverse("people:audit-log")}?student={world.student.pk}"' in response.content.decode()
    assert "Grade 4 Science" in _text(response)


def test_person_page_offers_a_teacher_no_audit_link(world, client_for):
    response = client_for(world.teacher).get(reverse("people:person-detail", args=[world.student.pk]))

    assert response.status_code == 200
    assert reverse("people:audit-log") not in response.content.decode()


def test_audit_log_filtered_by_student_shows_who_read_their_record_and_when(world, client_for):
    district_id = world.section.district_id
    record_student_reads(world.teacher, [world.student.pk], verb="class_roster.view", district_id=district_id)
    record_student_reads(world.teacher, [world.other_student.pk], verb="class_roster.view", district_id=district_id)
    client = client_for(world.district_admin)

    response = client.get(reverse("people:audit-log"), {"student": world.student.pk})
    text = _text(response)

    assert response.status_code == 200
    assert f"Everyone who has read the record of {world.student.display_name}" in text
    assert f"{world.teacher.display_name} (teacher) class_roster.view {world.student.display_name}" in text
    assert world.other_student.display_name not in text


def test_audit_log_names_students_in_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    district_id = world.section.district_id
    for i in range(20):
        kid = make_person(world.section.district, "student", username=f"kid{i}")
        record_student_reads(world.teacher, [kid.pk], verb="class_roster.view", district_id=district_id)
    client = client_for(world.district_admin)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("people:audit-log"))

    assert "kid19" not in _text(response)  # names, not usernames
    assert _text(response).count("class_roster.view") == 20


def test_audit_log_is_refused_to_a_teacher(world, client_for):
    response = client_for(world.teacher).get(reverse("people:audit-log"))

    assert response.status_code == 403
