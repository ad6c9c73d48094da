"""A notification is written in its recipient's language, not in the language of whoever acted."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from pollinate.goals import services as goal_services
from pollinate.goals.models import Goal
from pollinate.goals.tests.factories import make_goal
from pollinate.notifications.models import Notification
from pollinate.notifications.services import notify

pytestmark = pytest.mark.django_db

AGREED = gettext_lazy("%(name)s agreed your goal: “%(title)s”")


def _prefers(person, language: str) -> None:
    person.preferred_language = language
    person.save(update_fields=["preferred_language"])


def test_a_spanish_speaking_learner_reads_an_english_speaking_teachers_action_in_spanish(world):
    _prefers(world.student, "es")
    goal = make_goal(world.student, guide=world.teacher, status=Goal.Status.PROPOSED, title="Leer cada día")
    with translation.override("en"):
        goal_services.goal_agree(actor=world.teacher, goal=goal)
    message = Notification.objects.get(recipient=world.student).message
    assert message == f"{world.teacher.display_name} acordó su meta: «Leer cada día»"


def test_an_english_speaking_guide_reads_a_learners_spanish_session_action_in_english(world):
    _prefers(world.teacher, "en")
    goal = make_goal(world.student, guide=world.teacher, title="Read every day")
    with translation.override("es"):
        goal_services.goal_propose(actor=world.student, goal=goal)
    message = Notification.objects.get(recipient=world.teacher).message
    assert message == f"{world.student.display_name} proposed a goal for you to agree: “Read every day”"


def test_a_recipient_given_by_id_is_looked_up_and_lazy_parameters_follow_too(world):
    _prefers(world.student, "es")
    with translation.override("en"):
        notify(
            recipient=world.student.pk,
            actor=world.teacher,
            message=gettext_lazy("%(name)s is now your %(kind)s."),
            params={"name": "Ana", "kind": gettext_lazy("mentor")},
        )
    assert Notification.objects.get().message == "Ana ahora es su mentor(a)."


@pytest.mark.parametrize(
    ("active", "expected"), [("en", "Ana agreed your goal: “X”"), ("es", "Ana acordó su meta: «X»")]
)
def test_without_a_preference_the_acting_requests_language_is_kept(world, active, expected):
    _prefers(world.student, "")
    with translation.override(active):
        notify(recipient=world.student, actor=world.teacher, message=AGREED, params={"name": "Ana", "title": "X"})
    assert Notification.objects.get().message == expected
