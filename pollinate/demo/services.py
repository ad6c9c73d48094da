"""Loading, replacing and describing the demo district.

The demo district is found by its slug; loading it again is a no-op unless asked to replace it, because
`make run` loads it on every start. Replacing deletes that district's records only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from pollinate.choice.models import Activity, ActivityChoice, Pathway
from pollinate.coaching.demo import seed_coaching
from pollinate.coaching.models import (
    CadenceRule,
    ClosureDay,
    CoachingCycle,
    CoachingSettings,
    Escalation,
    NextStep,
    ScheduledCheckIn,
)
from pollinate.competencies.models import Competency, DistrictCalculation, Framework, RubricLevel, RubricScale
from pollinate.core.audit import audit_log
from pollinate.demo import generator as g
from pollinate.demo.learning import LEARNING_SIZES, seed_learning
from pollinate.demo.writers import DatabaseWriter, OneRosterCsvWriter, Progress
from pollinate.evidence.models import DistrictEvidenceSettings, Evidence
from pollinate.goals.models import Goal, SystemGoal
from pollinate.inquiry.models import EssentialQuestion, Inquiry
from pollinate.learners.models import LearnerProfile
from pollinate.mastery.demo import seed_mastery
from pollinate.mastery.models import (
    ActivityCompetency,
    DismissedSuggestion,
    ExpectedLevel,
    MasteryRecord,
    QuickCheck,
    QuickCheckResponse,
    Recalculation,
    Score,
)
from pollinate.notifications.models import Notification
from pollinate.people.models import (
    AcademicSession,
    CoachingAssignment,
    Course,
    District,
    Enrollment,
    Guardianship,
    Person,
    Role,
    RoleAssignment,
    School,
    Section,
)
from pollinate.reflections.models import Reflection, ReflectionPrompt
from pollinate.scheduling.demo import seed_scheduling
from pollinate.scheduling.models import (
    BellPeriod,
    BellSchedule,
    CoachProfile,
    FreePeriod,
    ScheduleRun,
    SchedulingSettings,
    TravelTime,
)
from pollinate.teams.demo import seed_teams
from pollinate.teams.models import Meeting, StageChange, Team, TeamMember

DELETE_SLICE = 2000
DEMO_PASSWORD = "pollinate-demo"  # noqa: S105 - published on purpose: it opens the demo accounts only


@dataclass(frozen=True)
class SeedResult:
    district: District
    created: bool  # False when the demo district was already there and nothing changed
    counts: dict[str, int]
    seconds: float


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    sees: str


def demo_district_seed(
    *,
    actor: Any = None,
    size: str,
    seed: int = g.DEFAULT_SEED,
    school_year: int,
    reset: bool = False,
    progress: Progress | None = None,
) -> SeedResult:
    """Load the demo district, unless it exists (then change nothing, or replace it when ``reset``)."""
    progress = progress or Progress()
    with transaction.atomic():
        existing = District.objects.select_for_update().filter(slug=g.DISTRICT_SLUG).first()
        if existing is not None and not reset:
            return SeedResult(existing, created=False, counts={}, seconds=progress.elapsed)
        if existing is not None:
            _delete_district_records(existing)
            progress.note("removed the old demo district")
        plan = g.DemoDistrict(size, seed=seed, school_year=school_year)
        district = DatabaseWriter(demo_password=DEMO_PASSWORD, progress=progress).write(plan.records())
        if size in LEARNING_SIZES:
            progress.done("learning activity", seed_learning(district=district, plan=plan))
            _seed_new_apps(district, plan, progress)
        audit_log(actor, "demo.seeded", district, size=size, seed=seed, school_year=school_year, reset=reset)
    return SeedResult(district, created=True, counts=dict(progress.counts), seconds=progress.elapsed)


def _seed_new_apps(district: District, plan: g.DemoDistrict, progress: Progress) -> None:
    """Mastery, teams, coaching and scheduling around the demo logins (after the learning story they build on)."""
    rng = random.Random(f"{plan.seed}:mastery")
    progress.done("mastery", seed_mastery(district, rng=rng, school_year=plan.school_year))
    progress.done("teams", seed_teams(district))
    progress.done("coaching", seed_coaching(district))
    progress.done("scheduling", sum(seed_scheduling(district=district, seed=plan.seed).values()))


def demo_oneroster_write(
    *, outdir: Path, size: str, seed: int = g.DEFAULT_SEED, school_year: int, as_zip: bool = False,
    progress: Progress | None = None,
) -> tuple[list[Path], dict[str, int]]:
    """Write the demo district as a OneRoster 1.1 bulk CSV set; returns the files and each file's row count."""
    plan = g.DemoDistrict(size, seed=seed, school_year=school_year)
    writer = OneRosterCsvWriter(outdir, progress=progress or Progress())
    paths = writer.write(plan.records(), as_zip=as_zip)
    return paths, dict(writer.rows)


