"""Linking before-and-after evidence to a coaching cycle from its page."""

from __future__ import annotations

import pytest

from pollinate.coaching.tests.factories import make_cycle
from pollinate.evidence.tests.helpers import make_writing

pytestmark = pytest.mark.django_db


def _form(cycle, **extra):
    data = {"title": cycle.title, "stage": cycle.stage, "approach": cycle.approach, "status": cycle.status}
    return {**data, **extra}


def test_the_teacher_links_a_students_piece_and_their_own_and_both_read_it(world, client_for):
    cycle = make_cycle(world.coach, world.teacher)
    student_work = make_writing(world.student, title="Pond life: first draft")
    own = make_writing(world.teacher, title="My exit-ticket tally", audience="guides")
    client = client_for(world.teacher)
    url = f"/coaching/cycles/{cycle.pk}/"
    page = client.get(url).content.decode()
    assert "Pond life: first draft" in page and "My exit-ticket tally" in page

    response = client.post(url, _form(cycle, evidence=[student_work.pk, own.pk]))
    assert response.status_code == 302
    assert set(cycle.evidence.values_list("pk", flat=True)) == {student_work.pk, own.pk}
    page = client.get(url).content.decode()
    assert f'<a href="/evidence/{student_work.pk}/">Pond life: first draft</a>' in page


def test_the_coach_saving_the_cycle_keeps_the_pieces_they_cannot_see(world, client_for):
    cycle = make_cycle(world.coach, world.teacher)
    student_work = make_writing(world.student, title="Pond life: first draft")
    cycle.evidence.add(student_work)
    coach_page = client_for(world.coach).get(f"/coaching/cycles/{cycle.pk}/").content.decode()
    assert "Pond life" not in coach_page  # the coach does not read the teacher's students' work

    response = client_for(world.coach).post(f"/coaching/cycles/{cycle.pk}/", _form(cycle, strategy="Think-pair-share"))
    assert response.status_code == 302
    assert list(cycle.evidence.values_list("pk", flat=True)) == [student_work.pk]


def test_a_forged_piece_is_refused_and_nothing_changes(world, client_for):
    cycle = make_cycle(world.coach, world.teacher, strategy="Before")
    outsider_work = make_writing(world.outsider_teacher, title="Not yours")
    response = client_for(world.teacher).post(
        f"/coaching/cycles/{cycle.pk}/", _form(cycle, strategy="After", evidence=[outsider_work.pk])
    )
    assert response.status_code == 200
    cycle.refresh_from_db()
    assert (cycle.strategy, cycle.evidence.count()) == ("Before", 0)
