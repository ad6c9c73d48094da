"""Every shared CASE sample (/work/shared/samples/case/opensalt/*.json, read in place): exact trees."""

from __future__ import annotations

from collections import Counter

import pytest

from pollinate.competencies.models import Competency, CompetencyLink, Framework
from pollinate.competencies.services.case_import import framework_import_case
from pollinate.competencies.tests.conftest import CASE_SAMPLES

pytestmark = pytest.mark.django_db

ORDERING_LEAVES = [f"H.A.MATH.GM.PF.2DFP.L1.{n}" for n in [1, *range(10, 20), 2, *range(20, 25), *range(3, 10)]]


def _import(world, case_sample, name):
    return framework_import_case(
        actor=world.district_admin, district=world.section.district, content=case_sample(name), file_name=name
    )


def _tree(framework: Framework) -> list[tuple[int, str, bool]]:
    return [
        (c.depth, c.code or c.statement, c.is_scorable)
        for c in Competency.objects.filter(framework=framework).order_by("position")
    ]


def test_every_sample_is_covered_by_a_test():
    assert sorted(p.name for p in CASE_SAMPLES.glob("*.json")) == [
        "AdoptedTestFramework.json",
        "EmptyExternalFramework.json",
        "ItemTypeTestFramework.json",
        "MarkdownFramework.json",
        "Ordering.json",
        "SequenceNumberFramework.json",
        "SmartLevelFramework.json",
        "Utf8TestFramework.json",
        "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json",
    ]


def test_adopted_framework_one_item(world, case_sample):
    summary = _import(world, case_sample, "AdoptedTestFramework.json")
    framework = Framework.objects.get(pk=summary.framework_id)
    assert (framework.title, framework.creator, framework.source) == ("Adopted Test", "OpenSALT Testing", "case")
    assert framework.case_identifier == "d0000000-0000-0000-0000-000000000000"
    assert framework.district_id == world.section.district.pk
    assert _tree(framework) == [(0, "Item 1", True)]
    assert (summary.created, summary.updated, summary.unchanged) == (1, 0, 0)


def test_empty_framework_imports_with_no_competencies(world, case_sample):
    summary = _import(world, case_sample, "EmptyExternalFramework.json")
    framework = Framework.objects.get(pk=summary.framework_id)
    assert framework.title == "Test Framework External Empty"
    assert _tree(framework) == []
    assert summary.lines()[1] == "0 created, 0 updated, 0 unchanged, 0 removed, 0 kept"


def test_item_type_is_read(world, case_sample):
    summary = _import(world, case_sample, "ItemTypeTestFramework.json")
    item = Competency.objects.get(framework_id=summary.framework_id)
    assert (item.statement, item.item_type) == ("Item 1", "Standard")


def test_markdown_statements_are_kept_verbatim_in_file_order(world, case_sample):
    summary = _import(world, case_sample, "MarkdownFramework.json")
    rows = list(Competency.objects.filter(framework_id=summary.framework_id).order_by("position"))
    assert [r.code for r in rows] == ["MD.Table", "MD.Math"]
    assert rows[0].statement.startswith("This contains a _table_ in markdown:\r\n\r\n| Column 1 | Column 2 |")
    assert rows[1].statement == "This contains math markdown: $x^2$"


def test_ordering_sample_five_levels_in_file_order(world, case_sample):
    summary = _import(world, case_sample, "Ordering.json")
    framework = Framework.objects.get(pk=summary.framework_id)
    assert framework.title == "ACT Holistic Framework, Math"
    assert framework.creator == "ACT, Inc."
    tree = _tree(framework)
    assert len(tree) == 28
    assert tree[:4] == [
        (0, "H.A.MATH.GM", False),
        (1, "H.A.MATH.GM.PF", False),
        (2, "H.A.MATH.GM.PF.2DFP", False),
        (3, "H.A.MATH.GM.PF.2DFP.L1", False),
    ]
    assert [code for _depth, code, _s in tree[4:]] == ORDERING_LEAVES
    assert {(depth, scorable) for depth, _code, scorable in tree[4:]} == {(4, True)}
    first = Competency.objects.get(framework=framework, code="H.A.MATH.GM")
    assert first.abbreviated == "Geometry and Measurement"


def test_sequence_numbers_win_over_file_order(world, case_sample):
    summary = _import(world, case_sample, "SequenceNumberFramework.json")
    assert _tree(Framework.objects.get(pk=summary.framework_id)) == [(0, "SNT.2", True), (0, "SNT.1", True)]


def test_smart_level_two_branches(world, case_sample):
    summary = _import(world, case_sample, "SmartLevelFramework.json")
    tree = _tree(Framework.objects.get(pk=summary.framework_id))
    assert tree == [
        (0, "Item 1", False),
        *[(1, f"Item 1.{n}", True) for n in range(1, 11)],
        (0, "Item 2", False),
        (1, "Item 2.1", True),
        (1, "Item 2.2", True),
    ]
    assert summary.created == 14


def test_utf8_astral_characters_survive(world, case_sample):
    summary = _import(world, case_sample, "Utf8TestFramework.json")
    framework = Framework.objects.get(pk=summary.framework_id)
    assert framework.title == "UTF8 \U0001d451 Test"
    assert _tree(framework) == [(0, "Item \U0001d451 1", True)]


def test_pre_1_0_draft_is_read_leniently_and_other_associations_reported(world, case_sample):
    name = "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json"
    summary = _import(world, case_sample, name)
    framework = Framework.objects.get(pk=summary.framework_id)
    assert framework.title == "What Standards Could Be"
    tree = _tree(framework)
    assert len(tree) == 16
    assert tree[:5] == [
        (0, "CCSS.Math.Content.6.RP.A", False),
        (1, "CCSS.Math.Content.6.RP.A.1", True),
        (1, "CCSS.Math.Content.6.RP.A.2", True),
        (1, "CCSS.Math.Content.6.RP.A.3", False),
        (2, "CCSS.Math.Content.6.RP.A.3a", True),
    ]
    assert tree[8] == (0, "CCSS.Math.Content.7.RP.A", False)
    cluster = Competency.objects.get(framework=framework, code="CCSS.Math.Content.6.RP.A")
    assert (cluster.item_type, cluster.education_levels) == ("Cluster", "06")
    assert summary.other_associations == {"exactMatchOf": 16, "precedes": 3, "exemplar": 2, "isRelatedTo": 2}
    assert summary.warnings == ["Read the pre-1.0 field “educationalLevel” as educationLevel."]
    assert (
        "Connections beyond the tree, shown on each competency: exactMatchOf (16), exemplar (2), isRelatedTo (2), "
        "precedes (3)" in summary.lines()
    )
    stored = Counter(CompetencyLink.objects.filter(competency__framework=framework).values_list("kind", flat=True))
    assert stored == {"exactMatchOf": 16, "precedes": 3, "exemplar": 2, "isRelatedTo": 2}
    _import(world, case_sample, name)  # again: replaced, not doubled
    assert CompetencyLink.objects.filter(competency__framework=framework).count() == 23
