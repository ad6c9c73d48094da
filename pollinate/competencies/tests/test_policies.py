from __future__ import annotations

import pytest

from pollinate.competencies import policies
from pollinate.competencies.models import Competency, Framework, RubricLevel, RubricScale
from pollinate.competencies.services import ensure_default_scale
from pollinate.competencies.tests.factories import make_competency, make_framework, make_scale

pytestmark = pytest.mark.django_db
BUILT_IN_TITLES = {"Habits of Mind", "Attributes of personalized learning"}


@pytest.fixture
def frameworks(world):
    built_in = make_framework(None, title="Habits (test)")
    alder = make_framework(world.section.district, title="Alder science")
    birch = make_framework(world.outsider_section.district, title="Birch art")
    return built_in, alder, birch


@pytest.mark.usefixtures("frameworks")
def test_a_district_member_sees_built_ins_and_their_districts_frameworks_only(world):
    for person in (world.student, world.guardian, world.teacher, world.district_admin, world.leader_a2):
        visible = set(policies.frameworks_visible_to(person).values_list("title", flat=True))
        assert visible == {*BUILT_IN_TITLES, "Habits (test)", "Alder science"}
    assert set(policies.frameworks_visible_to(world.outsider_teacher).values_list("title", flat=True)) == {
        *BUILT_IN_TITLES,
        "Habits (test)",
        "Birch art",
    }


def test_anonymous_sees_nothing(world, frameworks):
    assert list(policies.frameworks_visible_to(None)) == []
    assert list(policies.competencies_visible_to(None)) == []
    assert list(policies.scales_visible_to(None)) == []


def test_competencies_follow_their_framework(world, frameworks):
    built_in, alder, birch = frameworks
    make_competency(built_in, "Persisting")
    make_competency(alder, "Plan an investigation")
    make_competency(birch, "Mix colours")
    statements = set(
        policies.competencies_visible_to(world.teacher)
        .filter(framework__in=frameworks)
        .values_list("statement", flat=True)
    )
    assert statements == {"Persisting", "Plan an investigation"}
    assert policies.competencies_visible_to(world.teacher).filter(framework__source="built_in").count() == 20 + 1
    birch_item = Competency.objects.get(statement="Mix colours")
    assert policies.can_view_competency(world.teacher, birch_item) is False
    assert policies.can_view_competency(world.outsider_student, birch_item) is True


def test_only_district_admins_manage_their_own_districts_frameworks(world, frameworks):
    built_in, alder, birch = frameworks
    district_a = world.section.district
    assert policies.can_manage_frameworks(world.district_admin, district_a) is True
    assert policies.can_manage_frameworks(world.district_admin, district_a.pk) is True
    assert policies.can_manage_frameworks(world.district_admin, birch.district) is False
    assert policies.can_manage_frameworks(world.district_admin, None) is False
    for person in (world.teacher, world.leader_a1, world.lead_coach, world.student, world.guardian, None):
        assert policies.can_manage_frameworks(person, district_a) is False
    assert policies.can_edit_framework(world.district_admin, alder) is True
    assert policies.can_edit_framework(world.district_admin, built_in) is False
    assert policies.can_edit_framework(world.outsider_admin, alder) is False


def test_scales_are_visible_in_their_district_and_editable_by_its_admin(world):
    shared = ensure_default_scale()
    alder_scale = make_scale(world.section.district)
    birch_scale = make_scale(world.outsider_section.district, name="Birch steps")
    assert set(policies.scales_visible_to(world.teacher)) == {shared, alder_scale}
    assert policies.can_view_scale(world.teacher, birch_scale) is False
    assert policies.can_edit_scale(world.district_admin, alder_scale) is True
    assert policies.can_edit_scale(world.district_admin, shared) is False
    assert policies.can_edit_scale(world.teacher, alder_scale) is False


def test_default_scale_is_one_to_four_with_family_words_and_created_once(db):
    scale = ensure_default_scale()
    assert scale.district_id is None
    assert scale.mastery_threshold == 3
    assert list(scale.levels.values_list("value", "label", "family_label")) == [
        (1, "Beginning", "just starting"),
        (2, "Developing", "getting there"),
        (3, "Proficient", "on pace"),
        (4, "Extending", "going beyond"),
    ]
    assert ensure_default_scale() == scale
    assert RubricScale.objects.filter(is_default=True).count() == 1
    assert RubricLevel.objects.count() == 4
    assert set(Framework.objects.values_list("scale_id", flat=True)) == {scale.pk}


def test_each_district_gets_its_own_default_scale(world):
    district_a = world.section.district
    shared = ensure_default_scale()
    own = ensure_default_scale(district_a)
    assert own != shared
    assert own.district_id == district_a.pk
    assert ensure_default_scale(district_a.pk) == own
    assert RubricScale.objects.filter(is_default=True).count() == 2
    assert list(own.levels.values_list("value", "label")) == list(shared.levels.values_list("value", "label"))
