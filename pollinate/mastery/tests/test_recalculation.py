"""A framework's calculation changes: its stored levels follow, and nothing else moves."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from pollinate.competencies.services.frameworks import framework_set_mastery_method
from pollinate.competencies.tests.factories import make_competency, make_framework
from pollinate.mastery import queries, services
from pollinate.mastery.models import MasteryRecord, Recalculation
from pollinate.mastery.services import rebuild
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


def _wait_for_the_thread(framework, seconds=30.0):
    """Until the background rebuild has finished. Its thread may be gone before a test looks for it (a failing
    rebuild ends at once), so the recalculation's own row says when."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [t for t in threading.enumerate() if t.name == f"mastery-recompute-{framework.pk}"]
        for thread in alive:
            thread.join(timeout=deadline - time.monotonic())
        if Recalculation.objects.filter(framework=framework, status__in=["done", "failed"]).exists():
            return
        time.sleep(0.05)
    raise AssertionError("the background rebuild did not finish")


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


def _maple():
    """A district of its own (the thread tests commit for real): an admin, a learner scored 1 then 4 on a
    decaying-average framework, levels built."""
    district = District.objects.create(name="Maple", slug="maple")
    admin = make_person(district, Role.DISTRICT_ADMIN, username="maple-admin")
    learner = make_person(district, Role.STUDENT, username="maple-kid")
    framework = make_framework(district, mastery_method="decaying_average", mastery_settings={"weight": 0.65})
    competency = make_competency(framework, "Ask a question", code="Q.1")
    for level in (1, 4):
        make_score(make_evidence(learner), competency, level)
    services.recompute_all()
    return admin, learner, framework, competency


@pytest.mark.django_db(transaction=True)
def test_outside_tests_the_rebuild_runs_in_a_thread_after_the_change_commits(settings):
    settings.MASTERY_RECOMPUTE_INLINE = False
    admin, learner, framework, competency = _maple()
    assert _level(learner, competency) == 2.95

    framework_set_mastery_method(actor=admin, framework=framework, method="most_recent", settings={})
    _wait_for_the_thread(framework)

    assert _level(learner, competency) == 4
    run = Recalculation.objects.get()
    assert (run.status, run.records, run.requested_by) == ("done", 1, admin)


@pytest.mark.django_db
def test_the_framework_page_tells_its_administrators_the_recalculation_is_done(world, framework, comps, client_for):
    _scored(world, comps[0], [1, 4])
    _scored(world, comps[1], [2])
    framework_set_mastery_method(actor=world.district_admin, framework=framework, method="highest", settings={})

    run = Recalculation.objects.get()
    assert (run.status, run.records, run.expected_records, run.requested_by, run.district) == (
        "done",
        2,
        2,
        world.district_admin,
        None,
    )
    page = client_for(world.district_admin).get(reverse("competencies:framework-detail", args=[framework.pk]))
    card = page.content.decode()
    assert "2 levels recalculated the new way" in card
    assert "hx-trigger" not in card.split('id="recalculation"')[1].split(">")[0]  # finished: no more polling
    teacher = client_for(world.teacher)
    assert "Recalculating the levels" not in teacher.get(
        reverse("competencies:framework-detail", args=[framework.pk])
    ).content.decode()
    assert teacher.get(reverse("mastery:recalculation", args=[framework.pk])).status_code == 403


@pytest.mark.django_db
def test_while_it_runs_the_page_estimates_from_the_last_rebuilds_speed(world, framework, client_for):
    now = timezone.now()
    Recalculation.objects.create(
        framework=framework, status="done", records=40_000, seconds=2.0, created_at=now - dt.timedelta(days=1)
    )
    running = Recalculation.objects.create(
        framework=framework, status="running", expected_records=400_000, started_at=now - dt.timedelta(seconds=10)
    )

    status = queries.recalculation_status(framework_id=framework.pk, district_id=None)
    # 20,000 records a second last time: 400,000 take about 20 s, and 10 have passed.
    assert (status.run, status.percent, status.remaining_seconds, status.stalled) == (running, 50, 10, False)
    card = client_for(world.district_admin).get(reverse("mastery:recalculation", args=[framework.pk])).content.decode()
    assert f'hx-get="{reverse("mastery:recalculation", args=[framework.pk])}"' in card
    assert 'value="50"' in card
    assert "Recalculating 400,000 levels the new way: about 10 s left" in card
    spanish = client_for(world.district_admin).get(
        reverse("mastery:recalculation", args=[framework.pk]), HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "Recalculando 400\u00a0000 niveles de la nueva forma: quedan unos 10 s" in spanish.content.decode()

    Recalculation.objects.filter(pk=running.pk).update(started_at=now - dt.timedelta(minutes=5))
    stalled = queries.recalculation_status(framework_id=framework.pk, district_id=None)
    assert (stalled.percent, stalled.stalled) == (95, True)  # never 100 before it is done
    card = client_for(world.district_admin).get(reverse("mastery:recalculation", args=[framework.pk])).content.decode()
    assert "taking much longer than expected" in card
    assert "hx-get" not in card


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_that_fails_says_so_and_leaves_the_levels_as_they_were(settings, monkeypatch):
    settings.MASTERY_RECOMPUTE_INLINE = False
    admin, learner, framework, competency = _maple()

    def broken(**_kwargs):
        raise OSError("could not extend file: No space left on device\nDETAIL: more")

    monkeypatch.setattr(rebuild, "recompute_all", broken)
    framework_set_mastery_method(actor=admin, framework=framework, method="most_recent", settings={})
    _wait_for_the_thread(framework)

    run = Recalculation.objects.get()
    assert (run.status, run.message) == ("failed", "OSError: could not extend file: No space left on device")
    assert _level(learner, competency) == 2.95
    status = queries.recalculation_status(framework_id=framework.pk, district_id=None)
    assert (status.finished, status.stalled) == (True, False)
