"""The small demo district in the database: relationships hold, and the demo sign-ins work as claimed.

Loaded once for the module (a second or two), then removed; each test only reads it.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, OuterRef, Q

from pollinate.core.models import AuditEvent
from pollinate.demo import generator as g
from pollinate.demo.services import DEMO_PASSWORD, _delete_district_records, demo_logins
from pollinate.people.models import CoachingAssignment, District, Enrollment, Person, Role, RoleAssignment, Section
from pollinate.people.roles import scope_for


@pytest.fixture(scope="module")
def small_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # This data is committed (shared by the module), so remove all of it afterwards, audit trail included:
        # later tests on this worker assume an empty database.
        last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        call_command("seed_demo", "--size", "small", "--school-year", "2027", "--quiet", stdout=StringIO())
        district = District.objects.get(slug=g.DISTRICT_SLUG)
        yield district
        _delete_district_records(district)
        AuditEvent.objects.filter(id__gt=last_event).delete()


@pytest.fixture
def demo(db, small_demo):
    return small_demo


def test_every_student_is_in_six_classes_of_their_own_school(demo):
    assert RoleAssignment.objects.filter(district=demo, role=Role.STUDENT).count() == 600
    own_school = RoleAssignment.objects.filter(person_id=OuterRef("person_id"), role=Role.STUDENT).values("school_id")
    student_enrollments = Enrollment.objects.filter(district=demo, role="student")
    assert not student_enrollments.exclude(school_id__in=own_school).exists()
    per_student = list(student_enrollments.values("person").annotate(n=Count("id")).values_list("n", flat=True))
    assert len(per_student) == 600
    assert set(per_student) == {6}


def test_every_class_has_one_teacher_students_and_terms(demo):
    sections = list(Section.objects.filter(district=demo).annotate(
        teachers=Count("enrollments", filter=Q(enrollments__role="teacher"), distinct=True),
        students=Count("enrollments", filter=Q(enrollments__role="student"), distinct=True),
        term_count=Count("terms", distinct=True),
    ))
    assert len(sections) == 156
    assert {s.teachers for s in sections} == {1}
    assert min(s.students for s in sections) >= 1
    assert max(s.students for s in sections) <= g.MAX_CLASS_SIZE
    assert {s.term_count for s in sections} == {2}


def test_every_guardian_is_linked_to_a_student_and_every_student_has_one(demo):
    guardians = Person.objects.filter(role_assignments__role=Role.GUARDIAN, district=demo)
    assert guardians.count() > 600
    assert not guardians.filter(guardianships__isnull=True).exists()
    students = Person.objects.filter(role_assignments__role=Role.STUDENT, district=demo)
    assert not students.filter(guardian_links__isnull=True).exists()


def test_coach_caseloads_are_teachers_at_the_coachs_school(demo):
    links = list(CoachingAssignment.objects.filter(district=demo, kind="coach_to_teacher")
                 .values_list("coach_id", "coachee_id", "school_id"))
    assert len(links) > 3
    teachers = set(RoleAssignment.objects.filter(district=demo, role=Role.TEACHER).values_list("person_id",
                                                                                               "school_id"))
    coaches = set(RoleAssignment.objects.filter(district=demo, role=Role.SITE_COACH).values_list("person_id",
                                                                                                 "school_id"))
    assert all((coachee, school) in teachers and (coach, school) in coaches for coach, coachee, school in links)


def test_only_demo_accounts_can_sign_in_with_a_password(demo):
    usable = [p.username for p in Person.objects.filter(district=demo) if p.has_usable_password()]
    assert sorted(usable) == sorted(g.DEMO_USERNAMES.values())


CLAIMED = {
    "demo-student": {Role.STUDENT},
    "demo-teacher": {Role.TEACHER},
    "demo-teachercoach": {Role.TEACHER, Role.SITE_COACH},
    "demo-mentor": {Role.MENTOR},
    "demo-sitecoach": {Role.SITE_COACH},
    "demo-leadcoach": {Role.LEAD_COACH},
    "demo-leader": {Role.SCHOOL_LEADER},
    "demo-admin": {Role.DISTRICT_ADMIN},
    "demo-guardian": {Role.GUARDIAN},
}


def test_demo_logins_authenticate_and_hold_the_role_claimed(demo):
    logins = demo_logins()
    assert [login.username for login in logins] == list(CLAIMED)
    for login in logins:
        person = authenticate(None, username=login.username, password=DEMO_PASSWORD)
        assert person is not None, login.username
        assert scope_for(person).roles == CLAIMED[login.username]
    assert authenticate(None, username="demo-teacher", password="wrong password") is None


def test_demo_accounts_see_each_other(demo):
    people = {p.username: p for p in Person.objects.filter(username__in=CLAIMED)}
    student = people["demo-student"]
    assert scope_for(people["demo-teacher"]).taught_section_ids & scope_for(student).enrolled_section_ids
    assert student.pk in scope_for(people["demo-guardian"]).ward_ids
    assert student.pk in scope_for(people["demo-mentor"]).mentee_ids
    assert people["demo-teacher"].pk in scope_for(people["demo-sitecoach"]).coachee_ids
    assert people["demo-teacher"].pk in scope_for(people["demo-leadcoach"]).coachee_ids
    assert scope_for(people["demo-teachercoach"]).coachee_ids
    student_school = RoleAssignment.objects.get(person=student, role=Role.STUDENT).school_id
    assert scope_for(people["demo-leader"]).led_school_ids == {student_school}
    assert scope_for(people["demo-admin"]).admin_district_ids == {demo.pk}


def test_logins_table_names_the_school(demo):
    school = RoleAssignment.objects.get(person__username="demo-student", role=Role.STUDENT).school.name
    sees = {login.username: login.sees for login in demo_logins()}
    assert sees["demo-student"] == (f"Their classes at {school}, goals in every state, a portfolio, a choice board "
                                    "and a playlist, an inquiry; My progress: levels rising over weeks, and next steps")
    assert sees["demo-admin"] == ("Every school, class and person in Pollinate Demo District; Competencies: the "
                                  "district's Reading and writing framework")
