"""CASE rubrics (CFRubrics): what each level looks like for a competency, imported with its package, replaced on
every import, shown on the competency page and in the API."""

from __future__ import annotations

import copy
import json

import pytest
from django.urls import reverse

from pollinate.competencies.models import Competency, LevelDescriptor
from pollinate.competencies.services.case_import import ImportRefused, framework_import_case
from pollinate.competencies.tests.test_case_import import BASE
from pollinate.mastery.tests.factories import make_evidence

pytestmark = pytest.mark.django_db


def _level(score, quality, description, position, feedback=""):
    return {
        "identifier": f"lv-{quality}-{score}",
        "uri": "https://x/level",
        "lastChangeDateTime": "2026-01-01T00:00:00+00:00",
        "score": score,
        "quality": quality,
        "description": description,
        "feedback": feedback,
        "position": position,
    }


def _with_rubric(criteria):
    package = copy.deepcopy(BASE)
    package["CFRubrics"] = [
        {
            "identifier": "rubric-1",
            "uri": "https://x/rubric-1",
            "title": "Writing rubric",
            "lastChangeDateTime": "2026-01-01T00:00:00+00:00",
            "CFRubricCriteria": criteria,
        }
    ]
    return package


def _criterion(item, category, levels, position=1):
    return {
        "identifier": f"crit-{item}-{position}",
        "uri": "https://x/criterion",
        "lastChangeDateTime": "2026-01-01T00:00:00+00:00",
        "category": category,
        "CFItemURI": {"identifier": item, "uri": f"https://x/{item}", "title": item},
        "position": position,
        "CFRubricCriterionLevels": levels,
    }


# Published out of order: positions, not file order, decide how they read.
S1_LEVELS = [
    _level(3, "Proficient", "Supports the claim with two relevant quotations.", 3),
    _level(1, "Beginning", "States an opinion without support.", 1, feedback="Find one quotation that helps."),
    _level(2, "Developing", "Supports the claim with one quotation.", 2),
    _level(4, "Extending", "Weighs evidence for and against the claim.", 4),
]


def _import(world, package, name="rubric.json"):
    return framework_import_case(
        actor=world.district_admin,
        district=world.section.district,
        content=json.dumps(package).encode(),
        file_name=name,
    )


def test_a_packages_rubric_describes_each_level_of_its_competency(world):
    package = _with_rubric(
        [
            _criterion("s1", "Use of evidence", S1_LEVELS),
            _criterion("elsewhere", "Another framework's item", [_level(1, "Beginning", "x", 1)], position=2),
        ]
    )

    summary = _import(world, package)

    s1 = Competency.objects.get(case_identifier="s1")
    rows = list(LevelDescriptor.objects.filter(competency=s1).values_list("score", "quality", "criterion"))
    assert rows == [
        (1.0, "Beginning", "Use of evidence"),
        (2.0, "Developing", "Use of evidence"),
        (3.0, "Proficient", "Use of evidence"),
        (4.0, "Extending", "Use of evidence"),
    ]
    assert summary.described == 1
    lines = summary.lines()
    assert "What each level looks like, from the package's rubrics: 1 competency" in lines
    assert "Note: 1 rubric criterion describes no item of this package and was not imported." in lines


def test_reimporting_replaces_the_descriptions_and_a_package_without_rubrics_clears_them(world):
    _import(world, _with_rubric([_criterion("s1", "Use of evidence", S1_LEVELS)]))
    changed = copy.deepcopy(S1_LEVELS)
    changed[0]["description"] = "Supports the claim with two well-chosen quotations."
    _import(world, _with_rubric([_criterion("s1", "Use of evidence", changed)]))
    proficient = LevelDescriptor.objects.get(quality="Proficient")
    assert proficient.description == "Supports the claim with two well-chosen quotations."
    assert LevelDescriptor.objects.count() == 4

    _import(world, BASE)
    assert not LevelDescriptor.objects.exists()


def test_a_malformed_rubric_refuses_the_package_whole(world):
    package = _with_rubric([_criterion("s1", "Use of evidence", {"not": "a list"})])
    with pytest.raises(ImportRefused) as refused:
        _import(world, package)
    assert refused.value.details == [
        "rubric.json /CFRubrics/0/CFRubricCriteria/0/CFRubricCriterionLevels: CFRubricCriterionLevels must be a list"
    ]
    assert not Competency.objects.filter(case_identifier="s1").exists()


def test_the_competency_page_and_the_api_show_what_each_level_looks_like(world, client_for):
    _import(world, _with_rubric([_criterion("s1", "Use of evidence", S1_LEVELS)]))
    s1 = Competency.objects.get(case_identifier="s1")

    teacher = client_for(world.teacher)
    page = teacher.get(reverse("competencies:competency-detail", args=[s1.pk])).content.decode()
    assert "What each level looks like" in page
    assert "<caption>Use of evidence</caption>" in page
    assert page.index("States an opinion without support.") < page.index("Weighs evidence for and against the claim.")
    assert "Find one quotation that helps." in page
    api = teacher.get(f"/api/v1/competencies/{s1.pk}/rubric").json()
    assert api[0]["label"] == "Use of evidence"
    assert [(level["score"], level["quality"]) for level in api[0]["levels"]][:2] == [
        (1.0, "Beginning"),
        (2.0, "Developing"),
    ]
    outsider = client_for(world.outsider_teacher)
    assert outsider.get(f"/api/v1/competencies/{s1.pk}/rubric").status_code == 404


def test_a_guide_reads_the_level_descriptions_beside_the_scoring_form(world, client_for):
    summary = _import(world, _with_rubric([_criterion("s1", "Use of evidence", S1_LEVELS)]))
    piece = make_evidence(world.student)
    page = client_for(world.teacher).get(
        reverse("mastery:score", args=[piece.pk]), {"framework": summary.framework_id}
    ).content.decode()
    form_end = page.index("Save rating")
    assert page.index("What each level looks like") > form_end
    assert "<dt>Beginning (1)</dt><dd>States an opinion without support.</dd>" in page
