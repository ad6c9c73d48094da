import datetime

import pytest

from pollinate.people.models import Role
from pollinate.people.tests.factories import enroll, make_person


@pytest.fixture
def world(world):
    """The shared personas, with the learner old enough for a public showcase and a real classmate."""
    world.student.birth_date = datetime.date(2010, 1, 1)
    world.student.save(update_fields=["birth_date"])
    classmate = make_person(world.student.district, Role.STUDENT, school=world.school_a1, username="classmate")
    enroll(classmate, world.section)
    world.classmate = classmate
    return world
