"""Scales, district-built frameworks and their trees, and the mastery method setting."""

from __future__ import annotations

import pytest

from pollinate.competencies.models import Competency, Framework, RubricScale
from pollinate.competencies.services import frameworks as fw
from pollinate.competencies.services import scales
from pollinate.competencies.tests.factories import make_competency, make_framework
from pollinate.core.errors import ApplicationError, Conflict, Forbidden
from pollinate.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LEVELS = [
    {"value": 1, "label": "Not yet", "family_label": "just starting"},
    {"value": 2, "label": "Almost", "family_label": "nearly there"},
    {"value": 3, "label": "Got it", "family_label": "on pace", "description": "Does it alone"},
]


def _district(world):
    return world.section.district


def test_admin_creates_a_scale_with_levels(world):
    scale = scales.scale_create(
        actor=world.district_admin, district=_district(world), name=" Three steps ", mastery_threshold=3, levels=LEVELS
    )
    assert (scale.name, scale.mastery_threshold, scale.district_id) == ("Three steps", 3, _district(world).pk)
    assert list(scale.levels.values_list("value", "label", "family_label", "description")) == [
        (1, "Not yet", "just starting", ""),
        (2, "Almost", "nearly there", ""),
        (3, "Got it", "on pace", "Does it alone"),
    ]
    assert AuditEvent.objects.filter(verb="competencies.scale_created", object_id=str(scale.pk)).count() == 1


@pytest.mark.parametrize(
    ("levels", "threshold", "message"),
    [
        ([{"value": 1, "label": "Only"}], 1, "A scale needs at least 2 levels."),
        ([{"value": 1, "label": "A"}, {"value": 1, "label": "B"}], 1, "Each level needs its own points; repeated: 1."),
        (
            [{"value": 1, "label": "A"}, {"value": 3, "label": "B"}],
            1,
            "Points must follow on without gaps (for example 1, 2, 3, 4); these are 1, 3.",
        ),
        ([{"value": 1, "label": "A"}, {"value": 2, "label": " "}], 1, "Level 2 needs a label."),
        ([{"value": 1, "label": "A"}, {"value": 2, "label": "B"}], 5, "“Mastered at” must be between 1 and 2."),
        (
            [{"value": "x", "label": "A"}, {"value": 2, "label": "B"}],
            2,
            "Points must be whole numbers, 0 or more (not “x”).",
        ),
    ],
)
def test_invalid_scales_are_refused_and_nothing_written(world, levels, threshold, message):
    before = RubricScale.objects.count()
    with pytest.raises(ApplicationError) as caught:
        scales.scale_create(
            actor=world.district_admin,
            district=_district(world),
            name="Bad",
            mastery_threshold=threshold,
            levels=levels,
        )
    assert message in caught.value.details
    assert RubricScale.objects.count() == before


def test_update_replaces_levels_and_threshold(world):
    scale = scales.scale_create(
        actor=world.district_admin, district=_district(world), name="Three", mastery_threshold=3, levels=LEVELS
    )
    scales.scale_update(actor=world.district_admin, scale=scale, name="Two", mastery_threshold=2, levels=LEVELS[:2])
    scale.refresh_from_db()
    assert (scale.name, scale.mastery_threshold) == ("Two", 2)
    assert list(scale.levels.values_list("value", flat=True)) == [1, 2]


def test_only_the_districts_admin_manages_scales(world):
    shared = scales.ensure_default_scale()
    for person in (world.teacher, world.leader_a1, world.outsider_admin):
        with pytest.raises(Forbidden):
            scales.scale_create(actor=person, district=_district(world), name="X", mastery_threshold=3, levels=LEVELS)
    with pytest.raises(Forbidden):
        scales.scale_update(actor=world.district_admin, scale=shared, name="X", mastery_threshold=3, levels=LEVELS)
    assert shared.levels.count() == 4


def test_admin_builds_a_framework_tree(world):
    admin = world.district_admin
    framework = fw.framework_create(
        actor=admin, district=_district(world), title=" Science practices ", subject="Science"
    )
    assert (framework.title, framework.source, framework.scale.district_id) == (
        "Science practices",
        "local",
        _district(world).pk,
    )
    ask = fw.competency_add(actor=admin, framework=framework, code="SP.1", statement="Ask questions")
    plan = fw.competency_add(actor=admin, framework=framework, code="SP.2", statement="Plan investigations")
    sub = fw.competency_add(actor=admin, framework=framework, parent_id=ask.pk, code="SP.1.a", statement="Testable")
    tree = list(Competency.objects.filter(framework=framework).values_list("code", "depth", "is_scorable"))
    assert tree == [("SP.1", 0, False), ("SP.1.a", 1, True), ("SP.2", 0, True)]

    fw.competency_move(actor=admin, competency=plan, direction="up")
    tree = list(Competency.objects.filter(framework=framework).values_list("code", "depth"))
    assert tree == [("SP.2", 0), ("SP.1", 0), ("SP.1.a", 1)]

    fw.competency_update(actor=admin, competency=sub, parent_id=plan.pk, code="SP.2.a", statement="Testable ones")
    tree = list(Competency.objects.filter(framework=framework).values_list("code", "depth", "is_scorable"))
    assert tree == [("SP.2", 0, False), ("SP.2.a", 1, True), ("SP.1", 0, True)]

    with pytest.raises(ApplicationError, match="cannot sit inside itself"):
        fw.competency_update(actor=admin, competency=plan, parent_id=sub.pk, statement="Plan")
    fw.competency_remove(actor=admin, competency=plan)
    assert list(Competency.objects.filter(framework=framework).values_list("code", "position")) == [("SP.1", 0)]


