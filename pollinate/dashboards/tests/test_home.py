"""Each role lands on its own home page, with its own content, and never sees another district's names."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.core.tests.audit_statements import audit_statements
from pollinate.people.models import CoachingAssignment, Role
from pollinate.people.tests.factories import (
    CoachingAssignmentFactory,
    GuardianshipFactory,
    PersonFactory,
    SectionFactory,
    enroll,
    make_person,
)

HOME = reverse("dashboards:home")


def _text(response) -> str:
    """The page's visible text with tags dropped and whitespace collapsed, for exact phrase asserts."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _outsider_names(world) -> list[str]:
    return [
        world.outsider_admin.display_name,
        world.outsider_teacher.display_name,
        world.outsider_student.display_name,
        world.school_b.name,
        world.outsider_section.title,
        "Birch County",
    ]


def _assert_no_outsiders(world, text: str) -> None:
    for name in _outsider_names(world):
        assert name not in text


def test_anonymous_visitor_is_sent_to_sign_in(world, client_for):
    response = client_for(None).get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_student_sees_their_classes_with_room_period_and_teachers(world, client_for):
    world.section.location = "Room 12"
    world.section.periods = "3"
    world.section.save()

    response = client_for(world.student).get(HOME)
    text = _text(response)

    assert response.status_code == 200
    assert "My classes" in text
    assert "Grade 4 Science" in text
    assert "Period 3" in text
    assert "Room Room 12" in text
    assert f"Teacher {world.teacher.display_name}" in text
    assert "Grade 5 Math" not in text
    assert world.other_teacher.display_name not in text
    assert "My teaching" not in text
    _assert_no_outsiders(world, text)


def test_student_reading_their_own_classes_is_not_audited(world, client_for):
    client_for(world.student).get(HOME)

    assert AuditEvent.objects.count() == 0


def test_teacher_sees_classes_with_student_counts_total_and_coach(world, client_for):
    second = SectionFactory(school=world.school_a1, title="Grade 4 Reading", periods="2")
    enroll(world.teacher, second, "teacher")
    enroll(world.student, second)  # the same student in both classes is counted once in the total
    enroll(PersonFactory(district=world.section.district), second)

    response = client_for(world.teacher).get(HOME)
    text = _text(response)

    assert response.status_code == 200
    assert "My teaching" in text
    assert "Classes 2" in text
    assert "Students 2 counted once" in text
    assert f"My coach {world.coach.display_name}" in text
    assert "Grade 4 Reading 2 2 — Alder Elementary" in text
    assert "Grade 4 Science 1 1 — Alder Elementary" in text
    assert reverse("people:section-detail", args=[world.section.pk]) in response.content.decode()
    assert "Grade 5 Math" not in text
    _assert_no_outsiders(world, text)


def test_teacher_home_names_no_students_so_writes_no_audit(world, client_for):
    response = client_for(world.teacher).get(HOME)

    assert world.student.display_name not in _text(response)
    assert AuditEvent.objects.count() == 0


def test_teacher_without_a_coach_is_told_so(world, client_for):
    text = _text(client_for(world.other_teacher).get(HOME))

    assert "My coach None yet" in text
    assert "Grade 5 Math" in text


def test_mentor_sees_mentees_with_their_school_and_the_read_is_audited(world, client_for):
    response = client_for(world.mentor).get(HOME)
    text = _text(response)

    assert "My mentees" in text
    assert f"{world.student.display_name} Alder Elementary" in text
    assert world.other_student.display_name not in text
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.verb, event.district_id) == (
        world.mentor.pk, "mentor_home.view", world.mentor.district_id
    )
    assert list(AuditedStudent.objects.values_list("student_id", flat=True)) == [world.student.pk]
    _assert_no_outsiders(world, text)


def test_site_coach_sees_caseload_with_classes_and_target(world, client_for):
    response = client_for(world.coach).get(HOME)
    text = _text(response)

    assert "My caseload" in text
    assert "1 of 45 teachers" in text
    assert "44 places left before the target." in text
    assert f"{world.teacher.display_name} Alder Elementary 1" in text
    assert world.other_teacher.display_name not in text
    assert '<progress class="progress" value="1" max="45"' in response.content.decode()
    _assert_no_outsiders(world, text)


def test_lead_coach_sees_site_coaches_with_caseloads_and_network_size(world, client_for):
    response = client_for(world.lead_coach).get(HOME)
    text = _text(response)

    assert "My coaching network" in text
    assert "Site coaches 1" in text
    assert "Teachers in the network 1" in text
    assert f"{world.coach.display_name} Alder Elementary 1" in text
    assert "My caseload" not in text
    _assert_no_outsiders(world, text)