def _delete_district_records(district: District) -> None:
    """Delete the district and everything in it; records other apps protect make this raise (and roll back)."""
    files = _delete_learning_records(district)
    # Children first, so each delete is one statement rather than a cascade collected row by row.
    Enrollment.objects.filter(district=district).delete()
    Guardianship.objects.filter(district=district).delete()
    CoachingAssignment.objects.filter(district=district).delete()
    RoleAssignment.objects.filter(district=district).delete()
    Section.terms.through.objects.filter(section__district=district).delete()
    Section.objects.filter(district=district).delete()
    Course.objects.filter(district=district).delete()
    # People go in slices: other apps' records point at people, and the cascade collector holds every row it
    # deletes in memory (a district is 100,000 people).
    people = list(Person.objects.filter(district=district).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(people), DELETE_SLICE):
        Person.objects.filter(pk__in=people[start:start + DELETE_SLICE]).delete()
    School.objects.filter(district=district).delete()
    AcademicSession.objects.filter(district=district).delete()
    district.delete()
    # Uploaded evidence files go only once the rows are surely gone.
    transaction.on_commit(lambda: _delete_files(files))


def _delete_learning_records(district: District) -> list[str]:
    """The learner-agency records of the district, newest dependants first, each kind in one statement (a
    benchmark run leaves millions of them, too many for the people's cascade). Returns the files to remove."""
    evidence = Evidence.objects.filter(district=district)
    files = [name for pair in evidence.exclude(file="").values_list("file", "thumbnail") for name in pair if name]
    _delete_coaching_records(district)
    _delete_mastery_records(district)
    Notification.objects.filter(recipient__district=district).delete()
    Reflection.objects.filter(district=district).delete()
    evidence.delete()
    Inquiry.objects.filter(district=district).delete()
    EssentialQuestion.objects.filter(district=district).delete()
    ActivityChoice.objects.filter(pathway__district=district).delete()
    Pathway.objects.filter(district=district).delete()
    Activity.objects.filter(district=district).delete()
    Goal.objects.filter(district=district).delete()
    SystemGoal.objects.filter(district=district).delete()
    LearnerProfile.objects.filter(district=district).delete()
    ReflectionPrompt.objects.filter(district=district).delete()
    DistrictEvidenceSettings.objects.filter(district=district).delete()
    return files


def _delete_coaching_records(district: District) -> None:
    """Teams, coaching and scheduling records; check-ins before the cycles and runs they point at (SET_NULL)."""
    Meeting.attendees.through.objects.filter(meeting__team__district=district).delete()
    Meeting.objects.filter(team__district=district).delete()
    StageChange.objects.filter(team__district=district).delete()
    TeamMember.objects.filter(team__district=district).delete()
    Team.objects.filter(district=district).delete()
    NextStep.objects.filter(check_in__district=district).delete()
    Escalation.objects.filter(district=district).delete()
    ScheduledCheckIn.objects.filter(district=district).delete()
    CoachingCycle.evidence.through.objects.filter(coachingcycle__district=district).delete()
    CoachingCycle.objects.filter(district=district).delete()
    CadenceRule.objects.filter(district=district).delete()
    ClosureDay.objects.filter(district=district).delete()
    CoachingSettings.objects.filter(district=district).delete()
    ScheduleRun.objects.filter(district=district).delete()
    SchedulingSettings.objects.filter(district=district).delete()
    BellPeriod.objects.filter(schedule__school__district=district).delete()
    BellSchedule.objects.filter(school__district=district).delete()
    FreePeriod.objects.filter(person__district=district).delete()
    CoachProfile.objects.filter(district=district).delete()
    TravelTime.objects.filter(district=district).delete()


def _delete_mastery_records(district: District) -> None:
    """Scores, mastery and the district's own frameworks (built-in ones are shared and stay; the district's choice
    of calculation on them goes)."""
    DismissedSuggestion.objects.filter(learner__district=district).delete()
    ActivityCompetency.objects.filter(activity__district=district).delete()
    Score.objects.filter(district=district).delete()
    QuickCheckResponse.objects.filter(quick_check__district=district).delete()
    QuickCheck.objects.filter(district=district).delete()
    MasteryRecord.objects.filter(district=district).delete()
    ExpectedLevel.objects.filter(school__district=district).delete()
    Competency.objects.filter(framework__district=district).delete()
    DistrictCalculation.objects.filter(district=district).delete()
    Recalculation.objects.filter(district=district).delete()
    Framework.objects.filter(district=district).delete()
    RubricLevel.objects.filter(scale__district=district).delete()
    RubricScale.objects.filter(district=district).delete()


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


