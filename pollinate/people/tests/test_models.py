"""Invariants the database itself keeps, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from pollinate.people.models import Role, RoleAssignment
from pollinate.people.tests.factories import DistrictFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_the_same_district_role_cannot_be_granted_twice():
    district = DistrictFactory()
    person = PersonFactory(district=district)
    RoleAssignment.objects.create(person=person, role=Role.DISTRICT_ADMIN, district=district)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(person=person, role=Role.DISTRICT_ADMIN, district=district)
    assert RoleAssignment.objects.filter(person=person).count() == 1


def test_one_role_at_two_schools_is_two_assignments():
    district = DistrictFactory()
    person = PersonFactory(district=district)
    for school in (SchoolFactory(district=district), SchoolFactory(district=district)):
        RoleAssignment.objects.create(person=person, role=Role.TEACHER, district=district, school=school)
    assert RoleAssignment.objects.filter(person=person).count() == 2
