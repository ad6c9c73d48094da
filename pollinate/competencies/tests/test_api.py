"""The competencies API: the same queries, services and policy as the pages."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pollinate.competencies.models import Competency, Framework, RubricScale
from pollinate.competencies.tests.factories import make_competency, make_framework

pytestmark = pytest.mark.django_db
API = "/api/v1/competencies"


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def _framework(district):
    framework = make_framework(district, title="Science practices")
    strand = make_competency(framework, "Investigate", code="SP", position=0, is_scorable=False)
    make_competency(framework, "Ask testable questions", code="SP.1", parent=strand, depth=1, position=1)
    make_competency(framework, "Plan a fair test", code="SP.2", parent=strand, depth=1, position=2)
    return framework


def test_frameworks_list_and_tree(world, client_for):
    framework = _framework(world.section.district)
    _framework(world.outsider_section.district)
    client = client_for(world.student)
    titles = [f["title"] for f in client.get(f"{API}/frameworks").json()]
    assert titles == ["Science practices", "Attributes of personalized learning", "Habits of Mind"]
    tree = client.get(f"{API}/frameworks/{framework.pk}/tree").json()
    assert [(n["code"], [c["code"] for c in n["children"]]) for n in tree] == [("SP", ["SP.1", "SP.2"])]
    assert tree[0]["is_scorable"] is False


def test_flat_list_filters_and_pages(world, client_for):
    framework = _framework(world.section.district)
    client = client_for(world.teacher)
    body = client.get(API, {"framework_id": framework.pk, "scorable": "true"}).json()
    assert [c["code"] for c in body["items"]] == ["SP.1", "SP.2"]
    assert body["count"] == 2
    body = client.get(API, {"q": "fair test"}).json()
    assert [c["code"] for c in body["items"]] == ["SP.2"]
    body = client.get(API, {"framework_id": framework.pk, "page_size": 1, "page": 2}).json()
    assert ([c["code"] for c in body["items"]], body["pages"]) == (["SP.1"], 3)


def test_other_districts_records_answer_404(world, client_for):
    framework = _framework(world.outsider_section.district)
    client = client_for(world.teacher)
    assert client.get(f"{API}/frameworks/{framework.pk}").status_code == 404
    assert client.get(f"{API}/frameworks/{framework.pk}/tree").status_code == 404
    item = Competency.objects.filter(framework=framework).first()
    assert client.get(f"{API}/{item.pk}").status_code == 404
    assert client.get(API, {"framework_id": framework.pk}).json()["count"] == 0


def test_anonymous_gets_401(db, client):
    assert client.get(f"{API}/frameworks").status_code == 401


def test_admin_imports_a_case_package(world, client_for, case_sample):
    client = client_for(world.district_admin)
    upload = SimpleUploadedFile("Ordering.json", case_sample("Ordering.json"), content_type="application/json")
    response = client.post(f"{API}/frameworks/import", {"file": upload, "district_id": world.section.district.pk})
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["created"], body["dry_run"]) == ("ACT Holistic Framework, Math", 28, False)
    assert Framework.objects.get(pk=body["framework_id"]).competencies.count() == 28


def test_admin_imports_a_spreadsheet_under_a_title(world, client_for, case_sample):
    client = client_for(world.district_admin)
    upload = SimpleUploadedFile("sample_case.csv", case_sample("sample_case.csv"), content_type="text/csv")
    response = client.post(
        f"{API}/frameworks/import", {"file": upload, "district_id": world.section.district.pk, "title": "Maths"}
    )
    assert (response.status_code, response.json()["title"], response.json()["created"]) == (200, "Maths", 10)
    assert Framework.objects.get(pk=response.json()["framework_id"]).source == "spreadsheet"


def test_bad_package_answers_400_with_every_problem(world, client_for):
    client = client_for(world.district_admin)
    upload = SimpleUploadedFile("bad.json", b"[]")
    response = client.post(f"{API}/frameworks/import", {"file": upload, "district_id": world.section.district.pk})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The package was refused: 1 problem(s); nothing was imported.",
        "errors": ["bad.json /: a CASE package must be a JSON object"],
    }


def test_teachers_cannot_write(world, client_for, case_sample):
    client = client_for(world.teacher)
    district_id = world.section.district.pk
    upload = SimpleUploadedFile("Ordering.json", case_sample("Ordering.json"))
    assert client.post(f"{API}/frameworks/import", {"file": upload, "district_id": district_id}).status_code == 403
    assert _post(client, f"{API}/frameworks", {"district_id": district_id, "title": "Mine"}).status_code == 403
    framework = _framework(world.section.district)
    assert _post(client, f"{API}/frameworks/{framework.pk}/competencies", {"statement": "X"}).status_code == 403
    response = client.put(
        f"{API}/frameworks/{framework.pk}/mastery-method",
        data=json.dumps({"method": "mean", "settings": {}}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Framework.objects.filter(district__isnull=False).count() == 1
    assert Competency.objects.filter(framework=framework).count() == 3


def test_admin_creates_framework_competency_scale_and_sets_method(world, client_for):
    client = client_for(world.district_admin)
    district_id = world.section.district.pk
    created = _post(client, f"{API}/frameworks", {"district_id": district_id, "title": "Studio habits"})
    assert created.status_code == 201
    framework_id = created.json()["id"]
    added = _post(client, f"{API}/frameworks/{framework_id}/competencies", {"statement": "Envision", "code": "SH.1"})
    assert (added.status_code, added.json()["code"], added.json()["depth"]) == (201, "SH.1", 0)
    response = client.put(
        f"{API}/frameworks/{framework_id}/mastery-method",
        data=json.dumps({"method": "n_times", "settings": {"n": 3}}),
        content_type="application/json",
    )
    assert response.json()["mastery_settings"] == {"n": 3, "level": 3}
    scale = _post(
        client,
        f"{API}/scales",
        {
            "district_id": district_id,
            "name": "Two steps",
            "mastery_threshold": 2,
            "levels": [{"value": 1, "label": "Not yet"}, {"value": 2, "label": "Yes", "family_label": "on pace"}],
        },
    )
    assert scale.status_code == 201
    assert [lv["label"] for lv in scale.json()["levels"]] == ["Not yet", "Yes"]
    bad = _post(
        client,
        f"{API}/scales",
        {"district_id": district_id, "name": "One", "mastery_threshold": 1, "levels": [{"value": 1, "label": "A"}]},
    )
    assert (bad.status_code, bad.json()["errors"]) == (400, ["A scale needs at least 2 levels."])
    assert RubricScale.objects.filter(name="One").count() == 0


def test_scales_list_shows_the_default_with_family_words(world, client_for):
    scales = client_for(world.guardian).get(f"{API}/scales").json()
    default = next(s for s in scales if s["is_default"] and s["district_id"] is None)
    assert [(lv["value"], lv["label"], lv["family_label"]) for lv in default["levels"]] == [
        (1, "Beginning", "just starting"),
        (2, "Developing", "getting there"),
        (3, "Proficient", "on pace"),
        (4, "Extending", "going beyond"),
    ]


def test_tree_marks_items_no_longer_in_the_source(world, client_for):
    from django.utils import timezone

    framework = _framework(world.section.district)
    Competency.objects.filter(framework=framework, code="SP.2").update(withdrawn_at=timezone.now())
    tree = client_for(world.teacher).get(f"{API}/frameworks/{framework.pk}/tree").json()
    assert [(c["code"], c["withdrawn"]) for c in tree[0]["children"]] == [("SP.1", False), ("SP.2", True)]


def test_admin_edits_and_removes_competencies_of_a_district_framework(world, client_for):
    framework = _framework(world.section.district)
    leaf = Competency.objects.get(framework=framework, code="SP.2")
    strand = Competency.objects.get(framework=framework, code="SP")
    client = client_for(world.district_admin)
    response = client.put(
        f"{API}/{leaf.pk}",
        data=json.dumps({"statement": "Plan a fair test", "code": "SP.9", "parent_id": None}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"], response.json()["depth"]) == (200, "SP.9", 0)
    assert client_for(world.teacher).delete(f"{API}/{strand.pk}").status_code == 403
    assert client_for(world.district_admin).delete(f"{API}/{strand.pk}").status_code == 204
    assert list(Competency.objects.filter(framework=framework).values_list("code", flat=True)) == ["SP.9"]
