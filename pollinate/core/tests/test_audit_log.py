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
        world.teacher.pk, "class.update", "people.section", str(world.section.pk),
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
        world.student, [world.student.pk, world.other_student.pk, world.other_student.pk], verb="x.view",
    )
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [
        world.other_student.pk
    ]
    assert event.data == {"student_count": 1}


def test_no_students_no_event(world):
    assert record_student_reads(world.teacher, [], verb="x.view") is None
    assert not AuditEvent.objects.exists()
