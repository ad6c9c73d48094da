"""Lists and pages run a constant number of queries, and reads of someone else's goals are audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pollinate.core.models import AuditedStudent, AuditEvent
from pollinate.goals import queries, services
from pollinate.goals.models import Goal
from pollinate.goals.tests.factories import make_goal, make_system_goal
from pollinate.people.tests.factories import enroll, make_person

pytestmark = pytest.mark.django_db
S = Goal.Status


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _busy_goal(world, n: int) -> Goal:
    goal = make_goal(world.student, guide=world.teacher, status=S.PROPOSED)
    services.goal_agree(actor=world.teacher, goal=goal)
    for i in range(n):
        services.action_step_add(actor=world.student, goal=goal, title=f"Step {i}")
        services.check_in_create(actor=world.teacher, goal=goal, progress=10 * i, next_step=f"Next {i}")
        services.goal_update(actor=world.student, goal=goal, title=f"Title {i}")
    return goal


def test_goal_page_is_constant_in_history_steps_and_check_ins(world, client_for):
    small = _busy_goal(world, 1)
    large = _busy_goal(world, 6)
    client = client_for(world.teacher)
    with CaptureQueriesContext(connection) as small_ctx:
        assert client.get(f"/goals/{small.pk}/").status_code == 200
    with CaptureQueriesContext(connection) as large_ctx:
        response = client.get(f"/goals/{large.pk}/")
    assert response.status_code == 200
    assert len(large_ctx.captured_queries) == len(small_ctx.captured_queries)
    assert "Title 5" in response.content.decode()


def test_goal_page_query_budget(world, client_for, django_assert_max_num_queries):
    goal = _busy_goal(world, 3)
    client = client_for(world.teacher)
    client.get("/goals/")  # session and scope warm-up are not the page's cost
    with django_assert_max_num_queries(22):
        assert client.get(f"/goals/{goal.pk}/").status_code == 200


def _more_students(world, n: int) -> None:
    for i in range(n):
        pupil = make_person(world.section.district, "student", school=world.school_a1, username=f"pupil{n}-{i}")
        enroll(pupil, world.section)
        make_goal(pupil, guide=world.teacher, status=S.PROPOSED)
        make_goal(pupil, guide=world.teacher, status=S.ACTIVE, next_check_in_on=dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    "call",
    [
        lambda w: queries.goals_awaiting_agreement(viewer=w.teacher),
        lambda w: queries.goals_with_overdue_check_ins(viewer=w.teacher),
        lambda w: queries.goal_list(viewer=w.teacher),
        lambda w: queries.guided_goal_page(viewer=w.teacher, section_id=w.section.pk),
        lambda w: queries.learner_goal_summary(viewer=w.teacher, learner=w.student),
        lambda w: queries.alignment(viewer=w.district_admin),
    ],
    ids=["awaiting", "overdue", "list", "guided_page", "summary", "alignment"],
)
def test_lists_are_constant_as_goals_grow(world, call):
    make_goal(world.student, guide=world.teacher, status=S.ACTIVE, next_check_in_on=dt.date(2020, 1, 1))
    _more_students(world, 1)
    call(world)  # resolve the scope once, as a request would
    small = _count(lambda: call(world))
    _more_students(world, 5)
    assert _count(lambda: call(world)) == small


def test_guide_queue(world):
    proposed = make_goal(world.student, guide=world.teacher, status=S.PROPOSED)
    overdue = make_goal(world.student, guide=world.teacher, status=S.ACTIVE, next_check_in_on=dt.date(2026, 3, 1))
    make_goal(world.student, guide=world.teacher, status=S.ACTIVE, next_check_in_on=dt.date(2026, 3, 2))
    make_goal(world.student, guide=world.teacher, status=S.DRAFT)
    make_goal(world.other_student, guide=world.other_teacher, status=S.PROPOSED)
    assert queries.goals_awaiting_agreement(viewer=world.teacher) == [proposed]
    assert queries.goals_awaiting_agreement(viewer=world.mentor) == [proposed]
    assert queries.goals_awaiting_agreement(viewer=world.student) == []
    assert queries.goals_with_overdue_check_ins(viewer=world.teacher, today=dt.date(2026, 3, 2)) == [overdue]
    assert queries.goals_awaiting_agreement(viewer=world.guardian) == []


def test_learner_goal_summary_counts_what_the_viewer_may_see(world):
    for status in (S.DRAFT, S.PROPOSED, S.ACTIVE, S.ACTIVE, S.ACHIEVED):
        make_goal(world.student, guide=world.teacher, status=status, next_check_in_on=dt.date(2026, 1, 1))
    mine = queries.learner_goal_summary(viewer=world.student, learner=world.student, today=dt.date(2026, 2, 1))
    theirs = queries.learner_goal_summary(viewer=world.teacher, learner=world.student, today=dt.date(2026, 2, 1))
    assert (mine["counts"]["draft"], mine["counts"]["active"], mine["total"], mine["overdue_check_ins"]) == (1, 2, 5, 2)
    assert (theirs["counts"]["draft"], theirs["total"]) == (0, 4)
    assert len(theirs["recent_active"]) == 2
    assert queries.learner_goal_summary(viewer=world.other_teacher, learner=world.student)["total"] == 0


def test_reads_by_others_are_audited_and_own_reads_are_not(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    client_for(world.student).get(f"/goals/{goal.pk}/")
    assert AuditEvent.objects.filter(verb="goal.view").count() == 0
    client_for(world.guardian).get(f"/goals/{goal.pk}/")
    event = AuditEvent.objects.get(verb="goal.view")
    assert (event.actor_id, event.object_id, event.path) == (world.guardian.pk, str(goal.pk), f"/goals/{goal.pk}/")
    assert list(AuditedStudent.objects.filter(event=event).values_list("student_id", flat=True)) == [world.student.pk]
    client_for(world.teacher).get("/goals/learners/")
    listed = AuditEvent.objects.get(verb="goal_list.view")
    assert list(listed.students.values_list("student_id", flat=True)) == [world.student.pk]


def test_refused_read_is_not_audited(world, client_for):
    goal = make_goal(world.student, guide=world.teacher, status=S.ACTIVE)
    assert client_for(world.other_teacher).get(f"/goals/{goal.pk}/").status_code == 404
    assert AuditEvent.objects.filter(verb="goal.view").count() == 0


def test_alignment_counts_active_achieved_and_average_progress(world):
    district_goal = make_system_goal(world.school_a1.district)
    school_goal = make_system_goal(world.school_a1.district, school=world.school_a1, title="Kindness")
    make_goal(world.student, guide=world.teacher, status=S.ACTIVE, aligned_to=district_goal, progress=20)
    make_goal(world.other_student, guide=world.other_teacher, status=S.ACTIVE, aligned_to=district_goal, progress=60)
    make_goal(world.student, guide=world.teacher, status=S.ACHIEVED, aligned_to=district_goal, progress=100)
    make_goal(world.student, status=S.DRAFT, aligned_to=district_goal, progress=90)
    rows = {r.system_goal.title: r for r in queries.alignment(viewer=world.district_admin)}
    d = rows[district_goal.title]
    assert (d.active_count, d.achieved_count, d.average_progress) == (2, 1, 40)
    k = rows[school_goal.title]
    assert (k.active_count, k.achieved_count, k.average_progress) == (0, 0, 0)
    leader_a2 = {r.system_goal.title: r for r in queries.alignment(viewer=world.leader_a2)}
    assert leader_a2[district_goal.title].active_count == 0
    assert school_goal.title not in leader_a2
