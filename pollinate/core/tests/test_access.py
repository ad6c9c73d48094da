"""get_object_for: a record outside what the actor may see is "not found"; a refused verb is "forbidden"."""

from __future__ import annotations

import pytest

from pollinate.core.access import get_object_for, require
from pollinate.core.errors import Forbidden, NotFound
from pollinate.people import policies

pytestmark = pytest.mark.django_db


def test_visible_record_is_returned(world):
    section = get_object_for(world.teacher, policies.sections_visible_to(world.teacher), world.section.pk)
    assert section == world.section


@pytest.mark.parametrize("pk", ["other", "missing", "garbage", None])
def test_invisible_missing_or_malformed_id_is_not_found(world, pk):
    value = {"other": world.other_section.pk, "missing": 999_999, "garbage": "1; drop", None: None}[pk]
    with pytest.raises(NotFound) as caught:
        get_object_for(world.teacher, policies.sections_visible_to(world.teacher), value)
    assert caught.value.status == 404
    assert caught.value.message == "Not found."


def test_visible_but_verb_refused_is_forbidden(world):
    with pytest.raises(Forbidden) as caught:
        get_object_for(world.student, policies.sections_visible_to(world.student), world.section.pk,
                       allowed=policies.can_update_section)
    assert caught.value.status == 403


def test_verb_allowed_returns_the_record(world):
    section = get_object_for(world.teacher, policies.sections_visible_to(world.teacher), world.section.pk,
                             allowed=policies.can_update_section)
    assert section == world.section


def test_require():
    require(True)
    with pytest.raises(Forbidden) as caught:
        require(False, "Only district administrators may import rosters.")
    assert caught.value.message == "Only district administrators may import rosters."
