"""Reads of a learner's record by anyone but the learner leave a trail the district can read."""

from __future__ import annotations

import pytest

from pollinate.core.audit import record_student_reads
from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.core.tests.audit_statements import audit_statements
from pollinate.people import queries
from pollinate.people.models import Role
from pollinate.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def audited(verb: str) -> list[tuple[int | None, str, list[int]]]:
    return [
        (e.actor_id, e.object_id, sorted(s.student_id for s in e.students.all()))
        for e in AuditEvent.objects.filter(verb=verb).prefetch_related("students")
    ]


def test_teacher_opening_a_student_page_is_recorded(world, client_for):
    path = f"/people/{world.student.pk}/"
    assert client_for(world.teacher).get(path).status_code == 200
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.verb, event.path, event.district_id) == (
        world.teacher.pk, "student_record.view", path, world.student.district_id,
    )
    assert event.actor_label == f"{world.teacher.display_name} (teacher)"
    assert list(event.students.values_list("student_id", flat=True)) == [world.student.pk]


def test_teacher_reading_a_student_by_api_is_recorded(world, client_for):
    client_for(world.teacher).get(f"/api/v1/people/{world.student.pk}")
    assert audited("student_record.view") == [(world.teacher.pk, str(world.student.pk), [world.student.pk])]


@pytest.mark.parametrize("channel", ["page", "api"])
def test_teacher_opening_a_class_roster_is_recorded(world, client_for, channel):
    url = (f"/people/classes/{world.section.pk}/" if channel == "page"
           else f"/api/v1/classes/{world.section.pk}/roster")
    assert client_for(world.teacher).get(url).status_code == 200
    assert audited("class_roster.view") == [(world.teacher.pk, str(world.section.pk), [world.student.pk])]
    assert AuditEvent.objects.get().path == url


def test_student_opening_their_own_page_is_not_recorded(world, client_for):
    client = client_for(world.student)
    assert client.get(f"/people/{world.student.pk}/").status_code == 200
    assert client.get(f"/api/v1/people/{world.student.pk}").status_code == 200
    # Their own class roster lists only themselves among the students: nothing to record either.
    assert client.get(f"/people/classes/{world.section.pk}/").status_code == 200
    assert not AuditEvent.objects.exists()
    assert not AuditedStudent.objects.exists()


def test_guardian_viewing_their_child_is_recorded(world, client_for):
    assert client_for(world.guardian).get(f"/people/{world.student.pk}/").status_code == 200
    assert audited("student_record.view") == [(world.guardian.pk, str(world.student.pk), [world.student.pk])]


def test_reading_a_teacher_record_is_not_a_student_read(world, client_for):
    client_for(world.district_admin).get(f"/people/{world.teacher.pk}/")
    assert not AuditEvent.objects.exists()


def test_refused_read_is_not_recorded_as_a_read(world, client_for):
    assert client_for(world.other_teacher).get(f"/people/{world.student.pk}/").status_code == 404
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("persona", ["teacher", "leader_a1", "guardian", "student", "coach", "mentor"])
def test_audit_log_page_is_for_the_district_admin_only(world, client_for, persona):
    client_for(world.teacher).get(f"/people/{world.student.pk}/")
    response = client_for(world.persona(persona)).get("/people/audit/")
    assert response.status_code == 403
    assert "student_record.view" not in response.content.decode()


def test_other_district_admin_sees_only_their_own_trail(world, client_for):
    client_for(world.teacher).get(f"/people/{world.student.pk}/")
    response = client_for(world.outsider_admin).get("/people/audit/")
    assert response.status_code == 200
    assert "student_record.view" not in response.content.decode()
    assert world.teacher.display_name not in response.content.decode()


def test_audit_log_page_anonymous_is_sent_to_sign_in(world, client_for):
    response = client_for(None).get("/people/audit/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/people/audit/"


def test_audit_log_page_shows_the_entries_and_filters_by_student(world, client_for):
    client_for(world.teacher).get(f"/people/{world.student.pk}/")
    client_for(world.other_teacher).get(f"/people/{world.other_student.pk}/")
    admin = client_for(world.district_admin)

    everything = admin.get("/people/audit/").content.decode()
    assert f"{world.teacher.display_name} (teacher)" in everything
    assert f"{world.other_teacher.display_name} (otherteacher)" in everything
    assert f"/people/{world.student.pk}/" in everything

    only_student = admin.get(f"/people/audit/?student={world.student.pk}").content.decode()
    assert f"{world.teacher.display_name} (teacher)" in only_student
    assert f"{world.other_teacher.display_name} (otherteacher)" not in only_student


def test_audit_log_of_another_district_is_refused(world, client_for):
    client_for(world.teacher).get(f"/people/{world.student.pk}/")
    response = client_for(world.outsider_admin).get(f"/people/audit/?district={world.student.district_id}")
    assert response.status_code == 403
    assert world.teacher.display_name not in response.content.decode()


def test_audit_events_query_filters_by_student(world):
    record_student_reads(world.teacher, [world.student.pk], verb="x.view", district_id=world.student.district_id)
    record_student_reads(world.teacher, [world.other_student.pk], verb="y.view",
                         district_id=world.student.district_id)
    events = queries.audit_events(viewer=world.district_admin, district_id=world.student.district_id,
                                  student_id=world.other_student.pk)
    assert [e.verb for e in events] == ["y.view"]


@pytest.mark.parametrize("count", [1, 40])
def test_record_student_reads_costs_fixed_statements_whatever_the_number(world, count, django_assert_num_queries):
    students = [make_person(world.teacher.district, Role.STUDENT, username=f"s{n}") for n in range(count)]
    with django_assert_num_queries(audit_statements()):
        event = record_student_reads(world.teacher, [s.pk for s in students], verb="class_roster.view",
                                     obj=world.section)
    assert event.data == {"student_count": count}
    assert AuditedStudent.objects.filter(event=event).count() == count


def test_record_student_reads_of_only_oneself_writes_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert record_student_reads(world.student, [world.student.pk], verb="student_record.view") is None
