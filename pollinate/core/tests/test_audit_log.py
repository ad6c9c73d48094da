"""audit_log writes one row that survives its actor; record_student_reads links the students read."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from pollinate.core.audit import audit_log, record_student_reads
from pollinate.core.models import AuditedStudent, AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_log_records_actor_object_district_and_data(world):
    event = audit_log(world.teacher, "class.update", world.section, path="/x/" + "p" * 600, field="title")
    event.refresh_from_db()
    assert (event.actor_id, event.verb, event.object_type, event.object_id) == (
        world.teacher.pk,
        "class.update",
        "people.section",
        str(world.section.pk),
    )
    assert event.district_id == world.section.district_id
    assert event.data == {"field": "title"}
    assert len(event.path) == 500


def test_anonymous_actor_is_labelled_and_has_no_id(world):
    event = audit_log(AnonymousUser(), "auth.login_failed", district_id=world.teacher.district_id)
    assert (event.actor_id, event.actor_label) == (None, "anonymous")


def test_trail_survives_the_actor(world):
    event = audit_log(world.mentor, "student_record.view", world.student)
    label = event.actor_label
    world.mentor.delete()
    event.refresh_from_db()
    assert (event.actor_id, event.actor_label) == (None, label)


def test_student_reads_exclude_the_reader_and_duplicates(world):
    event = record_student_reads(
        world.student,
        [world.student.pk, world.other_student.pk, world.other_student.pk],
        verb="x.view",
    )
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [
        world.other_student.pk
    ]
    assert event.data == {"student_count": 1}


def test_no_students_no_event(world):
    assert record_student_reads(world.teacher, [], verb="x.view") is None
    assert not AuditEvent.objects.exists()


def test_reading_a_thousand_students_is_one_event_naming_each_once_in_constant_statements(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pollinate.people.models import Person

    # More than SQLite's 999 parameters per statement, so a split write would show up as more statements.
    Person.objects.bulk_create(
        Person(district=world.teacher.district, username=f"bulk-{n}", given_name="B", family_name=str(n))
        for n in range(1_200)
    )
    ids = list(Person.objects.filter(username__startswith="bulk-").values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as small:
        record_student_reads(world.teacher, ids[:3], verb="grid.view", obj=world.section)
    with CaptureQueriesContext(connection) as large:
        event = record_student_reads(world.teacher, ids + ids[:5], verb="grid.view", obj=world.section, path="/g/")
    assert len(large.captured_queries) == len(small.captured_queries)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.verb, stored.object_type, stored.path, stored.data) == (
        world.teacher.pk,
        "grid.view",
        "people.section",
        "/g/",
        {"student_count": 1_200},
    )
    assert stored.district_id == world.section.district_id
    assert sorted(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == sorted(ids)


def test_a_deleted_student_takes_their_links_but_not_the_event(world):
    event = record_student_reads(world.teacher, [world.student.pk, world.other_student.pk], verb="x.view")
    world.other_student.delete()
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [world.student.pk]
    assert AuditEvent.objects.filter(pk=event.pk).exists()
