"""Small builders for reflection tests (evidence and goals belong to other apps; these make bare rows)."""

from __future__ import annotations

from pollinate.evidence.models import Evidence
from pollinate.goals.models import Goal
from pollinate.people.models import Role
from pollinate.people.tests.factories import enroll, make_person
from pollinate.reflections.models import Reflection


def make_evidence(learner, *, audience="guides", title="My volcano model"):
    return Evidence.objects.create(district_id=learner.district_id, learner=learner, kind="writing", title=title,
                                   body="<p>work</p>", audience=audience)


def make_goal(learner, *, status="active", title="Read 20 minutes a day"):
    return Goal.objects.create(district_id=learner.district_id, learner=learner, kind="academic", title=title,
                               status=status)


def make_reflection(learner, *, shared=True, body="<p>I learned about rocks</p>", **fields):
    return Reflection.objects.create(district_id=learner.district_id, learner=learner, body=body,
                                     shared_with_guides=shared, **fields)


def make_classmate(world, username="classmate"):
    person = make_person(world.section.district, Role.STUDENT, school=world.school_a1, username=username)
    enroll(person, world.section)
    return person
