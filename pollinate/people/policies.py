"""Who may see and change districts, schools, classes and people.

Each ``<entity>s_visible_to(actor)`` is the single definition of visibility; each ``can_view_<entity>``
is defined as membership in it, so the two cannot disagree. Rules, from roles and relationships:

- district administrators (and regional administrators over their region's districts) see everything
  in their districts and may run roster imports there;
- school leaders see their schools, the classes in them and the people enrolled or assigned there;
- teachers see the classes they teach, the students in them and those students' guardians;
- coaches and mentors see the people they support (a lead coach: the whole network below them) and
  the classes their coached teachers teach;
- students see themselves, their classes and their teachers;
- anyone sees the coaches and mentors who support them;
- guardians see themselves, their children, their children's classes and teachers;
- everyone else sees nothing (deny by default); site operators (superusers) get no data by that alone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pollinate.people.models import (
    CoachingAssignment,
    District,
    Enrollment,
    Guardianship,
    Person,
    RecordStatus,
    RoleAssignment,
    School,
    Section,
)
from pollinate.people.roles import scope_for

ACTIVE = RecordStatus.ACTIVE


def districts_visible_to(actor: Any) -> QuerySet[District]:
    scope = scope_for(actor)
    return District.objects.filter(id__in=scope.district_ids)


def schools_visible_to(actor: Any) -> QuerySet[School]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return School.objects.none()
    ward_schools = Enrollment.objects.filter(person_id__in=scope.ward_ids, status=ACTIVE).values("school_id")
    coachee_schools = Enrollment.objects.filter(person_id__in=scope.coachee_ids, status=ACTIVE).values("school_id")
    return School.objects.filter(
        Q(district_id__in=scope.admin_district_ids)
        | Q(id__in=scope.led_school_ids | scope.member_school_ids)
        | Q(id__in=ward_schools)
        | Q(id__in=coachee_schools)
    )


def sections_visible_to(actor: Any) -> QuerySet[Section]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Section.objects.none()
    ward_sections = Enrollment.objects.filter(person_id__in=scope.ward_ids, status=ACTIVE).values("section_id")
    coachee_sections = Enrollment.objects.filter(
        person_id__in=scope.coachee_ids, role__in=Enrollment.TEACHING_ROLES, status=ACTIVE
    ).values("section_id")
    return Section.objects.filter(
        Q(district_id__in=scope.admin_district_ids)
        | Q(school_id__in=scope.led_school_ids)
        | Q(id__in=scope.taught_section_ids | scope.enrolled_section_ids)
        | Q(id__in=ward_sections)
        | Q(id__in=coachee_sections)
    )


def people_visible_to(actor: Any) -> QuerySet[Person]:
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Person.objects.none()
    own_sections = scope.taught_section_ids | scope.enrolled_section_ids
    ward_sections = Enrollment.objects.filter(person_id__in=scope.ward_ids, status=ACTIVE).values("section_id")
    # Teachers see the students they teach; students and families see the teachers of their classes.
    taught_students = Enrollment.objects.filter(section_id__in=scope.taught_section_ids, status=ACTIVE).values(
        "person_id"
    )
    teachers_of_mine = Enrollment.objects.filter(
        Q(section_id__in=own_sections) | Q(section_id__in=ward_sections),
        role__in=Enrollment.TEACHING_ROLES,
        status=ACTIVE,
    ).values("person_id")
    guardians_of_taught = Guardianship.objects.filter(student_id__in=taught_students, status=ACTIVE).values(
        "guardian_id"
    )
    led_school_people = Enrollment.objects.filter(school_id__in=scope.led_school_ids).values("person_id")
    led_school_staff = Person.objects.filter(role_assignments__school_id__in=scope.led_school_ids).values("id")
    led_school_guardians = Guardianship.objects.filter(student_id__in=led_school_people).values("guardian_id")
    # Everyone may see who coaches or mentors them.
    my_supporters = CoachingAssignment.objects.filter(coachee_id=scope.person_id, status=ACTIVE).values("coach_id")
    condition = (
        Q(id=scope.person_id)
        | Q(id__in=my_supporters)
        | Q(district_id__in=scope.admin_district_ids)
        | Q(id__in=scope.ward_ids | scope.coachee_ids | scope.mentee_ids)
        | Q(id__in=taught_students)
        | Q(id__in=teachers_of_mine)
        | Q(id__in=guardians_of_taught)
    )
    if scope.led_school_ids:
        condition |= Q(id__in=led_school_people) | Q(id__in=led_school_staff) | Q(id__in=led_school_guardians)
    return Person.objects.filter(condition)


def can_view_district(actor: Any, district: District) -> bool:
    return district.pk in scope_for(actor).district_ids


def can_view_school(actor: Any, school: School) -> bool:
    return schools_visible_to(actor).filter(pk=school.pk).exists()


def can_view_section(actor: Any, section: Section) -> bool:
    return sections_visible_to(actor).filter(pk=section.pk).exists()


def can_view_person(actor: Any, person: Person) -> bool:
    scope = scope_for(actor)
    if scope.person_id is not None and person.pk == scope.person_id:
        return True
    return people_visible_to(actor).filter(pk=person.pk).exists()


def can_manage_district(actor: Any, district: District | int | None) -> bool:
    """Run roster imports, manage roles and read the audit log of a district."""
    district_id = district.pk if isinstance(district, District) else district
    return scope_for(actor).administers_district(district_id)


def can_update_person(actor: Any, person: Person) -> bool:
    return can_manage_district(actor, person.district_id)


def can_update_section(actor: Any, section: Section) -> bool:
    scope = scope_for(actor)
    return (
        scope.administers_district(section.district_id)
        or scope.leads_school(section.school_id)
        or section.pk in scope.taught_section_ids
    )



# Relationships around a learner (a student, or an educator pursuing a professional goal). Learning apps
# (goals, evidence, reflections, inquiry, choice) build their rules from these, never from roles directly.


def learners_guided_by(actor: Any) -> QuerySet[Person]:
    """Learners this person guides: students in the classes they teach, their mentees, the educators they coach."""
    scope = scope_for(actor)
    if scope.is_anonymous:
        return Person.objects.none()
    taught_students = Enrollment.objects.filter(
        section_id__in=scope.taught_section_ids, role=Enrollment.EnrollmentRole.STUDENT, status=ACTIVE
    ).values("person_id")
    return Person.objects.filter(Q(id__in=taught_students) | Q(id__in=scope.mentee_ids | scope.coachee_ids))


def learners_overseen_by(actor: Any) -> QuerySet[Person]:
    """Learners whose records a leader may read for oversight: everyone in the schools they lead or the
    districts they administer. Oversight reads, it does not guide (no agreeing goals, no private evidence)."""
    scope = scope_for(actor)
    if scope.is_anonymous or not (scope.led_school_ids or scope.admin_district_ids):
        return Person.objects.none()
    in_led_schools = Enrollment.objects.filter(school_id__in=scope.led_school_ids, status=ACTIVE).values("person_id")
    staff_of_led = RoleAssignment.objects.filter(school_id__in=scope.led_school_ids, status=ACTIVE).values("person_id")
    return Person.objects.filter(
        Q(district_id__in=scope.admin_district_ids) | Q(id__in=in_led_schools) | Q(id__in=staff_of_led)
    )


def classmates_of(actor: Any) -> QuerySet[Person]:
    """Students who share a class with this person (for evidence shared with "my class")."""
    scope = scope_for(actor)
    return Person.objects.filter(
        id__in=Enrollment.objects.filter(
            section_id__in=scope.enrolled_section_ids, role=Enrollment.EnrollmentRole.STUDENT, status=ACTIVE
        ).values("person_id")
    )


def schoolmates_of(actor: Any) -> QuerySet[Person]:
    """Everyone enrolled or working at a school this person belongs to (for "my school")."""
    scope = scope_for(actor)
    return Person.objects.filter(
        Q(id__in=Enrollment.objects.filter(school_id__in=scope.member_school_ids, status=ACTIVE).values("person_id"))
        | Q(
            id__in=RoleAssignment.objects.filter(
                school_id__in=scope.member_school_ids, status=ACTIVE
            ).values("person_id")
        )
    )


def can_guide(actor: Any, learner: Person | int) -> bool:
    learner_id = learner.pk if isinstance(learner, Person) else learner
    return learners_guided_by(actor).filter(pk=learner_id).exists()


def is_family_of(actor: Any, learner: Person | int) -> bool:
    learner_id = learner.pk if isinstance(learner, Person) else learner
    return learner_id in scope_for(actor).ward_ids
