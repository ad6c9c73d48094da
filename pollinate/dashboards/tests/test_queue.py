"""The guide's "who needs me" queue: what waits for them, filtered by class, with and without htmx."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.core.tests.audit_statements import audit_statements
from pollinate.dashboards.queries.queue import _OneOf
from pollinate.dashboards.tests import learning as make
from pollinate.evidence.models import Audience
from pollinate.goals import services as goal_services
from pollinate.goals.models import Goal
from pollinate.people.models import Role
from pollinate.people.tests.factories import SectionFactory, enroll, make_person

QUEUE = reverse("dashboards:queue")
HOME = reverse("dashboards:home")


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _section_text(response, anchor: str) -> str:
    """The visible text of one queue list (the section headed by ``anchor``)."""
    html = response.content.decode()
    start = html.index(f'aria-labelledby="{anchor}"')
    end = html.index("</section>", start)
    return " ".join(re.sub(r"<[^>]+>", " ", html[start:end]).split())


def test_anonymous_visitor_is_sent_to_sign_in(world, client_for):
    response = client_for(None).get(QUEUE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_proposed_goal_of_my_student_waits_for_my_agreement_with_a_link_to_it(world, client_for):
    proposed = make.goal(world.student, status=Goal.Status.PROPOSED, title="Learn my times tables")
    make.goal(world.student, status=Goal.Status.DRAFT, title="Secret draft")
    make.goal(world.other_student, status=Goal.Status.PROPOSED, title="Not my student's goal")

    response = client_for(world.teacher).get(QUEUE)
    agree = _section_text(response, "queue-agree")

    assert response.status_code == 200
    assert f"{world.student.display_name} Learn my times tables" in agree
    assert f'href="/goals/{proposed.pk}/"' in response.content.decode()
    assert "Secret draft" not in response.content.decode()
    assert "Not my student's goal" not in response.content.decode()


def test_goal_naming_me_as_guide_waits_even_when_i_do_not_teach_the_learner(world, client_for):
    make.goal(world.other_student, status=Goal.Status.PROPOSED, title="Run a 5k", guide=world.teacher)

    agree = _section_text(client_for(world.teacher).get(QUEUE), "queue-agree")

    assert f"{world.other_student.display_name} Run a 5k" in agree


def test_evidence_waits_for_feedback_only_when_shared_with_me_and_unanswered(world, client_for):
    make.evidence(world.student, title="Shared with guides", audience=Audience.GUIDES)
    make.evidence(world.student, title="Shared with class", audience=Audience.CLASS)
    make.evidence(world.student, title="Only for me", audience=Audience.ONLY_ME)
    answered = make.evidence(world.student, title="Already answered")
    answered.first_feedback_at = timezone.now()
    answered.save()
    make.evidence(world.other_student, title="Other class work")

    feedback = _section_text(client_for(world.teacher).get(QUEUE), "queue-feedback")

    assert "Shared with guides" in feedback
    assert "Shared with class" in feedback
    assert "Only for me" not in feedback
    assert "Already answered" not in feedback
    assert "Other class work" not in feedback


def test_shared_reflections_without_feedback_wait(world, client_for):
    make.reflection(world.student, prompt_text="What got in the way?")
    make.reflection(world.student, prompt_text="Private thoughts", shared=False)
    answered = make.reflection(world.student, prompt_text="Answered one")
    make.feedback_on(world.teacher, reflection_item=answered)

    reflections = _section_text(client_for(world.teacher).get(QUEUE), "queue-reflections")

    assert "What got in the way?" in reflections
    assert "Private thoughts" not in reflections
    assert "Answered one" not in reflections


def test_check_ins_past_their_date_are_overdue_with_days_late(world, client_for):
    today = timezone.localdate()
    make.goal(world.student, title="Overdue goal", next_check_in_on=today - timedelta(days=3), progress=30)
    make.goal(world.student, title="Due tomorrow", next_check_in_on=today + timedelta(days=1))
    make.goal(
        world.student,
        title="Achieved long ago",
        status=Goal.Status.ACHIEVED,
        next_check_in_on=today - timedelta(days=30),
    )

    overdue = _section_text(client_for(world.teacher).get(QUEUE), "queue-overdue")

    assert "Overdue goal" in overdue
    assert "3 days late" in overdue
    assert "30%" in overdue
    assert "Due tomorrow" not in overdue
    assert "Achieved long ago" not in overdue


def test_learner_with_nothing_yet_is_listed_as_quiet(world, client_for):
    inactive = _section_text(client_for(world.teacher).get(QUEUE), "queue-inactive")

    assert "No activity for 14 days" in inactive
    assert f"{world.student.display_name} Nothing yet" in inactive


def test_recent_shared_work_makes_a_learner_active_but_private_work_does_not(world, client_for):
    client = client_for(world.teacher)
    make.evidence(world.student, audience=Audience.ONLY_ME)
    assert world.student.display_name in _section_text(client.get(QUEUE), "queue-inactive")

    make.evidence(world.student, audience=Audience.FAMILY)
    assert world.student.display_name not in _section_text(client.get(QUEUE), "queue-inactive")


@pytest.mark.parametrize(
    "activity",
    ["evidence", "reflection", "check_in", "goal_update"],
)
def test_each_kind_of_activity_counts_and_the_window_is_chosen(world, client_for, activity):
    ten_days_ago = timezone.now() - timedelta(days=10)
    if activity == "evidence":
        make.evidence(world.student, days_ago=10)
    elif activity == "reflection":
        make.reflection(world.student, days_ago=10)
    elif activity == "check_in":
        goal = make.quiet(make.goal(world.student), 40)
        with time_machine.travel(ten_days_ago):
            goal_services.check_in_create(actor=world.student, goal=goal, progress=40)
    else:
        with time_machine.travel(ten_days_ago):
            goal_services.goal_update(
                actor=world.student, goal=make.quiet(make.goal(world.student), 40), title="Read 30 minutes a day"
            )
    client = client_for(world.teacher)

    week = _section_text(client.get(QUEUE, {"days": 7}), "queue-inactive")
    fortnight = _section_text(client.get(QUEUE, {"days": 14}), "queue-inactive")

    assert "No activity for 7 days" in week
    assert world.student.display_name in week
    assert world.student.display_name not in fortnight


def test_class_filter_narrows_every_list_and_a_class_not_mine_is_ignored(world, client_for):
    second = SectionFactory(school=world.school_a1, title="Grade 4 Art")
    enroll(world.teacher, second, "teacher")
    artist = make_person(world.section.district, Role.STUDENT, school=world.school_a1, username="artist")
    enroll(artist, second)
    make.goal(world.student, status=Goal.Status.PROPOSED, title="Science goal")
    make.goal(artist, status=Goal.Status.PROPOSED, title="Art goal")
    client = client_for(world.teacher)

    everything = client.get(QUEUE)
    art_only = client.get(QUEUE, {"section": second.pk})
    not_mine = client.get(QUEUE, {"section": world.other_section.pk})

    assert "Science goal" in _text(everything) and "Art goal" in _text(everything)
    assert "Art goal" in _text(art_only)
    assert "Science goal" not in _text(art_only)
    assert world.student.display_name not in _section_text(art_only, "queue-inactive")
    assert "Showing Grade 4 Art." in _text(art_only)
    assert "Showing all your learners." in _text(not_mine)
    assert world.other_section.title not in _text(not_mine)


def test_filter_form_works_without_javascript_and_swaps_the_list_with_htmx(world, client_for):
    client = client_for(world.teacher)
    page = client.get(QUEUE).content.decode()

    form = re.search(r"<form[^>]*hx-get[^>]*>", page).group(0)
    assert 'method="get"' in form and f'action="{QUEUE}"' in form
    assert 'hx-target="#queue-list"' in form
    assert '<button type="submit"' in page

    partial = client.get(QUEUE, {"days": 30}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert partial.status_code == 200
    assert body.lstrip().startswith('<div id="queue-list"')
    assert "<html" not in body and "<form" not in body
    assert "No activity for 30 days" in body
    assert "HX-Request" in partial["Vary"]


def test_other_teachers_and_outsiders_see_nothing_of_my_students(world, client_for):
    make.goal(world.student, status=Goal.Status.PROPOSED, title="Learn my times tables")
    make.evidence(world.student, title="My volcano poster")

    for persona in (world.other_teacher, world.outsider_teacher, world.leader_a1, world.guardian):
        text = _text(client_for(persona).get(QUEUE))
        assert "Learn my times tables" not in text
        assert "My volcano poster" not in text
        assert world.student.display_name not in text


def test_someone_who_guides_nobody_gets_an_explanation(world, client_for):
    text = _text(client_for(world.guardian).get(QUEUE))

    assert "You are not guiding any learners yet." in text


def test_mentor_and_coach_see_their_learners(world, client_for):
    make.goal(world.student, status=Goal.Status.PROPOSED, title="Mentee goal")
    make.goal(world.teacher, status=Goal.Status.PROPOSED, title="Professional goal", kind=Goal.Kind.PROFESSIONAL)

    assert "Mentee goal" in _text(client_for(world.mentor).get(QUEUE))
    coach_text = _text(client_for(world.coach).get(QUEUE))
    assert "Professional goal" in coach_text
    assert "Mentee goal" not in coach_text


def test_reading_the_queue_records_the_learners_named(world, client_for):
    make.goal(world.student, status=Goal.Status.PROPOSED)

    client_for(world.teacher).get(QUEUE)

    event = AuditEvent.objects.get(verb="guide_queue.view")
    assert event.actor_id == world.teacher.pk
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [world.student.pk]


def test_nobody_named_nothing_recorded(world, client_for):
    client_for(world.guardian).get(QUEUE)

    assert AuditEvent.objects.count() == 0


def test_home_page_shows_counts_with_links_into_the_queue(world, client_for):
    make.goal(world.student, status=Goal.Status.PROPOSED)
    make.evidence(world.student)
    make.evidence(world.student, title="Another")

    response = client_for(world.teacher).get(HOME)
    text = _text(response)

    assert "Who needs me" in text
    assert "Goals to agree 1" in text
    assert "Work to give feedback on 2" in text
    assert "Quiet for 14 days 0" in text
    assert f'href="{QUEUE}#queue-feedback"' in response.content.decode()
    assert not AuditEvent.objects.filter(verb="guide_queue.view").exists()


def test_students_and_guardians_get_no_queue_panel(world, client_for):
    for persona in (world.student, world.guardian, world.district_admin):
        assert "Who needs me" not in _text(client_for(persona).get(HOME))


def _classes(world, count: int, size: int) -> None:
    """``count`` classes of ``size`` students for the teacher, each student with something in every list."""
    district = world.section.district
    today = timezone.localdate()
    for i in range(count):
        section = SectionFactory(school=world.school_a1, title=f"Class {count}-{i}")
        enroll(world.teacher, section, "teacher")
        for j in range(size):
            kid = make_person(district, Role.STUDENT, school=world.school_a1, username=f"k{count}-{i}-{j}")
            enroll(kid, section)
            make.goal(kid, status=Goal.Status.PROPOSED)
            make.goal(kid, next_check_in_on=today - timedelta(days=2))
            make.evidence(kid)
            make.reflection(kid)


def test_queue_query_count_is_the_same_for_two_classes_and_six_classes_of_thirty(world, client_for):
    _classes(world, 2, 3)
    client = client_for(world.teacher)
    with CaptureQueriesContext(connection) as small:
        assert client.get(QUEUE).status_code == 200
    _classes(world, 6, 30)
    client = client_for(world.teacher)

    with CaptureQueriesContext(connection) as large:
        response = client.get(QUEUE)

    assert response.status_code == 200
    # Session, user, scope (2), the navigation's unread badge, the classes for the filter, the learners with their
    # latest activity, four lists, the audit.
    assert len(small.captured_queries) == 10 + audit_statements()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "More are waiting: choose a class to see them." in _text(response)


def test_learners_are_bound_as_one_parameter_on_postgresql_whatever_their_number(world):
    goals = [make.goal(world.student), make.goal(world.other_student), make.goal(world.teacher)]
    few, many = [world.student.pk], [world.student.pk, world.other_student.pk, *range(10**6, 10**6 + 300)]

    def query(ids):
        return Goal.objects.filter(_OneOf("learner_id", ids)).order_by("id")

    assert list(query(few)) == [goals[0]]
    assert list(query(many)) == goals[:2]
    params = len(query(many).query.sql_with_params()[1])
    assert params == (1 if connection.vendor == "postgresql" else len(many))


def test_no_learners_is_no_rows_and_no_query(world, django_assert_num_queries):
    make.goal(world.student)

    with django_assert_num_queries(0):
        assert list(Goal.objects.filter(_OneOf("learner_id", []))) == []