def test_school_leader_sees_counts_for_their_school_only(world, client_for):
    response = client_for(world.leader_a1).get(HOME)
    text = _text(response)

    assert "My school" in text
    assert "Alder Elementary Classes 2 Teachers 2 Students 2" in text
    assert "Alder High" not in text
    assert f"{reverse('people:section-list')}?school={world.school_a1.pk}" in response.content.decode()
    _assert_no_outsiders(world, text)


def test_leader_of_an_empty_school_sees_zero_counts(world, client_for):
    text = _text(client_for(world.leader_a2).get(HOME))

    assert "Alder High Classes 0 Teachers 0 Students 0" in text
    assert "Alder Elementary" not in text


def test_district_admin_sees_district_counts_schools_table_chart_and_links(world, client_for):
    response = client_for(world.district_admin).get(HOME)
    text = _text(response)
    html = response.content.decode()

    assert "Alder Valley" in text
    assert "Schools 2 Classes 2 Teachers 2 Students 2 Guardians 2" in text
    assert "Alder Elementary 2 2 2" in text
    assert "Alder High 0 0 0" in text
    assert 'class="chart__fill" width="100"' in html
    assert 'class="chart__fill" width="0"' in html
    chart_table = "Show the numbers as a table Number of active classes in each school School Classes"
    assert f"{chart_table} Alder Elementary 2 Alder High 0" in text
    assert reverse("roster:import") in html
    assert reverse("people:audit-log") in html
    assert AuditEvent.objects.count() == 0
    _assert_no_outsiders(world, text)


def test_guardian_sees_each_child_with_classes_and_teachers_and_the_read_is_audited(world, client_for):
    response = client_for(world.guardian).get(HOME)
    text = _text(response)

    assert "My child" in text
    assert world.student.display_name in text
    assert f"Grade 4 Science 1 — {world.teacher.display_name}" in text
    assert world.other_student.display_name not in text
    assert "Grade 5 Math" not in text
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.verb, event.district_id) == (
        world.guardian.pk, "guardian_home.view", world.guardian.district_id
    )
    assert list(event.students.values_list("student_id", flat=True)) == [world.student.pk]
    _assert_no_outsiders(world, text)


def test_guardian_of_two_sees_both_children(world, client_for):
    GuardianshipFactory(guardian=world.guardian, student=world.other_student)

    text = _text(client_for(world.guardian).get(HOME))

    assert "My children" in text
    assert world.student.display_name in text and world.other_student.display_name in text
    assert "Grade 5 Math" in text


def test_person_with_two_roles_sees_a_panel_for_each(world, client_for):
    CoachingAssignmentFactory(
        coach=world.teacher, coachee=world.other_teacher, kind=CoachingAssignment.Kind.COACH_TO_TEACHER
    )
    world.teacher.role_assignments.create(role=Role.SITE_COACH, district=world.section.district)

    text = _text(client_for(world.teacher).get(HOME))

    assert "My teaching" in text
    assert "My caseload" in text
    assert f"{world.other_teacher.display_name} Alder Elementary 1" in text


def test_person_without_a_role_is_told_to_contact_their_administrator(world, client_for):
    nobody = PersonFactory(district=world.section.district, username="nobody")

    response = client_for(nobody).get(HOME)
    text = _text(response)

    assert response.status_code == 200
    assert "Your account has no role yet" in text
    assert "contact your district administrator" in text


@pytest.mark.parametrize(
    "persona", ["student", "teacher", "mentor", "coach", "lead_coach", "leader_a1", "district_admin", "guardian"]
)
def test_every_home_page_has_one_h1_a_labelled_nav_and_a_skip_link(world, client_for, persona):
    html = client_for(getattr(world, persona)).get(HOME).content.decode()

    assert html.count("<h1") == 1
    assert '<html lang="en"' in html
    assert '<nav aria-label="Main"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize("persona", ["outsider_admin", "outsider_teacher", "outsider_student"])
def test_other_districts_home_pages_show_none_of_alder(world, client_for, persona):
    text = _text(client_for(getattr(world, persona)).get(HOME))

    for name in ["Alder Valley", "Alder Elementary", "Grade 4 Science", world.teacher.display_name]:
        assert name not in text
    assert world.student.display_name not in text


