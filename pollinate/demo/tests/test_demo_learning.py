"""The demo district's learning activity: every demo login has something real to look at, the same seed gives
the same story, and loading again changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from pollinate.choice.models import ActivityChoice, Pathway
from pollinate.demo import generator as g
from pollinate.demo.learning import anchor_day
from pollinate.demo.services import demo_logins
from pollinate.evidence import queries as evidence_queries
from pollinate.evidence.models import Audience, Evidence
from pollinate.evidence.policies import evidence_visible_to
from pollinate.goals import queries as goal_queries
from pollinate.goals.models import Goal, SystemGoal
from pollinate.goals.policies import goals_visible_to
from pollinate.inquiry.models import Inquiry
from pollinate.learners.models import LearnerProfile
from pollinate.notifications.models import Notification
from pollinate.people.models import Person
from pollinate.reflections.models import Feedback, Reflection

YEAR = "2027"


def _seed(*args: str) -> None:
    call_command("seed_demo", "--size", "tiny", "--school-year", YEAR, "--quiet", *args, stdout=StringIO())


def _demo(key: str) -> Person:
    return Person.objects.get(username=g.DEMO_USERNAMES[key], district__slug=g.DISTRICT_SLUG)


def _titles() -> tuple[list, list, list]:
    return (
        sorted(Goal.objects.values_list("learner__sourced_id", "title", "status")),
        sorted(Evidence.objects.values_list("learner__sourced_id", "title", "audience", "in_portfolio")),
        sorted(Reflection.objects.values_list("learner__sourced_id", "prompt_text", "body")),
    )


def test_the_teachers_queue_has_goals_to_agree_and_work_awaiting_feedback(db):
    _seed()
    teacher = _demo(g.DEMO_TEACHER)

    awaiting = goal_queries.goals_awaiting_agreement(viewer=teacher)
    pieces = evidence_queries.evidence_awaiting_feedback(viewer=teacher)

    assert len(awaiting) >= 3
    assert {goal.status for goal in awaiting} == {Goal.Status.PROPOSED}
    assert _demo(g.DEMO_STUDENT).pk in {goal.learner_id for goal in awaiting}
    assert len(pieces) >= 3
    assert not Feedback.objects.filter(evidence__in=pieces).exists()
    assert goal_queries.goals_with_overdue_check_ins(viewer=teacher)


def test_goals_in_every_state_some_aligned_with_history_and_check_ins(db):
    _seed()
    statuses = set(Goal.objects.values_list("status", flat=True))

    assert statuses >= {"draft", "proposed", "active", "achieved", "changes_requested"}
    assert SystemGoal.objects.filter(level="district").count() == 1
    assert SystemGoal.objects.filter(level="school").count() == 1
    assert Goal.objects.filter(aligned_to__isnull=False).count() >= 3
    active = Goal.objects.filter(learner=_demo(g.DEMO_STUDENT), status="active", aligned_to__level="district").get()
    assert active.action_steps.count() == 3
    assert active.action_steps.filter(done_at__isnull=False).count() == 1
    assert active.check_ins.count() == 3
    assert list(active.events.values_list("kind", flat=True)) == ["created", "proposed", "agreed"]


def test_the_guardian_sees_family_shared_work_and_goals_but_no_drafts_or_private_work(db):
    _seed()
    guardian, student = _demo(g.DEMO_GUARDIAN), _demo(g.DEMO_STUDENT)

    seen = evidence_visible_to(guardian).filter(learner=student)
    goals = goals_visible_to(guardian).filter(learner=student)

    assert seen.filter(audience=Audience.FAMILY).count() >= 3
    assert not seen.filter(audience__in=[Audience.ONLY_ME, Audience.GUIDES]).exists()
    assert Evidence.objects.filter(learner=student, audience=Audience.ONLY_ME).exists()
    assert goals.count() == Goal.objects.filter(learner=student).exclude(status="draft").count() > 0
    assert Goal.objects.filter(learner=student, status="draft").exists()


def test_the_coach_is_asked_to_agree_the_teachers_professional_goal(db):
    _seed()
    goal = Goal.objects.get(learner=_demo(g.DEMO_TEACHER), kind="professional")

    assert goal.status == Goal.Status.PROPOSED
    assert goal.guide == _demo(g.DEMO_SITE_COACH)
    assert goal in goal_queries.goals_awaiting_agreement(viewer=_demo(g.DEMO_SITE_COACH))
    assert Notification.objects.filter(recipient=goal.guide, url__endswith=f"/{goal.pk}/").exists()


def test_choice_inquiry_profile_reflections_and_notifications_are_there(db):
    _seed()
    student = _demo(g.DEMO_STUDENT)

    assert set(Pathway.objects.filter(is_published=True).values_list("kind", flat=True)) == {"board", "playlist"}
    assert ActivityChoice.objects.filter(learner=student).count() >= 2
    assert ActivityChoice.objects.exclude(learner=student).exists()
    assert Inquiry.objects.get(learner=student).stage == Inquiry.Stage.SHARED
    assert Inquiry.objects.filter(kind=Inquiry.Kind.ACTION_RESEARCH, learner=_demo(g.DEMO_TEACHER)).exists()
    assert LearnerProfile.objects.get(learner=student).interests
    assert Reflection.objects.filter(learner=student, shared_with_guides=False).exists()
    assert Reflection.objects.filter(learner=student, shared_with_guides=True, feedback__isnull=False).exists()
    assert Notification.objects.filter(recipient=student, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=student, read_at__isnull=False).exists()


def test_activity_is_spread_over_the_six_weeks_before_the_anchor_day(db):
    _seed()
    anchor = anchor_day(int(YEAR), timezone.localdate())
    days = {anchor - timezone.localtime(at).date() for at in Goal.objects.values_list("created_at", flat=True)}

    assert min(days) >= dt.timedelta(days=1)
    assert max(days) <= dt.timedelta(days=45)
    assert max(days) - min(days) >= dt.timedelta(days=21)


def test_the_same_seed_tells_the_same_story_and_a_second_load_changes_nothing(db):
    _seed()
    first = _titles()
    notifications = Notification.objects.count()

    _seed()
    assert _titles() == first
    assert Notification.objects.count() == notifications

    _seed("--reset")
    assert _titles() == first


def test_the_anchor_day_stays_inside_the_school_year():
    assert anchor_day(2027, dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)
    assert anchor_day(2027, dt.date(2026, 8, 20)) == dt.date(2026, 9, 28)
    assert anchor_day(2027, dt.date(2027, 7, 1)) == dt.date(2027, 6, 4)


def test_without_learning_activity_the_logins_say_what_the_roster_shows(db):
    _seed()
    Goal.objects.all().delete()

    sees = {login.username: login.sees for login in demo_logins()}

    assert sees["demo-guardian"] == "Their children's classes and progress"
