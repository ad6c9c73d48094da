"""Fitting a framework's quick-check chances to its learners' answers, from the method page."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.urls import reverse

from pollinate.competencies.tests.factories import make_competency, make_framework
from pollinate.mastery.calculations import bkt
from pollinate.mastery.models import MasteryRecord, QuickCheck, QuickCheckResponse
from pollinate.people.models import Person, Role
from pollinate.people.tests.factories import make_person

pytestmark = pytest.mark.django_db

TRUTH = bkt.BKTParams(prior=0.3, learn=0.2, guess=0.15, slip=0.08)


def _answers(world, framework, learners: int, length: int, seed: int = 3):
    district = world.school_a1.district
    competency = make_competency(framework, "Add fractions", code="F.1")
    check = QuickCheck.objects.create(district=district, framework=framework, title="Exit tickets")
    people = [make_person(district, Role.STUDENT, username=f"fit-{n}") for n in range(learners)]
    rng = np.random.default_rng(seed)
    for person, sequence in zip(people, bkt.simulate(TRUTH, [length] * learners, rng), strict=True):
        QuickCheckResponse.objects.bulk_create(
            QuickCheckResponse(
                quick_check=check,
                learner=person,
                competency=competency,
                item=f"q{i}",
                correct=bool(right),
                answered_on=dt.date(2026, 9, 1) + dt.timedelta(days=i),
            )
            for i, right in enumerate(sequence)
        )
    return competency, people


def test_an_admin_fits_the_chances_and_the_levels_follow(world, client_for):
    framework = make_framework(world.school_a1.district)
    competency, people = _answers(world, framework, learners=150, length=12)
    response = client_for(world.district_admin).post(
        reverse("mastery:quick-check-fit", args=[framework.pk]), follow=True
    )
    html = response.content.decode()
    assert "Fitted to 1800 answers from 150 learners" in html
    framework.refresh_from_db()
    chances = framework.mastery_settings["bkt"]
    for name, true_value in TRUTH.__dict__.items():
        assert chances[name] == pytest.approx(true_value, abs=0.1), name
    record = MasteryRecord.objects.get(learner=people[0], competency=competency)
    answers = list(
        QuickCheckResponse.objects.filter(learner=people[0]).order_by("answered_on").values_list("correct", flat=True)
    )
    assert record.p_mastery == pytest.approx(bkt.p_mastery(bkt.BKTParams(**chances), [int(a) for a in answers]))


def test_too_few_answers_keeps_the_chances_and_says_how_many_are_needed(world, client_for):
    framework = make_framework(world.school_a1.district, mastery_settings={"bkt": {"guess": 0.25}})
    _answers(world, framework, learners=5, length=6)
    response = client_for(world.district_admin).post(
        reverse("mastery:quick-check-fit", args=[framework.pk]), follow=True
    )
    assert "Too few answers to fit: 30 from 5 learners so far." in response.content.decode()
    framework.refresh_from_db()
    assert framework.mastery_settings == {"bkt": {"guess": 0.25}}


def test_a_teacher_may_not_fit_and_nothing_changes(world, client_for):
    framework = make_framework(world.school_a1.district)
    _answers(world, framework, learners=25, length=10)
    response = client_for(world.teacher).post(reverse("mastery:quick-check-fit", args=[framework.pk]))
    assert response.status_code == 403
    framework.refresh_from_db()
    assert "bkt" not in framework.mastery_settings
    assert Person.objects.filter(username__startswith="fit-").count() == 25
