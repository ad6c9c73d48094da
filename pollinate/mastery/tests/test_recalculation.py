"""A framework's calculation changes: its stored levels follow, and nothing else moves."""

from __future__ import annotations

import threading

import pytest

from pollinate.competencies.services.frameworks import framework_set_mastery_method
from pollinate.competencies.tests.factories import make_competency, make_framework
from pollinate.mastery import services
from pollinate.mastery.models import MasteryRecord
from pollinate.mastery.tests.factories import make_evidence, make_score
from pollinate.people.models import District, Role
from pollinate.people.tests.factories import make_person


def _level(learner, competency):
    return MasteryRecord.objects.get(learner=learner, competency=competency).level


def _scored(world, competency, levels):
    for level in levels:
        services.guide_score_save(
            actor=world.teacher, evidence=make_evidence(world.student), competency_id=competency.pk, level=level
        )


@pytest.mark.django_db
def test_changing_the_calculation_recalculates_that_frameworks_levels_only(world, framework, comps):
    other = make_framework(world.school_a1.district, title="Writing")
    essay = make_competency(other, "Write an argument", code="W.1")
    _scored(world, comps[0], [1, 4])
    _scored(world, essay, [1, 4])
    untouched = MasteryRecord.objects.get(learner=world.student, competency=essay)
    assert _level(world.student, comps[0]) == 2.95  # decaying average 65/35: 0.35 * 1 + 0.65 * 4

    framework_set_mastery_method(actor=world.district_admin, framework=framework, method="highest", settings={})

    record = MasteryRecord.objects.get(learner=world.student, competency=comps[0])
    assert (record.level, record.method, record.status) == (4, "highest", "mastered")
    again = MasteryRecord.objects.get(learner=world.student, competency=essay)
    assert (again.pk, again.level, again.updated_at) == (untouched.pk, 2.95, untouched.updated_at)


@pytest.mark.django_db
def test_saving_the_same_calculation_rebuilds_nothing(world, framework, comps):
    _scored(world, comps[0], [2, 3])
    before = MasteryRecord.objects.get(learner=world.student, competency=comps[0])
    framework_set_mastery_method(
        actor=world.district_admin, framework=framework, method="decaying_average", settings={"weight": 0.65}
    )
    after = MasteryRecord.objects.get(learner=world.student, competency=comps[0])
    assert (after.pk, after.updated_at) == (before.pk, before.updated_at)


@pytest.mark.django_db(transaction=True)
def test_outside_tests_the_rebuild_runs_in_a_thread_after_the_change_commits(settings):
    settings.MASTERY_RECOMPUTE_INLINE = False
    district = District.objects.create(name="Maple", slug="maple")
    admin = make_person(district, Role.DISTRICT_ADMIN, username="maple-admin")
    learner = make_person(district, Role.STUDENT, username="maple-kid")
    framework = make_framework(district, mastery_method="decaying_average", mastery_settings={"weight": 0.65})
    competency = make_competency(framework, "Ask a question", code="Q.1")
    for level in (1, 4):
        make_score(make_evidence(learner), competency, level)
    services.recompute_all()
    assert _level(learner, competency) == 2.95

    framework_set_mastery_method(actor=admin, framework=framework, method="most_recent", settings={})
    thread = next(t for t in threading.enumerate() if t.name == f"mastery-recompute-{framework.pk}")
    thread.join(timeout=30)

    assert not thread.is_alive()
    assert _level(learner, competency) == 4
