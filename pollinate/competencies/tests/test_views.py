"""The pages: list, tree, competency, import, scales, mastery method. Query counts do not grow with size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pollinate.competencies.models import Competency, Framework, RubricScale
from pollinate.competencies.tests.factories import make_competency, make_framework
from pollinate.mastery import services
from pollinate.mastery.models import MasteryRecord, QuickCheck, QuickCheckResponse

pytestmark = pytest.mark.django_db


def _framework_with(district, n: int) -> Framework:
    framework = make_framework(district, title=f"Framework of {n}")
    strand = make_competency(framework, "Strand", code="S", position=0, is_scorable=False)
    for i in range(n):
        make_competency(framework, f"Skill {i}", code=f"S.{i}", parent=strand, position=i + 1)
    return framework


def test_list_shows_built_ins_and_own_frameworks_with_counts(world, client_for):
    _framework_with(world.section.district, 3)
    _framework_with(world.outsider_section.district, 1)
    response = client_for(world.teacher).get(reverse("competencies:framework-list"))
    assert response.status_code == 200
    titles = [f.title for f in response.context["frameworks"]]
    assert titles == ["Framework of 3", "Attributes of personalized learning", "Habits of Mind"]
    assert [f.n_competencies for f in response.context["frameworks"]] == [4, 4, 16]
    assert "Import a framework" not in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_list_and_tree_queries_do_not_grow(world, client_for, django_assert_num_queries, size):
    framework = _framework_with(world.section.district, size)
    client = client_for(world.teacher)
    client.get(reverse("competencies:framework-list"))  # warm the session
    with django_assert_num_queries(6):
        client.get(reverse("competencies:framework-list"))
    with django_assert_num_queries(7):
        response = client.get(reverse("competencies:framework-detail", args=[framework.pk]))
    body = response.content.decode()
    assert body.count('class="competency-tree__item"') == size + 1
    assert "<details open>" in body
    assert body.count("<details open>") == 1  # only the strand folds


def test_tree_page_nests_codes_in_order(world, client_for):
    framework = _framework_with(world.section.district, 2)
    body = client_for(world.student).get(reverse("competencies:framework-detail", args=[framework.pk])).content.decode()
    assert body.index(">S.0<") < body.index(">S.1<")
    assert "Beginning" in body
    assert "on pace" in body
    assert "Add a competency" not in body


def test_frameworks_of_another_district_are_not_found(world, client_for):
    framework = _framework_with(world.outsider_section.district, 1)
    client = client_for(world.teacher)
    assert client.get(reverse("competencies:framework-detail", args=[framework.pk])).status_code == 404
    item = Competency.objects.filter(framework=framework).first()
    assert client.get(reverse("competencies:competency-detail", args=[item.pk])).status_code == 404


def test_competency_page_shows_its_path_and_what_is_inside(world, client_for):
    framework = _framework_with(world.section.district, 2)
    strand = Competency.objects.get(framework=framework, code="S")
    leaf = Competency.objects.get(framework=framework, code="S.1")
    client = client_for(world.teacher)
    body = client.get(reverse("competencies:competency-detail", args=[leaf.pk])).content.decode()
    assert framework.title in body
    assert "Skill 1" in body
    body = client.get(reverse("competencies:competency-detail", args=[strand.pk])).content.decode()
    assert "Inside this competency" in body
    assert "Skill 0" in body


def test_admin_builds_a_framework_through_the_pages(world, client_for):
    client = client_for(world.district_admin)
    response = client.post(
        reverse("competencies:framework-create"),
        {"district": world.section.district.pk, "title": "Studio habits", "subject": "Art", "description": ""},
    )
    framework = Framework.objects.get(title="Studio habits")
    assert response.status_code == 302
    assert framework.scale.district_id == world.section.district.pk
    url = reverse("competencies:competency-add", args=[framework.pk])
    client.post(url, {"statement": "Develop craft", "code": "SH.1"})
    first = Competency.objects.get(framework=framework, code="SH.1")
    client.post(url, {"statement": "Engage and persist", "code": "SH.1.a", "parent": first.pk})
    assert list(Competency.objects.filter(framework=framework).values_list("code", "depth")) == [
        ("SH.1", 0),
        ("SH.1.a", 1),
    ]
    response = client.post(url, {"statement": "", "code": "X"})
    assert response.status_code == 400
    assert Competency.objects.filter(framework=framework).count() == 2
    client.post(
        reverse("competencies:competency-edit", args=[first.pk]), {"statement": "Develop craft well", "code": "SH.1"}
    )
    assert Competency.objects.get(pk=first.pk).statement == "Develop craft well"


def test_mastery_method_page_saves_the_chosen_method_and_its_settings(world, client_for):
    framework = make_framework(world.section.district)
    client = client_for(world.district_admin)
    url = reverse("competencies:framework-method", args=[framework.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"method": "decaying_average", "decaying_average__weight": "0.75", "n_times__n": "9"})
    assert response.status_code == 302
    framework.refresh_from_db()
    assert (framework.mastery_method, framework.mastery_settings) == ("decaying_average", {"weight": 0.75})
    response = client.post(url, {"method": "decaying_average", "decaying_average__weight": "0.2"})
    assert response.status_code == 200
    assert "must be between 0.5 and 0.99" in response.content.decode()
    framework.refresh_from_db()
    assert framework.mastery_settings == {"weight": 0.75}


def test_teachers_cannot_open_admin_pages(world, client_for):
    framework = make_framework(world.section.district)
    client = client_for(world.teacher)
    assert client.get(reverse("competencies:framework-method", args=[framework.pk])).status_code == 403
    assert client.get(reverse("competencies:case-import")).status_code == 403
    assert client.get(reverse("competencies:scale-create")).status_code == 403
    built_in = Framework.objects.get(title="Habits of Mind")
    assert (
        client_for(world.district_admin).get(reverse("competencies:framework-edit", args=[built_in.pk])).status_code
        == 403
    )


def test_import_page_dry_run_then_import(world, client_for, case_sample):
    client = client_for(world.district_admin)
    url = reverse("competencies:case-import")
    upload = SimpleUploadedFile("SmartLevelFramework.json", case_sample("SmartLevelFramework.json"))
    response = client.post(url, {"district": world.section.district.pk, "file": upload, "dry_run": "on"})
    assert response.status_code == 200
    assert "14 created, 0 updated, 0 unchanged, 0 removed, 0 kept" in response.content.decode()
    assert not Framework.objects.filter(title="SmartLevel Test").exists()
    upload = SimpleUploadedFile("SmartLevelFramework.json", case_sample("SmartLevelFramework.json"))
    response = client.post(url, {"district": world.section.district.pk, "file": upload})
    assert Framework.objects.get(title="SmartLevel Test").competencies.count() == 14


def test_import_page_lists_every_problem(world, client_for):
    client = client_for(world.district_admin)
    upload = SimpleUploadedFile("bad.json", b'{"CFItems": []}')
    response = client.post(reverse("competencies:case-import"), {"district": world.section.district.pk, "file": upload})
    assert response.status_code == 400
    assert "bad.json /CFDocument: the package has no CFDocument" in response.content.decode()


def test_admin_creates_and_edits_a_scale(world, client_for):
    client = client_for(world.district_admin)
    data = {
        "district": world.section.district.pk,
        "name": "Three steps",
        "mastery_threshold": "2",
        "value_0": "1",
        "label_0": "Not yet",
        "value_1": "2",
        "label_1": "Yes",
        "family_label_1": "on pace",
    }
    response = client.post(reverse("competencies:scale-create"), data)
    assert response.status_code == 302
    scale = RubricScale.objects.get(name="Three steps")
    assert list(scale.levels.values_list("value", "label", "family_label")) == [
        (1, "Not yet", ""),
        (2, "Yes", "on pace"),
    ]
    response = client.post(
        reverse("competencies:scale-edit", args=[scale.pk]),
        {"name": "Gappy", "mastery_threshold": "2", "value_0": "1", "label_0": "A", "value_1": "3", "label_1": "B"},
    )
    assert response.status_code == 200
    assert "Points must follow on without gaps" in response.content.decode()
    assert RubricScale.objects.get(pk=scale.pk).name == "Three steps"
    body = client.get(reverse("competencies:scale-list")).content.decode()
    assert "Three steps" in body
    assert "Beginning to Extending (1-4)" in body


def test_admin_reorders_and_removes_through_the_pages(world, client_for):
    client = client_for(world.district_admin)
    framework = make_framework(world.section.district)
    first = make_competency(framework, "First", code="F", position=0)
    second = make_competency(framework, "Second", code="G", position=1)
    response = client.post(reverse("competencies:competency-move", args=[second.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert response.url == f"{reverse('competencies:framework-detail', args=[framework.pk])}#c{second.pk}"
    assert list(Competency.objects.filter(framework=framework).values_list("code", flat=True)) == ["G", "F"]
    response = client.post(reverse("competencies:competency-remove", args=[first.pk]))
    assert response.status_code == 302
    assert list(Competency.objects.filter(framework=framework).values_list("code", flat=True)) == ["G"]
    teacher = client_for(world.teacher)
    assert teacher.post(reverse("competencies:competency-remove", args=[second.pk])).status_code == 403
    assert Competency.objects.filter(pk=second.pk).exists()


def test_mastery_method_page_asks_for_a_method(world, client_for):
    framework = make_framework(world.section.district)
    response = client_for(world.district_admin).post(reverse("competencies:framework-method", args=[framework.pk]), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    framework.refresh_from_db()
    assert framework.mastery_method == "decaying_average"


def test_mastery_method_page_sets_the_quick_check_chances_and_levels_follow(world, client_for):
    framework = make_framework(world.section.district)
    competency = make_competency(framework, "Add fractions", code="F.1")
    check = QuickCheck.objects.create(district=world.section.district, framework=framework, title="Exit ticket")
    for n, correct in enumerate([True, True, False]):
        QuickCheckResponse.objects.create(
            quick_check=check,
            learner=world.student,
            competency=competency,
            item=f"q{n}",
            correct=correct,
            answered_on=dt.date(2026, 10, 1 + n),
        )
    services.recompute_all()
    before = MasteryRecord.objects.get(learner=world.student, competency=competency).p_mastery
    client = client_for(world.district_admin)
    url = reverse("competencies:framework-method", args=[framework.pk])
    page = client.get(url).content.decode()
    assert "Chance of a right answer without knowing it (at most 0.5)" in page
    assert 'name="bkt__guess" value="0.2"' in page

    chances = {"bkt__prior": "0.4", "bkt__learn": "0.3", "bkt__guess": "0.1", "bkt__slip": "0.05"}
    response = client.post(url, {"method": "decaying_average", "decaying_average__weight": "0.65", **chances})
    assert response.status_code == 302
    framework.refresh_from_db()
    assert framework.mastery_settings["bkt"] == {"prior": 0.4, "learn": 0.3, "guess": 0.1, "slip": 0.05}
    after = MasteryRecord.objects.get(learner=world.student, competency=competency).p_mastery
    assert after != pytest.approx(before)

    response = client.post(url, {"method": "decaying_average", **chances, "bkt__guess": "0.7"})
    assert response.status_code == 200
    assert "must be at most 0.5, not 0.7" in response.content.decode()
    framework.refresh_from_db()
    assert framework.mastery_settings["bkt"]["guess"] == 0.1
