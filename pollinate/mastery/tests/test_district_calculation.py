"""A district chooses how mastery is calculated on a built-in framework, for its own learners only.

The built-in frameworks (Habits of Mind, the attributes of personalized learning) belong to no district, so their
calculation used to be fixed at the decaying average. District A (Alder Valley) now picks "highest" on Habits of
Mind; district B (Birch County) keeps the default, and every page, rebuild and score follows the right one.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from pollinate.competencies.models import DistrictCalculation, Framework
from pollinate.competencies.services.frameworks import framework_set_mastery_method
from pollinate.core.errors import Forbidden
from pollinate.core.models import AuditEvent
from pollinate.mastery import queries, services
from pollinate.mastery.models import MasteryRecord, QuickCheck, QuickCheckResponse
from pollinate.mastery.tests.factories import make_evidence
from pollinate.people.models import Role
from pollinate.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def habits():
    return Framework.objects.get(source=Framework.Source.BUILT_IN, case_identifier="pollinate:habits-of-mind")


@pytest.fixture
def persisting(habits):
    return habits.competencies.filter(is_scorable=True).order_by("position").first()


def _score(teacher, learner, competency, levels):
    for level in levels:
        services.guide_score_save(
            actor=teacher, evidence=make_evidence(learner), competency_id=competency.pk, level=level
        )


def _record(learner, competency):
    return MasteryRecord.objects.get(learner=learner, competency=competency)


def _alder_chooses(world, framework, method):
    framework_set_mastery_method(
        actor=world.district_admin, framework=framework, method=method, settings={}, district_id=alder_id(world)
    )


def _both_scored(world, competency):
    _score(world.teacher, world.student, competency, [1, 4])
    _score(world.outsider_teacher, world.outsider_student, competency, [1, 4])


def test_a_districts_choice_recalculates_its_learners_only_and_leaves_the_default(world, habits, persisting):
    _both_scored(world, persisting)
    assert _record(world.student, persisting).level == 2.95  # decaying average 65/35: 0.35 × 1 + 0.65 × 4
    birch_before = _record(world.outsider_student, persisting)
    default = (habits.mastery_method, habits.mastery_settings, habits.updated_at)

    _alder_chooses(world, habits, "highest")

    alder = _record(world.student, persisting)
    assert (alder.level, alder.method, alder.status) == (4, "highest", "mastered")
    birch = _record(world.outsider_student, persisting)
    assert (birch.level, birch.method, birch.updated_at) == (2.95, "decaying_average", birch_before.updated_at)
    habits.refresh_from_db()
    assert (habits.mastery_method, habits.mastery_settings, habits.updated_at) == default
    event = AuditEvent.objects.get(verb="competencies.mastery_method_set")
    assert (event.district_id, event.data["method"], event.data["previous"]["method"]) == (
        world.student.district_id,
        "highest",
        "decaying_average",
    )


def test_new_scores_and_a_full_rebuild_follow_each_districts_choice(world, habits, persisting):
    _alder_chooses(world, habits, "most_recent")
    _score(world.teacher, world.student, persisting, [4, 2])
    _score(world.outsider_teacher, world.outsider_student, persisting, [4, 2])
    # Most recent in Alder Valley; the decaying average (0.35 × 4 + 0.65 × 2) in Birch County.
    assert (_record(world.student, persisting).level, _record(world.outsider_student, persisting).level) == (2, 2.7)

    services.recompute_all()

    assert (_record(world.student, persisting).level, _record(world.outsider_student, persisting).level) == (2, 2.7)
    assert _record(world.student, persisting).method == "most_recent"


def test_why_and_progress_explain_the_districts_calculation(world, habits, persisting):
    _both_scored(world, persisting)
    _alder_chooses(world, habits, "highest")

    alder = queries.why(viewer=world.teacher, learner_id=world.student.pk, competency_id=persisting.pk)
    birch = queries.why(
        viewer=world.outsider_teacher, learner_id=world.outsider_student.pk, competency_id=persisting.pk
    )
    assert (alder.method, alder.result.level) == ("Highest", 4)
    assert (birch.method, birch.result.level) == ("Decaying average", 2.95)
    progress = queries.progress(viewer=world.student, learner_id=world.student.pk)
    (item,) = [i for f in progress["frameworks"] if f.framework.pk == habits.pk for i in f.items]
    assert [p.level for p in item.points] == [1, 4]  # highest after each score, as the stored level


def test_only_the_districts_own_administrators_choose_and_nobody_changes_the_default(world, habits):
    alder = world.student.district_id
    birch = world.outsider_student.district_id
    for actor, district_id in (
        (world.teacher, alder),
        (world.leader_a1, alder),
        (world.outsider_admin, alder),
        (world.district_admin, birch),
        (world.district_admin, None),  # the default every district starts from
    ):
        with pytest.raises(Forbidden):
            framework_set_mastery_method(
                actor=actor, framework=habits, method="highest", settings={}, district_id=district_id
            )
    assert not DistrictCalculation.objects.exists()


def test_the_method_page_and_framework_page_for_a_built_in_framework(world, habits, persisting, client_for):
    _both_scored(world, persisting)
    url = reverse("competencies:framework-method", args=[habits.pk])
    detail_url = reverse("competencies:framework-detail", args=[habits.pk])
    assert client_for(world.teacher).get(url).status_code == 403
    admin = client_for(world.district_admin)
    page = admin.get(url)
    assert page.status_code == 200
    assert "applies to the learners of <strong>Alder Valley</strong> only" in page.content.decode()

    saved = admin.post(url, {"method": "highest"}, follow=True)

    assert "Mastery calculation saved for Alder Valley" in saved.content.decode()
    assert _record(world.student, persisting).level == 4
    assert _record(world.outsider_student, persisting).level == 2.95
    detail = admin.get(detail_url).content.decode()
    assert "Highest (in Alder Valley)" in detail
    assert f'href="{url}?district={alder_id(world)}"' in detail
    birch_detail = client_for(world.outsider_admin).get(detail_url).content.decode()
    assert "Decaying average (in Birch County)" in birch_detail


def alder_id(world):
    return world.student.district_id


def test_the_api_shows_the_callers_district_calculation_and_changes_only_their_own(world, habits, client_for):
    url = f"/api/v1/competencies/frameworks/{habits.pk}/mastery-method"
    admin = client_for(world.district_admin)
    answer = admin.put(url, data=json.dumps({"method": "mean"}), content_type="application/json")
    assert answer.status_code == 200
    assert (answer.json()["mastery_method"], answer.json()["calculation_district_id"]) == ("mean", alder_id(world))

    birch_view = client_for(world.outsider_admin).get(f"/api/v1/competencies/frameworks/{habits.pk}").json()
    assert (birch_view["mastery_method"], birch_view["calculation_district_id"]) == (
        "decaying_average",
        world.outsider_student.district_id,
    )
    admin = client_for(world.district_admin)  # one test client, signed in again
    listed = {f["id"]: f for f in admin.get("/api/v1/competencies/frameworks").json()}
    assert listed[habits.pk]["mastery_method"] == "mean"
    forged = admin.put(
        url,
        data=json.dumps({"method": "highest", "district_id": world.outsider_student.district_id}),
        content_type="application/json",
    )
    assert forged.status_code == 403
    assert not DistrictCalculation.objects.filter(district_id=world.outsider_student.district_id).exists()
    assert DistrictCalculation.objects.get(district_id=alder_id(world)).mastery_method == "mean"


def _checked(district, framework, competency, learners, answers_each, prefix):
    check = QuickCheck.objects.create(district=district, framework=framework, title="Exit tickets")
    for n in range(learners):
        person = make_person(district, Role.STUDENT, username=f"{prefix}-{n}")
        QuickCheckResponse.objects.bulk_create(
            QuickCheckResponse(
                quick_check=check,
                learner=person,
                competency=competency,
                item=f"q{i}",
                correct=bool((n + i) % 3),
                answered_on=dt.date(2026, 9, 1) + dt.timedelta(days=i),
            )
            for i in range(answers_each)
        )


def test_fitting_the_chances_on_a_built_in_framework_reads_the_districts_own_answers(
    world, habits, persisting, client_for
):
    _checked(world.school_a1.district, habits, persisting, learners=20, answers_each=5, prefix="alder")
    _checked(world.school_b.district, habits, persisting, learners=40, answers_each=10, prefix="birch")
    response = client_for(world.district_admin).post(
        reverse("mastery:quick-check-fit", args=[habits.pk]), {"district": alder_id(world)}, follow=True
    )
    method_page = reverse("competencies:framework-method", args=[habits.pk])
    assert response.redirect_chain == [(f"{method_page}?district={alder_id(world)}", 302)]
    page = response.content.decode()
    # Birch County's 400 answers would pass the 200-answer floor: they are not Alder Valley's to fit.
    assert "Too few answers to fit: 100 from 20 learners so far" in page
    assert not DistrictCalculation.objects.exists()
