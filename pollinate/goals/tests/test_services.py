"""The goal's state machine, who may move it, and the history kept along the way."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from pollinate.core.errors import ApplicationError, Conflict, Forbidden
from pollinate.goals import services
from pollinate.goals.models import ActionStep, CheckIn, Goal, GoalEvent, SystemGoal
from pollinate.goals.policies import TRANSITIONS
from pollinate.goals.tests.factories import make_goal, make_system_goal
from pollinate.notifications.models import Notification

pytestmark = pytest.mark.django_db
S = Goal.Status
ALL = list(S.values)


def _run(verb: str, goal: Goal, actor):
    calls = {
        "edit": lambda: services.goal_update(actor=actor, goal=goal, title="Read three chapter books"),
        "propose": lambda: services.goal_propose(actor=actor, goal=goal),
        "agree": lambda: services.goal_agree(actor=actor, goal=goal, comment="Good plan"),
        "request_changes": lambda: services.goal_request_changes(actor=actor, goal=goal, comment="Add a date"),
        "achieve": lambda: services.goal_achieve(actor=actor, goal=goal),
        "revise": lambda: services.goal_revise(actor=actor, goal=goal, title="Read four books"),
        "drop": lambda: services.goal_drop(actor=actor, goal=goal, reason="Changed my mind"),
        "add_step": lambda: services.action_step_add(actor=actor, goal=goal, title="Go to the library"),
        "check_in": lambda: services.check_in_create(actor=actor, goal=goal, progress=40),
    }
    return calls[verb]()


# Who acts for each verb in the happy path: the learner, or the guide.
ACTOR_OF = {
    "edit": "student", "propose": "student", "agree": "teacher", "request_changes": "teacher",
    "achieve": "student", "revise": "student", "drop": "student", "add_step": "student", "check_in": "student",
}
RESULT = {
    "edit": None, "propose": S.PROPOSED, "agree": S.ACTIVE, "request_changes": S.CHANGES_REQUESTED,
    "achieve": S.ACHIEVED, "revise": S.REVISED, "drop": S.DROPPED, "add_step": None, "check_in": None,
}


@pytest.mark.parametrize("verb", list(TRANSITIONS))
@pytest.mark.parametrize("status", ALL)
def test_state_machine(world, goal_in, verb, status):
    goal = goal_in(status)
    events_before = GoalEvent.objects.count()
    actor = getattr(world, ACTOR_OF[verb])
    if status in TRANSITIONS[verb]:
        _run(verb, goal, actor)
        goal.refresh_from_db()
        assert goal.status == (RESULT[verb] or status)
    else:
        with pytest.raises(Conflict):
            _run(verb, goal, actor)
        goal.refresh_from_db()
        assert goal.status == status
        assert GoalEvent.objects.count() == events_before
        assert ActionStep.objects.count() == 0
        assert CheckIn.objects.count() == 0


@pytest.mark.parametrize(
    ("verb", "status", "allowed"),
    [
        ("propose", S.DRAFT, {"student"}),
        ("edit", S.ACTIVE, {"student"}),
        ("revise", S.ACTIVE, {"student"}),
        ("drop", S.ACTIVE, {"student"}),
        ("agree", S.PROPOSED, {"teacher", "mentor"}),
        ("request_changes", S.PROPOSED, {"teacher", "mentor"}),
        ("achieve", S.ACTIVE, {"student", "teacher", "mentor"}),
        ("add_step", S.ACTIVE, {"student", "teacher", "mentor"}),
        ("check_in", S.ACTIVE, {"student", "teacher", "mentor"}),
    ],
)
@pytest.mark.parametrize(
    "persona",
    ["student", "teacher", "mentor", "guardian", "leader_a1", "district_admin", "other_student", "other_teacher",
     "coach", "outsider_admin"],
)
def test_who_may_move_a_goal(world, goal_in, verb, status, allowed, persona):
    goal = goal_in(status)
    events_before = GoalEvent.objects.count()
    actor = getattr(world, persona)
    if persona in allowed:
        _run(verb, goal, actor)
    else:
        with pytest.raises(Forbidden):
            _run(verb, goal, actor)
        goal.refresh_from_db()
        assert goal.status == status
        assert GoalEvent.objects.count() == events_before
        assert Notification.objects.count() == 0


def test_learner_cannot_agree_their_own_goal_even_as_named_guide(world):
    goal = make_goal(world.teacher, guide=world.coach, status=S.PROPOSED)
    with pytest.raises(Forbidden):
        services.goal_agree(actor=world.teacher, goal=goal)
    services.goal_agree(actor=world.lead_coach, goal=goal)
    goal.refresh_from_db()
    assert (goal.status, goal.agreed_by) == (S.ACTIVE, world.lead_coach)


def test_full_journey_keeps_history_and_notifies(world):
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False):
        goal = services.goal_create(actor=world.student, kind=Goal.Kind.HABIT, title="Practise piano",
                                    guide_id=world.teacher.pk, check_in_every_days=7)
        services.goal_propose(actor=world.student, goal=goal)
        services.goal_request_changes(actor=world.teacher, goal=goal, comment="How long each day?")
        services.goal_update(actor=world.student, goal=goal, specific="15 minutes a day")
        services.goal_propose(actor=world.student, goal=goal)
        services.goal_agree(actor=world.teacher, goal=goal, comment="Agreed")
    goal.refresh_from_db()
    assert goal.status == S.ACTIVE
    assert goal.agreed_by == world.teacher
    assert goal.next_check_in_on == dt.date(2026, 10, 12)
    assert list(goal.events.values_list("kind", flat=True)) == [
        "created", "proposed", "changes_requested", "edited", "proposed", "agreed",
    ]
    assert list(Notification.objects.order_by("id").values_list("recipient__username", "message")) == [
        ("teacher", f"{world.student.display_name} proposed a goal for you to agree: “Practise piano”"),
        ("student", f"{world.teacher.display_name} asked for changes to your goal: “Practise piano”"),
        ("teacher", f"{world.student.display_name} proposed a goal for you to agree: “Practise piano”"),
        ("student", f"{world.teacher.display_name} agreed your goal: “Practise piano”"),
    ]


def test_editing_an_agreed_goal_keeps_the_agreed_version_and_tells_the_guide(world, goal_in):
    goal = goal_in(S.PROPOSED, title="Read two chapter books by spring")
    services.goal_agree(actor=world.teacher, goal=goal)
    services.goal_update(actor=world.student, goal=goal, title="Read one chapter book by spring",
                         comment="Two was too many")
    goal.refresh_from_db()
    assert goal.title == "Read one chapter book by spring"
    assert goal.status == S.ACTIVE
    edit = goal.events.get(kind=GoalEvent.Kind.EDITED)
    assert edit.actor == world.student
    assert edit.comment == "Two was too many"
    assert edit.snapshot["previous"]["title"] == "Read two chapter books by spring"
    assert edit.snapshot["fields"]["title"] == "Read one chapter book by spring"
    agreed = goal.events.get(kind=GoalEvent.Kind.AGREED)
    assert agreed.snapshot["fields"]["title"] == "Read two chapter books by spring"
    note = Notification.objects.get(recipient=world.teacher)
    name = world.student.display_name
    assert note.message == f"{name} changed the goal you agreed: “Read one chapter book by spring”"
    assert note.url == f"/goals/{goal.pk}/"


def test_saving_without_changes_writes_no_history(world, goal_in):
    goal = goal_in(S.ACTIVE)
    services.goal_update(actor=world.student, goal=goal, title=goal.title)
    assert list(goal.events.values_list("kind", flat=True)) == ["created"]
    assert Notification.objects.count() == 0


def test_request_changes_needs_a_comment(world, goal_in):
    goal = goal_in(S.PROPOSED)
    with pytest.raises(ApplicationError) as exc:
        services.goal_request_changes(actor=world.teacher, goal=goal, comment="  ")
    assert exc.value.message == "Say what should change, so the learner knows what to do."
    goal.refresh_from_db()
    assert goal.status == S.PROPOSED
    assert goal.events.count() == 1


def test_drop_needs_a_reason(world, goal_in):
    goal = goal_in(S.ACTIVE)
    with pytest.raises(ApplicationError):
        services.goal_drop(actor=world.student, goal=goal, reason="")
    goal.refresh_from_db()
    assert goal.status == S.ACTIVE


def test_propose_needs_a_guide(world):
    goal = make_goal(world.student)
    with pytest.raises(ApplicationError) as exc:
        services.goal_propose(actor=world.student, goal=goal)
    assert exc.value.message == "Choose a guide to propose the goal to."
    goal.refresh_from_db()
    assert goal.status == S.DRAFT


def test_revise_replaces_the_goal_and_carries_open_steps(world, goal_in):
    goal = goal_in(S.ACTIVE, progress=30)
    services.action_step_add(actor=world.student, goal=goal, title="Open step")
    done = services.action_step_add(actor=world.student, goal=goal, title="Done step")
    services.action_step_update(actor=world.student, step=done, done=True)
    new = services.goal_revise(actor=world.student, goal=goal, title="Read three books", comment="More ambitious")
    goal.refresh_from_db()
    assert goal.status == S.REVISED
    assert new.revises == goal
    assert (new.status, new.title, new.guide, new.progress) == (S.PROPOSED, "Read three books", world.teacher, 30)
    assert list(new.action_steps.values_list("title", flat=True)) == ["Open step"]
    assert list(new.events.values_list("kind", flat=True)) == ["created", "proposed"]
    assert Notification.objects.filter(recipient=world.teacher).count() == 1


def test_check_in_sets_progress_and_next_date_and_tells_the_learner(world, goal_in):
    goal = goal_in(S.ACTIVE, check_in_every_days=10)
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), tick=False):
        check_in = services.check_in_create(actor=world.teacher, goal=goal, progress=55, note="Going well",
                                            next_step="Try a longer book")
        goal.refresh_from_db()
        assert goal.last_activity_at == timezone.now()
    assert (goal.progress, goal.next_check_in_on) == (55, dt.date(2026, 11, 12))
    note = Notification.objects.get(recipient=world.student)
    assert note.message == f"{world.teacher.display_name} checked in on your goal “{goal.title}” (55%)"
    step = services.action_step_from_check_in(actor=world.student, check_in=check_in)
    assert (step.title, step.goal_id) == ("Try a longer book", goal.pk)


def test_learner_check_in_notifies_nobody(world, goal_in):
    goal = goal_in(S.ACTIVE)
    services.check_in_create(actor=world.student, goal=goal, progress=10)
    assert Notification.objects.count() == 0


@pytest.mark.parametrize("progress", [-1, 101])
def test_check_in_progress_must_be_a_percentage(world, goal_in, progress):
    goal = goal_in(S.ACTIVE)
    with pytest.raises(ApplicationError):
        services.check_in_create(actor=world.student, goal=goal, progress=progress)
    assert CheckIn.objects.count() == 0


def test_action_steps_move_up_and_down(world, goal_in):
    goal = goal_in(S.ACTIVE)
    a, _b, c = (services.action_step_add(actor=world.student, goal=goal, title=t) for t in "abc")
    services.action_step_move(actor=world.teacher, step=c, direction="up")
    assert list(goal.action_steps.values_list("title", flat=True)) == ["a", "c", "b"]
    services.action_step_move(actor=world.student, step=a, direction="up")  # already first: nothing changes
    services.action_step_move(actor=world.student, step=a, direction="down")
    assert list(goal.action_steps.values_list("title", flat=True)) == ["c", "a", "b"]


def test_create_refuses_a_guide_who_does_not_guide_me_and_a_goal_of_another_school(world):
    other_school_goal = make_system_goal(world.school_a2.district, school=world.school_a2)
    with pytest.raises(ApplicationError) as exc:
        services.goal_create(actor=world.student, kind="academic", title="Fractions",
                             guide_id=world.other_teacher.pk, aligned_to_id=other_school_goal.pk)
    assert exc.value.details == [
        "Choose a guide from your teachers, mentor or coaches.",
        "Choose a published goal of your school or district.",
    ]
    assert Goal.objects.count() == 0


def test_create_accepts_my_guides_and_my_schools_goals(world):
    district_goal = make_system_goal(world.school_a1.district)
    goal = services.goal_create(actor=world.student, kind="academic", title="Fractions",
                                guide_id=world.mentor.pk, aligned_to_id=district_goal.pk)
    assert (goal.status, goal.guide, goal.aligned_to, goal.learner) == (S.DRAFT, world.mentor, district_goal,
                                                                         world.student)


@pytest.mark.parametrize(
    ("persona", "level", "school", "allowed"),
    [
        ("district_admin", "district", None, True),
        ("district_admin", "school", "school_a2", True),
        ("leader_a1", "school", "school_a1", True),
        ("leader_a1", "school", "school_a2", False),
        ("leader_a1", "district", None, False),
        ("teacher", "school", "school_a1", False),
        ("outsider_admin", "school", "school_a1", False),
    ],
)
def test_who_publishes_system_goals(world, persona, level, school, allowed):
    actor = getattr(world, persona)
    school_id = getattr(world, school).pk if school else None
    if allowed:
        goal = services.system_goal_create(actor=actor, level=level, title="Attendance", school_id=school_id)
        assert (goal.level, goal.school_id, goal.published_by, goal.is_published) == (level, school_id, actor, True)
    else:
        with pytest.raises(Forbidden):
            services.system_goal_create(actor=actor, level=level, title="Attendance", school_id=school_id)
        assert SystemGoal.objects.count() == 0
