"""The scope resolver: the only code that interprets roles.

``scope_for(actor)`` answers which districts, schools, classes and people a person covers, from their
role assignments, the classes they teach or take, the students they are guardian of, and the people
they coach or mentor. It costs a fixed handful of queries and is cached on the actor object for the rest
of the request. Every app's ``policies.py`` builds its rules from this, and nothing else reads roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pollinate.people.models import (
    CoachingAssignment,
    District,
    Enrollment,
    Guardianship,
    RecordStatus,
    Role,
    RoleAssignment,
)

ACTIVE = RecordStatus.ACTIVE
_CACHE_ATTR = "_pollinate_scope"


@dataclass(frozen=True)
class Scope:
    person_id: int | None
    home_district_id: int | None = None
    roles: frozenset[str] = frozenset()
    # Districts the person administers in full (district admins; every district of a regional admin's region).
    admin_district_ids: frozenset[int] = frozenset()
    # Schools the person leads.
    led_school_ids: frozenset[int] = frozenset()
    # Schools where the person holds any role (teacher, coach, student...).
    member_school_ids: frozenset[int] = frozenset()
    # Classes the person teaches (teacher or aide enrollment) and takes (student enrollment).
    taught_section_ids: frozenset[int] = frozenset()
    enrolled_section_ids: frozenset[int] = frozenset()
    # Students the person is guardian of.
    ward_ids: frozenset[int] = frozenset()
    # People the person supports directly or through the coaching network below them.
    coachee_ids: frozenset[int] = frozenset()
    mentee_ids: frozenset[int] = frozenset()
    district_ids: frozenset[int] = field(default=frozenset())

    @property
    def is_anonymous(self) -> bool:
        return self.person_id is None

    @property
    def is_learner(self) -> bool:
        """Students, and educators as learners (professional goals). Someone who is only a guardian is not."""
        return bool(self.roles - {Role.GUARDIAN, Role.REGIONAL_ADMIN})

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def administers_district(self, district_id: int | None) -> bool:
        return district_id is not None and district_id in self.admin_district_ids

    def leads_school(self, school_id: int | None) -> bool:
        return school_id is not None and school_id in self.led_school_ids


ANONYMOUS = Scope(person_id=None)


def scope_for(actor: Any) -> Scope:
    """The scope of ``actor`` (a Person, or AnonymousUser). Cached on the object for the request."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
        return ANONYMOUS
    cached = getattr(actor, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    scope = _resolve(actor)
    setattr(actor, _CACHE_ATTR, scope)
    return scope


def forget_scope(actor: Any) -> None:
    """Drop the cached scope (after a service changes the actor's own roles)."""
    if hasattr(actor, _CACHE_ATTR):
        delattr(actor, _CACHE_ATTR)


def _resolve(actor: Any) -> Scope:
    person_id = actor.pk
    roles: set[str] = set()
    admin_districts: set[int] = set()
    led_schools: set[int] = set()
    member_schools: set[int] = set()
    regions: set[int] = set()
    districts: set[int] = set()
    for role, district_id, school_id, region_id in RoleAssignment.objects.filter(
        person_id=person_id, status=ACTIVE
    ).values_list("role", "district_id", "school_id", "region_id"):
        roles.add(role)
        districts.add(district_id)
        if school_id:
            member_schools.add(school_id)
        if role == Role.DISTRICT_ADMIN:
            admin_districts.add(district_id)
        elif role == Role.REGIONAL_ADMIN and region_id:
            regions.add(region_id)
        elif role == Role.SCHOOL_LEADER and school_id:
            led_schools.add(school_id)
    if regions:
        admin_districts.update(District.objects.filter(region_id__in=regions).values_list("id", flat=True))

    taught: set[int] = set()
    enrolled: set[int] = set()
    for section_id, school_id, role in Enrollment.objects.filter(person_id=person_id, status=ACTIVE).values_list(
        "section_id", "school_id", "role"
    ):
        member_schools.add(school_id)
        if role in Enrollment.TEACHING_ROLES:
            taught.add(section_id)
        elif role == Enrollment.EnrollmentRole.STUDENT:
            enrolled.add(section_id)

    wards = set(
        Guardianship.objects.filter(guardian_id=person_id, status=ACTIVE).values_list("student_id", flat=True)
    )

    coachees: set[int] = set()
    mentees: set[int] = set()
    # Walk the network downward: a lead coach covers their site coaches and those coaches' teachers.
    frontier = {person_id}
    seen = {person_id}
    for _depth in range(3):
        if not frontier:
            break
        rows = list(
            CoachingAssignment.objects.filter(coach_id__in=frontier, status=ACTIVE).values_list("coachee_id", "kind")
        )
        frontier = set()
        for coachee_id, kind in rows:
            if kind == CoachingAssignment.Kind.MENTOR_TO_STUDENT:
                mentees.add(coachee_id)
            else:
                coachees.add(coachee_id)
                if coachee_id not in seen:
                    frontier.add(coachee_id)
            seen.add(coachee_id)

    if actor.district_id:
        districts.add(actor.district_id)
    return Scope(
        person_id=person_id,
        home_district_id=actor.district_id,
        roles=frozenset(roles),
        admin_district_ids=frozenset(admin_districts),
        led_school_ids=frozenset(led_schools),
        member_school_ids=frozenset(member_schools),
        taught_section_ids=frozenset(taught),
        enrolled_section_ids=frozenset(enrolled),
        ward_ids=frozenset(wards),
        coachee_ids=frozenset(coachees),
        mentee_ids=frozenset(mentees),
        district_ids=frozenset(districts | admin_districts),
    )
