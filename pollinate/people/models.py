"""The district model: who is where, in which role. Every record belongs to a district.

District → School → Section (a class: course, term, periods) → Enrollment; AcademicSession (school year,
terms); Person (also the sign-in identity) with RoleAssignments scoped to a region, district, school or
section; Guardianship links families to students; CoachingAssignment links coaches and mentors to the
people they support. Roster-fed records carry the OneRoster ``sourced_id`` and a ``status`` so a bulk
import can deactivate what disappeared without deleting anything.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecordStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class Region(models.Model):
    """A group of districts served by one deployment (a regional education agency or a state)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    sourced_id = models.CharField(_("OneRoster sourcedId"), max_length=255, blank=True, default="")
    identifier = models.CharField(_("state or NCES identifier"), max_length=255, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RosterRecord(models.Model):
    """Fields every roster-fed record shares."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    sourced_id = models.CharField(_("OneRoster sourcedId"), max_length=255, null=True, blank=True)
    status = models.CharField(max_length=16, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    source_modified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class School(RosterRecord):
    name = models.CharField(_("name"), max_length=255)
    identifier = models.CharField(_("school number"), max_length=255, blank=True, default="")
    # The school's "learning engine" (design thinking, IB MYP, PBL) is set during rollout.
    learning_engine = models.CharField(_("learning engine"), max_length=120, blank=True, default="")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "sourced_id"], name="people_school_unique_sourced_id"),
        ]

    def __str__(self) -> str:
        return self.name


class AcademicSession(RosterRecord):
    class Kind(models.TextChoices):
        SCHOOL_YEAR = "schoolYear", _("School year")
        TERM = "term", _("Term")
        SEMESTER = "semester", _("Semester")
        GRADING_PERIOD = "gradingPeriod", _("Grading period")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    school_year = models.PositiveIntegerField(_("school year"))

    class Meta:
        ordering = ["starts_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["district", "sourced_id"], name="people_session_unique_sourced_id"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="people_session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Course(RosterRecord):
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.SET_NULL, related_name="courses")
    title = models.CharField(_("title"), max_length=255)
    code = models.CharField(_("course code"), max_length=255, blank=True, default="")
    grades = models.CharField(_("grades"), max_length=255, blank=True, default="")
    subjects = models.CharField(_("subjects"), max_length=255, blank=True, default="")
    school_year = models.ForeignKey(
        AcademicSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="courses"
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["district", "sourced_id"], name="people_course_unique_sourced_id"),
        ]

    def __str__(self) -> str:
        return self.title


class Section(RosterRecord):
    """A class: one group of learners taking a course with a teacher in a term ("class" in the UI)."""

    class Kind(models.TextChoices):
        HOMEROOM = "homeroom", _("Homeroom")
        SCHEDULED = "scheduled", _("Scheduled")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="sections")
    course = models.ForeignKey(Course, null=True, blank=True, on_delete=models.SET_NULL, related_name="sections")
    title = models.CharField(_("title"), max_length=255)
    code = models.CharField(_("class code"), max_length=255, blank=True, default="")
    kind = models.CharField(_("class type"), max_length=20, choices=Kind.choices, default=Kind.SCHEDULED)
    location = models.CharField(_("room"), max_length=255, blank=True, default="")
    periods = models.CharField(_("periods"), max_length=255, blank=True, default="")
    grades = models.CharField(_("grades"), max_length=255, blank=True, default="")
    subjects = models.CharField(_("subjects"), max_length=255, blank=True, default="")
    terms = models.ManyToManyField(AcademicSession, blank=True, related_name="sections")

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["district", "sourced_id"], name="people_section_unique_sourced_id"),
        ]

    def __str__(self) -> str:
        return self.title


class PersonManager(UserManager):
    def create_user(self, username, email=None, password=None, **extra_fields):  # type: ignore[override]
        return super().create_user(username, email, password, **extra_fields)


class Person(AbstractBaseUser, PermissionsMixin):
    """Anyone the district knows: student, educator, guardian. Also the sign-in identity.

    Most rostered people never set a password (their password is unusable until an administrator invites
    them or they reset it by email).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="people", null=True, blank=True)
    sourced_id = models.CharField(_("OneRoster sourcedId"), max_length=255, null=True, blank=True)
    status = models.CharField(max_length=16, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    username = models.CharField(_("username"), max_length=150, unique=True)
    email = models.EmailField(_("email address"), blank=True, default="")
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150, blank=True, default="")
    middle_name = models.CharField(_("middle name"), max_length=150, blank=True, default="")
    preferred_name = models.CharField(_("preferred name"), max_length=150, blank=True, default="")
    identifier = models.CharField(_("student or staff number"), max_length=255, blank=True, default="")
    grades = models.CharField(_("grades"), max_length=255, blank=True, default="")
    phone = models.CharField(_("phone"), max_length=64, blank=True, default="")
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=16, blank=True, default="")
    is_active = models.BooleanField(_("may sign in"), default=True)
    is_staff = models.BooleanField(_("site operator"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    source_modified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email", "given_name"]

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "sourced_id"], name="people_person_unique_sourced_id"),
        ]
        indexes = [models.Index(fields=["district", "family_name", "given_name"], name="people_person_name_idx")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.given_name
        return f"{first} {self.family_name}".strip()

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.preferred_name or self.given_name


class Role(models.TextChoices):
    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")
    MENTOR = "mentor", _("Mentor")
    SITE_COACH = "site_coach", _("Site coach")
    LEAD_COACH = "lead_coach", _("Lead coach")
    SCHOOL_LEADER = "school_leader", _("School leader")
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    GUARDIAN = "guardian", _("Guardian")
    REGIONAL_ADMIN = "regional_admin", _("Regional administrator")
    COUNCIL_MEMBER = "council_member", _("Council member")


class RoleAssignment(models.Model):
    """One role a person holds, scoped to a region, a district, a school or a class.

    Exactly one scope is the role's *own* scope; district is always set so tenancy filters stay simple.
    Teaching a particular class is expressed by an Enrollment, not here.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # Roster-derived roles are replaced by each import; manually granted ones are kept.
    from_roster = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # NULL scopes compare equal here (Coalesce to 0): SQLite has no NULLS NOT DISTINCT.
            models.UniqueConstraint(
                "person",
                "role",
                "district",
                Coalesce("region", Value(0)),
                Coalesce("school", Value(0)),
                Coalesce("section", Value(0)),
                name="people_roleassignment_unique",
            ),
            models.CheckConstraint(
                condition=Q(role="regional_admin", region__isnull=False) | ~Q(role="regional_admin"),
                name="people_roleassignment_regional_has_region",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"], name="people_role_person_idx")]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.role}"


class Enrollment(RosterRecord):
    class EnrollmentRole(models.TextChoices):
        STUDENT = "student", _("Student")
        TEACHER = "teacher", _("Teacher")
        AIDE = "aide", _("Aide")
        ADMINISTRATOR = "administrator", _("Administrator")
        PROCTOR = "proctor", _("Proctor")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="enrollments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="enrollments")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=EnrollmentRole.choices)
    primary = models.BooleanField(default=False)
    begins_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "sourced_id"], name="people_enrollment_unique_sourced_id"),
        ]
        indexes = [
            models.Index(fields=["person", "role", "status"], name="people_enr_person_idx"),
            models.Index(fields=["section", "role", "status"], name="people_enr_section_idx"),
        ]

    TEACHING_ROLES = ("teacher", "aide")

    def __str__(self) -> str:
        return f"{self.person_id} in {self.section_id} as {self.role}"


class Guardianship(RosterRecord):
    """A guardian (parent, relative, legal guardian) linked to a student."""

    guardian = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="guardianships")
    student = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="guardian_links")
    relationship = models.CharField(_("relationship"), max_length=40, blank=True, default="guardian")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["guardian", "student"], name="people_guardianship_unique"),
            models.CheckConstraint(condition=~Q(guardian=models.F("student")), name="people_guardianship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.guardian_id} guardian of {self.student_id}"


class CoachingAssignment(models.Model):
    """A supporter and the person they support: lead coach → site coach, site coach → teacher, mentor → student."""

    class Kind(models.TextChoices):
        LEAD_TO_SITE = "lead_to_site", _("Lead coach supports site coach")
        COACH_TO_TEACHER = "coach_to_teacher", _("Coach supports teacher")
        MENTOR_TO_STUDENT = "mentor_to_student", _("Mentor supports student")

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="coaching_caseload")
    coachee = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="coached_by")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=16, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coach", "coachee", "kind"], name="people_coaching_unique"),
            models.CheckConstraint(condition=~Q(coach=models.F("coachee")), name="people_coaching_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.coach_id} supports {self.coachee_id} ({self.kind})"