def _grow(world) -> None:
    """Six more classes for the teacher, with students, guardians, mentees and coached teachers."""
    district = world.section.district
    for i in range(6):
        section = SectionFactory(school=world.school_a1 if i % 2 else world.school_a2, title=f"Extra {i}")
        enroll(world.teacher, section, "teacher")
        enroll(world.student, section)
        for j in range(3):
            kid = make_person(district, Role.STUDENT, school=section.school, username=f"kid{i}-{j}")
            enroll(kid, section)
            GuardianshipFactory(guardian=world.guardian, student=kid)
            CoachingAssignmentFactory(coach=world.mentor, coachee=kid, kind=CoachingAssignment.Kind.MENTOR_TO_STUDENT)
        colleague = make_person(district, Role.TEACHER, school=section.school, username=f"colleague{i}")
        enroll(colleague, section, "teacher")
        CoachingAssignmentFactory(coach=world.coach, coachee=colleague, kind=CoachingAssignment.Kind.COACH_TO_TEACHER)
        site_coach = make_person(district, Role.SITE_COACH, school=section.school, username=f"sitecoach{i}")
        CoachingAssignmentFactory(
            coach=world.lead_coach, coachee=site_coach, kind=CoachingAssignment.Kind.LEAD_TO_SITE
        )
        CoachingAssignmentFactory(coach=site_coach, coachee=colleague, kind=CoachingAssignment.Kind.COACH_TO_TEACHER)


HOME_PERSONAS = ["student", "teacher", "mentor", "coach", "lead_coach", "leader_a1", "district_admin", "guardian"]


@pytest.mark.parametrize("persona", HOME_PERSONAS)
def test_home_page_query_count_does_not_grow_with_classes_or_students(
    world, client_for, persona, django_assert_num_queries
):
    person = getattr(world, persona)
    client = client_for(person)
    with CaptureQueriesContext(connection) as small:
        assert client.get(HOME).status_code == 200

    _grow(world)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(HOME)

    assert response.status_code == 200


# The pinned numbers: a change that adds a query to a home page shows up here, and must be deliberate.
# Each includes the session, the user, the scope (1-3 queries: one, plus one per level of a coaching network below
# the first), the navigation's unread badge (1) and, where students are named, the audit (2 on SQLite, 1 on
# PostgreSQL: `audit_statements`).
# Learners (students and educators) add their learning panel (goals, recent work, prompts, unread: 4; pathways:
# 1 more for students, 3 when they have any); guides add the queue counts (their learners with their latest
# activity, then 4 counts); guardians their children's goals. Everyone who may have check-ins adds the coaching
# panel (next check-in, this week's count, active cycles: 3; supporters 2 more for their caseload's cadence).
PINNED = {
    "student": 14,
    "teacher": 19,
    "mentor": 21,
    "coach": 20,
    "lead_coach": 22,
    "leader_a1": 13,
    "district_admin": 8,
    "guardian": 11,
}
# Homes that name students, so audit the read (one statement fewer on PostgreSQL).
AUDITED_HOMES = {"mentor", "guardian"}


@pytest.mark.parametrize("persona", HOME_PERSONAS)
def test_home_page_query_count_is_pinned(world, client_for, persona, django_assert_num_queries):
    client = client_for(getattr(world, persona))

    audit_saved = 2 - audit_statements() if persona in AUDITED_HOMES else 0
    with django_assert_num_queries(PINNED[persona] - audit_saved):
        client.get(HOME)


def test_teacher_home_shows_their_next_check_in_and_the_coach_sees_it_too(world, client_for):
    import datetime as dt

    from django.utils import timezone

    from pollinate.coaching.tests.factories import make_check_in

    check_in = make_check_in(world.coach, world.teacher, timezone.localdate() + dt.timedelta(days=1))
    detail = reverse("coaching:check-in-detail", args=[check_in.pk])

    teacher_page = client_for(world.teacher).get(HOME).content.decode()
    coach_page = client_for(world.coach).get(HOME).content.decode()

    assert "Coaching and check-ins" in teacher_page
    assert f'href="{detail}"' in teacher_page
    assert world.coach.display_name in teacher_page.split("coaching-heading")[2]
    assert f'href="{detail}"' in coach_page
    assert world.teacher.display_name in coach_page.split("coaching-heading")[2]


def test_home_has_no_coaching_panel_for_people_outside_coaching(world, client_for):
    page = client_for(world.district_admin).get(HOME).content.decode()

    assert "Coaching and check-ins" not in page
