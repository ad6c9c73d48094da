"""``Reflection.first_feedback_at``: stamped by the first guide's feedback, filled for older reflections."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pollinate.core.errors import Forbidden
from pollinate.reflections import services
from pollinate.reflections.models import Feedback, Reflection
from pollinate.reflections.tests.helpers import make_reflection

pytestmark = pytest.mark.django_db


def test_first_feedback_stamps_the_reflection(world):
    reflection = make_reflection(world.student)
    feedback = services.feedback_add(actor=world.teacher, reflection=reflection, body="<p>Thank you</p>")
    assert reflection.first_feedback_at == feedback.created_at
    reflection.refresh_from_db()
    assert reflection.first_feedback_at == feedback.created_at


def test_later_feedback_keeps_the_first_time(world):
    reflection = make_reflection(world.student)
    first = services.feedback_add(actor=world.teacher, reflection=reflection, body="one")
    second = services.feedback_add(actor=world.mentor, reflection=Reflection.objects.get(pk=reflection.pk),
                                   body="two")
    assert second.created_at >= first.created_at
    reflection.refresh_from_db()
    assert reflection.first_feedback_at == first.created_at


def test_refused_feedback_leaves_the_reflection_waiting(world):
    reflection = make_reflection(world.student)
    with pytest.raises(Forbidden):
        services.feedback_add(actor=world.guardian, reflection=reflection, body="hello")
    reflection.refresh_from_db()
    assert reflection.first_feedback_at is None
    assert Feedback.objects.count() == 0


def _migrate(target: str) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("reflections", target)])


def test_data_migration_fills_the_earliest_feedback_time(transactional_db, world):
    answered = make_reflection(world.student)
    waiting = make_reflection(world.student)
    early, late = datetime(2026, 9, 1, 9, tzinfo=UTC), datetime(2026, 9, 3, 9, tzinfo=UTC)
    for at in (late, early):
        Feedback.objects.create(district_id=answered.district_id, author=world.teacher, reflection=answered,
                                body="<p>ok</p>", created_at=at)
    try:
        # Back to before the fill, as a database upgraded from the previous release would be.
        _migrate("0003_reflection_first_feedback_at")
        Reflection.objects.update(first_feedback_at=None)
        _migrate("0004_fill_reflection_first_feedback_at")
        answered.refresh_from_db()
        waiting.refresh_from_db()
        assert answered.first_feedback_at == early
        assert waiting.first_feedback_at is None
        # Reversing is a no-op: the stamps stay, the field goes only with 0003.
        _migrate("0003_reflection_first_feedback_at")
        answered.refresh_from_db()
        assert answered.first_feedback_at == early
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
