"""The guide queue applies the evidence audience rule: for the work of learners a guide guides, the queue's short
form of the rule (``visible_by_audience_to_guide``) lets through exactly what the full rule does, for every persona
and every audience level; the queue page shows a guide their learners' work at every level but "only me"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pollinate.dashboards.tests import learning as make
from pollinate.evidence.audience import visible_by_audience, visible_by_audience_to_guide
from pollinate.evidence.models import Audience, Evidence
from pollinate.people import policies
from tests.personas import PERSONAS

QUEUE = reverse("dashboards:queue")


@pytest.fixture
def work(world):
    """A piece of evidence at every audience level by every kind of learner: a student (taught, mentored), a
    student of another class, a teacher (coached) and a student of another district."""
    learners = (world.student, world.other_student, world.teacher, world.outsider_student)
    return {
        (learner.username, audience): make.evidence(learner, audience=audience, title=f"{learner.username} {audience}")
        for learner in learners
        for audience in Audience.values
    }


def _seen(viewer, condition) -> set[int]:
    guided = policies.learners_guided_by(viewer).values("id")
    return set(Evidence.objects.filter(condition, learner_id__in=guided).values_list("id", flat=True))


@pytest.mark.parametrize("name", PERSONAS)
def test_short_rule_for_guides_matches_the_full_audience_rule_on_their_learners_work(world, work, name):
    viewer = world.persona(name) or _anonymous()

    assert _seen(viewer, visible_by_audience_to_guide(viewer)) == _seen(viewer, visible_by_audience(viewer))


def test_the_short_rule_is_not_empty_for_guides(world, work):
    """The comparison above means something: a teacher, a mentor and a coach each see five of their learner's six."""
    for guide, learner in ((world.teacher, world.student), (world.mentor, world.student), (world.coach, world.teacher)):
        seen = _seen(guide, visible_by_audience_to_guide(guide))
        assert seen == {work[(learner.username, a)].pk for a in Audience.values if a != Audience.ONLY_ME}


def _feedback_titles(response) -> list[str]:
    html = response.content.decode()
    start = html.index('aria-labelledby="queue-feedback"')
    section = html[start : html.index("</section>", start)]
    return sorted(re.findall(r'<a href="/evidence/\d+/">([^<]+)</a>', section))


@pytest.mark.parametrize(
    ("name", "learner"),
    [
        ("teacher", "student"),
        ("mentor", "student"),
        ("coach", "teacher"),
        ("other_teacher", "otherstudent"),
        ("outsider_teacher", "birchstudent"),
    ],
)
def test_queue_offers_a_guide_their_learners_work_at_every_audience_but_only_me(world, client_for, work, name, learner):
    titles = _feedback_titles(client_for(world.persona(name)).get(QUEUE))

    assert titles == sorted(f"{learner} {a}" for a in Audience.values if a != Audience.ONLY_ME)


@pytest.mark.parametrize("name", ["district_admin", "leader_a1", "guardian", "student", "outsider_student"])
def test_people_who_guide_nobody_are_offered_no_work(world, client_for, work, name):
    response = client_for(world.persona(name)).get(QUEUE)
    html = response.content.decode()

    assert response.status_code == 200
    assert "You are not guiding any learners yet." in html
    assert not re.search(r"/evidence/\d+/", html)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