def test_moving_the_first_sibling_up_changes_nothing(world):
    framework = fw.framework_create(actor=world.district_admin, district=_district(world), title="F")
    first = fw.competency_add(actor=world.district_admin, framework=framework, statement="First")
    fw.competency_add(actor=world.district_admin, framework=framework, statement="Second")
    fw.competency_move(actor=world.district_admin, competency=first, direction="up")
    assert list(Competency.objects.filter(framework=framework).values_list("statement", flat=True)) == [
        "First",
        "Second",
    ]


def test_used_competencies_cannot_be_removed(world, monkeypatch):
    from pollinate.competencies.services import case_import

    framework = fw.framework_create(actor=world.district_admin, district=_district(world), title="F")
    parent = fw.competency_add(actor=world.district_admin, framework=framework, statement="Parent")
    child = fw.competency_add(actor=world.district_admin, framework=framework, statement="Child", parent_id=parent.pk)
    monkeypatch.setattr(case_import, "competency_ids_in_use", lambda ids: {child.pk} & set(ids))
    with pytest.raises(Conflict):
        fw.competency_remove(actor=world.district_admin, competency=parent)
    assert Competency.objects.filter(framework=framework).count() == 2


def test_imported_and_built_in_trees_are_not_edited_here(world):
    imported = make_framework(_district(world), title="From CASE", source=Framework.Source.CASE)
    item = make_competency(imported)
    with pytest.raises(Conflict, match="comes from a CASE package"):
        fw.competency_add(actor=world.district_admin, framework=imported, statement="More")
    built_in = Framework.objects.get(title="Habits of Mind")
    with pytest.raises(Forbidden):
        fw.competency_add(actor=world.district_admin, framework=built_in, statement="More")
    with pytest.raises(Forbidden):
        fw.competency_update(actor=world.teacher, competency=item, statement="Changed")
    assert Competency.objects.filter(framework=imported).count() == 1


def test_refusals_write_nothing(world):
    before = Framework.objects.count()
    with pytest.raises(ApplicationError) as caught:
        fw.framework_create(actor=world.district_admin, district=_district(world), title="  ")
    assert caught.value.details == ["Give the framework a title."]
    with pytest.raises(Forbidden):
        fw.framework_create(actor=world.teacher, district=_district(world), title="Mine")
    assert Framework.objects.count() == before


def test_mastery_method_is_validated_and_stored_with_defaults(world):
    framework = make_framework(_district(world))
    fw.framework_set_mastery_method(
        actor=world.district_admin, framework=framework, method="n_times", settings={"n": 3}
    )
    framework.refresh_from_db()
    assert (framework.mastery_method, framework.mastery_settings) == ("n_times", {"n": 3, "level": 3})
    with pytest.raises(ApplicationError) as caught:
        fw.framework_set_mastery_method(
            actor=world.district_admin, framework=framework, method="decaying_average", settings={"weight": 2}
        )
    assert caught.value.details == [
        "The weight of the latest score must be between 0.5 and 0.99 (a fraction: 0.65 means 65 %), not 2."
    ]
    with pytest.raises(Forbidden):
        fw.framework_set_mastery_method(actor=world.teacher, framework=framework, method="mean", settings={})
    framework.refresh_from_db()
    assert framework.mastery_method == "n_times"


def test_framework_scale_must_belong_to_the_district_or_be_shared(world):
    framework = make_framework(_district(world))
    birch_scale = scales.scale_create(
        actor=world.outsider_admin,
        district=world.outsider_section.district,
        name="B",
        mastery_threshold=2,
        levels=LEVELS,
    )
    with pytest.raises(ApplicationError, match="Choose one of your district's scales"):
        fw.framework_update(actor=world.district_admin, framework=framework, title="T", scale=birch_scale)
    shared = scales.ensure_default_scale()
    fw.framework_update(actor=world.district_admin, framework=framework, title="T", scale=shared)
    framework.refresh_from_db()
    assert (framework.title, framework.scale_id) == ("T", shared.pk)
