"""Who may see a learner's work, by audience level. Shared by evidence, inquiries and portfolios.

``visible_by_audience(actor, learner_field, audience_field)`` is a Q over any model that has a learner and an
audience; it is the single definition of the audience ladder (see ``Audience``):

- the learner always sees their own work;
- "my guides" and above: the learner's teachers, mentors and coaches;
- "my family" and above: the learner's guardians;
- "my class" and above: students who share a class with the learner;
- "my school" and above: everyone at a school the learner belongs to;
- "public showcase": anyone, signed in or not.

Leaders' oversight does not open private work: a leader sees a piece only if its audience reaches them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from pollinate.evidence.models import AUDIENCE_ORDER, Audience
from pollinate.people import policies
from pollinate.people.roles import scope_for


def at_least(level: str) -> list[str]:
    return AUDIENCE_ORDER[AUDIENCE_ORDER.index(level):]


def visible_by_audience(actor: Any, *, learner_field: str = "learner", audience_field: str = "audience") -> Q:
    scope = scope_for(actor)
    public = Q(**{f"{audience_field}": Audience.PUBLIC})
    if scope.is_anonymous:
        return public
    learner_id = f"{learner_field}_id"
    condition = public | Q(**{learner_id: scope.person_id})
    condition |= Q(**{f"{audience_field}__in": at_least(Audience.GUIDES),
                      f"{learner_id}__in": policies.learners_guided_by(actor).values("id")})
    if scope.ward_ids:
        condition |= Q(**{f"{audience_field}__in": at_least(Audience.FAMILY), f"{learner_id}__in": scope.ward_ids})
    if scope.enrolled_section_ids:
        condition |= Q(**{f"{audience_field}__in": at_least(Audience.CLASS),
                          f"{learner_id}__in": policies.classmates_of(actor).values("id")})
    if scope.member_school_ids:
        condition |= Q(**{f"{audience_field}__in": at_least(Audience.SCHOOL),
                          f"{learner_id}__in": policies.schoolmates_of(actor).values("id")})
    return condition


def visible_by_audience_to_guide(actor: Any, *, learner_field: str = "learner", audience_field: str = "audience") -> Q:
    """``visible_by_audience`` on work of learners ``actor`` guides, and only there: the caller restricts the rows to
    those learners (e.g. the guide queue, which has them already). Every level from "my guides" up reaches a guide;
    "only me" reaches the learner alone. Leaves out the full rule's relationship subqueries."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Q(**{audience_field: Audience.PUBLIC})
    return Q(**{f"{audience_field}__in": at_least(Audience.GUIDES)}) | Q(**{f"{learner_field}_id": scope.person_id})