# What each demo account is for: role shown, and what the person will see once signed in.
_ACCOUNT_ROLES = (
    (g.DEMO_STUDENT, Role.STUDENT),
    (g.DEMO_TEACHER, Role.TEACHER),
    (g.DEMO_TEACHER_COACH, Role.TEACHER),
    (g.DEMO_MENTOR, Role.MENTOR),
    (g.DEMO_SITE_COACH, Role.SITE_COACH),
    (g.DEMO_LEAD_COACH, Role.LEAD_COACH),
    (g.DEMO_LEADER, Role.SCHOOL_LEADER),
    (g.DEMO_ADMIN, Role.DISTRICT_ADMIN),
    (g.DEMO_GUARDIAN, Role.GUARDIAN),
)


def _sees(key: str, school: str, district: str, *, learning: bool) -> str:
    texts = {
        g.DEMO_STUDENT: _("Their own six classes at %(school)s"),
        g.DEMO_TEACHER: _("The classes they teach at %(school)s and those students"),
        g.DEMO_TEACHER_COACH: _("Their own classes, and the teachers they coach at %(school)s"),
        g.DEMO_MENTOR: _("The students they mentor at %(school)s"),
        g.DEMO_SITE_COACH: _("The teachers they coach at %(school)s and those teachers' classes"),
        g.DEMO_LEAD_COACH: _("The site coaches they support and those coaches' teachers"),
        g.DEMO_LEADER: _("Every class, teacher and student at %(school)s"),
        g.DEMO_ADMIN: _("Every school, class and person in %(district)s"),
        g.DEMO_GUARDIAN: _("Their children's classes and progress"),
    }
    if learning:
        # Sizes with seeded learning activity: say where to look first.
        texts |= {
            g.DEMO_STUDENT: _("Their classes at %(school)s, goals in every state, a portfolio, a choice board "
                              "and a playlist, an inquiry; My progress: levels rising over weeks, and next steps"),
            g.DEMO_TEACHER: _("Their classes at %(school)s; “Who needs me”: goals to agree, work awaiting "
                              "feedback; Mastery grid: each learner's levels; Teams: two collegial teams"),
            g.DEMO_TEACHER_COACH: _("Their own classes, the teachers they coach at %(school)s; Teams: three "
                                    "teams at different stages, with meeting notes"),
            g.DEMO_MENTOR: _("The students they mentor at %(school)s, with demo-student's goals and work; "
                             "Coaching: check-ins held and due"),
            g.DEMO_SITE_COACH: _("The teachers they coach at %(school)s; Coaching: a caseload with someone "
                                 "overdue and a coaching cycle; Schedule: this week's check-ins"),
            g.DEMO_LEAD_COACH: _("The site coaches they support and their teachers; Coaching, Coverage: overdue "
                                 "check-ins escalated to them; Schedule: this week"),
            g.DEMO_LEADER: _("Every class, teacher and student at %(school)s; Teams: teams at each stage; "
                             "Mastery grid, and expected progression for Reading and writing"),
            g.DEMO_ADMIN: _("Every school, class and person in %(district)s; Competencies: the district's "
                            "Reading and writing framework"),
            g.DEMO_GUARDIAN: _("Their children's classes, demo-student's goals, the work shared with family and "
                               "Progress in family words"),
        }
    return texts[key] % {"school": school, "district": district}


def demo_logins() -> list[DemoLogin]:
    """The demo accounts present in the database, one per role, with what each will see."""
    district = District.objects.filter(slug=g.DISTRICT_SLUG).first()
    if district is None:
        return []
    usernames = {g.DEMO_USERNAMES[key]: key for key, _role in _ACCOUNT_ROLES}
    schools = dict(
        RoleAssignment.objects.filter(district=district, person__username__in=usernames, school__isnull=False)
        .values_list("person__username", "school__name")
    )
    present = set(Person.objects.filter(district=district, username__in=usernames).values_list("username", flat=True))
    learning = Goal.objects.filter(district=district).exists()
    logins = []
    for key, role in _ACCOUNT_ROLES:
        username = g.DEMO_USERNAMES[key]
        if username not in present:
            continue
        label = _("Teacher and site coach") if key == g.DEMO_TEACHER_COACH else str(role.label)
        logins.append(DemoLogin(label, username, _sees(key, schools.get(username, district.name), district.name,
                                                       learning=learning)))
    return logins
