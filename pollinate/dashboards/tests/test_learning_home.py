"""The learner's panel on the home page (students, and educators as learners) and each child's goals for family."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pollinate.choice.models import Activity, ActivityChoice, Pathway, PathwayItem
from pollinate.core.models import AuditEvent
from pollinate.dashboards.tests import learning as make
from pollinate.evidence.models import Audience
from pollinate.goals.models import Goal
from pollinate.notifications.models import Notification
from pollinate.reflections.models import ReflectionPrompt

HOME = reverse("dashboards:home")


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _panel(response, heading_id: str) -> str:
    html = response.content.decode()
    start = html.index(f'aria-labelledby="{heading_id}"')
    end = html.index("</section>", start)
    return " ".join(re.sub(r"<[^>]+>", " ", html[start:end]).split())


def _playlist(world, *titles: str, kind=Pathway.Kind.PLAYLIST, published=True, picks=1) -> Pathway:
    district = world.section.district
    pathway = Pathway.objects.create(district=district, kind=kind, title=f"{kind} path", is_published=published,
                                     picks_required=picks, created_by=world.teacher)
    pathway.sections.add(world.section)
    for position, title in enumerate(titles):
        activity = Activity.objects.create(district=district, title=title, created_by=world.teacher)
        PathwayItem.objects.create(pathway=pathway, activity=activity, position=position)
    return pathway


def test_student_sees_active_goals_with_progress_but_not_drafts(world, client_for):
    goal = make.goal(world.student, title="Read 20 minutes a day", progress=45)
    make.goal(world.student, title="A draft", status=Goal.Status.DRAFT)
    make.goal(world.other_student, title="Someone else's goal")

    response = client_for(world.student).get(HOME)
    goals = _panel(response, "learner-goals")

    assert "My learning" in _text(response)
    assert "Read 20 minutes a day 45%" in goals
    assert f'href="/goals/{goal.pk}/"' in response.content.decode()
    assert 'value="45"' in response.content.decode()
    assert "A draft" not in goals
    assert "Someone else's goal" not in _text(response)


def test_student_without_goals_is_invited_to_draft_one(world, client_for):
    goals = _panel(client_for(world.student).get(HOME), "learner-goals")

    assert "No active goals yet. Draft a goal and propose it to your guide." in goals


def test_playlist_shows_the_first_activity_not_done(world, client_for):
    pathway = _playlist(world, "Watch the video", "Build a model", "Present it")
    first = PathwayItem.objects.get(pathway=pathway, position=0).activity
    ActivityChoice.objects.create(learner=world.student, pathway=pathway, activity=first,
                                  status=ActivityChoice.Status.DONE, done_at=timezone.now())
    _playlist(world, "Unpublished step", published=False)

    next_up = _panel(client_for(world.student).get(HOME), "learner-next")

    assert "playlist path : Build a model (1 of 3 done)" in next_up
    assert "Unpublished step" not in next_up


def test_board_says_how_many_picks_are_left(world, client_for):
    _playlist(world, "Poem", "Poster", "Podcast", kind=Pathway.Kind.CHOICE_BOARD, picks=2)

    next_up = _panel(client_for(world.student).get(HOME), "learner-next")

    assert "choose 2 more activities" in next_up


def test_recent_work_prompt_and_unread_notifications(world, client_for):
    make.evidence(world.student, title="My volcano poster", audience=Audience.FAMILY)
    make.evidence(world.other_student, title="Not mine")
    ReflectionPrompt.objects.create(stem="what", text="What am I learning this week?")
    Notification.objects.create(recipient=world.student, message="Your goal was agreed")
    Notification.objects.create(recipient=world.student, message="Read", read_at=timezone.now())
    Notification.objects.create(recipient=world.other_student, message="Not mine")

    response = client_for(world.student).get(HOME)
    html = response.content.decode()

    assert "My volcano poster Writing · My family" in _panel(response, "learner-evidence")
    assert "Not mine" not in _text(response)
    prompts = list(ReflectionPrompt.objects.filter(is_active=True, district__isnull=True).order_by("stem", "id"))
    shown = prompts[timezone.localdate().toordinal() % len(prompts)]
    assert shown.text in _panel(response, "learner-reflect")
    assert f"?prompt={shown.pk}" in html
    assert "1 unread notification" in _panel(response, "learner-reflect")


def test_teacher_has_a_learning_panel_for_their_own_professional_goals(world, client_for):
    make.goal(world.teacher, title="Try station rotation", kind=Goal.Kind.PROFESSIONAL)

    response = client_for(world.teacher).get(HOME)

    assert "Try station rotation" in _panel(response, "learner-goals")


def test_guardian_and_district_admin_get_no_learning_panel(world, client_for):
    for persona in (world.guardian, world.district_admin):
        assert "My learning" not in _text(client_for(persona).get(HOME))


def test_reading_my_own_learning_is_not_audited(world, client_for):
    make.goal(world.student)
    make.evidence(world.student)

    client_for(world.student).get(HOME)

    assert AuditEvent.objects.count() == 0


def test_guardian_sees_each_childs_active_goals_and_portfolio_link(world, client_for):
    goal = make.goal(world.student, title="Read 20 minutes a day", progress=60)
    make.goal(world.student, title="Draft goal", status=Goal.Status.DRAFT)
    make.goal(world.student, title="Waiting goal", status=Goal.Status.PROPOSED)
    make.goal(world.other_student, title="Other child's goal")

    response = client_for(world.guardian).get(HOME)
    html = response.content.decode()
    card = _panel(response, f"child-{world.student.pk}")

    assert "Goals Read 20 minutes a day 60%" in card
    assert f'href="/goals/{goal.pk}/"' in html
    assert "Draft goal" not in html and "Waiting goal" not in html
    assert "Other child's goal" not in html
    assert f'href="{reverse("evidence:portfolio", args=[world.student.pk])}"' in html
    assert f"Portfolio of {world.student.display_name}" in card


def test_learner_home_query_count_does_not_grow_with_goals_work_or_pathways(world, client_for):
    make.goal(world.student)
    make.evidence(world.student)
    _playlist(world, "One")
    client = client_for(world.student)
    with CaptureQueriesContext(connection) as small:
        assert client.get(HOME).status_code == 200
    for i in range(12):
        make.goal(world.student, title=f"Goal {i}")
        make.evidence(world.student, title=f"Piece {i}")
        make.reflection(world.student)
        _playlist(world, f"Step {i}a", f"Step {i}b", kind=Pathway.Kind.PLAYLIST if i % 2 else Pathway.Kind.CHOICE_BOARD)
    client = client_for(world.student)

    with CaptureQueriesContext(connection) as large:
        response = client.get(HOME)

    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries) == 16


def test_guardian_home_query_count_does_not_grow_with_goals(world, client_for):
    make.goal(world.student)
    client = client_for(world.guardian)
    with CaptureQueriesContext(connection) as small:
        client.get(HOME)
    for i in range(10):
        make.goal(world.student, title=f"Goal {i}")
        make.goal(world.other_student, title=f"Other {i}")
    client = client_for(world.guardian)

    with CaptureQueriesContext(connection) as large:
        client.get(HOME)

    assert len(large.captured_queries) == len(small.captured_queries)
